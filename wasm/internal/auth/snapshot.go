package auth

import (
	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/mode"
)

// Snapshot is everything a page renders from.
type Snapshot struct {
	Ready     bool                     `json:"ready"`
	Mode      config.Mode              `json:"mode"`
	User      map[string]any           `json:"user"`
	SignedIn  bool                     `json:"signedIn"`
	LastError *autherr.Error           `json:"lastError"`
	Tabs      []string                 `json:"tabs"`
	Actions   map[string]mode.Decision `json:"actions"`
	ReturnTo  string                   `json:"returnTo"`
}

// hiddenClaims are protocol claims a page has no use for.
var hiddenClaims = map[string]bool{"nonce": true, "at_hash": true, "c_hash": true, "sid": true}

// Snapshot returns the current state.
func (a *Auth) Snapshot() Snapshot {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := Snapshot{LastError: a.lastErr, ReturnTo: a.returnTo}
	if a.mounting != nil {
		select {
		case <-a.mounting:
			s.Ready = true
		default:
		}
	}
	if a.cfg != nil {
		s.Mode = a.cfg.AuthMode
	}
	if a.sess != nil && a.sess.claims != nil {
		s.SignedIn = true
		s.User = map[string]any{}
		for k, v := range a.sess.claims.Raw {
			if !hiddenClaims[k] {
				s.User[k] = v
			}
		}
	}
	st := a.modeState()
	s.Tabs = mode.CatalogTabs(st.Mode)
	s.Actions = map[string]mode.Decision{}
	for _, act := range mode.Actions {
		s.Actions[string(act)] = mode.Can(st, act)
	}
	return s
}

// Can decides one action.
func (a *Auth) Can(action string) mode.Decision {
	a.mu.Lock()
	defer a.mu.Unlock()
	return mode.Can(a.modeState(), mode.Action(action))
}

// CatalogTabs lists the Catalog tabs to show.
func (a *Auth) CatalogTabs() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return mode.CatalogTabs(a.modeState().Mode)
}

// modeState must be called with a.mu held.
func (a *Auth) modeState() mode.State {
	st := mode.State{HasDevToken: a.devToken != ""}
	if a.cfg != nil {
		st.Mode = a.cfg.AuthMode
	}
	st.SignedIn = a.sess != nil && a.sess.claims != nil
	return st
}

// SetDevToken keeps the shared dev token for this page; "" forgets it. It is
// sent only with POST {apiBase}/dev/deploy.
func (a *Auth) SetDevToken(token string) {
	a.mu.Lock()
	a.devToken = token
	a.mu.Unlock()
	a.notify()
}
