package devstack_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestMeWithTheAccessToken(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)

	a := getJSON(t, s.CanvasURL()+"/api/v1/me", token)
	if a.status != http.StatusOK {
		t.Fatalf("me: %d %s", a.status, a.raw)
	}
	checkClaims(t, a.body, map[string]any{
		"sub":       devstack.DemoSubject,
		"tenant_id": devstack.DemoTenant,
		"email":     devstack.DemoLogin,
		"name":      devstack.DemoName,
		"role":      devstack.DemoRole,
	})
}

func TestMeRefusesBadTokens(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)
	head, _, _ := strings.Cut(token, ".")
	lastDot := strings.LastIndex(token, ".")

	cases := []struct {
		name   string
		bearer string
		detail string
	}{
		{"no token", "", "Not authenticated"},
		{"the dev token", "dev-token", "invalid token: Not enough segments"},
		{"tampered signature", token[:lastDot+1] + "AAAA" + token[lastDot+5:],
			"invalid token: Signature verification failed"},
		{"unsigned", head + ".e30.", "invalid token: Signature verification failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := getJSON(t, s.CanvasURL()+"/api/v1/me", tc.bearer)
			if a.status != http.StatusUnauthorized || a.body["detail"] != tc.detail {
				t.Errorf("got %d %s, want 401 %q", a.status, a.raw, tc.detail)
			}
		})
	}
}

// The troubleshooting page's audience trap: SCAIKEY_AUDIENCE set to
// something ScaiKey never issues.
func TestMeWithAnAudienceScaiKeyDoesNotIssue(t *testing.T) {
	s := startStack(t, devstack.Options{Configured: true, Audience: "user-portal"})
	token := signedIn(t, s)["access_token"].(string)

	a := getJSON(t, s.CanvasURL()+"/api/v1/me", token)
	if a.status != http.StatusUnauthorized ||
		a.body["detail"] != "invalid token: Audience doesn't match" {
		t.Fatalf("got %d %s", a.status, a.raw)
	}
	cfg := getJSON(t, s.CanvasURL()+"/api/v1/auth/config", "")
	if cfg.body["audience"] != "user-portal" {
		t.Errorf("auth/config audience = %v, want user-portal", cfg.body["audience"])
	}
}

func TestMeAfterTheProviderRotatesItsKey(t *testing.T) {
	s := configured(t)
	before := signedIn(t, s)["access_token"].(string)
	if a := getJSON(t, s.APIURL()+"/v1/me", before); a.status != http.StatusOK {
		t.Fatalf("before rotation: %d %s", a.status, a.raw)
	}
	if err := s.RotateSigningKey(); err != nil {
		t.Fatal(err)
	}
	after := signedIn(t, s)["access_token"].(string)
	for name, token := range map[string]string{"new key": after, "old key": before} {
		if a := getJSON(t, s.APIURL()+"/v1/me", token); a.status != http.StatusOK {
			t.Errorf("%s: %d %s", name, a.status, a.raw)
		}
	}
}

func TestMeWithoutScaiKeyConfigured(t *testing.T) {
	s := startStack(t, devstack.Options{DevToken: "dev-token"})
	a := getJSON(t, s.CanvasURL()+"/api/v1/me", "dev-token")
	if a.status != http.StatusServiceUnavailable ||
		a.body["detail"] != "ScaiKey OIDC not configured on the server" {
		t.Errorf("got %d %s", a.status, a.raw)
	}
}
