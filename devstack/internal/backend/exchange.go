package backend

import (
	"errors"
	"net/http"
	"net/url"
)

// exchange serves POST /v1/auth/exchange: the browser did PKCE, the
// backend adds the client secret, which never leaves the server.
func (s *Server) exchange(w http.ResponseWriter, r *http.Request) {
	s.counters.Exchange(s.redeem(w, r, func(body map[string]any) (url.Values, []fieldError) {
		f, errs := requireStrings(body, "code", "code_verifier", "redirect_uri")
		return url.Values{
			"grant_type":    {"authorization_code"},
			"code":          {f["code"]},
			"code_verifier": {f["code_verifier"]},
			"redirect_uri":  {f["redirect_uri"]},
		}, errs
	}))
}

// refresh serves POST /v1/auth/refresh. ScaiKey rotates the refresh token,
// so the answer carries the only one that still works.
func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	s.counters.Refresh(s.redeem(w, r, func(body map[string]any) (url.Values, []fieldError) {
		f, errs := requireStrings(body, "refresh_token")
		return url.Values{
			"grant_type":    {"refresh_token"},
			"refresh_token": {f["refresh_token"]},
		}, errs
	}))
}

// redeem runs one grant at ScaiKey's token endpoint and reports whether it
// succeeded. As in FastAPI, the body is validated before the route runs,
// so a bad body is a 422 even when ScaiKey is not configured.
func (s *Server) redeem(
	w http.ResponseWriter, r *http.Request,
	grantFrom func(map[string]any) (url.Values, []fieldError),
) bool {
	body, errs := readObject(w, r)
	if errs != nil {
		writeValidation(w, errs)
		return false
	}
	grant, errs := grantFrom(body)
	if errs != nil {
		writeValidation(w, errs)
		return false
	}
	if !s.configured() || s.cfg.ExchangeNotConfigured {
		writeDetail(w, http.StatusServiceUnavailable, notConfigured)
		return false
	}

	t, err := s.scaikey.token(r.Context(), grant, s.cfg.ClientID, s.cfg.ClientSecret)
	if err != nil {
		writeGrantFailure(w, err)
		return false
	}
	t.TokenType = "Bearer"
	writeJSON(w, http.StatusOK, t)
	return true
}

// writeGrantFailure passes ScaiKey's refusal on as a 400 whose detail keeps
// the provider's error and description; anything else is a 502.
func writeGrantFailure(w http.ResponseWriter, err error) {
	if no, ok := errors.AsType[*refused](err); ok {
		writeDetail(w, http.StatusBadRequest, newRefusal(no.Code, no.Description))
		return
	}
	writeDetail(w, http.StatusBadGateway, err.Error())
}
