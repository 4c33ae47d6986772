package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// The cases of the ScaiFlow troubleshooting page, each caused on purpose
// the way a user runs into it, and checked in what the page then shows.

const stateMismatch = "PKCE state mismatch — login flow is invalid or expired"

// startSignIn presses Sign in on a fresh canvas and returns the provider's
// login page the tab lands on, where this sign-in waits for a password.
func startSignIn(tb *tab, s *devstack.Stack) string {
	tb.t.Helper()
	tb.do(
		chromedp.Navigate(s.CanvasURL()+"/"),
		waitState("signed-out"),
		chromedp.Click(css("#sign-in")),
		chromedp.WaitVisible(css("#username")),
	)
	return eval[string](tb, "location.href")
}

// ageSignIns makes every pending sign-in of the tab eleven minutes old when
// the callback arrives: what the tab's storage holds after a user leaves
// the login form alone for longer than the limit.
const ageSignIns = `
if (location.pathname === "/auth/callback") {
	for (const key of Object.keys(sessionStorage)) {
		if (!key.startsWith("scaiauth.tx.")) continue;
		const tx = JSON.parse(sessionStorage.getItem(key));
		tx.created_at = new Date(Date.parse(tx.created_at) - 11 * 60 * 1000).toISOString();
		sessionStorage.setItem(key, JSON.stringify(tx));
	}
}`

// loseStorage empties the tab's sessionStorage when the callback arrives,
// as a browser that restores a tab without it does.
const loseStorage = `
if (location.pathname === "/auth/callback") sessionStorage.clear();`

func TestSignInThatCannotBeFinishedSaysWhy(t *testing.T) {
	s := startStack(t, nil)
	sameSignIn := []string{"Sign in again"}

	t.Run("finishing the sign-in in another tab", func(t *testing.T) {
		first := newTab(t)
		login := startSignIn(first, s)
		second := first.sibling()
		second.do(chromedp.Navigate(login))
		fillLoginForm(second, devstack.DemoLogin, devstack.DemoPassword)
		second.do(waitState("error"))
		second.wantShown(want{code: "state_mismatch", cause: "no_pending_login",
			message: stateMismatch, fix: []string{"Sign in again from this tab", "another tab"}})
	})

	t.Run("finishing another tab's sign-in in a tab with its own", func(t *testing.T) {
		first := newTab(t)
		login := startSignIn(first, s)
		second := first.sibling()
		startSignIn(second, s)
		second.do(chromedp.Navigate(login))
		fillLoginForm(second, devstack.DemoLogin, devstack.DemoPassword)
		second.do(waitState("error"))
		second.wantShown(want{code: "state_mismatch", cause: "unknown_state",
			message: stateMismatch, fix: sameSignIn})
	})

	t.Run("coming back to the login form after more than ten minutes", func(t *testing.T) {
		tb := newTab(t)
		tb.beforeEveryPage(ageSignIns)
		startSignIn(tb, s)
		fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
		tb.do(waitState("error"))
		tb.wantShown(want{code: "state_mismatch", cause: "expired",
			message: stateMismatch, fix: []string{"ten minutes"}})
	})

	t.Run("a tab that lost its storage during the sign-in", func(t *testing.T) {
		tb := newTab(t)
		tb.beforeEveryPage(loseStorage)
		startSignIn(tb, s)
		fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
		tb.do(waitState("error"))
		tb.wantShown(want{code: "state_mismatch", cause: "no_pending_login",
			message: stateMismatch, fix: sameSignIn})
	})

	t.Run("pressing Sign in on 127.0.0.1 instead of localhost", func(t *testing.T) {
		other := strings.Replace(s.CanvasURL(), "localhost", "127.0.0.1", 1)
		tb := newTab(t)
		tb.do(
			chromedp.Navigate(other+"/"),
			waitState("signed-out"),
			chromedp.Click(css("#sign-in")),
			waitState("error"),
		)
		// The message is the documented one, whole; the two origins are in
		// the fix, which says which address to open instead.
		tb.wantShown(want{code: "state_mismatch", cause: "other_origin",
			message: stateMismatch,
			fix: []string{"This page is on " + other, "redirect_uri is on " + s.CanvasURL(),
				"Open the canvas at " + s.CanvasURL() + " (not " + other + ")"}})
		// Refused before the redirect, where the user can still fix it.
		if url := eval[string](tb, "location.href"); url != other+"/" {
			t.Fatalf("the page went to %s", url)
		}
	})

	if st := s.Stats(); st.Exchanges != 0 {
		t.Fatalf("the backend saw %+v: no failed sign-in may reach the exchange", st)
	}
}

func TestSignInWhenTheExchangeReachesABackendWithoutScaiKey(t *testing.T) {
	s := startStack(t, func(o *devstack.Options) { o.ExchangeNotConfigured = true })
	tb := newTab(t)
	startSignIn(tb, s)
	fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
	tb.do(waitState("error"))
	tb.wantShown(want{code: "oidc_not_configured", status: 503,
		message: "ScaiKey OIDC not configured on the server",
		fix: []string{"SCAIKEY_BASE_URL", "SCAIFLOW_SCAIKEY_CLIENT_ID",
			"SCAIFLOW_SCAIKEY_CLIENT_SECRET"}})
	if st := s.Stats(); st.Exchanges != 1 || st.ExchangeFailures != 1 {
		t.Fatalf("the backend saw %+v", st)
	}
}

