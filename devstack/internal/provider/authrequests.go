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

// authRequestTTL bounds how long a user may sit on the login form.
const authRequestTTL = 10 * time.Minute

var errUnknownAuthRequest = errors.New("provider: sign-in request unknown or expired")

// authRequest is one pass through /authorize, from the redirect to the
// login form until the code is exchanged. It implements op.AuthRequest.
type authRequest struct {
	id           string
	createdAt    time.Time
	clientID     string
	redirectURI  string
	scopes       []string
	state        string
	nonce        string
	responseType oidc.ResponseType
	responseMode oidc.ResponseMode
	challenge    *oidc.CodeChallenge
	prompt       []string
	maxAge       *uint
	loginHint    string

	subject  string
	authTime time.Time
	done     bool
}

// CreateAuthRequest implements op.Storage. zitadel has already checked the
// client, the redirect URI and the scopes.
func (s *storage) CreateAuthRequest(
	_ context.Context, req *oidc.AuthRequest, _ string,
) (op.AuthRequest, error) {
	if err := requireS256(req); err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepAuthRequests()

	scopes := slices.Clone([]string(req.Scopes))
	// ScaiKey hands the canvas client a refresh token whether or not it
	// asks for offline_access; zitadel issues one only with that scope.
	if c, ok := s.clients[req.ClientID]; ok && c.allowsRefresh() &&
		!slices.Contains(scopes, oidc.ScopeOfflineAccess) {
		scopes = append(scopes, oidc.ScopeOfflineAccess)
	}

	ar := &authRequest{
		id:           "ar_" + rand.Text(),
		createdAt:    s.now(),
		clientID:     req.ClientID,
		redirectURI:  req.RedirectURI,
		scopes:       scopes,
		state:        req.State,
		nonce:        req.Nonce,
		responseType: req.ResponseType,
		responseMode: req.ResponseMode,
		challenge: &oidc.CodeChallenge{
			Challenge: req.CodeChallenge,
			Method:    req.CodeChallengeMethod,
		},
		prompt:    slices.Clone([]string(req.Prompt)),
		maxAge:    req.MaxAge,
		loginHint: req.LoginHint,
	}
	s.authRequests[ar.id] = ar
	return ar.clone(), nil
}

// requireS256 makes PKCE mandatory for every client, as ScaiKey does and
// RFC 9700 §2.1.1 recommends; zitadel alone would accept a request without
// a challenge, or with the plain method. The error is redirected to the
// client's redirect_uri as error=invalid_request.
func requireS256(req *oidc.AuthRequest) error {
	if req.CodeChallenge != "" && req.CodeChallengeMethod == oidc.CodeChallengeMethodS256 {
		return nil
	}
	return oidc.ErrInvalidRequest().WithDescription(
		"PKCE is required: send code_challenge with code_challenge_method=S256")
}

// AuthRequestByID implements op.Storage.
func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, ok := s.liveAuthRequest(id)
	if !ok {
		return nil, errUnknownAuthRequest
	}
	return ar.clone(), nil
}

// DeleteAuthRequest implements op.Storage; zitadel calls it once the code
// has been exchanged. The code's record stays, to recognise a replay.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.authRequests, id)
	return nil
}

// authRequest returns a copy for the login form.
func (s *storage) authRequest(id string) (*authRequest, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, ok := s.liveAuthRequest(id)
	if !ok {
		return nil, false
	}
	return ar.clone(), true
}

// completeAuthRequest records who signed in; zitadel's callback then
// issues the code.
func (s *storage) completeAuthRequest(id, subject string, authTime time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, ok := s.liveAuthRequest(id)
	if !ok {
		return errUnknownAuthRequest
	}
	ar.subject = subject
	ar.authTime = authTime
	ar.done = true
	return nil
}

func (s *storage) liveAuthRequest(id string) (*authRequest, bool) {
	ar, ok := s.authRequests[id]
	if !ok || s.now().Sub(ar.createdAt) > authRequestTTL {
		return nil, false
	}
	return ar, true
}

func (s *storage) sweepAuthRequests() {
	for id, ar := range s.authRequests {
		if s.now().Sub(ar.createdAt) > authRequestTTL {
			delete(s.authRequests, id)
		}
	}
}

// clone keeps zitadel's copy apart from the stored one.
func (ar *authRequest) clone() *authRequest {
	c := *ar
	c.scopes = slices.Clone(ar.scopes)
	c.prompt = slices.Clone(ar.prompt)
	if ar.challenge != nil {
		challenge := *ar.challenge
		c.challenge = &challenge
	}
	return &c
}

func (ar *authRequest) GetID() string                         { return ar.id }
func (ar *authRequest) GetACR() string                        { return "" }
func (ar *authRequest) GetAMR() []string                      { return []string{"pwd"} }
func (ar *authRequest) GetAudience() []string                 { return []string{ar.clientID} }
func (ar *authRequest) GetAuthTime() time.Time                { return ar.authTime }
func (ar *authRequest) GetClientID() string                   { return ar.clientID }
func (ar *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return ar.challenge }
func (ar *authRequest) GetNonce() string                      { return ar.nonce }
func (ar *authRequest) GetRedirectURI() string                { return ar.redirectURI }
func (ar *authRequest) GetResponseType() oidc.ResponseType    { return ar.responseType }
func (ar *authRequest) GetResponseMode() oidc.ResponseMode    { return ar.responseMode }
func (ar *authRequest) GetScopes() []string                   { return ar.scopes }
func (ar *authRequest) GetState() string                      { return ar.state }
func (ar *authRequest) GetSubject() string                    { return ar.subject }
func (ar *authRequest) Done() bool                            { return ar.done }
