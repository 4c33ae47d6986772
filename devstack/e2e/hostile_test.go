package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// pendingState starts a sign-in in tb, stops at the provider's login form,
// and returns the state the module stored, the way an attacker who
// controls the callback would learn nothing but a test can.
func pendingState(tb *tab, s *devstack.Stack) string {
	tb.t.Helper()
	tb.do(
		chromedp.Navigate(s.CanvasURL()+"/"),
		waitState("signed-out"),
		chromedp.Click(css("#sign-in")),
		chromedp.WaitVisible(css("#username")),
		// Back on the canvas origin, in a document that runs no module.
		chromedp.Navigate(s.CanvasURL()+"/static/canvas.css"),
	)
	return eval[string](tb, `Object.keys(sessionStorage)
		.filter((k) => k.startsWith("scaiauth.tx."))
		.map((k) => JSON.parse(sessionStorage.getItem(k)).state)[0] || ""`)
}

// landOnCallback opens the callback with the given query and waits for the
// page to settle.
func landOnCallback(tb *tab, s *devstack.Stack, query string, state string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(s.CanvasURL()+"/auth/callback?"+query), waitState(state))
}

func lastError(tb *tab) map[string]any {
	tb.t.Helper()
	return eval[map[string]any](tb, `window.scaiauth.lastError
		? JSON.parse(JSON.stringify(window.scaiauth.lastError)) : null`)
}

func TestHostileCallbacksEndInAClearErrorAndSendNothing(t *testing.T) {
	s := startStack(t, nil)
	long := strings.Repeat("A", 8192)
	cases := []struct {
		name  string
		query func(state string) string
		code  string
		cause string
	}{
		{"code injected into a tab that started no sign-in",
			func(string) string { return "code=stolen&state=guessed" },
			"state_mismatch", "no_pending_login"},
		{"code without state", func(string) string { return "code=stolen" },
			"state_mismatch", "missing_state"},
		{"state repeated to smuggle a second value",
			func(st string) string { return "code=c&state=" + st + "&state=other" },
			"callback_invalid", "repeated_parameter"},
		{"code of 8 KiB", func(st string) string { return "code=" + long + "&state=" + st },
			"callback_invalid", "too_long"},
		{"answer from another issuer (mix-up)",
			func(st string) string {
				return "code=c&state=" + st + "&iss=" + url.QueryEscape("https://evil.example")
			},
			"callback_invalid", "issuer_mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t)
			state := "unused"
			if !strings.HasPrefix(c.name, "code injected") {
				state = pendingState(tb, s)
			}
			s.ResetStats()
			landOnCallback(tb, s, c.query(state), "error")

			e := lastError(tb)
			if e["code"] != c.code || e["cause"] != c.cause {
				t.Fatalf("lastError = %v, want %s (%s)", e, c.code, c.cause)
			}
			if url := eval[string](tb, "location.href"); strings.Contains(url, "code=") {
				t.Fatalf("code left in the address bar: %.120s", url)
			}
			if st := s.Stats(); st.Exchanges != 0 {
				t.Fatalf("backend saw %+v for a hostile callback", st)
			}
		})
	}
}

func TestProviderErrorWithMarkupIsShownAsText(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	state := pendingState(tb, s)
	markup := `<img src=x id=injected onerror="document.title='pwned'">`
	landOnCallback(tb, s, "error=access_denied&error_description="+
		url.QueryEscape(markup)+"&state="+state, "error")

	shown := eval[string](tb, `document.querySelector("#error .error-message").textContent`)
	if !strings.Contains(shown, markup) {
		t.Fatalf("message = %q, want the provider's words as text", shown)
	}
	injected := eval[bool](tb, `document.querySelector("#injected") !== null ||
		document.title === "pwned"`)
	if injected {
		t.Fatal("the provider's description was rendered as markup")
	}
	if e := lastError(tb); e["code"] != "provider_error" || e["cause"] != "access_denied" {
		t.Fatalf("lastError = %v", e)
	}
}

func TestAnotherIntegrationsCallbackIsLeftAlone(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	target := s.CanvasURL() + "/integrations/github?code=theirs&state=theirs"
	tb.do(chromedp.Navigate(target), waitState("signed-out"))
	if got := eval[string](tb, "location.href"); got != target {
		t.Fatalf("address bar changed to %q", got)
	}
	if e := lastError(tb); e != nil {
		t.Fatalf("an error for someone else's callback: %v", e)
	}
	if st := s.Stats(); st.Exchanges != 0 {
		t.Fatalf("backend saw %+v", st)
	}
}

