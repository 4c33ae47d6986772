package mode

import (
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
)

// The reasons a person reads; "" is allowed.
const (
	yes       = ""
	waiting   = "Waiting for the sign-in configuration"
	needToken = "Deploy needs the shared dev token"
	saveKey   = "Save requires ScaiKey login"
	catKey    = "Catalog requires ScaiKey login"
	anyKey    = "This action requires ScaiKey login"
	signSave  = "Sign in with ScaiKey to save"
	signPrev  = "Sign in with ScaiKey to use live preview"
	signLook  = "Sign in with ScaiKey to use lookups"
	signBrow  = "Sign in with ScaiKey to browse the Catalog"
	signPub   = "Sign in with ScaiKey to publish to the Catalog"
	signAny   = "Sign in with ScaiKey to continue"
)

// pageAction is an action a page invents for itself.
const pageAction Action = "page.export"

// outcomes is one situation's answer for every action, in the order
// save, deploy, preview, lookups, catalog, catalog.browse,
// catalog.publish, and an action of the page's own.
type outcomes [8]string

var everyAction = [8]Action{
	Save, Deploy, Preview, Lookups, CatalogOpen, CatalogBrowse, CatalogPublish, pageAction,
}

var decisionTable = []struct {
	situation string
	state     State
	want      outcomes
}{
	{"config not read yet", State{},
		outcomes{waiting, waiting, waiting, waiting, yes, waiting, waiting, waiting}},
	{"config not read yet, dev token entered", State{HasDevToken: true},
		outcomes{waiting, waiting, waiting, waiting, yes, waiting, waiting, waiting}},
	{"config not read yet, session left from before", State{SignedIn: true},
		outcomes{waiting, waiting, waiting, waiting, yes, waiting, waiting, waiting}},
	{"config not read yet, signed in with a dev token",
		State{SignedIn: true, HasDevToken: true},
		outcomes{waiting, waiting, waiting, waiting, yes, waiting, waiting, waiting}},

	{"scaikey mode, signed out", State{Mode: config.ScaiKey},
		outcomes{signSave, needToken, signPrev, signLook, yes, signBrow, signPub, signAny}},
	{"scaikey mode, signed out, dev token entered",
		State{Mode: config.ScaiKey, HasDevToken: true},
		outcomes{signSave, yes, signPrev, signLook, yes, signBrow, signPub, signAny}},
	{"scaikey mode, signed in", State{Mode: config.ScaiKey, SignedIn: true},
		outcomes{yes, needToken, yes, yes, yes, yes, yes, yes}},
	{"scaikey mode, signed in, dev token entered",
		State{Mode: config.ScaiKey, SignedIn: true, HasDevToken: true},
		outcomes{yes, yes, yes, yes, yes, yes, yes, yes}},

	{"dev_token mode, no token yet", State{Mode: config.DevToken},
		outcomes{saveKey, needToken, anyKey, anyKey, yes, catKey, catKey, anyKey}},
	{"dev_token mode, dev token entered", State{Mode: config.DevToken, HasDevToken: true},
		outcomes{saveKey, yes, anyKey, anyKey, yes, catKey, catKey, anyKey}},
	{"dev_token mode after the backend switched, still signed in",
		State{Mode: config.DevToken, SignedIn: true},
		outcomes{saveKey, needToken, anyKey, anyKey, yes, catKey, catKey, anyKey}},
	{"dev_token mode, signed in and dev token entered",
		State{Mode: config.DevToken, SignedIn: true, HasDevToken: true},
		outcomes{saveKey, yes, anyKey, anyKey, yes, catKey, catKey, anyKey}},
}

func TestCanAnswersEverySituationAndAction(t *testing.T) {
	for _, row := range decisionTable {
		for i, action := range everyAction {
			d := Can(row.state, action)
			want := row.want[i]
			if d.Allowed != (want == yes) || d.Reason != want {
				t.Errorf("%s, %s: got allowed=%v %q, want %q",
					row.situation, action, d.Allowed, d.Reason, want)
			}
			if d.Allowed && (d.Code != "" || d.Fix != "") {
				t.Errorf("%s, %s: allowed with code %q fix %q",
					row.situation, action, d.Code, d.Fix)
			}
			if !d.Allowed && (d.Code == "" || d.Fix == "") {
				t.Errorf("%s, %s: refused without a code or a fix: %+v",
					row.situation, action, d)
			}
		}
	}
}

func TestDecisionTableCoversEveryModeSignInStateAndDevToken(t *testing.T) {
	seen := map[State]bool{}
	for _, row := range decisionTable {
		if seen[row.state] {
			t.Errorf("%+v appears twice", row.state)
		}
		seen[row.state] = true
	}
	for _, m := range []config.Mode{"", config.ScaiKey, config.DevToken} {
		for _, signedIn := range []bool{false, true} {
			for _, token := range []bool{false, true} {
				s := State{Mode: m, SignedIn: signedIn, HasDevToken: token}
				if !seen[s] {
					t.Errorf("no row for %+v", s)
				}
			}
		}
	}
	for _, a := range Actions {
		found := false
		for _, b := range everyAction {
			found = found || a == b
		}
		if !found {
			t.Errorf("action %q has no column", a)
		}
	}
}

// Pages branch on the code, so each refusal names its own.
func TestRefusalsCarryTheirOwnCode(t *testing.T) {
	cases := []struct {
		situation string
		state     State
		action    Action
		code      autherr.Code
	}{
		{"save in dev_token mode", State{Mode: config.DevToken}, Save,
			autherr.SaveRequiresScaiKey},
		{"browse in dev_token mode", State{Mode: config.DevToken}, CatalogBrowse,
			autherr.CatalogRequiresScaiKey},
		{"publish in dev_token mode", State{Mode: config.DevToken}, CatalogPublish,
			autherr.CatalogRequiresScaiKey},
		{"preview in dev_token mode", State{Mode: config.DevToken}, Preview,
			autherr.ScaiKeyRequired},
		{"save signed out", State{Mode: config.ScaiKey}, Save, autherr.SignInRequired},
		{"deploy without the token", State{Mode: config.ScaiKey, SignedIn: true}, Deploy,
			autherr.DevTokenRequired},
	}
	for _, tc := range cases {
		if d := Can(tc.state, tc.action); d.Code != tc.code {
			t.Errorf("%s: code %q, want %q", tc.situation, d.Code, tc.code)
		}
	}
}

func TestCatalogShowsAllTabsOnlyInScaiKeyMode(t *testing.T) {
	cases := []struct {
		mode config.Mode
		want []string
	}{
		{config.ScaiKey, []string{TabExamples, TabBrowse, TabPublish}},
		{config.DevToken, []string{TabExamples}},
		{"", []string{TabExamples}},
	}
	for _, tc := range cases {
		got := CatalogTabs(tc.mode)
		if len(got) != len(tc.want) {
			t.Errorf("%q: tabs %v, want %v", tc.mode, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: tabs %v, want %v", tc.mode, got, tc.want)
			}
		}
	}
}
