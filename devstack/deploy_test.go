package devstack_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestDevDeploy(t *testing.T) {
	const devToken = "shared-dev-token"
	cases := []struct {
		name       string
		configured bool
		bearer     string
		body       string
		status     int
		slug       bool
	}{
		{"dev token", false, devToken, `{"content": {"nodes": []}}`, 200, false},
		{"publish as model", false, devToken,
			`{"content": {}, "publish_as_model": true}`, 200, true},
		{"wrong dev token", false, "guess", `{"content": {}}`, 401, false},
		{"no token", false, "", `{"content": {}}`, 401, false},
		{"no content", false, devToken, `{}`, 422, false},
		{"dev token in scaikey mode", true, devToken, `{"content": {}}`, 200, false},
		{"garbage in scaikey mode", true, "guess", `{"content": {}}`, 401, false},
	}
	stacks := map[bool]*devstack.Stack{
		false: startStack(t, devstack.Options{DevToken: devToken}),
		true:  startStack(t, devstack.Options{DevToken: devToken, Configured: true}),
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := stacks[tc.configured]
			a := send(t, http.MethodPost, s.CanvasURL()+"/api/v1/dev/deploy", tc.bearer,
				strings.NewReader(tc.body))
			if a.status != tc.status {
				t.Fatalf("got %d %s, want %d", a.status, a.raw, tc.status)
			}
			if tc.status != http.StatusOK {
				return
			}
			if id, _ := a.body["core_id"].(string); id == "" {
				t.Errorf("no core_id: %s", a.raw)
			}
			if slug, _ := a.body["published_slug"].(string); (slug != "") != tc.slug {
				t.Errorf("published_slug = %v, want one: %t", a.body["published_slug"], tc.slug)
			}
		})
	}

	t.Run("access token in scaikey mode", func(t *testing.T) {
		s := stacks[true]
		token := signedIn(t, s)["access_token"].(string)
		a := send(t, http.MethodPost, s.CanvasURL()+"/api/v1/dev/deploy", token,
			strings.NewReader(`{"content": {}}`))
		if a.status != http.StatusOK {
			t.Errorf("got %d %s", a.status, a.raw)
		}
	})
}
