package devstack_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestOperatorSwitchesTheBackendToDevTokenAndBack(t *testing.T) {
	s := configured(t)
	token := signedIn(t, s)["access_token"].(string)
	api := s.CanvasURL() + "/api/v1"

	s.SetConfigured(false)
	if cfg := getJSON(t, api+"/auth/config", ""); cfg.body["auth_mode"] != "dev_token" ||
		cfg.body["client_id"] != nil {
		t.Fatalf("config after switching off: %s", cfg.raw)
	}
	refusals := []struct {
		method, path, detail string
	}{
		{"POST", "/flows", "Save requires ScaiKey login"},
		{"PUT", "/flows/flw_1", "Save requires ScaiKey login"},
		{"GET", "/catalog", "Catalog requires ScaiKey login"},
		{"POST", "/catalog/publish", "Catalog requires ScaiKey login"},
	}
	for _, r := range refusals {
		for _, bearer := range []string{"", token, "dev-token-change-me"} {
			a := sendJSON(t, r.method, api+r.path, bearer, map[string]any{})
			if a.status != http.StatusUnauthorized || a.body["detail"] != r.detail {
				t.Errorf("%s %s in dev_token mode: %d %s", r.method, r.path, a.status, a.raw)
			}
		}
	}

	s.SetConfigured(true)
	if cfg := getJSON(t, api+"/auth/config", ""); cfg.body["auth_mode"] != "scaikey" {
		t.Fatalf("config after switching on: %s", cfg.raw)
	}
	// The provider ran all along: a token from before the switch still works.
	if a := getJSON(t, api+"/catalog", token); a.status != http.StatusOK {
		t.Errorf("catalog after switching back: %d %s", a.status, a.raw)
	}
}

func TestTheModeRouteSwitchesOverHTTP(t *testing.T) {
	s := startStack(t, devstack.Options{})
	cases := []struct {
		name   string
		body   string
		status int
		mode   string
	}{
		{"on", `{"auth_mode": "scaikey"}`, 200, "scaikey"},
		{"off", `{"auth_mode": "dev_token"}`, 200, "dev_token"},
		{"unknown mode", `{"auth_mode": "oauth"}`, 422, "dev_token"},
		{"no mode", `{}`, 422, "dev_token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, http.MethodPost, s.APIURL()+"/__dev/mode", "",
				strings.NewReader(tc.body))
			if a.status != tc.status {
				t.Fatalf("got %d %s, want %d", a.status, a.raw, tc.status)
			}
			now := getJSON(t, s.APIURL()+"/__dev/mode", "")
			if now.body["auth_mode"] != tc.mode || s.Configured() != (tc.mode == "scaikey") {
				t.Errorf("mode now %s, want %s", now.raw, tc.mode)
			}
		})
	}
}

func TestBackendCountsWhereTheDevTokenGoes(t *testing.T) {
	const devToken = "shared-dev-token"
	s := startStack(t, devstack.Options{Configured: true, DevToken: devToken})
	access := signedIn(t, s)["access_token"].(string)
	api := s.CanvasURL() + "/api/v1"
	deploy := map[string]any{"content": map[string]any{}}

	sendJSON(t, http.MethodPost, api+"/dev/deploy", devToken, deploy)
	sendJSON(t, http.MethodPost, api+"/dev/deploy", devToken, deploy)
	sendJSON(t, http.MethodPost, api+"/dev/deploy", access, deploy)
	getJSON(t, api+"/catalog", devToken)
	getJSON(t, api+"/me", devToken)
	getJSON(t, api+"/catalog", access)

	st := s.Stats()
	if st.DevTokenOnDeploy != 2 || st.ScaiKeyTokenOnDeploy != 1 || st.DevTokenElsewhere != 2 {
		t.Fatalf("counted %+v: want 2 dev tokens on deploy, 1 ScaiKey token there, "+
			"2 dev tokens elsewhere", st)
	}
	s.ResetStats()
	if st := s.Stats(); st != (devstack.Stats{}) {
		t.Errorf("after reset: %+v", st)
	}
}
