package backend

import "regexp"

// The field checks of the flow and catalog bodies, each reporting in
// pydantic v2's words so the canvas sees what FastAPI would send.

// optionalString reads a field that may be absent, null or a string.
func optionalString(body map[string]any, name string) (*string, []fieldError) {
	v, ok := body[name]
	if !ok || v == nil {
		return nil, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, []fieldError{{
			Type: "string_type", Loc: []any{"body", name},
			Msg: "Input should be a valid string", Input: v,
		}}
	}
	return &s, nil
}

// requireObject reads a field that must be a JSON object, such as a flow's
// content.
func requireObject(body map[string]any, name string) (map[string]any, []fieldError) {
	v, ok := body[name]
	if !ok {
		return nil, []fieldError{{
			Type: "missing", Loc: []any{"body", name}, Msg: "Field required", Input: body,
		}}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, []fieldError{{
			Type: "dict_type", Loc: []any{"body", name},
			Msg: "Input should be a valid dictionary", Input: v,
		}}
	}
	return obj, nil
}

// notEmpty is pydantic's min_length=1 on a string field.
func notEmpty(name, value string) []fieldError {
	if value != "" {
		return nil
	}
	return []fieldError{{
		Type: "string_too_short", Loc: []any{"body", name},
		Msg:   "String should have at least 1 character",
		Input: value, Ctx: map[string]any{"min_length": 1},
	}}
}

// matches is pydantic's pattern= on a string field.
func matches(name, value string, pattern *regexp.Regexp) []fieldError {
	if pattern.MatchString(value) {
		return nil
	}
	return []fieldError{{
		Type: "string_pattern_mismatch", Loc: []any{"body", name},
		Msg:   "String should match pattern '" + pattern.String() + "'",
		Input: value, Ctx: map[string]any{"pattern": pattern.String()},
	}}
}
