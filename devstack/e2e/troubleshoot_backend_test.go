package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// The troubleshooting page's cases that happen after sign-in, in what the
// backend answers the canvas.

// signInAs signs a user in through the provider's login form.
func signInAs(tb *tab, s *devstack.Stack, login, password string) {
	tb.t.Helper()
	tb.do(
		chromedp.Navigate(s.CanvasURL()+"/"),
		waitState("signed-out"),
		chromedp.Click(css("#sign-in")),
	)
	fillLoginForm(tb, login, password)
	tb.do(waitState("signed-in"))
}

var threeSettings = []string{
	"SCAIKEY_BASE_URL", "SCAIFLOW_SCAIKEY_CLIENT_ID", "SCAIFLOW_SCAIKEY_CLIENT_SECRET",
}

// The user signed in, then the backend was restarted without ScaiKey: the
// page still shows them signed in, but Save says why it cannot work.
func TestSavingAfterTheBackendRestartedWithoutScaiKey(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/")
	s.SetConfigured(false)
	eval[bool](tb, "window.scaiauth.reloadConfig()") // as when the tab is shown again

	save := `document.querySelector('[data-scai-action="save"]')`
	if !eval[bool](tb, save+".disabled") || eval[string](tb, save+".title") !=
		"Save requires ScaiKey login" {
		t.Fatalf("Save is offered in dev_token mode: %s", tb.describe())
	}
	if status := eval[string](tb, `document.querySelector("#status").textContent`); !strings.
		Contains(status, devstack.DemoName) {
		t.Fatalf("status %q: the case is a user who still sees themselves signed in", status)
	}

	e := tb.fetchError("/api/v1/flows", post(`{"name": "Untitled flow", "content": {}}`))
	if e.Code != "save_requires_scaikey" || e.Status != 401 {
		t.Fatalf("POST /api/v1/flows rejected with %+v", e)
	}
	const returned = `GET /v1/auth/config returned auth_mode "dev_token"`
	tb.wantShown(want{code: "save_requires_scaikey", status: 401,
		message: "Save requires ScaiKey login", fix: append([]string{returned}, threeSettings...)})
	wantFinding(t, diagnose(tb), "config", "warning", []string{returned}, threeSettings)
}

func TestLookupsWithoutTheTenantsScaiGridKey(t *testing.T) {
	s := startStack(t, nil)
	admin := newTab(t)
	signIn(admin, s, "/")
	const message = "The backend has no ScaiGrid credentials for tenant " + devstack.DemoTenant
	fix := []string{"tenant admin", "POST /v1/tenants/me/scaigrid_credentials"}

	for _, path := range []string{"/scaiqueue/queues", "/scaibunker/buckets", "/scaigrid/models"} {
		e := admin.fetchError("/api/v1"+path, "")
		if e.Code != "missing_credentials" || e.Status != 412 || e.Message != message {
			t.Fatalf("GET %s rejected with %+v", path, e)
		}
	}
	admin.wantShown(want{code: "missing_credentials", status: 412, message: message, fix: fix})

	const key = "sk-grid-0123456789abcdef"
	credentials := "/api/v1/tenants/me/scaigrid_credentials"
	member := newTab(t)
	signInAs(member, s, devstack.MemberLogin, devstack.MemberPassword)
	if e := member.fetchError(credentials, post(`{"api_key": "`+key+`"}`)); e.Code !=
		"admin_required" || e.Status != 403 {
		t.Fatalf("a member posting the key got %+v", e)
	}
	if status, _ := fetchJSON[any](admin, credentials, post(`{"api_key": "`+key+`"}`)); status !=
		204 {
		t.Fatalf("the tenant admin posting the key got %d", status)
	}

	status, found := fetchJSON[struct{ Data []map[string]string }](member,
		"/api/v1/scaigrid/models", "")
	if status != 200 || len(found.Data) == 0 {
		t.Fatalf("lookup after the key was set: %d %+v", status, found)
	}
	status, shown := fetchJSON[map[string]any](member, credentials, "")
	masked, _ := shown["masked_key"].(string)
	if status != 200 || shown["configured"] != true || masked == "" ||
		strings.Contains(masked, key[:8]) {
		t.Fatalf("credentials shown as %d %v", status, shown)
	}
}

func TestTheCatalogInDevTokenMode(t *testing.T) {
	s := startStack(t, func(o *devstack.Options) { o.Configured = false })
	tb := newTab(t)
	tb.do(
		chromedp.Navigate(s.CanvasURL()+"/"),
		waitState("signed-out"),
		chromedp.Click(css("#open-catalog")),
		chromedp.WaitVisible(css("#tab-examples")),
	)
	hidden := eval[[]bool](tb, `["#tab-examples", "#tab-browse", "#tab-publish"].map(
		(id) => document.querySelector(id).hidden)`)
	if hidden[0] || !hidden[1] || !hidden[2] {
		t.Fatalf("tabs hidden (examples, browse, publish) = %v", hidden)
	}
	// The Examples tab works: its flows are static files.
	tb.do(
		chromedp.Click(css("#examples [data-example]")),
		chromedp.WaitNotVisible(css("#catalog")),
	)
	if eval[string](tb, "document.body.dataset.authState") != "signed-out" {
		t.Fatalf("opening an example failed: %s", tb.describe())
	}

	// Reaching Browse anyway, as a page that ignores catalogTabs() would.
	e := tb.fetchError("/api/v1/catalog", "")
	if e.Code != "catalog_requires_scaikey" || e.Status != 401 {
		t.Fatalf("GET /api/v1/catalog rejected with %+v", e)
	}
	tb.wantShown(want{code: "catalog_requires_scaikey", status: 401,
		message: "Catalog requires ScaiKey login",
		fix:     []string{"Sign in with ScaiKey", "Examples tab works"}})
}

// The backend's own ScaiKey credentials lack admin scope; with admin or
// tenant-tier credentials the sync works (devstack's TestAdminStartsTheScaiKeySync).
func TestStartingTheScaiKeySyncWithoutAdminScope(t *testing.T) {
	s := startStack(t, func(o *devstack.Options) {
		o.SyncCredentials = devstack.SyncPlatformWithoutAdmin
	})
	tb := newTab(t)
	signIn(tb, s, "/")
	e := tb.fetchError("/api/v1/admin/scaikey-sync", post("{}"))
	if e.Code != "sync_scope_missing" || e.Status != 403 {
		t.Fatalf("the sync was rejected with %+v", e)
	}
	tb.wantShown(want{code: "sync_scope_missing", status: 403,
		message: "Platform token requires admin:read or admin:write scope",
		fix:     []string{"admin:read and admin:write", `users_method "member_walk"`}})
}
