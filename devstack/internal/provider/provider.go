// Package provider is the stand-in for ScaiKey: a real OpenID provider from
// github.com/zitadel/oidc/v3/pkg/op, with an in-memory storage, a login form
// and the demo users. It serves the issuer under the path ScaiKey uses,
// /api/v1/platform/oauth, so discovery, authorize and token live where the
// documentation says they do.
package provider

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// IssuerPath is where ScaiKey mounts its platform OpenID provider, relative
// to its base URL.
const IssuerPath = "/api/v1/platform/oauth"

// loginPath is where the login form lives, at the root of the provider's
// origin, outside the issuer path that zitadel owns.
const loginPath = "/login"

// ReuseRecorder is told whenever a spent credential comes back, so tests
// can assert that the canvas never presents one.
type ReuseRecorder interface {
	CodeSeenTwice()
	RefreshTokenReused()
}

// Config describes one provider instance.
type Config struct {
	// Issuer is the full issuer URL, e.g. http://localhost:9000 + IssuerPath.
	Issuer string

	Clients []Registration
	Users   []User

	AccessTokenTTL  time.Duration
	IDTokenTTL      time.Duration
	RefreshTokenTTL time.Duration

	// RevokeGrantOnReuse revokes every refresh token of a grant when one
	// of its spent codes or rotated refresh tokens is presented again, as
	// RFC 6749 §4.1.2 and RFC 9700 §4.14.2 recommend. Off by default: the
	// documented ScaiKey behaviour is only that the spent one is refused.
	RevokeGrantOnReuse bool

	// Reuse may be nil.
	Reuse ReuseRecorder

	// SigningAlgorithm is "RS256" (the default, as ScaiKey) or "ES256".
	SigningAlgorithm string
}

// Provider serves the OpenID provider and its login form on one origin.
type Provider struct {
	issuer  string
	origin  string
	op      *op.Provider
	storage *storage
	mux     *http.ServeMux
}

// New builds a provider; it generates a fresh RS256 signing key.
func New(cfg Config) (*Provider, error) {
	issuer, err := url.Parse(cfg.Issuer)
	if err != nil || issuer.Host == "" {
		return nil, fmt.Errorf("provider: bad issuer %q", cfg.Issuer)
	}
	prefix := strings.TrimSuffix(issuer.Path, "/")
	if prefix == "" {
		return nil, errors.New("provider: the issuer needs a path to mount under")
	}
	origin := issuer.Scheme + "://" + issuer.Host

	store, err := newStorage(cfg, origin+loginPath)
	if err != nil {
		return nil, err
	}

	p := &Provider{
		issuer:  strings.TrimSuffix(cfg.Issuer, "/"),
		origin:  origin,
		storage: store,
	}
	p.op, err = newOpenIDProvider(p.issuer, store)
	if err != nil {
		return nil, err
	}

	p.mux = http.NewServeMux()
	p.mux.Handle(prefix+"/", http.StripPrefix(prefix, p.op))
	p.mux.HandleFunc("GET "+loginPath, p.showLogin)
	p.mux.HandleFunc("POST "+loginPath, p.submitLogin)
	return p, nil
}

// newOpenIDProvider configures zitadel's provider with ScaiKey's endpoint
// names; the paths are relative to the issuer.
func newOpenIDProvider(issuer string, store *storage) (*op.Provider, error) {
	config := &op.Config{
		CodeMethodS256:        true,
		GrantTypeRefreshToken: true,
		SupportedScopes:       supportedScopes,
		SupportedClaims:       supportedClaims,
	}
	if _, err := rand.Read(config.CryptoKey[:]); err != nil {
		return nil, err
	}
	return op.NewProvider(config, store, op.StaticIssuer(issuer),
		// Plain http is fine here: every listener is on loopback.
		op.WithAllowInsecure(),
		op.WithCustomEndpoints(
			op.NewEndpoint("authorize"),
			op.NewEndpoint("token"),
			op.NewEndpoint("userinfo"),
			op.NewEndpoint("revoke"),
			op.NewEndpoint("end_session"),
			op.NewEndpoint("keys"),
		),
		op.WithCustomIntrospectionEndpoint(op.NewEndpoint("introspect")),
		op.WithHttpInterceptors(
			refuseSpentCodes(store, "/token"),
			endBrowserSession(store, "/end_session"),
		),
	)
}

// ServeHTTP serves the provider's whole origin.
func (p *Provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mux.ServeHTTP(w, r)
}

// Issuer is the issuer URL, without a trailing slash.
func (p *Provider) Issuer() string { return p.issuer }

// RotateSigningKey signs every new token with a fresh key; the old key
// stays published so tokens already issued still verify.
func (p *Provider) RotateSigningKey() error { return p.storage.rotateSigningKey() }

// callbackURL is zitadel's authorize callback, where a finished login
// continues to the redirect to the client.
func (p *Provider) callbackURL(authRequestID string) string {
	return p.op.AuthorizationEndpoint().Absolute(p.issuer) +
		"/callback?id=" + url.QueryEscape(authRequestID)
}
