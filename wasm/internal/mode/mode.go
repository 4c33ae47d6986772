// Package mode decides what the canvas may do in the backend's auth mode:
// which Catalog tabs show and which actions are allowed, with the reason a
// person reads when one is not.
package mode

import (
	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
)

// Action is something a person does in the canvas.
type Action string

const (
	Save           Action = "save"
	Deploy         Action = "deploy"
	Preview        Action = "preview"
	Lookups        Action = "lookups"
	CatalogBrowse  Action = "catalog.browse"
	CatalogPublish Action = "catalog.publish"
	CatalogOpen    Action = "catalog"
)

// Actions lists every action, in the order the canvas shows them.
var Actions = []Action{Save, Deploy, Preview, Lookups, CatalogOpen, CatalogBrowse, CatalogPublish}

// Catalog tabs.
const (
	TabExamples = "examples"
	TabBrowse   = "browse"
	TabPublish  = "publish"
)

// Decision is the answer to "may I?".
type Decision struct {
	Allowed bool         `json:"allowed"`
	Reason  string       `json:"reason"`
	Code    autherr.Code `json:"code"`
}

// State is what decisions depend on.
type State struct {
	Mode        config.Mode // "" while the config is unknown
	SignedIn    bool
	HasDevToken bool
}

// Can decides one action.
func Can(s State, a Action) Decision {
	switch {
	case a == CatalogOpen:
		// The Examples tab is static files: the Catalog always opens.
		return allow()
	case s.Mode == config.DevToken && a == Deploy:
		if s.HasDevToken {
			return allow()
		}
		return deny(autherr.New(autherr.SignInRequired).
			WithMessage("Deploy in dev_token mode needs the shared dev token").
			WithFix("Enter the backend's SCAIFLOW_API_TOKEN as the dev token."))
	case s.Mode == config.DevToken:
		return deny(autherr.New(requiredCode(a)))
	case s.Mode == config.ScaiKey && s.SignedIn:
		return allow()
	case s.Mode == config.ScaiKey:
		return deny(autherr.New(autherr.SignInRequired))
	default:
		return deny(autherr.New(autherr.SignInRequired).
			WithMessage("Waiting for the sign-in configuration"))
	}
}

// requiredCode is the documented refusal for an action in dev_token mode.
func requiredCode(a Action) autherr.Code {
	switch a {
	case Save:
		return autherr.SaveRequiresScaiKey
	case CatalogBrowse, CatalogPublish:
		return autherr.CatalogRequiresScaiKey
	default:
		return autherr.ScaiKeyRequired
	}
}

// CatalogTabs lists the Catalog tabs to show. In dev_token mode only the
// Examples tab, which loads static files, is of any use.
func CatalogTabs(m config.Mode) []string {
	if m == config.ScaiKey {
		return []string{TabExamples, TabBrowse, TabPublish}
	}
	return []string{TabExamples}
}

func allow() Decision { return Decision{Allowed: true} }

func deny(e *autherr.Error) Decision {
	return Decision{Reason: e.Message, Code: e.Code}
}
