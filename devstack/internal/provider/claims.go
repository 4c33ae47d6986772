package provider

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// tenantClaim names the tenant in both tokens, as ScaiKey does.
const tenantClaim = "tenant_id"

var errUnknownUser = errors.New("provider: unknown user")

// SetUserinfoFromScopes implements op.Storage. zitadel deprecates it in
// favour of SetUserinfoFromRequest and asks for an empty implementation.
func (s *storage) SetUserinfoFromScopes(
	context.Context, *oidc.UserInfo, string, string, []string,
) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token's user claims (op's
// CanSetUserinfoFromRequest): name and email by scope, tenant_id always.
func (s *storage) SetUserinfoFromRequest(
	_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string,
) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fillUserinfo(info, req.GetSubject(), scopes)
}

// SetUserinfoFromToken answers the userinfo endpoint for an access token
// this provider issued and has not revoked.
func (s *storage) SetUserinfoFromToken(
	_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string,
) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.liveAccessToken(tokenID)
	if !ok || t.subject != subject {
		return errors.New("provider: access token unknown, expired or revoked")
	}
	return s.fillUserinfo(info, t.subject, t.scopes)
}

// SetIntrospectionFromToken answers the introspection endpoint.
func (s *storage) SetIntrospectionFromToken(
	_ context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string,
) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.liveAccessToken(tokenID)
	if !ok || t.subject != subject {
		return errors.New("provider: access token unknown, expired or revoked")
	}
	info := new(oidc.UserInfo)
	if err := s.fillUserinfo(info, t.subject, t.scopes); err != nil {
		return err
	}
	resp.SetUserInfo(info)
	resp.Active = true
	resp.Scope = t.scopes
	resp.ClientID = t.clientID
	resp.Audience = t.audience
	resp.Expiration = oidc.FromTime(t.expiresAt)
	return nil
}

// GetPrivateClaimsFromScopes implements op.Storage; zitadel calls it only
// when CanGetPrivateClaimsFromRequest is missing, so it mirrors that.
func (s *storage) GetPrivateClaimsFromScopes(
	_ context.Context, subject, _ string, scopes []string,
) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accessTokenClaims(subject, scopes)
}

// GetPrivateClaimsFromRequest adds scope and tenant_id to the JWT access
// token; zitadel itself sets iss, sub, aud, exp, iat, client_id and jti.
func (s *storage) GetPrivateClaimsFromRequest(
	_ context.Context, req op.TokenRequest, _ []string,
) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accessTokenClaims(req.GetSubject(), req.GetScopes())
}

func (s *storage) accessTokenClaims(subject string, scopes []string) (map[string]any, error) {
	u, ok := s.users[subject]
	if !ok {
		return nil, errUnknownUser
	}
	return map[string]any{
		"scope":     strings.Join(scopes, " "),
		tenantClaim: u.TenantID,
	}, nil
}

// fillUserinfo follows OpenID Connect Core §5.4: profile releases the name
// claims, email the email claims. tenant_id is ScaiKey's own and always set.
func (s *storage) fillUserinfo(info *oidc.UserInfo, subject string, scopes []string) error {
	u, ok := s.users[subject]
	if !ok {
		return errUnknownUser
	}
	info.Subject = u.Subject
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name = u.Name
		info.GivenName = u.GivenName
		info.FamilyName = u.FamilyName
		info.PreferredUsername = u.Login
	}
	if slices.Contains(scopes, oidc.ScopeEmail) {
		info.Email = u.Email
		info.EmailVerified = true
	}
	info.AppendClaims(tenantClaim, u.TenantID)
	return nil
}
