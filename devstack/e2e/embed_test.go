package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// exampleDist is the Solid example as `make example-build` leaves it: built
// against the packed tarball of the module, the way an app installs it.
var exampleDist = filepath.Join(repoRoot, "examples", "solid", "dist")

// startExampleStack starts a stack that also serves the example app on its
// own origin. The backend accepts the public client's tokens too, so the
// example's protected call works after a direct exchange.
func startExampleStack(t *testing.T, change func(*devstack.Options)) *devstack.Stack {
	t.Helper()
	if _, err := os.Stat(filepath.Join(exampleDist, "index.html")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("examples/solid/dist is missing: make test builds it first " +
				"(make example-build)")
		}
		t.Skip("examples/solid/dist is not built: run make example-build (needs npm)")
	}
	return startStack(t, func(o *devstack.Options) {
		o.ExampleRoot = exampleDist
		o.ExampleAddr = "localhost:0"
		o.ExtraAudiences = []string{devstack.DefaultPublicClientID}
		if change != nil {
			change(o)
		}
	})
}

// waitExample waits for the example's state: loading, signed-out, signed-in
// or error.
func waitExample(state string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(css(`#page[data-state="` + state + `"]`))
}

// exampleText is the text of the first element matching a selector, or "".
func exampleText(tb *tab, selector string) string {
	tb.t.Helper()
	query := `document.querySelector(` + strconv.Quote(selector) + `)`
	return eval[string](tb, query+`?.textContent ?? ""`)
}

// exampleTabs lists the Catalog tabs the example renders, in order.
func exampleTabs(tb *tab) string {
	tb.t.Helper()
	return eval[string](tb, `[...document.querySelectorAll("#catalog-tabs [role=tab]")]
		.map((tab) => tab.dataset.tab).join(",")`)
}

// shownExchange is the exchange the example says it uses.
func shownExchange(tb *tab) string {
	tb.t.Helper()
	return eval[string](tb, `document.querySelector("#page").dataset.exchange`)
}

// recordExampleViolations keeps every Content-Security-Policy violation of the
// example's pages in sessionStorage, so that none is lost to a navigation.
const recordExampleViolations = `document.addEventListener("securitypolicyviolation", (e) => {
	const seen = JSON.parse(sessionStorage.getItem("e2e.csp") ?? "[]");
	seen.push(location.pathname + ": " + e.violatedDirective + " " + e.blockedURI);
	sessionStorage.setItem("e2e.csp", JSON.stringify(seen));
});`

func TestSolidExampleSignsInThroughTheProvider(t *testing.T) {
	cases := []struct {
		exchange string
		// backendExchanges is how many codes reach POST /v1/auth/exchange.
		backendExchanges int64
	}{
		{exchange: "bff", backendExchanges: 1},
		{exchange: "direct", backendExchanges: 0},
	}
	for _, c := range cases {
		t.Run(c.exchange, func(t *testing.T) {
			s := startExampleStack(t, nil)
			tb := newTab(t)
			tb.beforeEveryPage(recordExampleViolations)
			start := s.ExampleURL() + "/?exchange=" + c.exchange

			tb.do(chromedp.Navigate(start), waitExample("signed-out"))
			if tabs := exampleTabs(tb); tabs != "examples,browse,publish" {
				t.Fatalf("tabs while signed out in scaikey mode = %q", tabs)
			}
			tb.do(chromedp.Click(css("#sign-in")))
			fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
			tb.do(waitExample("signed-in"))

			if url := eval[string](tb, "location.href"); url != start {
				t.Errorf("landed on %q, want %q", url, start)
			}
			if got := shownExchange(tb); got != c.exchange {
				t.Errorf("exchange shown = %q", got)
			}
			if name := exampleText(tb, "#user-name"); name != devstack.DemoName {
				t.Errorf("user shown = %q", name)
			}
			if tabs := exampleTabs(tb); tabs != "examples,browse,publish" {
				t.Errorf("tabs = %q", tabs)
			}

			// The protected call runs on sign-in with the bearer attached.
			tb.do(chromedp.WaitVisible(css(`#protected[data-call="ok"]`)))
			sub, tenant := exampleText(tb, "#me-sub"), exampleText(tb, "#me-tenant")
			if sub != devstack.DemoSubject || tenant != devstack.DemoTenant {
				t.Errorf("GET /api/v1/me shown as %q, %q", sub, tenant)
			}
			tb.do(chromedp.Click(css("#tab-browse")), chromedp.WaitVisible(css("#packages li")))
			packages := eval[string](tb, `[...document.querySelectorAll("#packages li")]
				.map((li) => li.dataset.package).join(",")`)
			if !strings.Contains(packages, "invoice-triage") {
				t.Errorf("Catalog → Browse lists %q", packages)
			}

			st := s.Stats()
			if st.Exchanges != c.backendExchanges || st.ExchangeFailures != 0 ||
				st.CodesSeenTwice != 0 {
				t.Errorf("backend saw %+v, want %d exchanges", st, c.backendExchanges)
			}

			tb.do(chromedp.Click(css("#sign-out")), waitExample("signed-out"))
			if got := shownExchange(tb); got != c.exchange {
				t.Errorf("after sign-out the exchange is %q", got)
			}
			if v := eval[string](tb, `sessionStorage.getItem("e2e.csp") ?? ""`); v != "" {
				t.Errorf("policy violations: %s", v)
			}
		})
	}
}

func TestSolidExampleInDevTokenModeOffersOnlyTheExamplesTab(t *testing.T) {
	s := startExampleStack(t, func(o *devstack.Options) { o.Configured = false })
	tb := newTab(t)
	tb.do(chromedp.Navigate(s.ExampleURL()+"/"), waitExample("signed-out"))

	if tabs := exampleTabs(tb); tabs != "examples" {
		t.Errorf("tabs in dev_token mode = %q", tabs)
	}
	if mode := exampleText(tb, "#mode"); mode != "Dev token" {
		t.Errorf("mode shown = %q", mode)
	}
	if !eval[bool](tb, `document.querySelector("#sign-in").disabled`) {
		t.Error("Sign in is enabled without ScaiKey")
	}
	// The example runs under the strict policy: an inline script does not run.
	if inlineScriptRuns(tb) {
		t.Error("an inline script ran on the example's origin: no policy in force")
	}
}
