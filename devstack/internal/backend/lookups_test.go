package backend

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var demo = caller{Subject: "usr_demo", TenantID: "tnt_demo"}

// call runs one of the routes behind requireBearer as who, without a token.
func call(
	h func(http.ResponseWriter, *http.Request, caller), who caller, method, body string,
) (int, map[string]any) {
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, "/", nil)
	} else {
		r = httptest.NewRequest(method, "/", strings.NewReader(body))
	}
	w := httptest.NewRecorder()
	h(w, r, who)
	var out map[string]any
	_ = json.Unmarshal(w.Body.Bytes(), &out)
	return w.Code, out
}

func TestLookupBeforeAndAfterTheAdminPostsAKey(t *testing.T) {
	grid := new(gridKeys)
	for service := range lookupData {
		status, body := call(grid.lookup(service), demo, "GET", "")
		detail, _ := body["detail"].(map[string]any)
		if status != http.StatusPreconditionFailed || detail["error"] != "missing_credentials" ||
			detail["fix"] == nil || detail["message"] == nil {
			t.Fatalf("%s without a key: %d %v", service, status, body)
		}
	}

	status, _ := call(grid.post, demo, "POST", `{"api_key":"sk-live-0123456789abcd"}`)
	if status != http.StatusNoContent {
		t.Fatalf("posting the key: %d", status)
	}
	for service := range lookupData {
		status, body := call(grid.lookup(service), demo, "GET", "")
		if data, ok := body["data"].([]any); status != http.StatusOK || !ok || len(data) == 0 {
			t.Fatalf("%s with a key: %d %v", service, status, body)
		}
	}
	other := caller{Subject: "usr_other", TenantID: "tnt_other"}
	if status, _ := call(grid.lookup("scaigrid"), other, "GET", ""); status != 412 {
		t.Fatalf("another tenant used the key: %d", status)
	}
}

func TestCredentialsAreShownMasked(t *testing.T) {
	grid := new(gridKeys)
	_, body := call(grid.show, demo, "GET", "")
	if body["configured"] != false || body["base_url"] != nil || body["masked_key"] != nil {
		t.Fatalf("before any key: %v", body)
	}

	const key = "sk-live-0123456789abcd"
	call(grid.post, demo, "POST", `{"api_key":"`+key+`","base_url":"https://grid.test/"}`)
	status, body := call(grid.show, demo, "GET", "")
	if status != http.StatusOK || body["configured"] != true ||
		body["base_url"] != "https://grid.test" || body["masked_key"] != "****abcd" {
		t.Fatalf("after the key: %d %v", status, body)
	}

	call(grid.post, demo, "POST", `{"api_key":"short"}`)
	_, body = call(grid.show, demo, "GET", "")
	if body["masked_key"] != "****" || body["base_url"] != DefaultScaiGridURL {
		t.Fatalf("a short key without base_url: %v", body)
	}
}

func TestPostingCredentialsWithABadBody(t *testing.T) {
	cases := []struct{ name, body, kind string }{
		{"no key", `{}`, "missing"},
		{"empty key", `{"api_key":""}`, "string_too_short"},
		{"key not a string", `{"api_key":42}`, "string_type"},
		{"base_url not a string", `{"api_key":"k","base_url":1}`, "string_type"},
		{"not JSON", `{`, "json_invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			grid := new(gridKeys)
			status, body := call(grid.post, demo, "POST", tc.body)
			errs, _ := body["detail"].([]any)
			if status != http.StatusUnprocessableEntity || len(errs) != 1 ||
				errs[0].(map[string]any)["type"] != tc.kind {
				t.Fatalf("got %d %v, want 422 %s", status, body, tc.kind)
			}
			if _, ok := grid.get(demo.TenantID); ok {
				t.Fatal("a refused body was stored")
			}
		})
	}
}

func TestOnlyATenantAdminMayPostAKeyOrSync(t *testing.T) {
	s := New(Config{Members: []Member{
		{Subject: "usr_demo", Role: "tenant_admin"},
		{Subject: "usr_root", Role: "super_admin"},
		{Subject: "usr_member"},
	}})
	reached := false
	route := s.requireAdmin(func(w http.ResponseWriter, _ *http.Request, _ caller) {
		reached = true
		w.WriteHeader(http.StatusNoContent)
	})
	cases := []struct {
		subject string
		status  int
	}{
		{"usr_demo", http.StatusNoContent},
		{"usr_root", http.StatusNoContent},
		{"usr_member", http.StatusForbidden},
		{"usr_unknown", http.StatusForbidden},
	}
	for _, tc := range cases {
		reached = false
		status, body := call(route, caller{Subject: tc.subject}, "POST", "{}")
		if status != tc.status || reached != (tc.status == http.StatusNoContent) {
			t.Errorf("%s: %d %v", tc.subject, status, body)
		}
		if status == http.StatusForbidden && body["detail"] != adminRequired {
			t.Errorf("%s: detail %v", tc.subject, body["detail"])
		}
	}
}
