package auth

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

// sessionKey holds what survives a reload of the tab: the refresh token, the
// session's id and the generation of its refresh token. Access and ID tokens
// live in memory only.
const sessionKey = "scaiauth.session"

// session is the signed-in state of this page. A session is one grant at
// the provider: a duplicated tab (its sessionStorage is copied) shares it,
// and so shares its refresh token, which rotates on every use. id names the
// session among tabs; gen counts its rotations.
type session struct {
	id              string
	gen             int
	access, refresh string
	idToken         string        // kept to hand the session to another tab
	accessExpiry    time.Time     // local clock: from expires_in at receipt, less margin
	margin          time.Duration // how early the access token counts as expired
	claims          *token.Claims
}

type storedSession struct {
	ID           string `json:"sid"`
	Gen          int    `json:"gen"`
	RefreshToken string `json:"refresh_token"`
	Subject      string `json:"sub"`
}

// refreshMargin is how long before expiry a token counts as expired, capped
// at a fifth of its lifetime so that short-lived tokens stay usable.
func refreshMargin(lifetime time.Duration) time.Duration {
	m := 60 * time.Second
	if lifetime/5 < m {
		m = lifetime / 5
	}
	return m
}

// grant says where tokens come from: a sign-in (with its nonce), a refresh
// of this tab, or another tab of the same session.
type grant struct {
	nonce   string // the sign-in's nonce; "" for a refresh
	id      string // the session's id; "" starts a new session
	gen     int
	fromTab bool // handed over by another tab of the session
}

// adopt verifies the ID token of a token response and makes it the session.
// On a refresh the new ID token must name the same subject (OpenID Connect
// Core §12.2); a refresh may also omit it.
func (a *Auth) adopt(ctx context.Context, t *bff.Tokens, g grant) error {
	a.mu.Lock()
	prev := a.sess
	a.mu.Unlock()

	var claims *token.Claims
	switch {
	case g.fromTab && prev != nil && prev.id == g.id:
		// Another tab of this session verified these tokens already.
		claims = prev.claims
	case t.IDToken != "":
		v, err := a.verifier(ctx)
		if err != nil {
			return err
		}
		claims, err = v.Verify(ctx, t.IDToken, g.nonce)
		if err != nil {
			return err
		}
		if g.nonce == "" && prev != nil && claims.Subject != prev.claims.Subject {
			return autherr.New(autherr.IDTokenInvalid).Because("subject_changed")
		}
	case g.nonce == "" && prev != nil:
		claims = prev.claims
	default:
		return autherr.New(autherr.IDTokenInvalid).Because(token.CauseMissingClaim)
	}

	lifetime := time.Duration(t.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = time.Hour
	}
	s := &session{
		id:           g.id,
		gen:          g.gen,
		access:       t.AccessToken,
		refresh:      t.RefreshToken,
		idToken:      t.IDToken,
		accessExpiry: a.env.Now().Add(lifetime - refreshMargin(lifetime)),
		margin:       refreshMargin(lifetime),
		claims:       claims,
	}
	if s.id == "" {
		s.id = uuid.NewString()
	}
	if prev != nil && s.refresh == "" {
		s.refresh = prev.refresh
	}
	if prev != nil && s.idToken == "" {
		s.idToken = prev.idToken
	}
	a.install(s)
	a.step("session", "signed in as "+claims.Subject)
	return nil
}

// install makes s the session, keeps it for a reload, wakes whoever waits
// for a change and plans the next refresh.
func (a *Auth) install(s *session) {
	a.mu.Lock()
	a.sess = s
	close(a.changed)
	a.changed = make(chan struct{})
	a.mu.Unlock()
	a.persist(s)
	a.plan(s)
}

// persist keeps the refresh token for a reload of this tab. A storage that
// throws costs the reload, not the session, so the error is only traced.
func (a *Auth) persist(s *session) {
	if s.refresh == "" {
		return
	}
	sub := ""
	if s.claims != nil {
		sub = s.claims.Subject
	}
	raw, _ := json.Marshal(storedSession{
		ID: s.id, Gen: s.gen, RefreshToken: s.refresh, Subject: sub,
	})
	if err := a.env.Storage.Set(sessionKey, string(raw)); err != nil {
		a.step("session", "not kept for reload: storage refused")
	}
}

func (a *Auth) stored() (storedSession, bool) {
	raw, ok, err := a.env.Storage.Get(sessionKey)
	if err != nil || !ok {
		return storedSession{}, false
	}
	var s storedSession
	if json.Unmarshal([]byte(raw), &s) != nil || s.RefreshToken == "" {
		_ = a.env.Storage.Remove(sessionKey)
		return storedSession{}, false
	}
	return s, true
}

// drop ends the session in this page and in this tab's storage.
func (a *Auth) drop() {
	a.mu.Lock()
	a.sess = nil
	if a.stopPlan != nil {
		a.stopPlan()
	}
	a.mu.Unlock()
	_ = a.env.Storage.Remove(sessionKey)
}
