package mode

import (
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
)

func TestCanCoversEveryModeSignInStateAndAction(t *testing.T) {
	type row struct {
		state   State
		action  Action
		allowed bool
		reason  string
	}
	var rows []row
	signedIn := State{Mode: config.ScaiKey, SignedIn: true}
	signedOut := State{Mode: config.ScaiKey}
	dev := State{Mode: config.DevToken}
	devWithToken := State{Mode: config.DevToken, HasDevToken: true}
	unknown := State{}
	for _, a := range Actions {
		rows = append(rows, row{signedIn, a, true, ""})
		if a == CatalogOpen {
			for _, s := range []State{signedOut, dev, devWithToken, unknown} {
				rows = append(rows, row{s, a, true, ""})
			}
			continue
		}
		rows = append(rows, row{signedOut, a, false, "Sign in with ScaiKey to continue"})
		rows = append(rows, row{unknown, a, false, "Waiting for the sign-in configuration"})
	}
	rows = append(rows,
		row{dev, Save, false, "Save requires ScaiKey login"},
		row{devWithToken, Save, false, "Save requires ScaiKey login"},
		row{dev, CatalogBrowse, false, "Catalog requires ScaiKey login"},
		row{dev, CatalogPublish, false, "Catalog requires ScaiKey login"},
		row{dev, Preview, false, "This action requires ScaiKey login"},
		row{dev, Lookups, false, "This action requires ScaiKey login"},
		row{dev, Deploy, false, "Deploy in dev_token mode needs the shared dev token"},
		row{devWithToken, Deploy, true, ""},
	)
	for _, r := range rows {
		d := Can(r.state, r.action)
		if d.Allowed != r.allowed || d.Reason != r.reason {
			t.Errorf("%+v %s: got %+v, want allowed=%v reason=%q",
				r.state, r.action, d, r.allowed, r.reason)
		}
		if !d.Allowed && d.Code == "" {
			t.Errorf("%+v %s: refusal without a code", r.state, r.action)
		}
	}
	if d := Can(dev, Save); d.Code != autherr.SaveRequiresScaiKey {
		t.Errorf("save in dev_token mode has code %s", d.Code)
	}
}

func TestCatalogTabs(t *testing.T) {
	if got := CatalogTabs(config.ScaiKey); len(got) != 3 {
		t.Fatalf("scaikey tabs = %v", got)
	}
	for _, m := range []config.Mode{config.DevToken, ""} {
		if got := CatalogTabs(m); len(got) != 1 || got[0] != TabExamples {
			t.Fatalf("%q tabs = %v", m, got)
		}
	}
}
