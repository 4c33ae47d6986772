package backend

import (
	"net/http"
	"strings"
)

// noteCredential counts where bearers go, for the tests that prove the
// module's promise: the shared dev token reaches POST /v1/dev/deploy and no
// other route, and that route never receives a ScaiKey token.
func (s *Server) noteCredential(r *http.Request) {
	token, ok := bearerToken(r)
	if !ok {
		return
	}
	deploy := r.Method == http.MethodPost && r.URL.Path == "/v1/dev/deploy"
	dev := s.isDevToken(r)
	switch {
	case deploy && dev:
		s.counters.DevTokenOnDeploy()
	case deploy && looksLikeJWT(token):
		s.counters.ScaiKeyTokenOnDeploy()
	case dev:
		s.counters.DevTokenElsewhere()
	}
}

// looksLikeJWT tells a ScaiKey token by its shape alone: in dev_token mode
// the backend has no keys to verify one with, and a token sent by mistake
// is a leak whether or not it would verify.
func looksLikeJWT(token string) bool {
	return strings.Count(token, ".") == 2
}
