package provider

import (
	"context"
	"crypto/rand"
	"errors"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// refreshState is where a refresh token is in its life. Rotated tokens are
// kept, not deleted, so a second use is told apart from a made-up token.
type refreshState int

const (
	refreshActive refreshState = iota
	refreshRotated
	refreshRevoked
)

var (
	errUnknownRefreshToken = errors.New("provider: unknown refresh token")
	errRefreshTokenReused  = errors.New("provider: refresh token already rotated")
	errRefreshTokenRevoked = errors.New("provider: refresh token revoked")
	errRefreshTokenExpired = errors.New("provider: refresh token expired")
)

// refreshToken is an opaque refresh token and the grant it continues.
type refreshToken struct {
	token     string
	grantID   string // the auth request that started the grant
	subject   string
	clientID  string
	scopes    []string
	audience  []string
	amr       []string
	authTime  time.Time
	expiresAt time.Time
	state     refreshState
}

func (s *storage) newRefreshToken(grantID string, req op.IDTokenRequest) *refreshToken {
	rt := &refreshToken{
		token:     "rt_" + rand.Text() + rand.Text(),
		grantID:   grantID,
		subject:   req.GetSubject(),
		clientID:  req.GetClientID(),
		scopes:    slices.Clone(req.GetScopes()),
		audience:  slices.Clone(req.GetAudience()),
		amr:       slices.Clone(req.GetAMR()),
		authTime:  req.GetAuthTime(),
		expiresAt: s.now().Add(s.refreshTokenTTL),
	}
	s.sweepRefreshTokens()
	s.refreshTokens[rt.token] = rt
	return rt
}

// sweepRefreshTokens forgets tokens an hour after they expired; until then
// a replay of a rotated one is still recognised.
func (s *storage) sweepRefreshTokens() {
	for token, rt := range s.refreshTokens {
		if s.now().Sub(rt.expiresAt) > time.Hour {
			delete(s.refreshTokens, token)
		}
	}
}

// TokenRequestByRefreshToken implements op.Storage. zitadel turns any error
// into invalid_grant, without a description.
func (s *storage) TokenRequestByRefreshToken(
	_ context.Context, token string,
) (op.RefreshTokenRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, err := s.usableRefreshToken(token)
	if err != nil {
		return nil, err
	}
	return &refreshRequest{
		subject:  rt.subject,
		clientID: rt.clientID,
		scopes:   slices.Clone(rt.scopes),
		audience: slices.Clone(rt.audience),
		amr:      slices.Clone(rt.amr),
		authTime: rt.authTime,
	}, nil
}

// GetRefreshTokenInfo implements op.Storage for revocation.
func (s *storage) GetRefreshTokenInfo(
	_ context.Context, clientID, token string,
) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.refreshTokens[token]
	if !ok || rt.clientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return rt.subject, rt.token, nil
}

// usableRefreshToken finds an active, unexpired token. A rotated one is a
// reuse (RFC 9700 §4.14.2): it is counted and, if configured, takes the
// whole grant down with it.
func (s *storage) usableRefreshToken(token string) (*refreshToken, error) {
	rt, ok := s.refreshTokens[token]
	switch {
	case !ok:
		return nil, errUnknownRefreshToken
	case rt.state == refreshRotated:
		s.reuse.RefreshTokenReused()
		if s.revokeGrantOnReuse {
			s.revokeGrant(rt.grantID)
		}
		return nil, errRefreshTokenReused
	case rt.state == refreshRevoked:
		return nil, errRefreshTokenRevoked
	case !s.now().Before(rt.expiresAt):
		return nil, errRefreshTokenExpired
	}
	return rt, nil
}

// revokeGrant kills the live refresh tokens of a grant; its rotated ones
// stay rotated so a later replay is still counted as one.
func (s *storage) revokeGrant(grantID string) {
	for _, rt := range s.refreshTokens {
		if rt.grantID == grantID && rt.state == refreshActive {
			rt.state = refreshRevoked
		}
	}
}

// refreshRequest is the grant as the refresh token carries it forward
// (op.RefreshTokenRequest). It deliberately is not an op.AuthRequest:
// zitadel would then put the original nonce into the refreshed ID token,
// which OpenID Connect Core §12.2 advises against.
type refreshRequest struct {
	subject  string
	clientID string
	scopes   []string
	audience []string
	amr      []string
	authTime time.Time
}

func (r *refreshRequest) GetAMR() []string                 { return r.amr }
func (r *refreshRequest) GetAudience() []string            { return r.audience }
func (r *refreshRequest) GetAuthTime() time.Time           { return r.authTime }
func (r *refreshRequest) GetClientID() string              { return r.clientID }
func (r *refreshRequest) GetScopes() []string              { return r.scopes }
func (r *refreshRequest) GetSubject() string               { return r.subject }
func (r *refreshRequest) SetCurrentScopes(scopes []string) { r.scopes = scopes }
