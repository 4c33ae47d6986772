package fetch

import (
	"encoding/json"
	"testing"
)

func TestWhichResponsesAreOKAndWhichCarryJSON(t *testing.T) {
	cases := []struct {
		name        string
		status      int
		contentType string
		ok, json    bool
	}{
		{"tokens", 200, "application/json", true, true},
		{"no content", 204, "", true, false},
		{"JSON with a charset, in capitals", 200, "Application/JSON; charset=utf-8", true, true},
		{"a problem document", 400, "application/problem+json", false, true},
		{"FastAPI's refusal", 401, "application/json", false, true},
		{"a proxy's HTML page", 502, "text/html; charset=utf-8", false, false},
		{"a redirect", 302, "", false, false},
		{"no header at all", 500, "", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &Response{Status: c.status, Header: map[string]string{}}
			if c.contentType != "" {
				r.Header["content-type"] = c.contentType
			}
			if r.OK() != c.ok || r.IsJSON() != c.json {
				t.Fatalf("OK %v, IsJSON %v; want %v, %v", r.OK(), r.IsJSON(), c.ok, c.json)
			}
		})
	}
}

func TestAJSONRequestSaysSo(t *testing.T) {
	r, err := JSON("POST", "/api/v1/auth/exchange", map[string]string{"code": "c"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != "POST" || r.URL != "/api/v1/auth/exchange" ||
		r.Header["Content-Type"] != "application/json" {
		t.Fatalf("request %+v", r)
	}
	var body map[string]string
	if err := json.Unmarshal(r.Body, &body); err != nil || body["code"] != "c" {
		t.Fatalf("body %s: %v", r.Body, err)
	}
	if _, err := JSON("POST", "/x", func() {}); err == nil {
		t.Fatal("a value JSON cannot hold made a request")
	}
}
