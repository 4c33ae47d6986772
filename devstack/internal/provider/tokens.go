package provider

import (
	"context"
	"crypto/rand"
	"errors"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// accessToken is what the provider remembers of a JWT access token it
// signed: enough for userinfo, introspection and revocation.
type accessToken struct {
	id        string // the jti
	subject   string
	clientID  string
	scopes    []string
	audience  []string
	expiresAt time.Time
}

// CreateAccessToken implements op.Storage for grants without a refresh
// token; the canvas client always gets one, so this serves only requests
// other clients might make.
func (s *storage) CreateAccessToken(
	_ context.Context, req op.TokenRequest,
) (string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.newAccessToken(req)
	if err != nil {
		return "", time.Time{}, err
	}
	return t.id, t.expiresAt, nil
}

// CreateAccessAndRefreshTokens implements op.Storage. For the code grant it
// starts a grant; for the refresh grant it rotates: the presented token dies
// in the same locked step that creates its successor, so of two concurrent
// refreshes with one token exactly one succeeds.
func (s *storage) CreateAccessAndRefreshTokens(
	_ context.Context, req op.TokenRequest, current string,
) (string, string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	grant, ok := req.(op.IDTokenRequest)
	if !ok {
		return "", "", time.Time{}, oidc.ErrUnsupportedGrantType()
	}
	var grantID string
	switch {
	case current != "":
		old, err := s.usableRefreshToken(current)
		if err != nil {
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithParent(err)
		}
		old.state = refreshRotated
		grantID = old.grantID
	default:
		ar, ok := req.(*authRequest)
		if !ok {
			return "", "", time.Time{}, oidc.ErrUnsupportedGrantType()
		}
		grantID = ar.id
	}

	at, err := s.newAccessToken(req)
	if err != nil {
		return "", "", time.Time{}, err
	}
	rt := s.newRefreshToken(grantID, grant)
	return at.id, rt.token, at.expiresAt, nil
}

func (s *storage) newAccessToken(req op.TokenRequest) (*accessToken, error) {
	withClient, ok := req.(interface{ GetClientID() string })
	if !ok {
		return nil, errors.New("provider: token request names no client")
	}
	t := &accessToken{
		id:        "at_" + rand.Text(),
		subject:   req.GetSubject(),
		clientID:  withClient.GetClientID(),
		scopes:    slices.Clone(req.GetScopes()),
		audience:  slices.Clone(req.GetAudience()),
		expiresAt: s.now().Add(s.accessTokenTTL),
	}
	s.sweepAccessTokens()
	s.accessTokens[t.id] = t
	return t, nil
}

func (s *storage) liveAccessToken(id string) (*accessToken, bool) {
	t, ok := s.accessTokens[id]
	if !ok || !s.now().Before(t.expiresAt) {
		return nil, false
	}
	return t, true
}

func (s *storage) sweepAccessTokens() {
	for id, t := range s.accessTokens {
		if !s.now().Before(t.expiresAt) {
			delete(s.accessTokens, id)
		}
	}
}

// RevokeToken implements op.Storage (RFC 7009). With a userID the caller
// names an access token by its id; without, tokenOrID is a refresh token.
// Unknown tokens are not an error: §2.2 answers 200 for them too.
func (s *storage) RevokeToken(
	_ context.Context, tokenOrID, userID, clientID string,
) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if userID != "" {
		if t, ok := s.accessTokens[tokenOrID]; ok {
			if t.clientID != clientID {
				return notIssuedTo()
			}
			delete(s.accessTokens, tokenOrID)
		}
		return nil
	}
	if rt, ok := s.refreshTokens[tokenOrID]; ok {
		if rt.clientID != clientID {
			return notIssuedTo()
		}
		if rt.state == refreshActive {
			rt.state = refreshRevoked
		}
	}
	return nil
}

func notIssuedTo() *oidc.Error {
	return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
}
