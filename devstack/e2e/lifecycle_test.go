package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// shortLived makes tokens live three seconds, so that several lifetimes
// pass within a test.
func shortLived(o *devstack.Options) {
	o.AccessTokenTTL = 3 * time.Second
	o.IDTokenTTL = 3 * time.Second
}

// callMe calls GET /api/v1/me through the module and returns the status.
func callMe(tb *tab) int {
	tb.t.Helper()
	return eval[int](tb, `window.scaiauth.fetch("/api/v1/me").then((r) => r.status)`)
}

// duplicate opens a tab with a copy of tb's sessionStorage, as the browser's
// "Duplicate tab" does, on the canvas.
func duplicate(tb *tab, s *devstack.Stack) *tab {
	tb.t.Helper()
	copied := eval[string](tb, `JSON.stringify(Object.entries(sessionStorage))`)
	dup := tb.sibling()
	dup.do(chromedp.Navigate(s.CanvasURL() + "/static/canvas.css"))
	eval[bool](dup, fmt.Sprintf(`JSON.parse(%q).forEach(([k, v]) => sessionStorage.setItem(k, v)),
		true`, copied))
	dup.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-in"))
	return dup
}

func TestCanvasStaysSignedInAcrossSeveralTokenLifetimes(t *testing.T) {
	s := startStack(t, shortLived)
	tb := newTab(t)
	signIn(tb, s, "/")

	time.Sleep(10 * time.Second) // more than three access token lifetimes
	if status := callMe(tb); status != 200 {
		t.Fatalf("GET /api/v1/me = %d after several lifetimes", status)
	}
	tb.do(waitState("signed-in"))
	st := s.Stats()
	if st.Refreshes < 3 || st.RefreshFailures != 0 || st.ReusedRefreshTokens != 0 {
		t.Fatalf("backend saw %+v: want refreshes ahead of expiry, none refused", st)
	}
}

func TestDuplicatedTabsStaySignedInAcrossRotations(t *testing.T) {
	s := startStack(t, shortLived)
	first := newTab(t)
	signIn(first, s, "/")
	second := duplicate(first, s)

	time.Sleep(10 * time.Second)
	for _, tb := range []*tab{first, second} {
		if status := callMe(tb); status != 200 {
			t.Fatalf("GET /api/v1/me = %d in one of the tabs", status)
		}
		tb.do(waitState("signed-in"))
	}
	st := s.Stats()
	if st.ReusedRefreshTokens != 0 || st.RefreshFailures != 0 || st.Refreshes < 3 {
		t.Fatalf("backend saw %+v: a dead refresh token was sent", st)
	}
	// One tab refreshes for both: about one refresh per lifetime, not two.
	if st.Refreshes > 9 {
		t.Fatalf("%d refreshes in 10 s of 3 s tokens: the tabs refreshed separately", st.Refreshes)
	}
}

// offline lets a test cut the page off the network, the way a laptop
// loses its Wi-Fi: every fetch fails until e2eOffline is false again.
const offline = `
window.e2eOffline = false;
const realFetch = window.fetch;
window.fetch = (...args) => window.e2eOffline
	? Promise.reject(new TypeError("Failed to fetch"))
	: realFetch(...args);`

func TestTenCallsWithAnExpiredTokenCauseOneRefresh(t *testing.T) {
	s := startStack(t, shortLived)
	tb := newTab(t)
	tb.beforeEveryPage(offline)
	signIn(tb, s, "/")

	// Offline while the token expires: the refresh ahead of expiry fails and
	// waits before it tries again.
	eval[bool](tb, "window.e2eOffline = true")
	time.Sleep(4 * time.Second)
	eval[bool](tb, "window.e2eOffline = false")
	s.ResetStats()

	statuses := eval[[]int](tb, `Promise.all(Array.from({length: 10},
		() => window.scaiauth.fetch("/api/v1/me").then((r) => r.status)))`)
	for _, st := range statuses {
		if st != 200 {
			t.Fatalf("statuses = %v", statuses)
		}
	}
	if st := s.Stats(); st.Refreshes != 1 {
		t.Fatalf("backend saw %d refreshes for ten calls, want 1", st.Refreshes)
	}
}

