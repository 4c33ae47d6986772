package e2e

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// The reasons the page shows, as the module words them.
const (
	signInToSave    = "Sign in with ScaiKey to save"
	signInToPreview = "Sign in with ScaiKey to use live preview"
	signInToLookups = "Sign in with ScaiKey to use lookups"
	signInToBrowse  = "Sign in with ScaiKey to browse the Catalog"
	signInToPublish = "Sign in with ScaiKey to publish to the Catalog"
	needsDevToken   = "Deploy needs the shared dev token"
	saveRequires    = "Save requires ScaiKey login"
	catalogRequires = "Catalog requires ScaiKey login"
	scaikeyRequired = "This action requires ScaiKey login"
)

var allTabs = []string{"examples", "browse", "publish"}

func TestEachModeShowsItsTabsButtonsAndReasons(t *testing.T) {
	cases := []struct {
		name       string
		configured bool
		signIn     bool
		devToken   bool
		tabs       []string
		titles     map[string]string // action: the reason, "" when enabled
		note       string            // the Catalog's notice, "" when hidden
	}{
		{"scaikey mode, signed out", true, false, false, allTabs, map[string]string{
			"save": signInToSave, "deploy": needsDevToken, "preview": signInToPreview,
			"lookups": signInToLookups, "catalog": "", "catalog.browse": signInToBrowse,
			"catalog.publish": signInToPublish,
		}, signInToBrowse},
		{"scaikey mode, signed in", true, true, false, allTabs, map[string]string{
			"save": "", "deploy": needsDevToken, "preview": "", "lookups": "", "catalog": "",
			"catalog.browse": "", "catalog.publish": "",
		}, ""},
		{"scaikey mode, signed in with the dev token", true, true, true, allTabs,
			map[string]string{
				"save": "", "deploy": "", "preview": "", "lookups": "", "catalog": "",
				"catalog.browse": "", "catalog.publish": "",
			}, ""},
		{"dev_token mode", false, false, false, []string{"examples"}, map[string]string{
			"save": saveRequires, "deploy": needsDevToken, "preview": scaikeyRequired,
			"lookups": scaikeyRequired, "catalog": "", "catalog.browse": catalogRequires,
			"catalog.publish": catalogRequires,
		}, catalogRequires},
		{"dev_token mode with the dev token", false, false, true, []string{"examples"},
			map[string]string{
				"save": saveRequires, "deploy": "", "preview": scaikeyRequired,
				"lookups": scaikeyRequired, "catalog": "", "catalog.browse": catalogRequires,
				"catalog.publish": catalogRequires,
			}, catalogRequires},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := startStack(t, func(o *devstack.Options) { o.Configured = tc.configured })
			tb := newTab(t)
			if tc.signIn {
				signIn(tb, s, "/")
			} else {
				openCanvas(tb, s)
			}
			if tc.devToken {
				enterDevToken(tb, devToken)
			}

			mode := map[bool]string{true: "scaikey", false: "dev_token"}[tc.configured]
			got := eval[string](tb, "document.documentElement.dataset.scaiAuthMode")
			if got != mode {
				t.Errorf("data-scai-auth-mode = %q, want %q", got, mode)
			}
			if tabs := visibleTabs(tb); !slices.Equal(tabs, tc.tabs) {
				t.Errorf("visible tabs %v, want %v", tabs, tc.tabs)
			}
			shown := gates(tb)
			for action, title := range tc.titles {
				g, ok := shown[action]
				if !ok || g.Disabled != (title != "") || g.Title != title {
					t.Errorf("%s: disabled=%v title=%q, want reason %q",
						action, g.Disabled, g.Title, title)
				}
			}
			note := text(tb, "#catalog-note .notice-reason")
			hidden := eval[bool](tb, `document.querySelector("#catalog-note").hidden`)
			if note != tc.note || hidden != (tc.note == "") {
				t.Errorf("Catalog notice %q (hidden %v), want %q", note, hidden, tc.note)
			}
			signInShown := !eval[bool](tb, `document.querySelector("#sign-in").hidden`)
			if signInShown != (tc.configured && !tc.signIn) {
				t.Errorf("Sign in button shown: %v", signInShown)
			}
		})
	}
}

func TestBackendSwitchedWhileThePageIsOpenShowsWithoutAReload(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/")
	openCatalog(tb)
	tb.do(chromedp.Click(css("#tab-browse")), waitFor(`document.querySelectorAll(
		"#packages li").length === 2`))
	tb.do(chromedp.Evaluate[chromedp.Void](`window.e2eSameDocument = true`))
	// The tab coming back into view is when the module reads the config again.
	tabReturns := chromedp.Evaluate[chromedp.Void](
		`document.dispatchEvent(new Event("visibilitychange"))`)

	s.SetConfigured(false)
	tb.do(tabReturns, waitFor(`document.documentElement.dataset.scaiAuthMode === "dev_token"`))
	if got := visibleTabs(tb); !slices.Equal(got, []string{"examples"}) {
		t.Errorf("tabs after the switch to dev_token: %v", got)
	}
	selected := eval[string](tb, `document.querySelector('[aria-selected="true"]').id`)
	if selected != "tab-examples" {
		t.Errorf("selected tab after Browse was hidden: %s", selected)
	}
	if g := gates(tb)["save"]; !g.Disabled || g.Title != saveRequires {
		t.Errorf("save after the switch: %+v", g)
	}
	if got := text(tb, "#mode"); got != "Dev token" {
		t.Errorf("mode badge %q", got)
	}

	s.SetConfigured(true)
	tb.do(tabReturns, waitFor(`document.documentElement.dataset.scaiAuthMode === "scaikey"`))
	if got := visibleTabs(tb); !slices.Equal(got, allTabs) {
		t.Errorf("tabs after switching back: %v", got)
	}
	// The session outlived the switch: Save is open again at once.
	if g := gates(tb)["save"]; g.Disabled {
		t.Errorf("save after switching back: %+v", g)
	}
	if !eval[bool](tb, `window.e2eSameDocument === true`) {
		t.Fatal("the page reloaded")
	}
}
