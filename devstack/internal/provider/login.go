package provider

import (
	"net/http"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const wrongCredentials = "Invalid email or password."

// showLogin is where zitadel sends the browser after /authorize. A live
// session finishes the sign-in at once unless prompt or max_age demand a
// fresh login (OpenID Connect Core §3.1.2.1); prompt=none without a
// session goes back to the client as login_required.
func (p *Provider) showLogin(w http.ResponseWriter, r *http.Request) {
	ar, ok := p.storage.authRequest(r.URL.Query().Get("authRequestID"))
	if !ok {
		renderProblem(w, http.StatusBadRequest, errUnknownAuthRequest.Error())
		return
	}
	if ar.done {
		http.Redirect(w, r, p.callbackURL(ar.id), http.StatusFound)
		return
	}

	if bs, ok := p.storage.sessionOf(r); ok && sessionSatisfies(ar, bs, time.Now()) {
		p.finish(w, r, ar.id, bs.subject, bs.authTime)
		return
	}
	if slices.Contains(ar.prompt, oidc.PromptNone) {
		op.AuthRequestError(w, r, ar, oidc.ErrLoginRequired(), p.op)
		return
	}
	renderLogin(w, http.StatusOK, loginForm{
		Action:        loginPath,
		AuthRequestID: ar.id,
		ClientID:      ar.clientID,
		Username:      ar.loginHint,
	})
}

// submitLogin checks the form; a wrong password shows the form again with
// the error and the login kept.
func (p *Provider) submitLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderProblem(w, http.StatusBadRequest, "The sign-in form could not be read.")
		return
	}
	ar, ok := p.storage.authRequest(r.PostForm.Get("authRequestID"))
	if !ok {
		renderProblem(w, http.StatusBadRequest, errUnknownAuthRequest.Error())
		return
	}

	login := r.PostForm.Get("username")
	u, ok := p.storage.checkPassword(login, r.PostForm.Get("password"))
	if !ok {
		renderLogin(w, http.StatusOK, loginForm{
			Action:        loginPath,
			AuthRequestID: ar.id,
			ClientID:      ar.clientID,
			Username:      login,
			Error:         wrongCredentials,
		})
		return
	}

	id, authTime := p.storage.startSession(u.Subject)
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	})
	p.finish(w, r, ar.id, u.Subject, authTime)
}

// finish marks the request signed in and hands back to zitadel, which
// issues the code and redirects to the client.
func (p *Provider) finish(
	w http.ResponseWriter, r *http.Request, id, subject string, authTime time.Time,
) {
	if err := p.storage.completeAuthRequest(id, subject, authTime); err != nil {
		renderProblem(w, http.StatusBadRequest, err.Error())
		return
	}
	http.Redirect(w, r, p.callbackURL(id), http.StatusSeeOther)
}

// sessionSatisfies applies prompt=login and max_age; zitadel has already
// turned prompt=login into max_age=0.
func sessionSatisfies(ar *authRequest, bs browserSession, now time.Time) bool {
	if slices.Contains(ar.prompt, oidc.PromptLogin) {
		return false
	}
	if ar.maxAge == nil {
		return true
	}
	return now.Sub(bs.authTime) < time.Duration(*ar.maxAge)*time.Second
}
