package auth

import (
	"context"
	"errors"
	"net/url"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/login"
)

// Mount starts the client: it reads the backend's config, consumes the
// callback if this page is one, or restores the session of this tab. Only
// the first call does the work; every other call, during or after it, waits
// for it and sees the same outcome. Mount itself fails only when the context
// ends; what went wrong with the sign-in is in Snapshot().LastError.
func (a *Auth) Mount(ctx context.Context) error {
	a.mu.Lock()
	if a.mounting != nil {
		a.mu.Unlock()
		return a.waitMounted(ctx)
	}
	a.mounting = make(chan struct{})
	a.mu.Unlock()

	a.mount(ctx)
	close(a.mounting)
	a.notify()
	return nil
}

func (a *Auth) mount(ctx context.Context) {
	a.resumeTrace()
	a.step("mount", "reading config")
	cfg, resp, err := a.readConfig(ctx)
	if resp != nil {
		a.measureSkew(resp.Header["date"])
	}
	if err != nil {
		a.fail(err)
		return
	}
	a.mu.Lock()
	a.cfg = cfg
	a.mu.Unlock()
	a.step("config", "auth_mode "+string(cfg.AuthMode))
	if cfg.AuthMode != config.ScaiKey {
		a.strandedCallback()
		return
	}

	cb, clean, isCallback, err := login.ParseCallback(a.env.Location.Href(), a.redirectURI())
	if !isCallback {
		a.restore(ctx)
		return
	}
	// The address bar is cleaned before anything else happens, so that no
	// reload, Back or second mount can read the code again.
	if rerr := a.env.Location.Replace(clean); rerr != nil {
		a.step("callback", "could not clean the address bar")
	} else {
		a.step("callback", "read; address bar cleaned")
	}
	if err != nil {
		a.fail(err)
		a.restore(ctx)
		return
	}
	a.complete(ctx, cb)
}

// readConfig uses the loader's early answer when there is one: fetched in
// parallel with the module's download, it costs the page no round trip.
func (a *Auth) readConfig(ctx context.Context) (*config.Config, *fetch.Response, error) {
	if a.opts.Exchange == ExchangeDirect {
		cfg, err := a.directConfig()
		return cfg, nil, err
	}
	if r := a.opts.ConfigReply; r != nil {
		a.opts.ConfigReply = nil // a later reload asks the backend again
		a.step("config", "answered before the module started")
		return bff.ParseConfig(r)
	}
	return a.api.Config(ctx)
}

