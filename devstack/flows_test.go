package devstack_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// sendJSON sends body as JSON with a bearer ("" for none).
func sendJSON(t *testing.T, method, url, bearer string, body any) answer {
	t.Helper()
	encoded, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, method, url, bearer, bytes.NewReader(encoded))
}

func TestSaveCreatesThenUpdatesTheFlow(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)
	flows := s.CanvasURL() + "/api/v1/flows"

	created := sendJSON(t, http.MethodPost, flows, token, map[string]any{
		"name": "Invoice intake", "content": map[string]any{"nodes": []any{}},
	})
	if created.status != http.StatusCreated {
		t.Fatalf("create: %d %s", created.status, created.raw)
	}
	id, _ := created.body["id"].(string)
	if id == "" || created.body["revision"] != 1.0 || created.body["description"] != nil {
		t.Fatalf("create answered %s", created.raw)
	}

	updated := sendJSON(t, http.MethodPut, flows+"/"+id, token, map[string]any{
		"name": "Invoice intake v2", "description": "now with approval",
		"content": map[string]any{"nodes": []any{map[string]any{"id": "n1"}}},
	})
	if updated.status != http.StatusOK || updated.body["id"] != id {
		t.Fatalf("update: %d %s", updated.status, updated.raw)
	}

	saved := s.Flows()
	if len(saved) != 1 {
		t.Fatalf("backend holds %d flows, want 1: %+v", len(saved), saved)
	}
	f := saved[0]
	if f.ID != id || f.Name != "Invoice intake v2" || f.Revision != 2 ||
		f.Description == nil || *f.Description != "now with approval" {
		t.Errorf("flow after update: %+v", f)
	}
	if f.TenantID != devstack.DemoTenant || f.CreatedBy != devstack.DemoSubject {
		t.Errorf("flow belongs to %s/%s", f.TenantID, f.CreatedBy)
	}
	if nodes, _ := f.Content["nodes"].([]any); len(nodes) != 1 {
		t.Errorf("content after update: %v", f.Content)
	}
}

func TestSaveRefusesWhatFastAPIWould(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)
	flows := s.CanvasURL() + "/api/v1/flows"

	cases := []struct {
		name   string
		method string
		url    string
		bearer string
		body   any
		status int
		detail any // a string, or the type of the first 422 entry
	}{
		{"no bearer", "POST", flows, "", map[string]any{"name": "a", "content": map[string]any{}},
			401, "Not authenticated"},
		{"the dev token as bearer", "POST", flows, "dev-token-change-me",
			map[string]any{"name": "a", "content": map[string]any{}},
			401, "invalid token: Not enough segments"},
		{"no name", "POST", flows, token, map[string]any{"content": map[string]any{}},
			422, "missing"},
		{"empty name", "POST", flows, token,
			map[string]any{"name": "", "content": map[string]any{}}, 422, "string_too_short"},
		{"content not an object", "POST", flows, token, map[string]any{"name": "a", "content": 3},
			422, "dict_type"},
		{"unknown flow", "PUT", flows + "/flw_404", token,
			map[string]any{"name": "a", "content": map[string]any{}}, 404, "Flow not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := sendJSON(t, tc.method, tc.url, tc.bearer, tc.body)
			if a.status != tc.status {
				t.Fatalf("got %d %s, want %d", a.status, a.raw, tc.status)
			}
			if got := detailKind(a); got != tc.detail {
				t.Errorf("detail %v, want %v: %s", got, tc.detail, a.raw)
			}
		})
	}
	if n := len(s.Flows()); n != 0 {
		t.Errorf("refused saves left %d flows", n)
	}
}

// detailKind is a string detail as is, or the type of a 422's first entry.
func detailKind(a answer) any {
	if entries, ok := a.body["detail"].([]any); ok && len(entries) > 0 {
		first, _ := entries[0].(map[string]any)
		return first["type"]
	}
	return a.body["detail"]
}
