package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// signInExpectingError signs in through the form and waits for the page to
// show an error instead of a user.
func signInExpectingError(tb *tab, s *devstack.Stack) {
	tb.t.Helper()
	tb.do(
		chromedp.Navigate(s.CanvasURL()+"/"),
		waitState("signed-out"),
		chromedp.Click(css("#sign-in")),
	)
	fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
	tb.do(waitState("error"))
}

func TestTamperedIDTokensAreRefused(t *testing.T) {
	s := startStack(t, nil)
	cases := []struct {
		tampering devstack.Tampering
		cause     string
	}{
		{devstack.BadSignature, "signature"},
		{devstack.AlgNone, "alg_not_allowed"},
		{devstack.HMACPublicKey, "alg_not_allowed"},
		{devstack.WrongIssuer, "issuer"},
		{devstack.WrongAudience, "audience"},
		{devstack.Expired, "expired"},
		{devstack.IssuedInFuture, "issued_in_future"},
		{devstack.WrongNonce, "nonce"},
		{devstack.MissingNonce, "nonce"},
		{devstack.UnknownKey, "unknown_kid"},
		{devstack.TwoParts, "malformed"},
		{devstack.BadBase64, "malformed"},
		{devstack.Huge, "malformed"},
	}
	for _, c := range cases {
		t.Run(string(c.tampering), func(t *testing.T) {
			s.TamperIDToken(c.tampering)
			defer s.TamperIDToken(devstack.Untampered)
			tb := newTab(t)
			signInExpectingError(tb, s)

			e := lastError(tb)
			if e["code"] != "id_token_invalid" || e["cause"] != c.cause {
				t.Fatalf("lastError = %v, want id_token_invalid (%s)", e, c.cause)
			}
			kept := eval[bool](tb, `sessionStorage.getItem("scaiauth.session") !== null`)
			if kept || eval[bool](tb, "window.scaiauth.signedIn") {
				t.Fatal("a refused token left a session behind")
			}
			fix := eval[string](tb, `document.querySelector("#error .error-fix").textContent`)
			if !strings.Contains(fix, "Sign in again") {
				t.Fatalf("fix shown = %q", fix)
			}
		})
	}
}

func TestBrokenServersEndInAClearError(t *testing.T) {
	s := startStack(t, nil)
	cases := []struct {
		name   string
		target devstack.Target
		broken devstack.Breakage
		signIn bool
		code   string
	}{
		{"backend answers an HTML page", devstack.TargetConfig, devstack.HTML, false,
			"bad_response"},
		{"backend answers broken JSON", devstack.TargetConfig, devstack.BrokenJSON, false,
			"bad_response"},
		{"backend crashes", devstack.TargetConfig, devstack.Status500, false,
			"backend_unavailable"},
		{"backend hangs up", devstack.TargetConfig, devstack.Hangup, false,
			"backend_unavailable"},
		{"backend fails the exchange", devstack.TargetExchange, devstack.Status500, true,
			"backend_unavailable"},
		{"provider's key set is down", devstack.TargetKeys, devstack.Status503, true,
			"id_token_invalid"},
		{"provider's discovery is down", devstack.TargetDiscovery, devstack.Status503, true,
			"discovery_failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t)
			s.Break(c.target, c.broken)
			defer s.Break(c.target, devstack.Healthy)
			if c.signIn {
				signInExpectingError(tb, s)
			} else {
				tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("error"))
			}
			e := lastError(tb)
			if e["code"] != c.code {
				t.Fatalf("lastError = %v, want %s", e, c.code)
			}
			if msg, _ := e["message"].(string); msg == "" || e["fix"] == "" {
				t.Fatalf("error without message or fix: %v", e)
			}
		})
	}
}

func TestCanvasWorksUnderTheStrictPolicy(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	tb.beforeEveryPage(`window.e2eViolations = [];
document.addEventListener("securitypolicyviolation",
	(e) => window.e2eViolations.push(e.violatedDirective + " " + e.blockedURI));`)
	signIn(tb, s, "/")
	if status := callMe(tb); status != 200 {
		t.Fatalf("GET /api/v1/me = %d", status)
	}
	if v := eval[[]string](tb, "window.e2eViolations"); len(v) != 0 {
		t.Fatalf("policy violations: %v", v)
	}
	// The policy really is in force: an inline script does not run.
	if inlineScriptRuns(tb) {
		t.Fatal("an inline script ran: no policy in force")
	}
}

// inlineScriptRuns tells whether a script added to the page as text runs:
// under the stack's Content-Security-Policy it must not.
func inlineScriptRuns(tb *tab) bool {
	tb.t.Helper()
	return eval[bool](tb, `(() => {
		const s = document.createElement("script");
		s.textContent = "window.e2eInline = true";
		document.body.append(s);
		return window.e2eInline === true;
	})()`)
}
