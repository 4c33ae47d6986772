package devstack_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestAuthConfigInBothModes(t *testing.T) {
	cases := []struct {
		name       string
		configured bool
		want       func(*devstack.Stack) map[string]any
	}{
		{"scaikey", true, func(s *devstack.Stack) map[string]any {
			return map[string]any{
				"auth_mode":        "scaikey",
				"scaikey_base_url": s.ScaiKeyBaseURL(),
				"client_id":        devstack.DefaultClientID,
				"audience":         devstack.DefaultClientID,
				"redirect_uri":     s.CanvasURL() + "/auth/callback",
			}
		}},
		{"dev_token", false, func(*devstack.Stack) map[string]any {
			return map[string]any{
				"auth_mode": "dev_token", "scaikey_base_url": nil, "client_id": nil,
				"audience": nil, "redirect_uri": nil,
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := startStack(t, devstack.Options{Configured: tc.configured})
			a := getJSON(t, s.CanvasURL()+"/api/v1/auth/config", "")
			if a.status != http.StatusOK {
				t.Fatalf("config: %d %s", a.status, a.raw)
			}
			want := tc.want(s)
			for k, v := range want {
				got, present := a.body[k]
				if !present || got != v {
					t.Errorf("%s = %v (present %t), want %v", k, got, present, v)
				}
			}
		})
	}
}

func TestAuthRoutesWithoutScaiKeyConfigured(t *testing.T) {
	s := startStack(t, devstack.Options{})
	cases := []struct {
		route string
		body  map[string]string
	}{
		{"/api/v1/auth/exchange", map[string]string{
			"code": "c", "code_verifier": "v", "redirect_uri": s.RedirectURI(),
		}},
		{"/api/v1/auth/refresh", map[string]string{"refresh_token": "r"}},
	}
	for _, tc := range cases {
		t.Run(tc.route, func(t *testing.T) {
			a := postJSON(t, s.CanvasURL()+tc.route, tc.body)
			if a.status != http.StatusServiceUnavailable ||
				a.body["detail"] != "ScaiKey OIDC not configured on the server" {
				t.Errorf("got %d %s", a.status, a.raw)
			}
		})
	}
	want := devstack.Stats{
		Exchanges: 1, ExchangeFailures: 1, Refreshes: 1, RefreshFailures: 1,
	}
	if got := s.Stats(); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
}

// A bad body is FastAPI's 422, with one entry per problem.
func TestExchangeWithABadBody(t *testing.T) {
	s := configured(t)
	cases := []struct {
		name  string
		body  string
		types []string
		locs  []string
	}{
		{"not JSON", "{code", []string{"json_invalid"}, []string{"body"}},
		{"not an object", `["code"]`, []string{"model_attributes_type"}, []string{"body"}},
		{"fields missing", `{"code": "c"}`, []string{"missing", "missing"},
			[]string{"body.code_verifier", "body.redirect_uri"}},
		{"code not a string", `{"code": 1, "code_verifier": "v", "redirect_uri": "r"}`,
			[]string{"string_type"}, []string{"body.code"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, http.MethodPost, s.CanvasURL()+"/api/v1/auth/exchange", "",
				strings.NewReader(tc.body))
			if a.status != http.StatusUnprocessableEntity {
				t.Fatalf("got %d %s", a.status, a.raw)
			}
			entries, _ := a.body["detail"].([]any)
			if len(entries) != len(tc.types) {
				t.Fatalf("detail has %d entries, want %d: %s", len(entries), len(tc.types), a.raw)
			}
			for i, e := range entries {
				entry := e.(map[string]any)
				if entry["type"] != tc.types[i] {
					t.Errorf("entry %d type = %v, want %s", i, entry["type"], tc.types[i])
				}
				if got := loc(entry["loc"]); !strings.HasPrefix(got, tc.locs[i]) {
					t.Errorf("entry %d loc = %s, want %s", i, got, tc.locs[i])
				}
			}
		})
	}
}

func TestDevStatsRoutes(t *testing.T) {
	s := configured(t)
	signedIn(t, s)

	a := getJSON(t, s.APIURL()+"/__dev/stats", "")
	want := map[string]any{
		"exchanges": 1.0, "exchange_failures": 0.0, "refreshes": 0.0,
		"refresh_failures": 0.0, "reused_refresh_tokens": 0.0, "codes_seen_twice": 0.0,
		"dev_token_on_deploy": 0.0, "scaikey_token_on_deploy": 0.0, "dev_token_elsewhere": 0.0,
	}
	if len(a.body) != len(want) {
		t.Errorf("stats has fields %v, want %v", a.body, want)
	}
	checkClaims(t, a.body, want)

	if r := postJSON(t, s.APIURL()+"/__dev/reset", nil); r.status != http.StatusOK {
		t.Fatalf("reset: %d %s", r.status, r.raw)
	}
	if got := s.Stats(); got != (devstack.Stats{}) {
		t.Errorf("after reset: %+v", got)
	}
}

func loc(v any) string {
	parts, _ := v.([]any)
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		if s, ok := p.(string); ok {
			b.WriteString(s)
		}
	}
	return b.String()
}
