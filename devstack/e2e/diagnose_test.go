package e2e

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// finding is one item of the canvas's Sign-in health panel.
type finding struct {
	Severity string `json:"severity"`
	Check    string `json:"check"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

// diagnose presses Diagnose and reads the findings the panel shows.
func diagnose(tb *tab) map[string]finding {
	tb.t.Helper()
	eval[chromedp.Void](tb, `document.querySelector("#diagnostics .findings").replaceChildren()`)
	tb.do(chromedp.Click(css("#diagnose")), chromedp.WaitVisible(css("#diagnostics .finding")))
	raw := eval[string](tb, `JSON.stringify([...document.querySelectorAll(
		"#diagnostics .finding")].map((item) => ({
			severity: item.dataset.severity,
			check: item.querySelector(".finding-check").textContent,
			message: item.querySelector(".finding-message").textContent,
			fix: item.querySelector(".finding-fix")?.textContent ?? "",
		})))`)
	var list []finding
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		tb.t.Fatal(err)
	}
	byCheck := map[string]finding{}
	for _, f := range list {
		byCheck[f.Check] = f
	}
	return byCheck
}

// wantFinding checks one finding's severity and that its message and fix
// mention what a person needs.
func wantFinding(t *testing.T, got map[string]finding, check, severity string,
	message, fix []string) {
	t.Helper()
	f, ok := got[check]
	if !ok {
		t.Fatalf("no %s finding among %+v", check, got)
	}
	if f.Severity != severity {
		t.Errorf("%s finding is %s, want %s: %+v", check, f.Severity, severity, f)
	}
	for _, m := range message {
		if !strings.Contains(f.Message, m) {
			t.Errorf("%s finding %q does not mention %q", check, f.Message, m)
		}
	}
	for _, m := range fix {
		if !strings.Contains(f.Fix, m) {
			t.Errorf("%s fix %q does not mention %q", check, f.Fix, m)
		}
	}
}

// refuseStorage makes sessionStorage refuse every write, as a browser with
// site data blocked for the page does.
const refuseStorage = `
Storage.prototype.setItem = function () {
	throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};`

// clockAhead sets the page's clock ten minutes fast; the module's Go code
// reads its time from the page's Date.
const clockAhead = `(() => {
	const RealDate = Date;
	const ahead = 10 * 60 * 1000;
	class FastDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(RealDate.now() + ahead); else super(...args);
		}
		static now() { return RealDate.now() + ahead; }
	}
	globalThis.Date = FastDate;
})();`

func TestDiagnoseFindsWhatWouldFailBeforeItDoes(t *testing.T) {
	s := startStack(t, nil)

	t.Run("the canvas opened on 127.0.0.1", func(t *testing.T) {
		other := strings.Replace(s.CanvasURL(), "localhost", "127.0.0.1", 1)
		tb := newTab(t)
		tb.do(chromedp.Navigate(other+"/"), waitState("signed-out"))
		wantFinding(t, diagnose(tb), "origin", "error",
			[]string{other, s.CanvasURL(), stateMismatch},
			[]string{"Open the canvas at " + s.CanvasURL(), "(not " + other + ")"})
	})

	t.Run("a browser that refuses sessionStorage", func(t *testing.T) {
		tb := newTab(t)
		tb.beforeEveryPage(refuseStorage)
		tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
		wantFinding(t, diagnose(tb), "storage", "error",
			[]string{"refused to store"}, []string{"sessionStorage"})
		tb.do(chromedp.Click(css("#sign-in")), waitState("error"))
		tb.wantShown(want{code: "storage_unavailable",
			message: "The browser refused to store the sign-in state",
			fix:     []string{"Allow site data"}})
		if url := eval[string](tb, "location.href"); url != s.CanvasURL()+"/" {
			t.Fatalf("the page went to %s without a place to keep the sign-in", url)
		}
	})

	t.Run("a computer clock ten minutes fast", func(t *testing.T) {
		tb := newTab(t)
		tb.beforeEveryPage(clockAhead)
		tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
		wantFinding(t, diagnose(tb), "clock", "warning",
			[]string{"-10m"}, []string{"clock"})
		// The module corrects for the difference: signing in still works.
		signIn(tb, s, "/")
	})

	t.Run("a healthy setup", func(t *testing.T) {
		tb := newTab(t)
		tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
		for check, f := range diagnose(tb) {
			if f.Severity != "ok" {
				t.Errorf("%s: %+v", check, f)
			}
		}
	})
}

func TestDiagnoseExplainsTheModeAndTheAudience(t *testing.T) {
	t.Run("a backend in dev_token mode", func(t *testing.T) {
		s := startStack(t, func(o *devstack.Options) { o.Configured = false })
		tb := newTab(t)
		tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
		wantFinding(t, diagnose(tb), "config", "warning",
			[]string{`GET /v1/auth/config returned auth_mode "dev_token"`, "Save"},
			[]string{"SCAIKEY_BASE_URL", "SCAIFLOW_SCAIKEY_CLIENT_ID",
				"SCAIFLOW_SCAIKEY_CLIENT_SECRET"})
	})

	t.Run("a backend expecting the audience user-portal", func(t *testing.T) {
		s := startStack(t, func(o *devstack.Options) { o.Audience = "user-portal" })
		tb := newTab(t)
		tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
		wantFinding(t, diagnose(tb), "audience", "warning",
			[]string{`"user-portal"`, `"scaiflow-canvas"`}, []string{"SCAIKEY_AUDIENCE"})

		signIn(tb, s, "/")
		wantFinding(t, diagnose(tb), "audience", "error",
			[]string{"invalid token: Audience doesn't match", "user-portal"},
			[]string{"SCAIKEY_AUDIENCE"})
	})
}

// allowClipboard lets the tab's page write and read the clipboard, as a
// user who allows it does, and keeps the headless page focused, which the
// Clipboard API requires.
func (tb *tab) allowClipboard() {
	tb.t.Helper()
	contextID := chromedp.FromContext(tb.ctx).BrowserContextID
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		grant := cdpbrowser.SetPermissionParams{
			Permission:       &cdpbrowser.PermissionDescriptor{Name: name},
			Setting:          cdpbrowser.PermissionSettingGranted,
			BrowserContextID: contextID,
		}
		if _, err := chromedp.CallBrowser(tb.ctx, cdpbrowser.SetPermission, grant); err != nil {
			tb.t.Fatal(err)
		}
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetFocusEmulationEnabled,
		emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		tb.t.Fatal(err)
	}
}

// copyTrace presses Copy trace and returns what reached the clipboard.
func copyTrace(tb *tab) string {
	tb.t.Helper()
	eval[chromedp.Void](tb, `navigator.clipboard.writeText("")`)
	tb.do(chromedp.Click(css("#copy-trace")), chromedp.WaitVisible(css("#trace-report")))
	copied := eval[string](tb, "navigator.clipboard.readText()")
	shown := eval[string](tb, `document.querySelector("#trace-report").value`)
	if shown != copied {
		tb.t.Fatalf("the page shows another trace than it copied:\n%s\n%s", shown, copied)
	}
	return copied
}

func TestCopyTraceForABugReportHoldsNoSecret(t *testing.T) {
	s := startStack(t, nil)
	first := newTab(t)
	login := startSignIn(first, s)
	second := first.sibling()
	second.beforeEveryPage(rememberCallback)
	second.allowClipboard()
	second.do(chromedp.Navigate(login))
	fillLoginForm(second, devstack.DemoLogin, devstack.DemoPassword)
	second.do(waitState("error"))

	callback, err := url.Parse(eval[string](second, `localStorage.getItem("e2e.callback")`))
	if err != nil {
		t.Fatal(err)
	}
	text := copyTrace(second)
	var report struct {
		Page  string `json:"page"`
		Error struct {
			Code  string `json:"code"`
			Cause string `json:"cause"`
		} `json:"error"`
		Steps []struct{ Step, Detail string } `json:"steps"`
	}
	if err := json.Unmarshal([]byte(text), &report); err != nil {
		t.Fatalf("the trace is not JSON: %v\n%s", err, text)
	}
	if report.Error.Code != "state_mismatch" || report.Error.Cause != "no_pending_login" ||
		len(report.Steps) == 0 || report.Page != s.RedirectURI() {
		t.Fatalf("trace copied: %s", text)
	}
	for _, secret := range []string{callback.Query().Get("code"), callback.Query().Get("state")} {
		if secret == "" || strings.Contains(text, secret) {
			t.Fatalf("the trace holds the callback's code or state (%q):\n%s", secret, text)
		}
	}

	// Signed in, the trace holds no token either.
	second.do(chromedp.Click(css("#sign-in")), waitState("signed-in"))
	token := eval[string](second, "window.scaiauth.accessToken()")
	text = copyTrace(second)
	if strings.Contains(text, token) || strings.Contains(text, "eyJ") {
		t.Fatalf("the trace holds a token:\n%s", text)
	}
	if !strings.Contains(text, `"signedIn": true`) {
		t.Fatalf("trace copied: %s", text)
	}
}
