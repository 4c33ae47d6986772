package auth

import (
	"context"
	"encoding/json"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

// sessionKey holds what survives a reload of the tab: the refresh token and
// the subject it belongs to. Access and ID tokens live in memory only.
const sessionKey = "scaiauth.session"

// session is the signed-in state of this page.
type session struct {
	access, refresh string
	accessExpiry    time.Time // local clock: from expires_in at receipt
	claims          *token.Claims
}

type storedSession struct {
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

// adopt verifies the ID token of a token response and makes it the session.
// nonce is the login's nonce, or "" for a refresh. On a refresh the new ID
// token must name the same subject (OpenID Connect Core §12.2).
func (a *Auth) adopt(ctx context.Context, t *bff.Tokens, nonce string) error {
	a.mu.Lock()
	prev := a.sess
	a.mu.Unlock()

	var claims *token.Claims
	switch {
	case t.IDToken != "":
		v, err := a.verifier(ctx)
		if err != nil {
			return err
		}
		claims, err = v.Verify(ctx, t.IDToken, nonce)
		if err != nil {
			return err
		}
		if prev != nil && prev.claims != nil && nonce == "" &&
			claims.Subject != prev.claims.Subject {
			return autherr.New(autherr.IDTokenInvalid).Because("subject_changed")
		}
	case nonce == "" && prev != nil && prev.claims != nil:
		claims = prev.claims // a refresh may omit the ID token
	default:
		return autherr.New(autherr.IDTokenInvalid).Because(token.CauseMissingClaim)
	}

	lifetime := time.Duration(t.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = time.Hour
	}
	s := &session{
		access:       t.AccessToken,
		refresh:      t.RefreshToken,
		accessExpiry: a.env.Now().Add(lifetime - refreshMargin(lifetime)),
		claims:       claims,
	}
	if s.refresh == "" && prev != nil {
		s.refresh = prev.refresh
	}
	a.mu.Lock()
	a.sess = s
	a.mu.Unlock()
	a.persist(s)
	a.step("session", "signed in as "+claims.Subject)
	return nil
}

// persist keeps the refresh token for a reload of this tab. A storage that
// throws costs the reload, not the session, so the error is only traced.
func (a *Auth) persist(s *session) {
	if s.refresh == "" {
		return
	}
	raw, _ := json.Marshal(storedSession{RefreshToken: s.refresh, Subject: s.claims.Subject})
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
	a.mu.Unlock()
	_ = a.env.Storage.Remove(sessionKey)
}

// flight is one refresh in progress, shared by everyone who needs it.
type flight struct {
	done chan struct{}
	err  error
}

// refresh trades the refresh token for new tokens, once at a time: every
// caller that asks while a refresh runs waits for that one. ScaiKey rotates
// refresh tokens, so two refreshes with the same token would kill the session.
// stale is the access token the caller found wanting ("" for none): when the
// session already holds another one, someone refreshed in the meantime and
// nothing is sent.
func (a *Auth) refresh(ctx context.Context, stale string) error {
	a.mu.Lock()
	if f := a.flight; f != nil {
		a.mu.Unlock()
		select {
		case <-f.done:
			return f.err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	a.flight = f
	a.mu.Unlock()

	f.err = a.env.Locks.Lock(ctx, "scaiauth.refresh", func(ctx context.Context) error {
		return a.refreshLocked(ctx, stale)
	})

	a.mu.Lock()
	a.flight = nil
	a.mu.Unlock()
	close(f.done)
	return f.err
}

func (a *Auth) refreshLocked(ctx context.Context, stale string) error {
	a.mu.Lock()
	var rt string
	if a.sess != nil {
		if a.sess.access != stale {
			a.mu.Unlock()
			return nil
		}
		rt = a.sess.refresh
	}
	a.mu.Unlock()
	if rt == "" {
		if s, ok := a.stored(); ok {
			rt = s.RefreshToken
		}
	}
	if rt == "" {
		return autherr.New(autherr.SignInRequired)
	}

	a.step("refresh", "sent")
	t, err := a.api.Refresh(ctx, rt)
	if err != nil {
		if autherr.CodeOf(err) == autherr.SessionExpired {
			a.drop()
		}
		a.step("refresh", "failed: "+string(autherr.CodeOf(err)))
		return err
	}
	a.keepRotated(t.RefreshToken)
	if err := a.adopt(ctx, t, ""); err != nil {
		if autherr.CodeOf(err) == autherr.IDTokenInvalid {
			a.drop()
		}
		return err
	}
	return nil
}

// keepRotated stores a rotated refresh token before anything else can fail:
// the old one is already dead at the provider.
func (a *Auth) keepRotated(rt string) {
	if rt == "" {
		return
	}
	a.mu.Lock()
	s := a.sess
	if s != nil {
		c := *s
		c.refresh = rt
		a.sess = &c
	}
	a.mu.Unlock()
	sub := ""
	if s != nil && s.claims != nil {
		sub = s.claims.Subject
	} else if old, ok := a.stored(); ok {
		sub = old.Subject
	}
	raw, _ := json.Marshal(storedSession{RefreshToken: rt, Subject: sub})
	_ = a.env.Storage.Set(sessionKey, string(raw))
}

// AccessToken returns a valid access token, refreshing it first when it is
// close to expiry.
func (a *Auth) AccessToken(ctx context.Context) (string, error) {
	if err := a.waitMounted(ctx); err != nil {
		return "", err
	}
	a.mu.Lock()
	s, cfg := a.sess, a.cfg
	a.mu.Unlock()
	switch {
	case cfg == nil:
		return "", autherr.New(autherr.ConfigInvalid).Because("not_loaded")
	case cfg.AuthMode != "scaikey":
		return "", autherr.New(autherr.ScaiKeyRequired)
	case s == nil:
		return "", autherr.New(autherr.SignInRequired)
	case a.env.Now().Before(s.accessExpiry):
		return s.access, nil
	}
	if err := a.refresh(ctx, s.access); err != nil {
		return "", a.afterRefreshFailure(err)
	}
	a.notify()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sess == nil {
		return "", autherr.New(autherr.SignInRequired)
	}
	return a.sess.access, nil
}

// afterRefreshFailure reports a refresh that ended the session.
func (a *Auth) afterRefreshFailure(err error) error {
	e := autherr.As(err)
	a.mu.Lock()
	ended := a.sess == nil
	a.mu.Unlock()
	if ended {
		return a.fail(e)
	}
	return e
}
