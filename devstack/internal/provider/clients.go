package provider

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Registration is a client as an administrator registers it at ScaiKey.
type Registration struct {
	ID string
	// Secret is empty for a public client.
	Secret                 string
	RedirectURIs           []string
	PostLogoutRedirectURIs []string
	// Public clients authenticate with nothing but PKCE (auth method none).
	Public bool
}

var errUnknownClient = errors.New("provider: unknown client")

// client adapts a Registration to op.Client.
type client struct {
	Registration
	loginURL   string
	idTokenTTL time.Duration
}

func (s *storage) register(reg Registration, loginURL string, idTokenTTL time.Duration) error {
	if reg.ID == "" || (!reg.Public && reg.Secret == "") {
		return fmt.Errorf("provider: client %q needs an id and, unless public, a secret", reg.ID)
	}
	s.clients[reg.ID] = &client{Registration: reg, loginURL: loginURL, idTokenTTL: idTokenTTL}
	return nil
}

// GetClientByClientID implements op.Storage. An unknown client is a plain
// error, which zitadel answers as invalid_client, not server_error.
func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[id]
	if !ok {
		return nil, errUnknownClient
	}
	copied := *c
	return &copied, nil
}

// AuthorizeClientIDSecret implements op.Storage for client_secret_basic.
func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[id]
	if !ok || c.Public {
		return errUnknownClient
	}
	if subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) != 1 {
		return errors.New("provider: wrong client secret")
	}
	return nil
}

func (c *client) allowsRefresh() bool {
	return slices.Contains(c.GrantTypes(), oidc.GrantTypeRefreshToken)
}

func (c *client) GetID() string          { return c.ID }
func (c *client) RedirectURIs() []string { return c.Registration.RedirectURIs }
func (c *client) PostLogoutRedirectURIs() []string {
	return c.Registration.PostLogoutRedirectURIs
}

// ApplicationType: a confidential client is a web app; a public one runs in
// the browser.
func (c *client) ApplicationType() op.ApplicationType {
	if c.Public {
		return op.ApplicationTypeUserAgent
	}
	return op.ApplicationTypeWeb
}

func (c *client) AuthMethod() oidc.AuthMethod {
	if c.Public {
		return oidc.AuthMethodNone
	}
	return oidc.AuthMethodBasic
}

func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}

func (c *client) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken}
}

func (c *client) LoginURL(authRequestID string) string {
	return c.loginURL + "?authRequestID=" + url.QueryEscape(authRequestID)
}

// AccessTokenType: ScaiKey issues JWT access tokens, which ScaiFlow verifies
// against the JWKS without calling back.
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }

func (c *client) IDTokenLifetime() time.Duration { return c.idTokenTTL }

// DevMode lets the public client use an http redirect URI; zitadel allows
// http without it only for confidential web clients. Every listener here is
// on loopback.
func (c *client) DevMode() bool { return c.Public }

func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return keepScopes
}

func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return keepScopes
}

// IsScopeAllowed is asked only about scopes beyond the standard OpenID ones;
// ScaiKey's canvas client asks for none.
func (c *client) IsScopeAllowed(string) bool { return false }

// IDTokenUserinfoClaimsAssertion puts email and name into the ID token even
// though an access token is issued too; otherwise zitadel leaves them to
// the userinfo endpoint, and the canvas reads them from the ID token.
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }

func (c *client) ClockSkew() time.Duration { return 0 }

func keepScopes(scopes []string) []string { return scopes }
