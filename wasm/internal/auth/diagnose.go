package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/login"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

// Severity of a finding.
const (
	OK      = "ok"
	Info    = "info"
	Warning = "warning"
	Problem = "error"
)

// Finding is the result of one check a person would otherwise do by hand.
type Finding struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

// Diagnose runs every check and returns its findings, problems first in the
// order they would bite.
func (a *Auth) Diagnose(ctx context.Context) []Finding {
	_ = a.waitMounted(ctx)
	a.mu.Lock()
	cfg, lastErr := a.cfg, a.lastErr
	a.mu.Unlock()

	var out []Finding
	if cfg == nil {
		e := lastErr
		if e == nil {
			e = autherr.New(autherr.ConfigInvalid).Because("not_loaded")
		}
		return append(out, fromError("config", Problem, e))
	}
	out = append(out, a.checkMode(cfg))
	if cfg.AuthMode == config.ScaiKey {
		out = append(out, a.checkOrigin(), a.checkDiscovery(ctx), a.checkAudience(cfg))
	}
	out = append(out, a.checkStorage(), a.checkClock())
	return out
}

func fromError(check, severity string, e *autherr.Error) Finding {
	return Finding{Check: check, Severity: severity, Message: e.Message, Fix: e.Fix}
}

func (a *Auth) checkMode(cfg *config.Config) Finding {
	if cfg.AuthMode == config.ScaiKey {
		return Finding{Check: "config", Severity: OK,
			Message: "The backend runs in scaikey mode with client " + cfg.ClientID}
	}
	e := autherr.New(autherr.SaveRequiresScaiKey)
	return Finding{Check: "config", Severity: Warning,
		Message: "GET /v1/auth/config returned auth_mode \"dev_token\": Save, live preview, " +
			"lookups and the Catalog's Browse and Publish tabs need ScaiKey; only the " +
			"dev deploy works",
		Fix: e.Fix}
}

func (a *Auth) checkOrigin() Finding {
	origin, want := login.Origin(a.env.Location.Href()), login.Origin(a.redirectURI())
	if origin == want {
		return Finding{Check: "origin", Severity: OK,
			Message: "The page is on the origin of redirect_uri (" + want + ")"}
	}
	e := otherOrigin(origin, want)
	return Finding{Check: "origin", Severity: Problem,
		Message: fmt.Sprintf("This page is on %s but redirect_uri is on %s: a sign-in "+
			"started here ends in \"%s\"", origin, want, e.Message),
		Fix: e.Fix}
}

func (a *Auth) checkDiscovery(ctx context.Context) Finding {
	if _, err := a.discover(ctx, false); err != nil {
		return fromError("discovery", Problem, autherr.As(err))
	}
	return Finding{Check: "discovery", Severity: OK, Message: "ScaiKey's discovery document " +
		"and key set location were read"}
}

// checkAudience predicts the 401 "Audience doesn't match": ScaiKey issues
// aud = client_id, so a backend expecting anything else refuses every call.
func (a *Auth) checkAudience(cfg *config.Config) Finding {
	want := cfg.ExpectedAudience()
	a.mu.Lock()
	var access string
	if a.sess != nil {
		access = a.sess.access
	}
	a.mu.Unlock()
	mismatch := autherr.New(autherr.AudienceMismatch)

	if access != "" {
		if auds, err := token.Audiences(access); err == nil && !contains(auds, want) {
			return Finding{Check: "audience", Severity: Problem,
				Message: fmt.Sprintf("%s: the backend expects %q but the access token is for %q",
					mismatch.Message, want, auds),
				Fix: mismatch.Fix}
		}
	}
	if want != cfg.ClientID {
		return Finding{Check: "audience", Severity: Warning,
			Message: fmt.Sprintf("The backend expects audience %q, but ScaiKey issues the "+
				"client id %q by default", want, cfg.ClientID),
			Fix: mismatch.Fix}
	}
	return Finding{Check: "audience", Severity: OK, Message: "Tokens are issued for the " +
		"audience the backend expects (" + want + ")"}
}

// warnAudience reports the mismatch right after sign-in, before the first
// API call fails with it.
func (a *Auth) warnAudience() {
	a.mu.Lock()
	cfg, s := a.cfg, a.sess
	a.mu.Unlock()
	if cfg == nil || s == nil {
		return
	}
	auds, err := token.Audiences(s.access)
	if err != nil || contains(auds, cfg.ExpectedAudience()) {
		return
	}
	a.fail(autherr.New(autherr.AudienceMismatch).Because("predicted"))
}

const storageProbe = "scaiauth.probe"

func (a *Auth) checkStorage() Finding {
	err := a.env.Storage.Set(storageProbe, "1")
	if err == nil {
		err = a.env.Storage.Remove(storageProbe)
	}
	if err != nil {
		return fromError("storage", Problem, autherr.New(autherr.StorageFailed))
	}
	return Finding{Check: "storage", Severity: OK, Message: "sessionStorage works"}
}

func (a *Auth) checkClock() Finding {
	skew := a.Skew()
	if skew == 0 {
		return Finding{Check: "clock", Severity: OK,
			Message: "The local clock agrees with the server's"}
	}
	sev := Info
	if skew > 5*time.Minute || skew < -5*time.Minute {
		sev = Warning
	}
	return Finding{Check: "clock", Severity: sev,
		Message: "The local clock differs from the server's by " + skew.String() +
			"; the module corrects for it",
		Fix: "Set the computer's clock to update automatically."}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
