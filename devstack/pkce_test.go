package devstack_test

import (
	"net/http"
	"net/url"
	"testing"
)

// PKCE is required: the provider refuses an authorize request without an
// S256 challenge by redirecting error=invalid_request to the canvas, with
// the state, before any login form is shown.
func TestAuthorizeWithoutS256ChallengeIsRefused(t *testing.T) {
	cases := []struct {
		name  string
		extra url.Values
	}{
		{"no challenge", url.Values{"code_challenge": {""}, "code_challenge_method": {""}}},
		{"no method", url.Values{"code_challenge_method": {""}}},
		{"plain method", url.Values{"code_challenge_method": {"plain"}}},
	}
	s := configured(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tx := newTransaction()
			b := newBrowser(t, s)
			back := b.callback(b.authorize(tx.authorizeQuery(s, tc.extra)))
			q := back.Query()
			if q.Get("error") != "invalid_request" || q.Get("state") != tx.state {
				t.Fatalf("redirected to %s, want error=invalid_request with the state", back)
			}
			if q.Get("code") != "" {
				t.Errorf("a code was issued: %s", back)
			}
		})
	}
}

func TestExchangeWithWrongVerifierIsRefused(t *testing.T) {
	cases := []struct {
		name     string
		verifier func(transaction) string
		error    string
	}{
		{"another login's verifier", func(transaction) string {
			return newTransaction().verifier
		}, "invalid_grant"},
		{"empty verifier", func(transaction) string { return "" }, "invalid_request"},
	}
	s := configured(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tx := newTransaction()
			code := newBrowser(t, s).signIn(tx, nil)
			a := exchange(t, s, code, tc.verifier(tx))
			if a.status != http.StatusBadRequest {
				t.Fatalf("exchange: %d %s", a.status, a.raw)
			}
			if got := detailOf(t, a)["error"]; got != tc.error {
				t.Errorf("error = %v, want %s (%s)", got, tc.error, a.raw)
			}
		})
	}
}

// The public client exchanges at the token endpoint itself, with PKCE and
// no secret: the "direct" mode.
func TestPublicClientExchangesDirectly(t *testing.T) {
	s := configured(t)
	tx := newTransaction()
	code := newBrowser(t, s).signIn(tx, url.Values{"client_id": {"scaiflow-public"}})

	form := url.Values{
		"grant_type":    {"authorization_code"},
		"client_id":     {"scaiflow-public"},
		"code":          {code},
		"code_verifier": {tx.verifier},
		"redirect_uri":  {s.RedirectURI()},
	}
	resp, err := http.PostForm(s.ProviderIssuer()+"/token", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("direct exchange: %s", resp.Status)
	}

	resp, err = http.PostForm(s.ProviderIssuer()+"/token", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || s.Stats().CodesSeenTwice != 1 {
		t.Errorf("replayed direct exchange: %s, stats %+v", resp.Status, s.Stats())
	}
}
