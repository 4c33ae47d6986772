package direct

import (
	"context"
	"net/url"
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// tokenEndpoint answers like a provider's token endpoint and keeps the
// last form it was sent.
type tokenEndpoint struct {
	status int
	body   string
	down   bool
	form   url.Values
	req    *fetch.Request
}

func (e *tokenEndpoint) Do(_ context.Context, r *fetch.Request) (*fetch.Response, error) {
	if e.down {
		return nil, context.DeadlineExceeded
	}
	e.req = r
	e.form, _ = url.ParseQuery(string(r.Body))
	return &fetch.Response{Status: e.status, Body: []byte(e.body)}, nil
}

func client(e *tokenEndpoint) *Client {
	return &Client{
		TokenEndpoint: func(context.Context) (string, error) {
			return "https://key.example/api/v1/platform/oauth/token", nil
		},
		ClientID: "scaiflow-public",
		HTTP:     e,
	}
}

func TestExchangeSendsAPublicClientPKCEGrant(t *testing.T) {
	e := &tokenEndpoint{status: 200, body: `{"access_token":"a","token_type":"Bearer",` +
		`"refresh_token":"r","id_token":"i","expires_in":300}`}
	tok, err := client(e).Exchange(context.Background(), "the-code", "the-verifier",
		"http://localhost:5173/auth/callback")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "a" || tok.RefreshToken != "r" || tok.ExpiresIn != 300 {
		t.Fatalf("tokens = %+v", tok)
	}
	want := map[string]string{
		"grant_type": "authorization_code", "code": "the-code", "code_verifier": "the-verifier",
		"redirect_uri": "http://localhost:5173/auth/callback", "client_id": "scaiflow-public",
	}
	for k, v := range want {
		if e.form.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, e.form.Get(k), v)
		}
	}
	if e.form.Has("client_secret") || e.req.Header["Authorization"] != "" {
		t.Error("a public client sent a secret")
	}
}

func TestRefusalsAreMappedLikeTheBackends(t *testing.T) {
	cases := []struct {
		name    string
		refresh bool
		e       *tokenEndpoint
		code    autherr.Code
	}{
		{"code presented twice", false,
			&tokenEndpoint{status: 400, body: `{"error":"invalid_grant"}`},
			autherr.CodeAlreadyUsed},
		{"verifier does not match", false, &tokenEndpoint{status: 400,
			body: `{"error":"invalid_grant","error_description":"invalid code_verifier"}`},
			autherr.ExchangeRefused},
		{"rotated refresh token sent again", true,
			&tokenEndpoint{status: 400, body: `{"error":"invalid_grant"}`}, autherr.SessionExpired},
		{"provider failing", false,
			&tokenEndpoint{status: 503, body: `oops`}, autherr.ProviderDown},
		{"provider unreachable", true, &tokenEndpoint{down: true}, autherr.ProviderDown},
		{"HTML instead of an error", false,
			&tokenEndpoint{status: 400, body: `<html>`}, autherr.BadResponse},
		{"broken JSON with 200", false,
			&tokenEndpoint{status: 200, body: `{"access_token":`}, autherr.BadResponse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.refresh {
				_, err = client(c.e).Refresh(context.Background(), "rt")
			} else {
				_, err = client(c.e).Exchange(context.Background(), "c", "v", "r")
			}
			if got := autherr.CodeOf(err); got != c.code {
				t.Fatalf("code = %s, want %s (%v)", got, c.code, err)
			}
		})
	}
}
