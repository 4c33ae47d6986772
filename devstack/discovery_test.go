package devstack_test

import (
	"net/http"
	"testing"
)

func TestDiscoveryNamesTheDocumentedEndpoints(t *testing.T) {
	s := configured(t)
	issuer := s.ProviderIssuer()
	a := getJSON(t, issuer+"/.well-known/openid-configuration", "")
	if a.status != http.StatusOK {
		t.Fatalf("discovery: %d %s", a.status, a.raw)
	}

	want := map[string]string{
		"issuer":                 issuer,
		"authorization_endpoint": issuer + "/authorize",
		"token_endpoint":         issuer + "/token",
		"jwks_uri":               issuer + "/keys",
		"userinfo_endpoint":      issuer + "/userinfo",
		"end_session_endpoint":   issuer + "/end_session",
	}
	for field, url := range want {
		if a.body[field] != url {
			t.Errorf("%s = %v, want %s", field, a.body[field], url)
		}
	}
	if got := a.body["code_challenge_methods_supported"]; !contains(got, "S256") {
		t.Errorf("code_challenge_methods_supported = %v, want S256", got)
	}
	if got := a.body["id_token_signing_alg_values_supported"]; !contains(got, "RS256") {
		t.Errorf("id_token_signing_alg_values_supported = %v, want RS256", got)
	}
	if issuer != s.ScaiKeyBaseURL()+"/api/v1/platform/oauth" {
		t.Errorf("issuer %s is not under the base URL %s", issuer, s.ScaiKeyBaseURL())
	}
}

func TestJWKSPublishesTheSigningKey(t *testing.T) {
	s := configured(t)
	a := getJSON(t, s.ProviderIssuer()+"/keys", "")
	keys, _ := a.body["keys"].([]any)
	if a.status != http.StatusOK || len(keys) != 1 {
		t.Fatalf("keys: %d %s", a.status, a.raw)
	}
	key := keys[0].(map[string]any)
	for field, want := range map[string]string{"kty": "RSA", "alg": "RS256", "use": "sig"} {
		if key[field] != want {
			t.Errorf("%s = %v, want %s", field, key[field], want)
		}
	}
	if kid, _ := key["kid"].(string); kid == "" {
		t.Error("key has no kid")
	}
}

// The module fetches discovery and the JWKS from the page, and in direct
// mode posts to the token endpoint, so each must answer CORS for the
// canvas origin.
func TestProviderAnswersCORSForTheCanvas(t *testing.T) {
	s := configured(t)
	origin := s.CanvasURL()
	cases := []struct {
		name   string
		method string
		path   string
	}{
		{"discovery", http.MethodGet, "/.well-known/openid-configuration"},
		{"jwks", http.MethodGet, "/keys"},
		{"token preflight", http.MethodOptions, "/token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tc.method,
				s.ProviderIssuer()+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Origin", origin)
			if tc.method == http.MethodOptions {
				req.Header.Set("Access-Control-Request-Method", http.MethodPost)
				req.Header.Set("Access-Control-Request-Headers", "content-type")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != origin {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, origin)
			}
		})
	}
}

func contains(list any, want string) bool {
	items, _ := list.([]any)
	for _, item := range items {
		if item == want {
			return true
		}
	}
	return false
}
