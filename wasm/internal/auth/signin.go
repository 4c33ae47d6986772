package auth

import (
	"context"
	"fmt"
	"net/url"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/login"
)

// LoginOptions are the page's wishes for one sign-in.
type LoginOptions struct {
	ReturnTo  string `json:"returnTo"`
	Prompt    string `json:"prompt"`
	LoginHint string `json:"loginHint"`
}

// Login prepares a sign-in and returns the provider URL to navigate to.
// Everything that would make the sign-in fail after the redirect is checked
// before it, while the user can still do something about it.
func (a *Auth) Login(ctx context.Context, o LoginOptions) (string, error) {
	if err := a.waitMounted(ctx); err != nil {
		return "", err
	}
	a.mu.Lock()
	cfg := a.cfg
	a.mu.Unlock()
	if cfg == nil {
		return "", a.lastOr(autherr.New(autherr.ConfigInvalid).Because("not_loaded"))
	}
	if cfg.AuthMode != config.ScaiKey {
		return "", a.fail(autherr.New(autherr.ScaiKeyRequired).Because("dev_token_mode"))
	}

	href := a.env.Location.Href()
	origin, redirect := login.Origin(href), a.redirectURI()
	// sessionStorage belongs to one origin: a sign-in started on another
	// origin than redirect_uri's can never be finished.
	if want := login.Origin(redirect); origin != want {
		return "", a.fail(otherOrigin(origin, want))
	}
	returnTo, err := login.SafeReturnTo(a.returnPath(o.ReturnTo, href, redirect), origin)
	if err != nil {
		return "", a.fail(err)
	}
	a.step("login", "started on "+origin+" for redirect_uri "+redirect)

	p, _ := a.discover(ctx, true)
	tx, err := a.book.Begin(a.env.Random, redirect, returnTo)
	if err != nil {
		return "", a.fail(err)
	}
	target, err := login.AuthorizeURL(login.Request{
		Endpoint:    p.AuthorizationEndpoint,
		ClientID:    cfg.ClientID,
		RedirectURI: redirect,
		Scopes:      a.opts.Scopes,
		Prompt:      o.Prompt,
		LoginHint:   o.LoginHint,
	}, tx)
	if err != nil {
		return "", a.fail(err)
	}
	a.step("login", "redirecting to the provider")
	a.keepTrace()
	return target, nil
}

// otherOrigin refuses a sign-in started on another origin than
// redirect_uri's. The message stays the documented one, which pages and
// users search for; the two origins go in the fix, where they tell the
// person which address to open instead.
func otherOrigin(page, want string) *autherr.Error {
	e := autherr.New(autherr.StateMismatch).Because(autherr.CauseOtherOrigin)
	if page == "" || want == "" {
		return e
	}
	return e.WithFix(fmt.Sprintf("This page is on %s, but redirect_uri is on %s, and only "+
		"a page on that origin can finish the sign-in. Open the canvas at %s (not %s) and "+
		"sign in again.", page, want, want, page))
}

// returnPath picks where to land after sign-in: the caller's wish, else the
// page's default, else the page the user is on (unless that is the callback).
func (a *Auth) returnPath(wish, href, redirect string) string {
	if wish != "" {
		return wish
	}
	if a.opts.ReturnTo != "" {
		return a.opts.ReturnTo
	}
	u, err := url.Parse(href)
	r, rerr := url.Parse(redirect)
	if err != nil || rerr != nil || u.Path == r.Path {
		return ""
	}
	return u.RequestURI() + fragment(u)
}

func fragment(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.EscapedFragment()
}

// lastOr returns the last error when there is one, else e.
func (a *Auth) lastOr(e *autherr.Error) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lastErr != nil {
		return a.lastErr
	}
	return e
}

// Logout ends the session in this page and tab and returns the provider's
// end-session URL to navigate to, or "" when it offers none. The URL names
// the client, not the ID token, so no token lands in the address bar or the
// provider's logs (RP-Initiated Logout 1.0 §2).
func (a *Auth) Logout(ctx context.Context) (string, error) {
	if err := a.waitMounted(ctx); err != nil {
		return "", err
	}
	if s, ok := a.current(); ok {
		a.signOutEverywhere(s)
	}
	a.drop()
	a.book.Clear()
	a.clearError()
	a.mu.Lock()
	a.returnTo = ""
	cfg, p := a.cfg, a.provider
	a.mu.Unlock()
	a.step("logout", "session cleared")
	a.notify()

	if cfg == nil || p == nil || p.EndSessionEndpoint == "" {
		return "", nil
	}
	u, err := url.Parse(p.EndSessionEndpoint)
	if err != nil {
		return "", nil
	}
	q := u.Query()
	q.Set("client_id", cfg.ClientID)
	q.Set("post_logout_redirect_uri", login.Origin(a.redirectURI())+"/")
	u.RawQuery = q.Encode()
	return u.String(), nil
}
