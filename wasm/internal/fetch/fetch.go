// Package fetch describes one HTTP round trip as the browser's fetch makes
// it. The module never links net/http, which would add megabytes to the
// WebAssembly build; the browser adapter performs the request and the core
// sees only these plain values.
package fetch

import (
	"context"
	"encoding/json"
	"strings"
)

// Request is what the core asks the browser to send.
type Request struct {
	Method string
	URL    string
	Header map[string]string
	Body   []byte
}

// Response is what came back. Header names are lower case, as fetch gives
// them.
type Response struct {
	Status int
	Header map[string]string
	Body   []byte
}

// Doer sends a request. It returns an error only when no answer came at all:
// the network failed, the request was aborted or timed out. Any HTTP status
// is a Response.
type Doer interface {
	Do(ctx context.Context, r *Request) (*Response, error)
}

// OK reports a 2xx status.
func (r *Response) OK() bool { return r.Status >= 200 && r.Status < 300 }

// IsJSON reports whether the response says it carries JSON.
func (r *Response) IsJSON() bool {
	ct := strings.ToLower(r.Header["content-type"])
	return strings.HasPrefix(ct, "application/json") || strings.Contains(ct, "+json")
}

// JSON builds a request whose body is v encoded as JSON.
func JSON(method, url string, v any) (*Request, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return &Request{
		Method: method,
		URL:    url,
		Header: map[string]string{"Content-Type": "application/json"},
		Body:   body,
	}, nil
}
