package config

import (
	"encoding/json"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// IssuerPath is where ScaiKey's platform issuer sits below its base URL.
const IssuerPath = "/api/v1/platform/oauth"

// Provider holds the provider endpoints the module uses.
type Provider struct {
	Issuer                string `json:"issuer"`
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	JWKSURI               string `json:"jwks_uri"`
	EndSessionEndpoint    string `json:"end_session_endpoint"`
	// Discovered is false when the documented fallback paths are in use.
	Discovered bool `json:"-"`
}

// Issuer is the issuer ScaiKey uses for a base URL.
func Issuer(baseURL string) string { return baseURL + IssuerPath }

// Issuer is the provider's issuer: the one the page named, else ScaiKey's
// platform issuer below its base URL.
func (c *Config) Issuer() string {
	if c.IssuerURL != "" {
		return c.IssuerURL
	}
	return Issuer(c.ScaiKeyBaseURL)
}

// DiscoveryURL is the issuer-relative discovery document of OpenID Connect
// Discovery 1.0 §4.
func DiscoveryURL(issuer string) string {
	return issuer + "/.well-known/openid-configuration"
}

// Fallback returns the documented platform endpoints, used when discovery
// cannot be read. It names no key set: without discovery no ID token can be
// verified, and the module refuses rather than trusting an unchecked token.
func Fallback(iss string) *Provider {
	return &Provider{
		Issuer:                iss,
		AuthorizationEndpoint: iss + "/authorize",
		TokenEndpoint:         iss + "/token",
	}
}

// ParseDiscovery decodes a discovery document fetched for issuer. Discovery
// §4.3: the issuer it names must be the issuer it was fetched for, or a
// document from elsewhere could redirect the sign-in.
func ParseDiscovery(body []byte, issuer string) (*Provider, error) {
	var p Provider
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, autherr.New(autherr.DiscoveryFailed).Because("json").Wrapping(err)
	}
	if p.Issuer != issuer {
		return nil, autherr.New(autherr.DiscoveryFailed).Because("issuer_mismatch")
	}
	if p.AuthorizationEndpoint == "" || p.JWKSURI == "" {
		return nil, autherr.New(autherr.DiscoveryFailed).Because("missing_endpoints")
	}
	p.Discovered = true
	return &p, nil
}
