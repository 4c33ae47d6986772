package auth

import (
	"context"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
)

// ReloadConfig reads the backend's config again, so that a backend switched
// between scaikey and dev_token mode shows in the page without a reload.
// The session is kept either way: ScaiKey tokens are simply not offered in
// dev_token mode, and are there again if the backend switches back. It
// reports whether anything changed.
func (a *Auth) ReloadConfig(ctx context.Context) (bool, error) {
	if err := a.waitMounted(ctx); err != nil {
		return false, err
	}
	if a.opts.Exchange == ExchangeDirect {
		return false, nil // the page's own settings: nothing to read again
	}
	cfg, resp, err := a.api.Config(ctx)
	if resp != nil {
		a.measureSkew(resp.Header["date"])
	}
	if err != nil {
		// A backend that is briefly away does not change the mode.
		return false, err
	}

	a.mu.Lock()
	old := a.cfg
	changed := old == nil || *old != *cfg
	if changed {
		a.cfg = cfg
		if old == nil || old.ScaiKeyBaseURL != cfg.ScaiKeyBaseURL {
			a.provider = nil // another ScaiKey: discover it again
		}
	}
	cleared := changed && a.lastErr != nil && configError(a.lastErr.Code)
	if cleared {
		a.lastErr = nil
	}
	a.mu.Unlock()
	if !changed {
		return false, nil
	}

	a.step("config", "changed: auth_mode "+string(cfg.AuthMode))
	if cfg.AuthMode == config.ScaiKey && !a.signedIn() {
		a.restore(ctx)
	}
	a.notify()
	return true, nil
}

// configError reports errors that a new config can resolve.
func configError(c autherr.Code) bool {
	switch c {
	case autherr.OIDCNotConfigured, autherr.ConfigInvalid, autherr.BackendDown,
		autherr.BadResponse, autherr.ScaiKeyRequired, autherr.SaveRequiresScaiKey,
		autherr.CatalogRequiresScaiKey:
		return true
	}
	return false
}
