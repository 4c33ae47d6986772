package login

import (
	"crypto/rand"
	"net/url"
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/pkce"
)

func TestAuthorizeURLCarriesEveryParameterOfTheFlow(t *testing.T) {
	b, _, _ := newBook()
	tx, _ := b.Begin(rand.Reader, redirect, "")
	raw, err := AuthorizeURL(Request{
		Endpoint:    "http://localhost:9000/api/v1/platform/oauth/authorize?tenant=t1",
		ClientID:    "scaiflow-canvas",
		RedirectURI: redirect,
		Scopes:      []string{"profile", "email"},
		LoginHint:   "demo@scaiflow.test",
	}, tx)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(raw)
	q := u.Query()
	want := map[string]string{
		"response_type":         "code",
		"client_id":             "scaiflow-canvas",
		"redirect_uri":          redirect,
		"scope":                 "openid profile email",
		"state":                 tx.State,
		"nonce":                 tx.Nonce,
		"code_challenge":        pkce.Challenge(tx.Verifier),
		"code_challenge_method": "S256",
		"login_hint":            "demo@scaiflow.test",
		"tenant":                "t1",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	if q.Has("code_verifier") || q.Has("prompt") {
		t.Errorf("URL carries what it must not: %s", raw)
	}
	if _, err := AuthorizeURL(Request{Endpoint: "javascript:alert(1)"}, tx); err == nil {
		t.Error("javascript: endpoint accepted")
	}
}
