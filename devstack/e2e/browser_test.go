package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// browser is the one Chromium of the test binary; each test opens its own
// browser context (its own cookies and storage) in it.
var browser context.Context

// repoRoot is the repository the canvas server serves.
var repoRoot = filepath.Join("..", "..")

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	wasm := filepath.Join(repoRoot, "static", "scaiauth.wasm")
	if _, err := os.Stat(wasm); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: static/scaiauth.wasm is missing: run make build first")
		return 1
	}
	path, err := chromiumPath()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithErrorf(quietErrorf))
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: starting Chromium:", err)
		return 1
	}
	browser = ctx
	return m.Run()
}

// chromiumPath finds Debian's Chromium, or the one CHROMIUM names.
func chromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: apt-get install chromium, or set CHROMIUM")
}

// quietErrorf drops the protocol decoder's complaints about event fields
// newer than the protocol package; they concern events the tests never read.
func quietErrorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, "could not unmarshal event") {
		return
	}
	fmt.Fprintln(os.Stderr, msg)
}

// tab is one browser tab of a test.
type tab struct {
	t   *testing.T
	ctx context.Context
}

// newTab opens a tab in a fresh browser context: a new profile as far as
// cookies and storage go.
func newTab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return &tab{t: t, ctx: ctx}
}

// sibling opens another tab in the same browser context: it shares cookies
// and localStorage with tb, but has its own sessionStorage.
func (tb *tab) sibling() *tab {
	tb.t.Helper()
	ctx, cancel := chromedp.NewContext(tb.ctx)
	tb.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.t.Fatal(err)
	}
	return &tab{t: tb.t, ctx: ctx}
}

// do runs steps with a time limit and, on failure, says what the page
// showed.
func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%v\n%s", err, tb.describe())
	}
}

// eval evaluates a JavaScript expression, awaiting a Promise.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v\n%s", expr, err, tb.describe())
	}
	return v
}

// describe reports the page's state for a failure message.
func (tb *tab) describe() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
		url: location.href,
		state: document.body && document.body.dataset.authState,
		error: document.querySelector("#error")?.innerText,
	})`))
	if err != nil {
		return "page state unavailable: " + err.Error()
	}
	return "page: " + s
}

// beforeEveryPage runs script at the start of every document of the tab,
// before the page's own scripts.
func (tb *tab) beforeEveryPage(script string) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	}))
}

func css(s string) chromedp.CSS { return chromedp.CSS(s) }

// waitState waits for the canvas page's sign-in state.
func waitState(state string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(css(`body[data-auth-state="` + state + `"]`))
}
