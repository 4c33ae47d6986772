package provider

import (
	"context"
	"errors"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

var (
	supportedScopes = []string{
		oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopeEmail, oidc.ScopeOfflineAccess,
	}
	supportedClaims = append([]string{"scope", "tenant_id"}, op.DefaultSupportedClaims...)
)

// Compile-time checks that zitadel finds the optional interfaces: without
// them the ID token would carry neither tenant_id nor the user's name.
var (
	_ op.Storage                        = (*storage)(nil)
	_ op.CanSetUserinfoFromRequest      = (*storage)(nil)
	_ op.CanGetPrivateClaimsFromRequest = (*storage)(nil)
)

// storage keeps everything in memory behind one mutex: a dev provider sees
// a handful of requests a second, and one lock keeps every rule atomic
// (a code is spent once, a refresh token rotates once).
type storage struct {
	mu sync.Mutex

	clients map[string]*client
	users   map[string]User // by subject
	logins  map[string]User // by lower-cased login

	authRequests  map[string]*authRequest
	codes         map[string]*codeRecord
	accessTokens  map[string]*accessToken
	refreshTokens map[string]*refreshToken
	sessions      map[string]browserSession

	keys []*signingKey // the last one signs
	alg  jose.SignatureAlgorithm

	accessTokenTTL     time.Duration
	refreshTokenTTL    time.Duration
	revokeGrantOnReuse bool
	reuse              ReuseRecorder
	now                func() time.Time
}

func newStorage(cfg Config, loginURL string) (*storage, error) {
	s := &storage{
		clients:            make(map[string]*client),
		users:              make(map[string]User),
		logins:             make(map[string]User),
		authRequests:       make(map[string]*authRequest),
		codes:              make(map[string]*codeRecord),
		accessTokens:       make(map[string]*accessToken),
		refreshTokens:      make(map[string]*refreshToken),
		sessions:           make(map[string]browserSession),
		accessTokenTTL:     cfg.AccessTokenTTL,
		refreshTokenTTL:    cfg.RefreshTokenTTL,
		revokeGrantOnReuse: cfg.RevokeGrantOnReuse,
		reuse:              cfg.Reuse,
		now:                time.Now,
		alg:                jose.SignatureAlgorithm(cfg.SigningAlgorithm),
	}
	if s.alg == "" {
		s.alg = jose.RS256
	}
	if s.reuse == nil {
		s.reuse = ignoreReuse{}
	}
	for _, reg := range cfg.Clients {
		if err := s.register(reg, loginURL, cfg.IDTokenTTL); err != nil {
			return nil, err
		}
	}
	for _, u := range cfg.Users {
		if err := s.addUser(u); err != nil {
			return nil, err
		}
	}
	if err := s.rotateSigningKey(); err != nil {
		return nil, err
	}
	return s, nil
}

// Health implements op.Storage; memory is always there.
func (s *storage) Health(context.Context) error { return nil }

// GetKeyByIDAndClientID implements op.Storage. No client registers keys,
// so the JWT profile grant and private_key_jwt always fail.
func (s *storage) GetKeyByIDAndClientID(
	_ context.Context, _, _ string,
) (*jose.JSONWebKey, error) {
	return nil, errors.New("provider: clients have no registered keys")
}

// ValidateJWTProfileScopes implements op.Storage for the JWT profile grant,
// which no client of this provider can use.
func (s *storage) ValidateJWTProfileScopes(
	_ context.Context, _ string, _ []string,
) ([]string, error) {
	return nil, errors.New("provider: the JWT profile grant is not supported")
}

type ignoreReuse struct{}

func (ignoreReuse) CodeSeenTwice()      {}
func (ignoreReuse) RefreshTokenReused() {}
