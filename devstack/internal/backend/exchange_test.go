package backend

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeScaiKey answers discovery and lets each case decide the token
// endpoint's answer; it stands in for the provider only in these unit
// tests of the error mapping.
func fakeScaiKey(t *testing.T, token http.HandlerFunc) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+issuerPath+"/.well-known/openid-configuration",
		func(w http.ResponseWriter, _ *http.Request) {
			json.NewEncoder(w).Encode(discovery{
				Issuer:        srv.URL + issuerPath,
				TokenEndpoint: srv.URL + issuerPath + "/token",
				JWKSURI:       srv.URL + issuerPath + "/keys",
			})
		})
	mux.HandleFunc("POST "+issuerPath+"/token", token)
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func answerWith(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestExchangeErrorMapping(t *testing.T) {
	cases := []struct {
		name   string
		token  http.HandlerFunc
		down   bool
		status int
		detail string
	}{
		{"code already used", answerWith(400,
			`{"error":"invalid_grant","error_description":"code already used"}`),
			false, 400,
			`{"error":"invalid_grant","error_description":"code already used",` +
				`"message":"invalid_grant: code already used"}`},
		{"no description", answerWith(400, `{"error":"invalid_grant"}`), false, 400,
			`{"error":"invalid_grant","error_description":null,"message":"invalid_grant"}`},
		{"client refused", answerWith(401,
			`{"error":"invalid_client","error_description":"invalid client_id / client_secret"}`),
			false, 400,
			`{"error":"invalid_client","error_description":"invalid client_id / client_secret",` +
				`"message":"invalid_client: invalid client_id / client_secret"}`},
		{"not an OAuth error", answerWith(404, `nope`), false, 400,
			`{"error":"http_404","error_description":"nope","message":"http_404: nope"}`},
		{"provider fails", answerWith(500, `boom`), false, 502,
			`"ScaiKey token endpoint failed: 500 Internal Server Error"`},
		{"provider down", answerWith(200, ""), true, 502, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeScaiKey(t, tc.token)
			if tc.down {
				srv.Close()
			}
			s := New(Config{ScaiKeyBaseURL: srv.URL, ClientID: "c", ClientSecret: "s"})
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest("POST", "/v1/auth/exchange", strings.NewReader(
				`{"code":"c","code_verifier":"v","redirect_uri":"http://localhost/cb"}`)))

			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			var body struct{ Detail json.RawMessage }
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if tc.detail != "" && string(body.Detail) != tc.detail {
				t.Errorf("detail %s\nwant   %s", body.Detail, tc.detail)
			}
			if tc.down && !strings.Contains(string(body.Detail), "ScaiKey unreachable") {
				t.Errorf("detail %s does not say ScaiKey is unreachable", body.Detail)
			}
			if got := s.counters.Snapshot(); got.Exchanges != 1 || got.ExchangeFailures != 1 {
				t.Errorf("stats %+v, want one failed exchange", got)
			}
		})
	}
}

// RFC 6749 §2.3.1: the client id and secret are form-encoded before they
// go into the Basic header; the secret never goes into the form.
func TestExchangeAuthenticatesTheClient(t *testing.T) {
	var gotID, gotSecret string
	var gotForm map[string][]string
	srv := fakeScaiKey(t, func(w http.ResponseWriter, r *http.Request) {
		gotID, gotSecret, _ = r.BasicAuth()
		r.ParseForm()
		gotForm = r.PostForm
		io.WriteString(w, `{"access_token":"a","refresh_token":"r","id_token":"i",`+
			`"token_type":"bearer","expires_in":3600}`)
	})
	s := New(Config{ScaiKeyBaseURL: srv.URL, ClientID: "canvas:1", ClientSecret: "s e/c"})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("POST", "/v1/auth/exchange", strings.NewReader(
		`{"code":"c0","code_verifier":"v0","redirect_uri":"http://localhost/cb"}`)))

	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if gotID != "canvas%3A1" || gotSecret != "s+e%2Fc" {
		t.Errorf("basic auth (%q, %q), want form-encoded", gotID, gotSecret)
	}
	for k, want := range map[string]string{
		"grant_type": "authorization_code", "code": "c0", "code_verifier": "v0",
		"redirect_uri": "http://localhost/cb",
	} {
		if got := gotForm[k]; len(got) != 1 || got[0] != want {
			t.Errorf("form %s = %v, want %s", k, got, want)
		}
	}
	if _, leaked := gotForm["client_secret"]; leaked {
		t.Error("the secret went into the form")
	}
	var out map[string]any
	json.Unmarshal(w.Body.Bytes(), &out)
	if out["token_type"] != "Bearer" || out["expires_in"] != 3600.0 {
		t.Errorf("answer %s", w.Body)
	}
}
