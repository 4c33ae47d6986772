package devstack_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// names lists the package ids of a Browse answer, in order.
func names(t *testing.T, a answer) []string {
	t.Helper()
	var list []any
	if err := json.Unmarshal([]byte(a.raw), &list); err != nil {
		t.Fatalf("catalog is not a list: %s", a.raw)
	}
	var ids []string
	for _, entry := range list {
		p, _ := entry.(map[string]any)
		id, _ := p["package_id"].(string)
		ids = append(ids, id)
	}
	return ids
}

func TestBrowseListsTheShippedPackages(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)

	a := getJSON(t, s.CanvasURL()+"/api/v1/catalog", token)
	if a.status != http.StatusOK {
		t.Fatalf("browse: %d %s", a.status, a.raw)
	}
	got := names(t, a)
	if len(got) != 2 || got[0] != "invoice-triage" || got[1] != "support-digest" {
		t.Fatalf("catalog lists %v", got)
	}
}

func TestPublishAddsAPackageThatBrowseThenLists(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)
	api := s.CanvasURL() + "/api/v1"

	byContent := sendJSON(t, http.MethodPost, api+"/catalog/publish", token, map[string]any{
		"package_id": "lead-router", "name": "Lead router", "version": "1.0.0",
		"description": "Routes new leads", "content": map[string]any{"nodes": []any{}},
	})
	if byContent.status != http.StatusCreated || byContent.body["tenant_id"] != "tnt_demo" {
		t.Fatalf("publish by content: %d %s", byContent.status, byContent.raw)
	}

	saved := sendJSON(t, http.MethodPost, api+"/flows", token, map[string]any{
		"name": "Lead router", "content": map[string]any{"nodes": []any{"n1"}},
	})
	flowID, _ := saved.body["id"].(string)
	byFlow := sendJSON(t, http.MethodPost, api+"/catalog/publish", token, map[string]any{
		"package_id": "lead-router", "name": "Lead router", "version": "1.1.0",
		"flow_id": flowID,
	})
	if byFlow.status != http.StatusCreated || byFlow.body["flow_id"] != flowID {
		t.Fatalf("publish by flow id: %d %s", byFlow.status, byFlow.raw)
	}

	list := getJSON(t, api+"/catalog", token)
	got := names(t, list)
	if len(got) != 3 || got[1] != "lead-router" {
		t.Fatalf("catalog lists %v after publishing", got)
	}
	versions := s.Packages()
	last := versions[len(versions)-1]
	if len(versions) != 4 || last.Version != "1.1.0" || last.PublishedBy != devstack.DemoSubject {
		t.Fatalf("backend holds %+v", versions)
	}
	if nodes, _ := last.Content["nodes"].([]any); len(nodes) != 1 {
		t.Errorf("published content %v, want the saved flow's", last.Content)
	}
}

func TestPublishRefusesWhatFastAPIWould(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)
	publish := s.CanvasURL() + "/api/v1/catalog/publish"
	valid := func(change map[string]any) map[string]any {
		body := map[string]any{
			"package_id": "lead-router", "name": "Lead router", "version": "1.0.0",
			"content": map[string]any{},
		}
		for k, v := range change {
			if v == nil {
				delete(body, k)
			} else {
				body[k] = v
			}
		}
		return body
	}
	if a := sendJSON(t, http.MethodPost, publish, token, valid(nil)); a.status != 201 {
		t.Fatalf("first publish: %d %s", a.status, a.raw)
	}

	cases := []struct {
		name   string
		bearer string
		body   map[string]any
		status int
		detail any
	}{
		{"no bearer", "", valid(nil), 401, "Not authenticated"},
		{"neither flow_id nor content", token, valid(map[string]any{"content": nil}),
			422, "value_error"},
		{"no version", token, valid(map[string]any{"version": nil}), 422, "missing"},
		{"version not x.y.z", token, valid(map[string]any{"version": "latest"}),
			422, "string_pattern_mismatch"},
		{"package id with spaces", token, valid(map[string]any{"package_id": "Lead router"}),
			422, "string_pattern_mismatch"},
		{"unknown flow", token, valid(map[string]any{"flow_id": "flw_404"}),
			404, "Flow not found"},
		{"same version again", token, valid(nil),
			409, "Version 1.0.0 of lead-router is already published"},
		{"a package ScaiFlow ships", token, valid(map[string]any{"package_id": "invoice-triage"}),
			403, "Package invoice-triage belongs to another publisher"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := sendJSON(t, http.MethodPost, publish, tc.bearer, tc.body)
			if a.status != tc.status {
				t.Fatalf("got %d %s, want %d", a.status, a.raw, tc.status)
			}
			if got := detailKind(a); got != tc.detail {
				t.Errorf("detail %v, want %v: %s", got, tc.detail, a.raw)
			}
		})
	}
	if n := len(s.Packages()); n != 3 {
		t.Errorf("refused publishes left %d versions, want 3", n)
	}
}

// The troubleshooting page's audience trap holds for the Catalog too: the
// backend verifies the bearer against the audience it is configured with.
func TestCatalogWithAnAudienceScaiKeyDoesNotIssue(t *testing.T) {
	s := startStack(t, devstack.Options{Configured: true, Audience: "user-portal"})
	token := signedIn(t, s)["access_token"].(string)
	a := getJSON(t, s.CanvasURL()+"/api/v1/catalog", token)
	if a.status != http.StatusUnauthorized ||
		a.body["detail"] != "invalid token: Audience doesn't match" {
		t.Fatalf("got %d %s", a.status, a.raw)
	}
}
