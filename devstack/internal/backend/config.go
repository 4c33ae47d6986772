package backend

import "net/http"

// authConfig is the body of GET /v1/auth/config. In dev_token mode every
// field but auth_mode is null.
type authConfig struct {
	AuthMode       string  `json:"auth_mode"`
	ScaiKeyBaseURL *string `json:"scaikey_base_url"`
	ClientID       *string `json:"client_id"`
	Audience       *string `json:"audience"`
	RedirectURI    *string `json:"redirect_uri"`
}

func (s *Server) authConfig(w http.ResponseWriter, _ *http.Request) {
	if !s.configured() {
		writeJSON(w, http.StatusOK, authConfig{AuthMode: "dev_token"})
		return
	}
	writeJSON(w, http.StatusOK, authConfig{
		AuthMode:       "scaikey",
		ScaiKeyBaseURL: nonEmpty(s.cfg.ScaiKeyBaseURL),
		ClientID:       nonEmpty(s.cfg.ClientID),
		Audience:       nonEmpty(s.cfg.Audience),
		RedirectURI:    nonEmpty(s.cfg.RedirectURI),
	})
}
