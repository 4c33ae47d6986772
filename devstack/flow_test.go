package devstack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestCodeFlowThroughTheBackend(t *testing.T) {
	s := configured(t)
	tx := newTransaction()
	code := newBrowser(t, s).signIn(tx, nil)

	a := exchange(t, s, code, tx.verifier)
	if a.status != http.StatusOK {
		t.Fatalf("exchange: %d %s", a.status, a.raw)
	}
	for _, field := range []string{"access_token", "refresh_token", "id_token"} {
		if v, _ := a.body[field].(string); v == "" {
			t.Errorf("no %s in %s", field, a.raw)
		}
	}
	if a.body["token_type"] != "Bearer" {
		t.Errorf("token_type = %v, want Bearer", a.body["token_type"])
	}
	if e, _ := a.body["expires_in"].(float64); e < 3500 || e > 3600 {
		t.Errorf("expires_in = %v, want about 3600", a.body["expires_in"])
	}
	if got := s.Stats(); got != (devstack.Stats{Exchanges: 1}) {
		t.Errorf("stats = %+v, want one exchange", got)
	}

	t.Run("id token", func(t *testing.T) {
		claims := claimsOf(t, verified(t, s, a.body["id_token"].(string)))
		want := map[string]any{
			"iss":       s.ProviderIssuer(),
			"sub":       devstack.DemoSubject,
			"aud":       devstack.DefaultClientID,
			"nonce":     tx.nonce,
			"email":     devstack.DemoLogin,
			"name":      devstack.DemoName,
			"tenant_id": devstack.DemoTenant,
			"client_id": devstack.DefaultClientID,
		}
		checkClaims(t, claims, want)
		for _, c := range []string{"exp", "iat"} {
			if _, ok := claims[c].(float64); !ok {
				t.Errorf("no %s in %v", c, claims)
			}
		}
	})

	t.Run("access token", func(t *testing.T) {
		claims := claimsOf(t, verified(t, s, a.body["access_token"].(string)))
		want := map[string]any{
			"iss":       s.ProviderIssuer(),
			"sub":       devstack.DemoSubject,
			"aud":       devstack.DefaultClientID,
			"tenant_id": devstack.DemoTenant,
			"client_id": devstack.DefaultClientID,
			"scope":     "openid profile email offline_access",
		}
		checkClaims(t, claims, want)
		for _, c := range []string{"exp", "iat"} {
			if _, ok := claims[c].(float64); !ok {
				t.Errorf("no %s in %v", c, claims)
			}
		}
	})

	t.Run("code used again", func(t *testing.T) {
		again := exchange(t, s, code, tx.verifier)
		if again.status != http.StatusBadRequest {
			t.Fatalf("second exchange: %d %s", again.status, again.raw)
		}
		want := map[string]any{
			"error":             "invalid_grant",
			"error_description": "code already used",
			"message":           "invalid_grant: code already used",
		}
		checkClaims(t, detailOf(t, again), want)
		got := s.Stats()
		if got.Exchanges != 2 || got.ExchangeFailures != 1 || got.CodesSeenTwice != 1 {
			t.Errorf("stats = %+v, want 2 exchanges, 1 failure, 1 code seen twice", got)
		}
	})
}

// checkClaims compares the named fields; an aud list of one counts as the
// single value.
func checkClaims(t *testing.T, got, want map[string]any) {
	t.Helper()
	for k, v := range want {
		g := got[k]
		if list, ok := g.([]any); ok && len(list) == 1 {
			g = list[0]
		}
		if g != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
}

// verified checks a token's RS256 signature against the published JWKS
// and returns it unchanged.
func verified(t *testing.T, s *devstack.Stack, token string) string {
	t.Helper()
	jws, err := jose.ParseSigned(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	keys := fetchKeys(t.Context(), t, s)
	kid := jws.Signatures[0].Header.KeyID
	found := keys.Key(kid)
	if len(found) != 1 {
		t.Fatalf("kid %q not in the JWKS", kid)
	}
	if _, err := jws.Verify(&found[0]); err != nil {
		t.Fatalf("signature: %v", err)
	}
	return token
}

func fetchKeys(ctx context.Context, t *testing.T, s *devstack.Stack) *jose.JSONWebKeySet {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.ProviderIssuer()+"/keys", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	set := new(jose.JSONWebKeySet)
	if err := json.NewDecoder(resp.Body).Decode(set); err != nil {
		t.Fatal(err)
	}
	return set
}