func TestSignOutInOneTabSignsOutTheOther(t *testing.T) {
	cases := []struct {
		name   string
		second func(first *tab, s *devstack.Stack) *tab
	}{
		{"duplicated tab", duplicate},
		{"tab signed in on its own", func(first *tab, s *devstack.Stack) *tab {
			second := first.sibling() // its own sessionStorage: its own session
			second.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"),
				chromedp.Click(css("#sign-in")))
			// The provider may remember the person from the first tab's
			// sign-in and send them straight back, or ask again.
			eventually(second, `document.querySelector("#username") !== null ||
				document.body?.dataset.authState === "signed-in"`)
			if eval[bool](second, `document.querySelector("#username") !== null`) {
				fillLoginForm(second, devstack.DemoLogin, devstack.DemoPassword)
			}
			second.do(waitState("signed-in"))
			return second
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startStack(t, nil)
			first := newTab(t)
			signIn(first, s, "/")
			second := c.second(first, s)

			first.do(chromedp.Click(css("#sign-out")), waitState("signed-out"))
			second.do(waitState("signed-out"))
			left := eval[int](second, `Object.keys(sessionStorage)
				.filter((k) => k.startsWith("scaiauth.")).length`)
			if left != 0 {
				t.Fatalf("the other tab keeps %d sign-in records", left)
			}
		})
	}
}

func TestSigningKeyRotationIsFollowed(t *testing.T) {
	cases := []struct {
		name    string
		refresh func(tb *tab)
	}{
		// The open page refreshes ahead of expiry, with the keys it read at
		// sign-in in memory: the new ID token names a key it has not seen.
		{"page left open", func(tb *tab) {
			time.Sleep(4 * time.Second) // past one access token lifetime
		}},
		// A reload reads the key set afresh before it verifies.
		{"page reloaded", func(tb *tab) {
			tb.do(chromedp.Reload(), waitState("signed-in"))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startStack(t, shortLived)
			tb := newTab(t)
			signIn(tb, s, "/")
			if err := s.RotateSigningKey(); err != nil {
				t.Fatal(err)
			}
			refreshed := s.Stats().Refreshes
			c.refresh(tb)

			if status := callMe(tb); status != 200 {
				t.Fatalf("GET /api/v1/me = %d after the key rotated", status)
			}
			tb.do(waitState("signed-in"))
			if s.Stats().Refreshes == refreshed {
				t.Fatal("no refresh after the rotation: the new key was never needed")
			}
			keys := eval[int](tb, `performance.getEntriesByType("resource")
				.filter((e) => new URL(e.name).pathname.endsWith("/keys")).length`)
			if c.name == "page left open" && keys < 2 {
				t.Fatalf("the key set was read %d times: the unknown key was never looked up", keys)
			}
		})
	}
}

// lateClock sets the page's clock two hours behind the servers'.
const lateClock = `
(() => {
	const RealDate = Date;
	const shift = -2 * 3600 * 1000;
	class LateDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) { super(RealDate.now() + shift); } else { super(...args); }
		}
		static now() { return RealDate.now() + shift; }
	}
	globalThis.Date = LateDate;
})();`

func TestComputerClockTwoHoursLateStillSignsIn(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	tb.beforeEveryPage(lateClock)
	signIn(tb, s, "/")
	if status := callMe(tb); status != 200 {
		t.Fatalf("GET /api/v1/me = %d", status)
	}
	findings := eval[[]map[string]string](tb, `window.scaiauth.diagnose()`)
	for _, f := range findings {
		if f["check"] == "clock" && f["severity"] == "ok" {
			t.Fatalf("diagnose did not see the late clock: %v", f)
		}
	}
}

func TestProviderSigningWithES256(t *testing.T) {
	s := startStack(t, func(o *devstack.Options) { o.SigningAlgorithm = "ES256" })
	tb := newTab(t)
	signIn(tb, s, "/")
	if status := callMe(tb); status != 200 {
		t.Fatalf("GET /api/v1/me = %d", status)
	}
	tb.do(chromedp.Reload(), waitState("signed-in"))
}