func (a *Auth) redirectURI() string {
	if a.opts.RedirectURI != "" {
		return a.opts.RedirectURI
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cfg.RedirectURI
}

// strandedCallback settles this tab's callback when it returns after the
// backend left scaikey mode mid-sign-in: the code can no longer be
// exchanged, so it leaves the address bar and the sign-in ends in the
// documented error instead of a page that silently ignores it. The config
// names no redirect_uri in dev_token mode, so the transaction's is used.
func (a *Auth) strandedCallback() {
	href := a.env.Location.Href()
	page, err := url.Parse(href)
	if err != nil {
		return
	}
	state := page.Query().Get("state")
	if state == "" {
		return
	}
	tx, err := a.book.Claim(state)
	if err != nil && !errors.Is(err, login.ErrClaimed) {
		return // not this tab's sign-in: not ours to touch
	}
	_, clean, isCallback, _ := login.ParseCallback(href, tx.RedirectURI)
	if !isCallback {
		return
	}
	if rerr := a.env.Location.Replace(clean); rerr != nil {
		a.step("callback", "could not clean the address bar")
	}
	e := autherr.New(autherr.OIDCNotConfigured).Because("dev_token_mode")
	if err == nil {
		_ = a.book.Finish(tx, login.Outcome{Code: e.Code, Cause: e.Cause})
	}
	a.fail(e)
}

// restore brings back the session this tab had before a reload.
func (a *Auth) restore(ctx context.Context) {
	if _, ok := a.stored(); !ok {
		return
	}
	a.step("restore", "refreshing the stored session")
	a.prefetchKeys(ctx) // the refreshed ID token is verified with them
	if err := a.refresh(ctx, ""); err != nil {
		a.fail(err)
		return
	}
	// A reloaded page never passes through complete(), so the audience is
	// predicted here too, before the first API call fails with it. An error
	// this mount already has (a callback that failed before the restore)
	// stays the one the page explains; that API call reports the audience.
	a.mu.Lock()
	explained := a.lastErr != nil
	a.mu.Unlock()
	if !explained {
		a.warnAudience()
	}
}

// complete finishes the sign-in of a callback, exactly once per state.
func (a *Auth) complete(ctx context.Context, cb *login.Callback) {
	tx, err := a.book.Claim(cb.State)
	if errors.Is(err, login.ErrClaimed) {
		a.replay(ctx, tx)
		return
	}
	if err != nil {
		e := autherr.As(err)
		if cb.OtherOrigin && e.Code == autherr.StateMismatch {
			// The sign-in's record is in the other origin's storage: say
			// which address to open instead.
			e = otherOrigin(login.Origin(a.env.Location.Href()), login.Origin(a.redirectURI()))
		}
		a.fail(e)
		a.restore(ctx)
		return
	}
	a.step("callback", "claimed this tab's sign-in")

	if err := a.exchange(ctx, cb, tx); err != nil {
		e := autherr.As(err)
		_ = a.book.Finish(tx, login.Outcome{Code: e.Code, Cause: e.Cause})
		a.fail(e)
		return
	}
	a.mu.Lock()
	sub := a.sess.claims.Subject
	a.returnTo = tx.ReturnTo
	a.mu.Unlock()
	_ = a.book.Finish(tx, login.Outcome{OK: true, Subject: sub})
	if tx.ReturnTo != "" {
		_ = a.env.Location.Replace(tx.ReturnTo)
	}
	a.clearError()
	a.warnAudience()
}

// replay answers a callback whose transaction was claimed before (a reload
// of the old callback URL, a second mount) with the first outcome, and never
// sends the code again.
func (a *Auth) replay(ctx context.Context, tx *login.Transaction) {
	a.step("callback", "already claimed; not sent again")
	switch {
	case tx.Outcome != nil && !tx.Outcome.OK:
		a.fail(autherr.New(tx.Outcome.Code).Because(tx.Outcome.Cause))
		a.restore(ctx)
	default:
		a.restore(ctx)
		a.mu.Lock()
		signedIn := a.sess != nil
		a.mu.Unlock()
		if signedIn {
			return
		}
		if tx.Outcome == nil {
			a.fail(autherr.New(autherr.LoginInterrupted))
			return
		}
		a.fail(autherr.New(autherr.StateMismatch).Because(autherr.CauseAlreadyUsed))
	}
}

// exchange sends the code through the backend and adopts the tokens.
func (a *Auth) exchange(ctx context.Context, cb *login.Callback, tx *login.Transaction) error {
	if cb.Error != "" {
		return providerRefusal(cb)
	}
	// RFC 9207 §2.4: a provider that names itself must name the one this
	// sign-in went to. Discovery is held to that same issuer (OpenID
	// Connect Discovery §4.3), so the check need not wait for it.
	if cb.Issuer != "" && cb.Issuer != a.issuer() {
		return autherr.New(autherr.CallbackInvalid).Because("issuer_mismatch")
	}

	// The ID token is verified with the provider's keys: they are read
	// while the code is exchanged, not one round trip after another.
	a.prefetchKeys(ctx)
	a.step("exchange", "sent to the backend")
	t, err := a.grants.Exchange(ctx, cb.Code, tx.Verifier, tx.RedirectURI)
	if err != nil {
		a.step("exchange", "failed: "+string(autherr.CodeOf(err)))
		return err
	}
	a.step("exchange", "tokens received")
	if err := a.adopt(ctx, t, grant{nonce: tx.Nonce}); err != nil {
		return err
	}
	a.step("id_token", "verified")
	return nil
}

// issuer is the configured provider's issuer identifier.
func (a *Auth) issuer() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cfg.Issuer()
}

// prefetchKeys starts reading discovery and then the key set, for an ID
// token on its way. The verification joins these reads or finds their
// results cached, and reports a failure as it would without them.
func (a *Auth) prefetchKeys(ctx context.Context) {
	go func() {
		if _, err := a.discover(ctx, false); err == nil {
			_, _ = a.keys.Keys(ctx, false)
		}
	}()
}

// providerRefusal reports an error the provider sent instead of a code. Its
// description is the provider's text: pages show it as text, never markup.
func providerRefusal(cb *login.Callback) error {
	e := autherr.New(autherr.ProviderError).Because(oauthCode(cb.Error))
	if cb.ErrorDescription != "" {
		return e.WithMessage("ScaiKey refused the sign-in: %s", cb.ErrorDescription)
	}
	return e.WithMessage("ScaiKey refused the sign-in (%s)", oauthCode(cb.Error))
}

// oauthCode keeps an OAuth error code only when it has the form RFC 6749
// §4.1.2.1 gives it.
func oauthCode(s string) string {
	for _, r := range s {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return "unknown"
		}
	}
	if s == "" || len(s) > 64 {
		return "unknown"
	}
	return s
}
