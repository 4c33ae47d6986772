package login

import (
	"net/url"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/pkce"
)

// DefaultScopes are the scopes asked for when the page names none.
var DefaultScopes = []string{"openid", "profile", "email", "offline_access"}

// Request describes the authorization request of one sign-in.
type Request struct {
	Endpoint    string // the provider's authorization endpoint
	ClientID    string
	RedirectURI string
	Scopes      []string
	Prompt      string // optional: "login", "none", "consent", "select_account"
	LoginHint   string // optional
}

// AuthorizeURL builds the URL that sends the browser to the provider, per
// RFC 6749 §4.1.1 with the PKCE parameters of RFC 7636 §4.3 and the nonce of
// OpenID Connect Core §3.1.2.1.
func AuthorizeURL(r Request, tx *Transaction) (string, error) {
	u, err := url.Parse(r.Endpoint)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", autherr.New(autherr.DiscoveryFailed).Because("authorization_endpoint")
	}
	scopes := r.Scopes
	if len(scopes) == 0 {
		scopes = DefaultScopes
	}
	if !contains(scopes, "openid") {
		scopes = append([]string{"openid"}, scopes...)
	}

	q := u.Query()
	q.Set("response_type", "code")
	q.Set("client_id", r.ClientID)
	q.Set("redirect_uri", r.RedirectURI)
	q.Set("scope", strings.Join(scopes, " "))
	q.Set("state", tx.State)
	q.Set("nonce", tx.Nonce)
	q.Set("code_challenge", pkce.Challenge(tx.Verifier))
	q.Set("code_challenge_method", pkce.Method)
	if r.Prompt != "" {
		q.Set("prompt", r.Prompt)
	}
	if r.LoginHint != "" {
		q.Set("login_hint", r.LoginHint)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
