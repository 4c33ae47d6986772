package e2e

import (
	"encoding/json"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// openCanvas opens the canvas signed out and waits for the module.
func openCanvas(tb *tab, s *devstack.Stack) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(s.CanvasURL()+"/"), waitState("signed-out"))
}

// waitFor waits until a JavaScript expression is truthy in the page.
func waitFor(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))
}

// js quotes a string for a JavaScript expression.
func js(s string) string {
	quoted, _ := json.Marshal(s)
	return string(quoted)
}

// text reads the text of the first element a selector matches.
func text(tb *tab, selector string) string {
	tb.t.Helper()
	return eval[string](tb, `document.querySelector(`+js(selector)+`)?.textContent.trim() ?? ""`)
}

// gate is how the page shows one data-scai-action control.
type gate struct {
	Disabled bool   `json:"disabled"`
	Title    string `json:"title"`
}

// gates reads every data-scai-action control of the page, by action.
func gates(tb *tab) map[string]gate {
	tb.t.Helper()
	return eval[map[string]gate](tb, `Object.fromEntries(
		[...document.querySelectorAll("[data-scai-action]")].map((e) =>
			[e.dataset.scaiAction, {disabled: e.disabled, title: e.title}]))`)
}

// visibleTabs lists the Catalog tabs the page shows.
func visibleTabs(tb *tab) []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...document.querySelectorAll('[role="tab"]')]
		.filter((tab) => !tab.hidden).map((tab) => tab.dataset.scaiTab)`)
}

// openCatalog opens the Catalog dialog on the Examples tab's list.
func openCatalog(tb *tab) {
	tb.t.Helper()
	tb.do(
		chromedp.Click(css("#open-catalog")),
		waitFor(`document.querySelector("#catalog").open`),
		waitFor(`document.querySelectorAll("#examples li").length > 0`),
	)
}

// openExample opens a shipped example from the Catalog.
func openExample(tb *tab, file string) {
	tb.t.Helper()
	openCatalog(tb)
	tb.do(
		chromedp.Click(css("#tab-examples")),
		chromedp.Click(css(`#examples [data-example=`+js(file)+`]`)),
		waitFor(`!document.querySelector("#catalog").open`),
	)
}

// enterDevToken types the shared dev token into the page's form.
func enterDevToken(tb *tab, token string) {
	tb.t.Helper()
	tb.do(
		chromedp.SendKeys(css("#dev-token"), token),
		chromedp.Click(css(`#dev-token-form [type="submit"]`)),
		waitFor(`document.querySelector("#activity").textContent.includes("Dev token set")`),
	)
}

// clickAction clicks a Flow panel button and waits for the line it leaves.
func clickAction(tb *tab, action, result string) {
	tb.t.Helper()
	tb.do(
		chromedp.Click(css(`.panel [data-scai-action=`+js(action)+`]`)),
		waitFor(`document.querySelector("#activity").textContent.startsWith(`+js(result)+`)`),
	)
}