// clickCallbackTwice loads the callback a second time the moment the first
// load starts its exchange, as a double click on a link to it does, and
// counts the loads.
const clickCallbackTwice = `{
	const callback = location.pathname === "/auth/callback" &&
		location.search.includes("code=");
	const loads = Number(sessionStorage.getItem("e2e.loads") || 0);
	if (callback) {
		sessionStorage.setItem("e2e.loads", String(loads + 1));
	}
	if (callback && loads === 0) {
		const again = location.href;
		const send = window.fetch;
		window.fetch = function (input, init) {
			const answer = send.call(this, input, init);
			if (String(input && input.url || input).includes("/auth/exchange")) {
				location.assign(again);
			}
			return answer;
		};
	}
}`

// keepSignIns copies the tab's pending sign-ins to localStorage when the
// callback arrives, so a test can hand them to a second tab the way
// Duplicate Tab copies sessionStorage.
const keepSignIns = `
if (location.pathname === "/auth/callback") {
	for (const key of Object.keys(sessionStorage)) {
		if (key.startsWith("scaiauth.tx.")) {
			localStorage.setItem("e2e." + key, sessionStorage.getItem(key));
		}
	}
}`

const handOverSignIns = `
for (const key of Object.keys(localStorage)) {
	if (key.startsWith("e2e.scaiauth.tx.")) {
		sessionStorage.setItem(key.slice(4), localStorage.getItem(key));
	}
}`

const codeAlreadyUsed = "invalid_grant: code already used"

func TestTheCallbackIsNeverExchangedTwice(t *testing.T) {
	s := startStack(t, nil)

	t.Run("double-clicking the callback link", func(t *testing.T) {
		s.ResetStats()
		tb := newTab(t)
		tb.beforeEveryPage(clickCallbackTwice)
		startSignIn(tb, s)
		fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
		tb.do(chromedp.WaitVisible(css(
			`body[data-auth-state="signed-in"], body[data-auth-state="error"]`)))
		if st := s.Stats(); st.Exchanges > 1 || st.CodesSeenTwice != 0 {
			t.Fatalf("the backend saw %+v: the code was sent twice", st)
		}
		if n := eval[string](tb, `sessionStorage.getItem("e2e.loads")`); n != "2" {
			t.Fatalf("the callback was loaded %s times, want the two of a double click", n)
		}
		if eval[string](tb, "document.body.dataset.authState") == "signed-in" {
			return // the first load finished before the second began
		}
		// The first load was gone before its exchange came back; the second
		// says so instead of sending the code again, and Sign in recovers.
		tb.wantShown(want{code: "login_interrupted",
			message: "The sign-in was interrupted while it was being completed",
			fix:     []string{"Sign in again"}})
		tb.do(chromedp.Click(css("#sign-in")), waitState("signed-in"))
		if st := s.Stats(); st.CodesSeenTwice != 0 {
			t.Fatalf("the backend saw %+v: the new sign-in sent an old code", st)
		}
	})

	t.Run("opening the callback URL in a second tab", func(t *testing.T) {
		s.ResetStats()
		first := newTab(t)
		first.beforeEveryPage(rememberCallback)
		signIn(first, s, "/")
		callback := eval[string](first, `localStorage.getItem("e2e.callback")`)

		second := first.sibling()
		second.do(chromedp.Navigate(callback), waitState("error"))
		second.wantShown(want{code: "state_mismatch", cause: "no_pending_login",
			message: stateMismatch, fix: []string{"Sign in again"}})
		if st := s.Stats(); st.Exchanges != 1 || st.CodesSeenTwice != 0 {
			t.Fatalf("the backend saw %+v: want the first tab's exchange alone", st)
		}
	})
}

// A duplicated tab holds a copy of the pending sign-in; when both copies
// reach the callback, ScaiKey refuses the second exchange, and the tab
// that sent it says what happened and how to recover.
func TestADuplicatedTabReplayingTheCodeIsToldItWasUsed(t *testing.T) {
	s := startStack(t, nil)
	first := newTab(t)
	first.beforeEveryPage(rememberCallback + keepSignIns)
	signIn(first, s, "/")
	callback := eval[string](first, `localStorage.getItem("e2e.callback")`)

	duplicate := first.sibling()
	duplicate.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
	eval[chromedp.Void](duplicate, handOverSignIns)
	duplicate.do(chromedp.Navigate(callback), waitState("error"))
	duplicate.wantShown(want{code: "code_already_used", status: 400,
		message: codeAlreadyUsed, fix: []string{"Refresh the page and sign in again"}})
	if st := s.Stats(); st.Exchanges != 2 || st.CodesSeenTwice != 1 {
		t.Fatalf("the backend saw %+v: want the replay refused", st)
	}

	// Recovering as the fix says: the ScaiKey session is still there.
	duplicate.do(chromedp.Click(css("#sign-in")), waitState("signed-in"))
	if url := eval[string](duplicate, "location.href"); strings.Contains(url, "code=") {
		t.Fatalf("code back in the address bar: %s", url)
	}
}

func TestSigningInAgainstABackendExpectingAnotherAudience(t *testing.T) {
	s := startStack(t, func(o *devstack.Options) { o.Audience = "user-portal" })
	tb := newTab(t)
	audience := []string{"SCAIKEY_AUDIENCE", "client_id"}
	const mismatch = "invalid token: Audience doesn't match"

	// Warned right after sign-in, before the first API call fails.
	signIn(tb, s, "/")
	tb.wantShown(want{code: "audience_mismatch", cause: "predicted", message: mismatch,
		fix: audience})

	e := tb.fetchError("/api/v1/me", "")
	if e.Code != "audience_mismatch" || e.Status != 401 || e.Message != mismatch {
		t.Fatalf("GET /api/v1/me rejected with %+v", e)
	}
	tb.wantShown(want{code: "audience_mismatch", status: 401, message: mismatch,
		fix: audience})
	if eval[string](tb, "document.body.dataset.authState") != "signed-in" {
		t.Fatal("the mismatch signed the user out: no new sign-in can fix it")
	}
}
