package config

import (
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name     string
		body     string
		mode     Mode
		audience string
		code     autherr.Code
		cause    string
	}{
		{
			name: "scaikey backend with default audience",
			body: `{"auth_mode":"scaikey","scaikey_base_url":"https://key.example/",` +
				`"client_id":"canvas","audience":null,` +
				`"redirect_uri":"https://flow.example/auth/callback"}`,
			mode: ScaiKey, audience: "canvas",
		},
		{
			name: "scaikey backend with an explicit audience",
			body: `{"auth_mode":"scaikey","scaikey_base_url":"https://key.example",` +
				`"client_id":"canvas","audience":"user-portal",` +
				`"redirect_uri":"https://flow.example/auth/callback"}`,
			mode: ScaiKey, audience: "user-portal",
		},
		{
			name: "dev token backend with null fields",
			body: `{"auth_mode":"dev_token","scaikey_base_url":null,"client_id":null}`,
			mode: DevToken,
		},
		{
			name: "scaikey backend missing its client id",
			body: `{"auth_mode":"scaikey","scaikey_base_url":"https://key.example",` +
				`"redirect_uri":"https://flow.example/auth/callback"}`,
			code: autherr.ConfigInvalid, cause: "missing_fields",
		},
		{
			name: "unknown mode",
			body: `{"auth_mode":"magic"}`,
			code: autherr.ConfigInvalid, cause: "auth_mode",
		},
		{
			name: "javascript base url",
			body: `{"auth_mode":"scaikey","scaikey_base_url":"javascript:alert(1)",` +
				`"client_id":"c","redirect_uri":"https://flow.example/auth/callback"}`,
			code: autherr.ConfigInvalid, cause: "bad_url",
		},
		{
			name: "an HTML error page instead of JSON",
			body: `<html><body>502 Bad Gateway</body></html>`,
			code: autherr.BadResponse, cause: "config_json",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse([]byte(c.body))
			if c.code != "" {
				e := autherr.As(err)
				if e == nil || e.Code != c.code || e.Cause != c.cause {
					t.Fatalf("err = %v, want %s (%s)", err, c.code, c.cause)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.AuthMode != c.mode {
				t.Fatalf("mode = %q, want %q", cfg.AuthMode, c.mode)
			}
			if c.mode == ScaiKey && cfg.ExpectedAudience() != c.audience {
				t.Fatalf("audience = %q, want %q", cfg.ExpectedAudience(), c.audience)
			}
		})
	}
}

func TestParseDiscovery(t *testing.T) {
	base := Issuer("https://key.example")
	good := `{"issuer":"https://key.example/api/v1/platform/oauth",` +
		`"authorization_endpoint":"https://key.example/api/v1/platform/oauth/authorize",` +
		`"token_endpoint":"https://key.example/api/v1/platform/oauth/token",` +
		`"jwks_uri":"https://key.example/api/v1/platform/oauth/keys"}`
	p, err := ParseDiscovery([]byte(good), base)
	if err != nil || !p.Discovered || p.JWKSURI == "" {
		t.Fatalf("good document: %+v, %v", p, err)
	}

	foreign := `{"issuer":"https://evil.example/api/v1/platform/oauth",` +
		`"authorization_endpoint":"https://evil.example/authorize","jwks_uri":"x"}`
	if _, err := ParseDiscovery([]byte(foreign), base); autherr.As(err).Cause != "issuer_mismatch" {
		t.Fatalf("document naming another issuer: err = %v", err)
	}
	_, err = ParseDiscovery([]byte("nope"), base)
	if autherr.CodeOf(err) != autherr.DiscoveryFailed {
		t.Fatalf("broken document: err = %v", err)
	}
}

func TestFallbackUsesTheDocumentedPlatformPaths(t *testing.T) {
	p := Fallback(Issuer("https://key.example"))
	if p.AuthorizationEndpoint != "https://key.example/api/v1/platform/oauth/authorize" ||
		p.TokenEndpoint != "https://key.example/api/v1/platform/oauth/token" || p.Discovered {
		t.Fatalf("fallback = %+v", p)
	}
}
