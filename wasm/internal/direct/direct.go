// Package direct exchanges codes and refresh tokens at the provider's token
// endpoint itself, as a public client with PKCE (RFC 6749 §4.1.3 and §6,
// RFC 7636 §4.5), for single-page apps that have no backend to do it.
package direct

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// Client talks to one token endpoint for one public client. It answers with
// the same token shape as the backend, so the rest of the module does not
// care which one exchanged the code.
type Client struct {
	TokenEndpoint func(ctx context.Context) (string, error)
	ClientID      string
	HTTP          fetch.Doer
}

// Exchange trades an authorization code and its verifier for tokens.
func (c *Client) Exchange(
	ctx context.Context, code, verifier, redirectURI string,
) (*bff.Tokens, error) {
	return c.grant(ctx, bff.StepExchange, url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"code_verifier": {verifier},
		"redirect_uri":  {redirectURI},
	})
}

// Refresh trades a refresh token for new tokens; the provider rotates it.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*bff.Tokens, error) {
	return c.grant(ctx, bff.StepRefresh, url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {refreshToken},
	})
}

func (c *Client) grant(ctx context.Context, step bff.Step, form url.Values) (*bff.Tokens, error) {
	endpoint, err := c.TokenEndpoint(ctx)
	if err != nil {
		return nil, err
	}
	form.Set("client_id", c.ClientID)
	resp, err := c.HTTP.Do(ctx, &fetch.Request{
		Method: "POST",
		URL:    endpoint,
		Header: map[string]string{
			"Content-Type": "application/x-www-form-urlencoded",
			"Accept":       "application/json",
		},
		Body: []byte(form.Encode()),
	})
	if err != nil {
		return nil, autherr.New(autherr.ProviderDown).Because("no_answer").Wrapping(err)
	}
	if !resp.OK() {
		return nil, refusal(resp, step)
	}
	var t bff.Tokens
	if err := json.Unmarshal(resp.Body, &t); err != nil {
		return nil, autherr.New(autherr.BadResponse).Because("token_json").Wrapping(err)
	}
	if t.AccessToken == "" || !strings.EqualFold(t.TokenType, "bearer") {
		return nil, autherr.New(autherr.BadResponse).Because("token_fields")
	}
	return &t, nil
}

// refusal maps an error response of RFC 6749 §5.2 the way the backend's
// are mapped: a refused code is the documented "code already used", a
// refused refresh token ends the session.
func refusal(resp *fetch.Response, step bff.Step) *autherr.Error {
	var body struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(resp.Body, &body)
	switch {
	case resp.Status >= 500:
		return autherr.New(autherr.ProviderDown).WithStatus(resp.Status, nil)
	case body.Error == "":
		return autherr.New(autherr.BadResponse).Because("token_error").
			WithStatus(resp.Status, nil)
	}
	// The provider's answer has the backend's 400 shape once wrapped.
	detail := map[string]string{"error": body.Error, "error_description": body.Description}
	wrapped, _ := json.Marshal(map[string]any{"detail": detail})
	return bff.Problem(&fetch.Response{Status: 400, Body: wrapped}, step).
		WithStatus(resp.Status, detail)
}
