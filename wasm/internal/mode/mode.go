// Package mode decides what the canvas may do in the backend's auth mode:
// which Catalog tabs show and which actions are allowed, with the reason a
// person reads when one is not.
//
// The rules, in order:
//
//   - Opening the Catalog is always allowed: its Examples tab is static files.
//   - Until the config is read, nothing else is.
//   - Deploy goes to POST /v1/dev/deploy, which takes the shared dev token
//     and nothing else (the client never sends it a ScaiKey token), so it
//     needs the dev token, in either mode, and no sign-in.
//   - In dev_token mode every other action is refused with the documented
//     reason ("Save requires ScaiKey login", "Catalog requires ScaiKey
//     login"), whether or not a ScaiKey session is left over.
//   - In scaikey mode every other action needs a sign-in; signed out, the
//     reason says to sign in, since that alone is missing.
package mode

import (
	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
)

// Action is something a person does in the canvas. Actions the package
// does not know are treated like Save: they need a ScaiKey sign-in, since
// every backend route but the dev deploy does.
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

// Decision is the answer to "may I?". Reason is the user-facing text and
// Fix what a person can do about it; both are empty when allowed.
type Decision struct {
	Allowed bool         `json:"allowed"`
	Reason  string       `json:"reason"`
	Fix     string       `json:"fix"`
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
		return allow()
	case s.Mode != config.ScaiKey && s.Mode != config.DevToken:
		return deny(autherr.New(autherr.SignInRequired).
			WithMessage("Waiting for the sign-in configuration"))
	case a == Deploy && s.HasDevToken:
		return allow()
	case a == Deploy:
		return deny(autherr.New(autherr.DevTokenRequired))
	case s.Mode == config.DevToken:
		return deny(autherr.New(requiredCode(a)))
	case !s.SignedIn:
		return deny(signInTo(a))
	default:
		return allow()
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

// signedOutReasons name what signing in unlocks; an action without one
// gets the catalogued "Sign in with ScaiKey to continue".
var signedOutReasons = map[Action]string{
	Save:           "Sign in with ScaiKey to save",
	Preview:        "Sign in with ScaiKey to use live preview",
	Lookups:        "Sign in with ScaiKey to use lookups",
	CatalogBrowse:  "Sign in with ScaiKey to browse the Catalog",
	CatalogPublish: "Sign in with ScaiKey to publish to the Catalog",
}

func signInTo(a Action) *autherr.Error {
	e := autherr.New(autherr.SignInRequired)
	if reason, ok := signedOutReasons[a]; ok {
		return e.WithMessage("%s", reason)
	}
	return e
}

func allow() Decision { return Decision{Allowed: true} }

func deny(e *autherr.Error) Decision {
	return Decision{Reason: e.Message, Fix: e.Fix, Code: e.Code}
}
