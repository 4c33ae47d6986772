package backend

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
)

// errNoBearer is a request without a bearer token.
var errNoBearer = errors.New("backend: no bearer token")

// notAuthenticated is FastAPI's HTTPBearer detail for a missing token.
const notAuthenticated = "Not authenticated"

// caller is who a verified access token speaks for.
type caller struct {
	Subject  string
	TenantID string
	ClientID string
	Scope    string
}

// bearerToken reads "Authorization: Bearer <token>"; the scheme is case
// insensitive (RFC 9110 §11.1).
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

// verifyBearer is the check every ScaiKey-only route shares: a ScaiKey
// JWT, verified against the configured audience.
func (s *Server) verifyBearer(r *http.Request) (caller, error) {
	token, ok := bearerToken(r)
	if !ok {
		return caller{}, errNoBearer
	}
	claims, err := s.verifyAccessToken(r.Context(), token)
	if err != nil {
		return caller{}, err
	}
	return caller{
		Subject:  claims.Subject,
		TenantID: claims.TenantID,
		ClientID: claims.ClientID,
		Scope:    claims.Scope,
	}, nil
}

// requireBearer wraps a ScaiKey-only route. Without ScaiKey configured no
// token can be verified, so such routes answer the documented 503.
func (s *Server) requireBearer(
	next func(http.ResponseWriter, *http.Request, caller),
) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.configured() {
			writeDetail(w, http.StatusServiceUnavailable, notConfigured)
			return
		}
		who, err := s.verifyBearer(r)
		if err != nil {
			writeAuthFailure(w, err)
			return
		}
		next(w, r, who)
	}
}

// isDevToken compares the bearer with SCAIFLOW_API_TOKEN in constant time;
// an unset dev token opens nothing.
func (s *Server) isDevToken(r *http.Request) bool {
	token, ok := bearerToken(r)
	if !ok || s.cfg.DevToken == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.DevToken)) == 1
}

// writeAuthFailure answers 401 for a missing or rejected token and 502
// when ScaiKey's keys could not be fetched.
func writeAuthFailure(w http.ResponseWriter, err error) {
	if u, ok := errors.AsType[*unavailable](err); ok {
		writeDetail(w, http.StatusBadGateway, u.reason)
		return
	}
	w.Header().Set("WWW-Authenticate", "Bearer")
	if errors.Is(err, errNoBearer) {
		writeDetail(w, http.StatusUnauthorized, notAuthenticated)
		return
	}
	writeDetail(w, http.StatusUnauthorized, err.Error())
}
