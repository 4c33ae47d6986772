// Package config reads the two documents the module starts from: the
// backend's runtime configuration (GET /v1/auth/config) and the provider's
// OpenID discovery document.
package config

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// Mode is the backend's auth mode.
type Mode string

const (
	// ScaiKey: users sign in with ScaiKey and every route is open to them.
	ScaiKey Mode = "scaikey"
	// DevToken: the legacy shared bearer; only POST /v1/dev/deploy works.
	DevToken Mode = "dev_token"
)

// Config is the backend's answer to GET /v1/auth/config.
type Config struct {
	AuthMode       Mode   `json:"auth_mode"`
	ScaiKeyBaseURL string `json:"scaikey_base_url"`
	ClientID       string `json:"client_id"`
	Audience       string `json:"audience"`
	RedirectURI    string `json:"redirect_uri"`

	// IssuerURL is set by a page that names its provider's issuer itself
	// (direct exchange, no backend); the backend's config never sets it.
	IssuerURL string `json:"-"`
}

// Parse decodes and checks a config document. In dev_token mode the other
// fields may be null or absent; in scaikey mode the base URL, client id and
// redirect URI must be there, or sign-in could never work.
func Parse(body []byte) (*Config, error) {
	var c Config
	if err := json.Unmarshal(body, &c); err != nil {
		return nil, autherr.New(autherr.BadResponse).Because("config_json").Wrapping(err)
	}
	switch c.AuthMode {
	case DevToken:
		return &c, nil
	case ScaiKey:
	default:
		return nil, autherr.New(autherr.ConfigInvalid).Because("auth_mode")
	}
	if c.ScaiKeyBaseURL == "" || c.ClientID == "" || c.RedirectURI == "" {
		return nil, autherr.New(autherr.ConfigInvalid).Because("missing_fields")
	}
	for _, raw := range []string{c.ScaiKeyBaseURL, c.RedirectURI} {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, autherr.New(autherr.ConfigInvalid).Because("bad_url")
		}
	}
	c.ScaiKeyBaseURL = strings.TrimRight(c.ScaiKeyBaseURL, "/")
	return &c, nil
}

// ExpectedAudience is the audience tokens must carry: the configured one, or
// the client id, which is what ScaiKey issues by default.
func (c *Config) ExpectedAudience() string {
	if c.Audience != "" {
		return c.Audience
	}
	return c.ClientID
}
