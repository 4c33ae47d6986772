// Package bff talks to the ScaiFlow backend's auth routes: the runtime
// config, and the code exchange and refresh the backend performs with the
// client secret the browser never sees.
package bff

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// Client calls the backend at Base, e.g. "/api/v1" or an absolute URL.
type Client struct {
	Base string
	HTTP fetch.Doer
}

// Tokens is the backend's answer to an exchange or a refresh.
type Tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	IDToken      string `json:"id_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
}

// Config reads GET {Base}/auth/config. The response comes back too: its
// Date header is the server's clock.
func (c *Client) Config(ctx context.Context) (*config.Config, *fetch.Response, error) {
	resp, err := c.send(ctx, &fetch.Request{Method: "GET", URL: c.url("/auth/config")})
	if err != nil {
		return nil, nil, err
	}
	return ParseConfig(resp)
}

// ParseConfig reads the answer to GET {Base}/auth/config, which the loader
// may have fetched already, while the module was still downloading.
func ParseConfig(resp *fetch.Response) (*config.Config, *fetch.Response, error) {
	if !resp.OK() {
		return nil, resp, Problem(resp, StepConfig)
	}
	cfg, err := config.Parse(resp.Body)
	return cfg, resp, err
}

// Exchange sends the authorization code and its verifier to
// POST {Base}/auth/exchange.
func (c *Client) Exchange(
	ctx context.Context, code, verifier, redirectURI string,
) (*Tokens, error) {
	return c.tokens(ctx, "/auth/exchange", StepExchange, map[string]string{
		"code":          code,
		"code_verifier": verifier,
		"redirect_uri":  redirectURI,
	})
}

// Refresh trades a refresh token at POST {Base}/auth/refresh. ScaiKey
// rotates refresh tokens: the one sent is dead once this returns.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*Tokens, error) {
	return c.tokens(ctx, "/auth/refresh", StepRefresh, map[string]string{
		"refresh_token": refreshToken,
	})
}

func (c *Client) tokens(ctx context.Context, path string, step Step, body any) (*Tokens, error) {
	req, err := fetch.JSON("POST", c.url(path), body)
	if err != nil {
		return nil, autherr.New(autherr.Internal).Wrapping(err)
	}
	resp, err := c.send(ctx, req)
	if err != nil {
		return nil, err
	}
	if !resp.OK() {
		return nil, Problem(resp, step)
	}
	var t Tokens
	if err := json.Unmarshal(resp.Body, &t); err != nil {
		return nil, autherr.New(autherr.BadResponse).Because("token_json").Wrapping(err)
	}
	if t.AccessToken == "" || !strings.EqualFold(t.TokenType, "bearer") {
		return nil, autherr.New(autherr.BadResponse).Because("token_fields")
	}
	return &t, nil
}

func (c *Client) send(ctx context.Context, req *fetch.Request) (*fetch.Response, error) {
	resp, err := c.HTTP.Do(ctx, req)
	if err != nil {
		return nil, Unreachable(err)
	}
	return resp, nil
}

func (c *Client) url(path string) string {
	return strings.TrimRight(c.Base, "/") + path
}

// Unreachable is the error for a request that got no answer at all.
func Unreachable(err error) *autherr.Error {
	return autherr.New(autherr.BackendDown).Because("no_answer").Wrapping(err)
}
