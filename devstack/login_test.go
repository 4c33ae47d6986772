package devstack_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestLoginForm(t *testing.T) {
	s := configured(t)
	cases := []struct {
		name     string
		login    string
		password string
		shows    []string
	}{
		{"wrong password", devstack.DemoLogin, "nope",
			[]string{`id="error"`, "Invalid email or password.",
				`value="demo@scaiflow.test"`}},
		{"unknown login is escaped", `<b>"x"</b>`, "demo",
			[]string{`id="error"`, `value="&lt;b&gt;&#34;x&#34;&lt;/b&gt;"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t, s)
			form := b.authorize(newTransaction().authorizeQuery(s, nil))
			for _, field := range []string{`id="username"`, `id="password"`, `id="submit"`,
				`name="username"`, `name="password"`, ">Sign in<"} {
				if !strings.Contains(form.body, field) {
					t.Fatalf("login form lacks %s:\n%s", field, form.body)
				}
			}
			again := b.submit(form, tc.login, tc.password)
			if again.status != http.StatusOK {
				t.Fatalf("status %d", again.status)
			}
			for _, want := range tc.shows {
				if !strings.Contains(again.body, want) {
					t.Errorf("page lacks %s:\n%s", want, again.body)
				}
			}
		})
	}
}

// ScaiKey remembers the browser: a second sign-in skips the form unless
// the client asks for a fresh login; prompt=none never shows a form.
func TestProviderSession(t *testing.T) {
	s := configured(t)
	b := newBrowser(t, s)
	b.signIn(newTransaction(), nil)

	t.Run("second sign-in skips the form", func(t *testing.T) {
		tx := newTransaction()
		codeFrom(t, s, tx, b.callback(b.authorize(tx.authorizeQuery(s, nil))))
	})
	t.Run("prompt=login shows the form", func(t *testing.T) {
		tx := newTransaction()
		p := b.authorize(tx.authorizeQuery(s, url.Values{"prompt": {"login"}}))
		if !strings.Contains(p.body, `id="username"`) {
			t.Errorf("no form: %d %s", p.status, p.url)
		}
	})
	t.Run("prompt=none without a session", func(t *testing.T) {
		tx := newTransaction()
		stranger := newBrowser(t, s)
		back := stranger.callback(stranger.authorize(
			tx.authorizeQuery(s, url.Values{"prompt": {"none"}})))
		if q := back.Query(); q.Get("error") != "login_required" || q.Get("state") != tx.state {
			t.Errorf("redirected to %s, want error=login_required", back)
		}
	})
	t.Run("end_session forgets the browser", func(t *testing.T) {
		q := url.Values{
			"client_id":                {devstack.DefaultClientID},
			"post_logout_redirect_uri": {s.CanvasURL() + "/"},
		}
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet,
			s.ProviderIssuer()+"/end_session?"+q.Encode(), nil)
		out := b.do(req)
		if loc := out.header.Get("Location"); loc != s.CanvasURL()+"/" {
			t.Fatalf("end_session: %d, Location %q", out.status, loc)
		}
		p := b.authorize(newTransaction().authorizeQuery(s, nil))
		if !strings.Contains(p.body, `id="username"`) {
			t.Errorf("signed in still: %d %s", p.status, p.url)
		}
	})
}
