package devstack_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// accessTokenOf signs login in through the provider and the backend's
// exchange and returns the access token.
func accessTokenOf(t *testing.T, s *devstack.Stack, login, password string) string {
	t.Helper()
	tx := newTransaction()
	b := newBrowser(t, s)
	back := b.callback(b.submit(b.authorize(tx.authorizeQuery(s, nil)), login, password))
	a := exchange(t, s, codeFrom(t, s, tx, back), tx.verifier)
	if a.status != http.StatusOK {
		t.Fatalf("exchange for %s: %d %s", login, a.status, a.raw)
	}
	return a.body["access_token"].(string)
}

func TestLookupsWorkOnceTheTenantAdminPostsTheKey(t *testing.T) {
	s := configured(t)
	api := s.CanvasURL() + "/api/v1"
	admin := accessTokenOf(t, s, devstack.DemoLogin, devstack.DemoPassword)
	member := accessTokenOf(t, s, devstack.MemberLogin, devstack.MemberPassword)
	lookups := []string{"/scaiqueue/queues", "/scaibunker/buckets", "/scaigrid/models"}

	for _, path := range lookups {
		a := getJSON(t, api+path, member)
		if d := detailOf(t, a); a.status != http.StatusPreconditionFailed ||
			d["error"] != "missing_credentials" || d["fix"] == nil {
			t.Fatalf("%s without a key: %d %s", path, a.status, a.raw)
		}
	}

	const key = "sk-test-0123456789abcdef"
	body := strings.NewReader(`{"api_key":"` + key + `"}`)
	if a := send(t, "POST", api+"/tenants/me/scaigrid_credentials", member, body); a.status !=
		http.StatusForbidden || a.body["detail"] != "Tenant admin role required" {
		t.Fatalf("a member posted the key: %d %s", a.status, a.raw)
	}
	body = strings.NewReader(`{"api_key":"` + key + `"}`)
	if a := send(t, "POST", api+"/tenants/me/scaigrid_credentials", admin, body); a.status !=
		http.StatusNoContent {
		t.Fatalf("the admin posted the key: %d %s", a.status, a.raw)
	}

	for _, path := range lookups {
		if a := getJSON(t, api+path, member); a.status != http.StatusOK || a.body["data"] == nil {
			t.Fatalf("%s with a key: %d %s", path, a.status, a.raw)
		}
	}
	a := getJSON(t, api+"/tenants/me/scaigrid_credentials", member)
	if a.body["configured"] != true || strings.Contains(a.raw, key) ||
		!strings.HasSuffix(a.body["masked_key"].(string), key[len(key)-4:]) {
		t.Fatalf("credentials shown as %s", a.raw)
	}
	if a := getJSON(t, api+"/scaigrid/models", ""); a.status != http.StatusUnauthorized {
		t.Fatalf("a lookup without a token: %d %s", a.status, a.raw)
	}
}

func TestAdminStartsTheScaiKeySync(t *testing.T) {
	cases := []struct {
		creds  devstack.SyncCredentials
		status int
		want   string
	}{
		{devstack.SyncAdmin, http.StatusOK, "admin_api"},
		{devstack.SyncTenant, http.StatusOK, "member_walk"},
		{devstack.SyncPlatformWithoutAdmin, http.StatusForbidden,
			"Platform token requires admin:read or admin:write scope"},
	}
	for _, tc := range cases {
		t.Run(string(tc.creds), func(t *testing.T) {
			s := startStack(t, devstack.Options{Configured: true, SyncCredentials: tc.creds})
			admin := accessTokenOf(t, s, devstack.DemoLogin, devstack.DemoPassword)
			a := send(t, "POST", s.CanvasURL()+"/api/v1/admin/scaikey-sync", admin, nil)
			got := a.body["users_method"]
			if tc.status != http.StatusOK {
				got = a.body["detail"]
			}
			if a.status != tc.status || got != tc.want {
				t.Fatalf("got %d %s", a.status, a.raw)
			}
		})
	}

	s := configured(t)
	member := accessTokenOf(t, s, devstack.MemberLogin, devstack.MemberPassword)
	a := send(t, "POST", s.CanvasURL()+"/api/v1/admin/scaikey-sync", member, nil)
	if a.status != http.StatusForbidden || a.body["detail"] != "Tenant admin role required" {
		t.Fatalf("a member started the sync: %d %s", a.status, a.raw)
	}
}

// The troubleshooting page's 503 with a config that says scaikey: the
// exchange reaches a backend without the three settings.
func TestExchangeAnsweredByABackendWithoutTheSettings(t *testing.T) {
	s := startStack(t, devstack.Options{Configured: true, ExchangeNotConfigured: true})
	if a := getJSON(t, s.CanvasURL()+"/api/v1/auth/config", ""); a.body["auth_mode"] !=
		"scaikey" {
		t.Fatalf("config: %s", a.raw)
	}
	tx := newTransaction()
	code := newBrowser(t, s).signIn(tx, nil)
	a := exchange(t, s, code, tx.verifier)
	if a.status != http.StatusServiceUnavailable ||
		a.body["detail"] != "ScaiKey OIDC not configured on the server" {
		t.Fatalf("exchange: %d %s", a.status, a.raw)
	}
}
