package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestExamplesOpenWithoutSigningInInEitherMode(t *testing.T) {
	for _, configured := range []bool{true, false} {
		name := map[bool]string{true: "scaikey mode, signed out", false: "dev_token mode"}
		t.Run(name[configured], func(t *testing.T) {
			s := startStack(t, func(o *devstack.Options) { o.Configured = configured })
			tb := newTab(t)
			openCanvas(tb, s)

			openExample(tb, "morning-digest.json")
			if got := eval[string](tb, `document.querySelector("#flow-name").value`); got !=
				"Morning digest" {
				t.Errorf("flow name %q", got)
			}
			steps := eval[int](tb, `document.querySelectorAll("#flow-steps .step").length`)
			if steps != 4 {
				t.Errorf("%d steps shown, want 4", steps)
			}
			first := eval[string](tb, `document.querySelector("#surface").dataset.draftId`)
			if !strings.HasPrefix(first, "draft-") || text(tb, "#flow-state") != "Not saved" {
				t.Errorf("opened as %q, %q", first, text(tb, "#flow-state"))
			}

			// The same example again is another flow, with a fresh id.
			openExample(tb, "morning-digest.json")
			second := eval[string](tb, `document.querySelector("#surface").dataset.draftId`)
			if second == first || !strings.HasPrefix(second, "draft-") {
				t.Errorf("second open has id %q after %q", second, first)
			}
			if st := s.Stats(); st.Exchanges != 0 || st.Refreshes != 0 {
				t.Errorf("opening examples talked to the sign-in: %+v", st)
			}
		})
	}
}

func TestBrowseListsAndPublishCreatesAPackage(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/")

	openCatalog(tb)
	tb.do(
		chromedp.Click(css("#tab-browse")),
		waitFor(`document.querySelectorAll("#packages li").length === 2`),
	)
	shipped := `#packages [data-package-id="invoice-triage"] `
	name, version := text(tb, shipped+".catalog-item-name span"), text(tb, shipped+".version")
	if name != "Invoice triage" || version != "1.2.0" {
		t.Errorf("a shipped package shows as %q %q", name, version)
	}
	tb.do(chromedp.Click(css(`#catalog button[aria-label="Close"]`)))

	openExample(tb, "lead-router.json")
	openCatalog(tb)
	tb.do(chromedp.Click(css("#tab-publish")))
	proposed := eval[string](tb, `document.querySelector('[name="package_id"]').value`)
	if proposed != "lead-router" {
		t.Errorf("proposed package id %q", proposed)
	}
	tb.do(
		chromedp.SendKeys(css(`[name="readme"]`), "Hands each lead to a queue."),
		chromedp.Click(css(`#publish-form [type="submit"]`)),
		waitFor(`document.querySelector("#publish-status").textContent.startsWith("Published")`),
	)
	if got := text(tb, "#publish-status"); got != "Published Lead router 1.0.0 to the Catalog." {
		t.Errorf("publish status %q", got)
	}

	versions := s.Packages()
	last := versions[len(versions)-1]
	if len(versions) != 3 || last.PackageID != "lead-router" || last.TenantID == nil ||
		*last.TenantID != devstack.DemoTenant || last.Readme == nil {
		t.Fatalf("backend holds %+v", versions)
	}
	if nodes, _ := last.Content["nodes"].([]any); len(nodes) != 5 {
		t.Errorf("published content %v, want the example's five steps", last.Content)
	}

	tb.do(
		chromedp.Click(css("#tab-browse")),
		waitFor(`document.querySelectorAll("#packages li").length === 3`),
		chromedp.WaitVisible(css(`#packages [data-package-id="lead-router"]`)),
	)
}

func TestSaveCreatesTheFlowThenUpdatesIt(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	signIn(tb, s, "/")
	openExample(tb, "invoice-intake.json")

	clickAction(tb, "save", "Saved as flw_1.")
	flows := s.Flows()
	if len(flows) != 1 || flows[0].Name != "Invoice intake" || flows[0].Revision != 1 {
		t.Fatalf("after the first Save the backend holds %+v", flows)
	}
	if got := text(tb, "#flow-state"); got != "Saved as flw_1 · revision 1" {
		t.Errorf("flow state %q", got)
	}

	tb.do(
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#flow-name").select()`),
		chromedp.SendKeys(css("#flow-name"), "Invoice intake, reviewed\r"),
	)
	clickAction(tb, "save", "Saved flw_1, revision 2.")
	flows = s.Flows()
	if len(flows) != 1 || flows[0].Name != "Invoice intake, reviewed" || flows[0].Revision != 2 {
		t.Fatalf("after the second Save the backend holds %+v", flows)
	}
	if nodes, _ := flows[0].Content["nodes"].([]any); len(nodes) != 5 {
		t.Errorf("saved content %v", flows[0].Content)
	}
}
