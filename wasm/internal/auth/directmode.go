package auth

import (
	"context"
	"net/url"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
)

// directConfig is the config of an app without a backend: its own settings
// stand where GET /v1/auth/config would answer. Such an app signs in with
// its provider, so its mode is always scaikey.
func (a *Auth) directConfig() (*config.Config, error) {
	o := a.opts
	if o.Issuer == "" || o.ClientID == "" || o.RedirectURI == "" {
		return nil, autherr.New(autherr.ConfigInvalid).Because("direct_options").
			WithFix("With exchange \"direct\", pass issuer, clientId and redirectUri to mount().")
	}
	for _, raw := range []string{o.Issuer, o.RedirectURI} {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, autherr.New(autherr.ConfigInvalid).Because("bad_url")
		}
	}
	return &config.Config{
		AuthMode:    config.ScaiKey,
		IssuerURL:   o.Issuer,
		ClientID:    o.ClientID,
		Audience:    o.Audience,
		RedirectURI: o.RedirectURI,
	}, nil
}

// tokenEndpoint is where direct exchanges go: discovery's token endpoint.
func (a *Auth) tokenEndpoint(ctx context.Context) (string, error) {
	p, err := a.discover(ctx, false)
	if err != nil {
		return "", err
	}
	if p.TokenEndpoint == "" {
		return "", autherr.New(autherr.DiscoveryFailed).Because("token_endpoint")
	}
	return p.TokenEndpoint, nil
}
