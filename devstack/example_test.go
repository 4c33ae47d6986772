package devstack_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// withExample is a configured stack that also serves a one-page app.
func withExample(t *testing.T) *devstack.Stack {
	t.Helper()
	app := t.TempDir()
	err := os.WriteFile(filepath.Join(app, "index.html"), []byte("<p>the example</p>"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return startStack(t, devstack.Options{
		Configured:     true,
		ExampleRoot:    app,
		ExampleAddr:    "localhost:0",
		ExtraAudiences: []string{devstack.DefaultPublicClientID},
	})
}

func TestExampleAppIsServedOnItsOwnOrigin(t *testing.T) {
	s := withExample(t)
	if s.ExampleURL() == "" || s.ExampleURL() == s.CanvasURL() {
		t.Fatalf("example origin %q, canvas %q", s.ExampleURL(), s.CanvasURL())
	}

	t.Run("config.json names this stack's provider and public client", func(t *testing.T) {
		a := getJSON(t, s.ExampleURL()+devstack.ExampleConfigPath, "")
		if a.status != http.StatusOK || a.body["issuer"] != s.ProviderIssuer() ||
			a.body["clientId"] != devstack.DefaultPublicClientID || a.body["apiBase"] != "/api/v1" {
			t.Fatalf("config.json: %d %s", a.status, a.raw)
		}
	})
	t.Run("the callback answers the app's page under the policy", func(t *testing.T) {
		a := getJSON(t, s.ExampleURL()+devstack.CallbackPath+"?code=c&state=s", "")
		policy := a.header.Get("Content-Security-Policy")
		if a.status != http.StatusOK || !strings.Contains(a.raw, "the example") ||
			!strings.Contains(policy, "connect-src 'self' "+s.ScaiKeyBaseURL()) {
			t.Fatalf("callback: %d %q, policy %q", a.status, a.raw, policy)
		}
	})
	t.Run("/api reaches the backend", func(t *testing.T) {
		a := getJSON(t, s.ExampleURL()+"/api/v1/auth/config", "")
		if a.status != http.StatusOK || a.body["auth_mode"] != "scaikey" {
			t.Fatalf("config through the example: %d %s", a.status, a.raw)
		}
	})
}

// The example's callback is registered for both clients; after a direct
// exchange by the public client, the backend takes its access token.
func TestExampleCallbackIsRegisteredForBothClients(t *testing.T) {
	s := withExample(t)
	callback := s.ExampleURL() + devstack.CallbackPath
	for _, client := range []string{devstack.DefaultClientID, devstack.DefaultPublicClientID} {
		t.Run(client, func(t *testing.T) {
			tx := newTransaction()
			b := newBrowser(t, s)
			extra := url.Values{"client_id": {client}, "redirect_uri": {callback}}
			form := b.authorize(tx.authorizeQuery(s, extra))
			back := b.submit(form, devstack.DemoLogin, devstack.DemoPassword)
			q := back.url.Query()
			if got := back.url.Scheme + "://" + back.url.Host + back.url.Path; got != callback ||
				q.Get("code") == "" || q.Get("state") != tx.state {
				t.Fatalf("sign-in ended on %s", back.url)
			}
			if client != devstack.DefaultPublicClientID {
				return
			}

			resp, err := http.PostForm(s.ProviderIssuer()+"/token", url.Values{
				"grant_type": {"authorization_code"}, "client_id": {client},
				"code": {q.Get("code")}, "code_verifier": {tx.verifier}, "redirect_uri": {callback},
			})
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var tokens struct {
				AccessToken string `json:"access_token"`
			}
			err = json.NewDecoder(resp.Body).Decode(&tokens)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("direct exchange: %s, %v", resp.Status, err)
			}
			access := tokens.AccessToken
			if me := getJSON(t, s.ExampleURL()+"/api/v1/me", access); me.status != http.StatusOK {
				t.Fatalf("GET /v1/me with the public client's token: %d %s", me.status, me.raw)
			}
		})
	}
}