func TestReturnPathsOffThisOriginAreRefused(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
	for _, returnTo := range []string{
		"https://evil.example/", "//evil.example/", "/\\evil.example",
		"javascript:alert(1)", "/%2F%2Fevil.example",
	} {
		code := eval[string](tb, fmt.Sprintf(
			`window.scaiauth.login({returnTo: %q}).then(() => "navigated", (e) => e.code)`,
			returnTo))
		if code != "return_to_invalid" {
			t.Fatalf("login({returnTo: %q}) = %s", returnTo, code)
		}
	}
	if got := eval[string](tb, "location.href"); got != s.CanvasURL()+"/" {
		t.Fatalf("the page navigated to %q", got)
	}
}

func TestStorageThatThrowsStopsSignInBeforeTheRedirect(t *testing.T) {
	cases := []struct{ name, storage string }{
		{"storage full", `Storage.prototype.setItem = function () {
			throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
		};`},
		// As in a sandboxed frame or with site data blocked: even reading
		// window.sessionStorage throws.
		{"storage blocked", `Object.defineProperty(window, "sessionStorage", {
			get() {
				throw new DOMException("Access is denied for this document.", "SecurityError");
			},
		});`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startStack(t, nil)
			tb := newTab(t)
			tb.beforeEveryPage(c.storage)
			tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"),
				chromedp.Click(css("#sign-in")), waitState("error"))
			if e := lastError(tb); e["code"] != "storage_unavailable" {
				t.Fatalf("lastError = %v", e)
			}
			if got := eval[string](tb, "location.href"); got != s.CanvasURL()+"/" {
				t.Fatalf("went to %q with nowhere to keep the verifier", got)
			}
		})
	}
}

func TestNoSecretReachesTheConsoleDOMStorageOrTrace(t *testing.T) {
	s := startStack(t, shortLived)
	tb := newTab(t)
	console := collectConsole(tb)
	tb.beforeEveryPage(rememberCallback)
	// With the module's log on, in the console the test reads.
	signIn(tb, s, "/?scaiauth-debug")
	callMe(tb) // and a refresh or two happen meanwhile

	access := eval[string](tb, "window.scaiauth.accessToken()")
	refresh := eval[string](tb,
		`JSON.parse(sessionStorage.getItem("scaiauth.session")).refresh_token`)
	cb, _ := url.Parse(eval[string](tb, `localStorage.getItem("e2e.callback")`))
	code := cb.Query().Get("code")
	secrets := map[string]string{"access token": access, "refresh token": refresh, "code": code}
	for name, v := range secrets {
		if len(v) < 8 {
			t.Fatalf("%s not found: %q", name, v)
		}
	}

	places := map[string]string{
		"DOM": eval[string](tb, "document.documentElement.outerHTML"),
		"localStorage": eval[string](tb, `JSON.stringify(Object.entries(localStorage)
			.filter(([k]) => k !== "e2e.callback"))`),
		"trace":     eval[string](tb, "JSON.stringify(window.scaiauth.trace())"),
		"lastError": eval[string](tb, "JSON.stringify(window.scaiauth.lastError)"),
		"tx records": eval[string](tb, `JSON.stringify(Object.entries(sessionStorage)
			.filter(([k]) => k.startsWith("scaiauth.tx.")))`),
	}
	tb.do(chromedp.Reload(), waitState("signed-in"))
	eval[bool](tb, `console.log("e2e-marker"), true`)
	places["console"] = console("e2e-marker")
	if !strings.Contains(places["console"], "scaiauth: mounted") {
		t.Fatal("the module's log is not in the console")
	}

	for where, text := range places {
		for name, v := range secrets {
			if strings.Contains(text, v) {
				t.Errorf("the %s is in the %s", name, where)
			}
		}
	}
	if strings.Contains(places["tx records"], `"verifier"`) {
		t.Error("a used verifier is still stored")
	}
}

// collectConsole records every console message and uncaught exception of
// the tab from now on; the returned func waits until the last message
// logged holds until, then stops and returns them all. The wait is needed
// because the events arrive after the call that logged them returns.
func collectConsole(tb *tab) func(until string) string {
	ctx, cancel := context.WithCancel(tb.ctx)
	messages := chromedp.Console(ctx)
	var mu sync.Mutex
	var b strings.Builder
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			b.WriteString(m.String() + "\n")
			mu.Unlock()
		}
	}()
	seen := func() string {
		mu.Lock()
		defer mu.Unlock()
		return b.String()
	}
	return func(until string) string {
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(seen(), until) {
			if time.Now().After(deadline) {
				tb.t.Fatalf("the console never showed %q: it is not being read", until)
			}
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
		<-done
		return seen()
	}
}
