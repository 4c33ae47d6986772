package canvas

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

const page = "<!doctype html><title>canvas</title>"

func TestServingTheRepository(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "api saw "+r.URL.Path)
	}))
	defer api.Close()
	target, _ := url.Parse(api.URL)
	s, err := New(repository(t), target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	cases := []struct {
		name   string
		method string
		path   string
		status int
		ctype  string
		cache  string
		body   string
	}{
		{"root", "GET", "/", 200, "text/html; charset=utf-8", "no-store", page},
		{"index by name", "GET", "/index.html", 200, "text/html; charset=utf-8", "no-store", page},
		{"callback", "GET", "/auth/callback?code=c&state=s", 200, "", "no-store", page},
		{"app route", "GET", "/flows/42", 200, "", "no-store", page},
		{"wasm", "GET", "/static/scaiauth.wasm", 200, "application/wasm", "no-cache", ""},
		{"module", "GET", "/js/scaiauth.js", 200, "text/javascript; charset=utf-8",
			"no-cache", ""},
		{"missing asset", "GET", "/static/missing.wasm", 404, "", "", ""},
		{"escape attempt", "GET", "/../../etc/passwd", 200, "", "no-store", page},
		{"directory", "GET", "/js/", 200, "", "no-store", page},
		{"api", "GET", "/api/v1/auth/config", 200, "", "", "api saw /v1/auth/config"},
		{"post to a page", "POST", "/auth/callback", 405, "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest(tc.method, tc.path, nil))
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			if tc.ctype != "" && w.Header().Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", w.Header().Get("Content-Type"), tc.ctype)
			}
			if tc.cache != "" && w.Header().Get("Cache-Control") != tc.cache {
				t.Errorf("Cache-Control %q, want %q", w.Header().Get("Cache-Control"), tc.cache)
			}
			if tc.body != "" && w.Body.String() != tc.body {
				t.Errorf("body %q, want %q", w.Body.String(), tc.body)
			}
		})
	}
}

func TestBackendDownIsABadGateway(t *testing.T) {
	api := httptest.NewServer(http.NotFoundHandler())
	target, _ := url.Parse(api.URL)
	api.Close()
	s, err := New(repository(t), target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/auth/config", nil))
	if w.Code != http.StatusBadGateway || w.Header().Get("Content-Type") != "application/json" {
		t.Errorf("got %d %q: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
}

func repository(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":           page,
		"static/scaiauth.wasm": "\x00asm\x01\x00\x00\x00",
		"js/scaiauth.js":       "export {};\n",
	} {
		write(t, dir, name, []byte(body))
	}
	return dir
}
