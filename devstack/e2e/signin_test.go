package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// signIn opens the canvas signed out and signs in through the provider's
// own login form.
func signIn(tb *tab, s *devstack.Stack, path string) {
	tb.t.Helper()
	tb.do(
		chromedp.Navigate(s.CanvasURL()+path),
		waitState("signed-out"),
		chromedp.Click(css("#sign-in")),
	)
	fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
	tb.do(waitState("signed-in"))
}

func fillLoginForm(tb *tab, login, password string) {
	tb.t.Helper()
	tb.do(
		chromedp.WaitVisible(css("#username")),
		chromedp.SendKeys(css("#username"), login),
		chromedp.SendKeys(css("#password"), password),
		chromedp.Click(css("#submit")),
	)
}

// rememberCallback keeps every callback URL the tab lands on, before the
// module cleans it, so a test can go back to it the way a user would.
const rememberCallback = `
if (location.pathname === "/auth/callback" && location.search.includes("code=")) {
	localStorage.setItem("e2e.callback", location.href);
}`

func TestSignInThroughTheProviderLandsSignedInWithACleanURL(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/")

	if url := eval[string](tb, "location.href"); url != s.CanvasURL()+"/" {
		t.Fatalf("address bar after sign-in = %q", url)
	}
	name := eval[string](tb, `document.querySelector("#user").textContent`)
	if name != "Dana Demo" {
		t.Fatalf("user shown = %q", name)
	}
	user := eval[map[string]any](tb, "window.scaiauth.user")
	if user["sub"] != devstack.DemoSubject || user["tenant_id"] != "tnt_demo" {
		t.Fatalf("auth.user = %v", user)
	}
	if st := s.Stats(); st.Exchanges != 1 || st.ExchangeFailures != 0 {
		t.Fatalf("backend saw %+v, want exactly one exchange", st)
	}
}

func TestSignInReturnsToThePageItStartedOn(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/flows/42?view=graph")
	if url := eval[string](tb, "location.href"); url != s.CanvasURL()+"/flows/42?view=graph" {
		t.Fatalf("landed on %q", url)
	}
}

func TestReloadStaysSignedInWithoutAnotherExchange(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/")
	tb.do(chromedp.Reload(), waitState("signed-in"))

	st := s.Stats()
	if st.Exchanges != 1 || st.Refreshes != 1 || st.ReusedRefreshTokens != 0 {
		t.Fatalf("after reload the backend saw %+v: want 1 exchange, 1 refresh", st)
	}
}

func TestMountingTwiceOnTheCallbackSendsOneExchange(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	// On the callback, two more copies of the loader (as a hot reload or a
	// second component would) mount while the page's own mount runs.
	tb.beforeEveryPage(`
if (location.pathname === "/auth/callback") {
	window.e2eMounts = Promise.all([
		import("/js/scaiauth.js?copy=1").then((m) => m.mount()),
		import("/js/scaiauth.js?copy=2").then((m) => m.mount()),
	]);
}`)
	signIn(tb, s, "/")
	same := eval[bool](tb, `window.e2eMounts.then(([a, b]) => a === b && a === window.scaiauth)`)
	if !same {
		t.Fatal("mount() returned different instances within one page")
	}
	if st := s.Stats(); st.Exchanges != 1 || st.CodesSeenTwice != 0 {
		t.Fatalf("backend saw %+v, want exactly one exchange", st)
	}
}

func TestReloadingTheOldCallbackURLSendsNothing(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	tb.beforeEveryPage(rememberCallback)
	signIn(tb, s, "/")
	callback := eval[string](tb, `localStorage.getItem("e2e.callback")`)
	if !strings.Contains(callback, "code=") {
		t.Fatalf("no callback URL recorded: %q", callback)
	}

	t.Run("while signed in: stays signed in", func(t *testing.T) {
		tb.do(chromedp.Navigate(callback), waitState("signed-in"))
		if st := s.Stats(); st.Exchanges != 1 || st.CodesSeenTwice != 0 {
			t.Fatalf("backend saw %+v after revisiting the callback", st)
		}
		if url := eval[string](tb, "location.href"); strings.Contains(url, "code=") {
			t.Fatalf("code back in the address bar: %s", url)
		}
	})

	t.Run("after signing out: a clear error, not an exception", func(t *testing.T) {
		tb.do(chromedp.Click(css("#sign-out")), waitState("signed-out"))
		tb.do(chromedp.Navigate(callback), waitState("error"))
		code := eval[string](tb, "window.scaiauth.lastError.code")
		msg := eval[string](tb, `document.querySelector("#error .error-message").textContent`)
		if code != "state_mismatch" || !strings.Contains(msg, "PKCE state mismatch") {
			t.Fatalf("error shown = %s %q", code, msg)
		}
		if st := s.Stats(); st.Exchanges != 1 {
			t.Fatalf("backend saw %+v after revisiting the callback", st)
		}
	})
}

func TestSignOutSignsOutAndStaysSignedOut(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/")
	tb.do(chromedp.Click(css("#sign-out")), waitState("signed-out"))
	if url := eval[string](tb, "location.href"); url != s.CanvasURL()+"/" {
		t.Fatalf("after sign-out the page is %q", url)
	}
	stored := eval[int](tb, `Object.keys(sessionStorage)
		.filter((k) => k.startsWith("scaiauth.")).length`)
	if stored != 0 {
		t.Fatalf("%d sign-in records left in sessionStorage", stored)
	}
	tb.do(chromedp.Reload(), waitState("signed-out"))
	// The provider's session ended too: signing in asks for the password.
	tb.do(chromedp.Click(css("#sign-in")), chromedp.WaitVisible(css("#username")))
}
