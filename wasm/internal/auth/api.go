package auth

import (
	"context"
	"net/url"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// Fetch sends a request with the right credential and returns the answer,
// or an AuthError for a failure. The ScaiKey bearer goes only to the API's
// origin, and never to the dev deploy route; the dev token goes only to the
// dev deploy route. A 401 causes one refresh and one retry.
func (a *Auth) Fetch(ctx context.Context, r *fetch.Request) (*fetch.Response, error) {
	if err := a.waitMounted(ctx); err != nil {
		return nil, err
	}
	target, ok := a.apiPath(r.URL)
	a.mu.Lock()
	cfg, devToken := a.cfg, a.devToken
	a.mu.Unlock()
	scaikey := cfg != nil && cfg.AuthMode == config.ScaiKey
	deploy := ok && r.Method == "POST" && target == "/dev/deploy"

	send := func(bearer string) (*fetch.Response, error) {
		req := *r
		req.Header = map[string]string{}
		for k, v := range r.Header {
			if !strings.EqualFold(k, "authorization") {
				req.Header[k] = v
			}
		}
		if bearer != "" {
			req.Header["Authorization"] = "Bearer " + bearer
		}
		resp, err := a.env.HTTP.Do(ctx, &req)
		if err != nil {
			return nil, bff.Unreachable(err)
		}
		return resp, nil
	}

	var bearer string
	switch {
	case deploy:
		bearer = devToken
	case ok && scaikey && a.signedIn():
		t, err := a.AccessToken(ctx)
		if err != nil {
			return nil, err
		}
		bearer = t
	}
	resp, err := send(bearer)
	if err != nil {
		return nil, err
	}
	if resp.Status == 401 && bearer != "" && !deploy {
		resp, err = a.retryAfterRefresh(ctx, resp, bearer, send)
		if err != nil {
			return nil, err
		}
	}
	if !resp.OK() {
		return resp, a.refusal(resp, r.Method, target, scaikey)
	}
	if ok {
		a.apiAnswered(r.Method + " " + target)
	}
	return resp, nil
}

// retryAfterRefresh handles a 401: the token may have died early (revoked,
// clock trouble), so one refresh and one retry. A second 401 ends the
// session, except for an audience mismatch, which no sign-in can fix.
func (a *Auth) retryAfterRefresh(ctx context.Context, first *fetch.Response, used string,
	send func(string) (*fetch.Response, error)) (*fetch.Response, error) {
	if bff.Problem(first, bff.StepAPI).Code == autherr.AudienceMismatch {
		return first, nil
	}
	if err := a.refresh(ctx, used); err != nil {
		return nil, a.afterRefreshFailure(err)
	}
	a.mu.Lock()
	s := a.sess
	a.mu.Unlock()
	if s == nil {
		return nil, autherr.New(autherr.SignInRequired)
	}
	resp, err := send(s.access)
	if err != nil {
		return nil, err
	}
	if resp.Status == 401 && bff.Problem(resp, bff.StepAPI).Code != autherr.AudienceMismatch {
		a.drop()
		a.fail(autherr.New(autherr.SessionExpired).Because("refused_after_refresh"))
	}
	return resp, nil
}

// refusal maps a failed API answer, naming the documented reason when the
// backend refuses a ScaiKey-only route in dev_token mode.
func (a *Auth) refusal(resp *fetch.Response, method, target string, scaikey bool) error {
	e := bff.Problem(resp, bff.StepAPI)
	if !scaikey && (resp.Status == 401 || resp.Status == 403) {
		switch {
		case strings.HasPrefix(target, "/flows"):
			e = autherr.New(autherr.SaveRequiresScaiKey).WithStatus(e.Status, e.Detail)
		case strings.HasPrefix(target, "/catalog"):
			e = autherr.New(autherr.CatalogRequiresScaiKey).WithStatus(e.Status, e.Detail)
		default:
			e = autherr.New(autherr.ScaiKeyRequired).WithStatus(e.Status, e.Detail)
		}
	}
	// The troubleshooting page's cases are shown wherever they happen: they
	// become the page's last error, not only the caller's.
	if autherr.Documented(e.Code) {
		a.failFromAPI(method+" "+target, e)
	}
	return e
}

// apiPath returns the path of raw below the API base, and whether raw is on
// the API at all: same origin as the API base, and below its path.
func (a *Auth) apiPath(raw string) (string, bool) {
	page, err := url.Parse(a.env.Location.Href())
	if err != nil {
		return "", false
	}
	base, err := page.Parse(a.opts.APIBase)
	if err != nil {
		return "", false
	}
	target, err := page.Parse(raw)
	if err != nil || target.Scheme != base.Scheme || target.Host != base.Host {
		return "", false
	}
	prefix := strings.TrimRight(base.Path, "/")
	if !strings.HasPrefix(target.Path, prefix+"/") {
		return "", false
	}
	return strings.TrimPrefix(target.Path, prefix), true
}

func (a *Auth) signedIn() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess != nil
}
