package bench

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// journey is one run of one page in a fresh browser: a cold visit, a warm
// one, and a sign-in through the provider's form.
func (b *bench) journey(ctx context.Context, origin string) (Sample, error) {
	ctx, cancel := context.WithTimeout(ctx, b.timeout)
	defer cancel()
	tab, stop, err := freshBrowser(ctx, b.chromium)
	if err != nil {
		return Sample{}, err
	}
	defer stop()

	traffic, err := watch(tab, origin)
	if err != nil {
		return Sample{}, err
	}
	if _, err := chromedp.Call(tab, performance.Enable, performance.EnableParams{}); err != nil {
		return Sample{}, err
	}
	_, err = chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: keepWasmMemory})
	if err != nil {
		return Sample{}, err
	}

	home := origin + "/"
	var s Sample
	traffic.count(true)
	cold, err := arrive(tab, home, chromedp.Navigate(home))
	if err != nil {
		return Sample{}, fmt.Errorf("bench: cold visit: %w", err)
	}
	s.Cold = since(cold.FetchStart, cold.Known)
	s.ColdSteps = cold.steps()

	// Another navigation in the same profile, not a reload, which would
	// revalidate what the cache holds.
	traffic.count(false)
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
		return Sample{}, err
	}
	warm, err := arrive(tab, home, chromedp.Navigate(home))
	if err != nil {
		return Sample{}, fmt.Errorf("bench: warm visit: %w", err)
	}
	s.Warm = since(warm.FetchStart, warm.Known)
	s.WarmSteps = warm.steps()

	traffic.count(true)
	landed, err := arrive(tab, home, signIn())
	if err != nil {
		return Sample{}, fmt.Errorf("bench: sign-in: %w", err)
	}
	if landed.State != "signed-in" {
		return Sample{}, fmt.Errorf("bench: after the sign-in the page is %q", landed.State)
	}
	s.Callback = since(landed.FetchStart, landed.SignedIn)
	s.CallbackSteps = landed.steps()

	if s.JSHeap, s.Wasm, err = memory(tab); err != nil {
		return Sample{}, err
	}
	s.Code, s.Calls, s.Wire, err = b.weigh(tab, traffic.transfers())
	return s, err
}

// signIn presses the page's Sign in and logs in through the provider's
// form, which redirects back to the page's callback.
func signIn() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), devstack.DemoLogin),
		chromedp.SendKeys(chromedp.CSS("#password"), devstack.DemoPassword),
		chromedp.Click(chromedp.CSS("#submit")),
	)
}
