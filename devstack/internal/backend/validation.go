package backend

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// maxBody bounds what a request body may hold; flows are small.
const maxBody = 1 << 20

// fieldError is one entry of a FastAPI 422 answer, as pydantic v2 writes it.
type fieldError struct {
	Type  string         `json:"type"`
	Loc   []any          `json:"loc"`
	Msg   string         `json:"msg"`
	Input any            `json:"input"`
	Ctx   map[string]any `json:"ctx,omitempty"`
}

// readObject reads a JSON object body. Like FastAPI, it reports a syntax
// error with its byte offset and a non-object as a type error.
func readObject(w http.ResponseWriter, r *http.Request) (map[string]any, []fieldError) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return nil, []fieldError{{
			Type: "json_invalid", Loc: []any{"body", 0}, Msg: "JSON decode error",
			Input: map[string]any{}, Ctx: map[string]any{"error": err.Error()},
		}}
	}

	var body any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		offset := int64(0)
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			offset = syntax.Offset
		}
		return nil, []fieldError{{
			Type: "json_invalid", Loc: []any{"body", offset}, Msg: "JSON decode error",
			Input: map[string]any{}, Ctx: map[string]any{"error": err.Error()},
		}}
	}

	obj, ok := body.(map[string]any)
	if !ok {
		return nil, []fieldError{{
			Type: "model_attributes_type", Loc: []any{"body"},
			Msg:   "Input should be a valid dictionary or object to extract fields from",
			Input: body,
		}}
	}
	return obj, nil
}

// requireStrings picks the named string fields, reporting every missing or
// mistyped one at once, as pydantic does.
func requireStrings(body map[string]any, names ...string) (map[string]string, []fieldError) {
	values := make(map[string]string, len(names))
	var errs []fieldError
	for _, name := range names {
		v, ok := body[name]
		if !ok {
			errs = append(errs, fieldError{
				Type: "missing", Loc: []any{"body", name}, Msg: "Field required", Input: body,
			})
			continue
		}
		s, ok := v.(string)
		if !ok {
			errs = append(errs, fieldError{
				Type: "string_type", Loc: []any{"body", name},
				Msg: "Input should be a valid string", Input: v,
			})
			continue
		}
		values[name] = s
	}
	return values, errs
}

func writeValidation(w http.ResponseWriter, errs []fieldError) {
	writeDetail(w, http.StatusUnprocessableEntity, errs)
}
