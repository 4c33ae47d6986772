package backend

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// issuerPath is where ScaiKey's platform provider lives, relative to
// SCAIKEY_BASE_URL; discovery under it is the source of truth.
const issuerPath = "/api/v1/platform/oauth"

// discovery holds the fields of the provider metadata the backend uses.
type discovery struct {
	Issuer        string `json:"issuer"`
	TokenEndpoint string `json:"token_endpoint"`
	JWKSURI       string `json:"jwks_uri"`
}

// scaikey talks to ScaiKey: discovery, the token endpoint and the JWKS.
type scaikey struct {
	baseURL string
	client  *http.Client

	mu   sync.Mutex
	meta *discovery // cached after the first success
	keys *keyCache
}

func newScaiKey(baseURL string, client *http.Client) *scaikey {
	k := &scaikey{baseURL: strings.TrimSuffix(baseURL, "/"), client: client}
	k.keys = &keyCache{fetch: k.fetchKeys}
	return k
}

// unavailable means ScaiKey could not be asked, or failed on its side: the
// backend answers 502.
type unavailable struct{ reason string }

func (e *unavailable) Error() string { return e.reason }

// refused is ScaiKey's RFC 6749 §5.2 error answer to a bad request.
type refused struct {
	Status      int
	Code        string
	Description string
}

func (e *refused) Error() string { return e.Code + ": " + e.Description }

// metadata fetches discovery once; a failure is not cached, so a provider
// that starts late is found on the next request.
func (k *scaikey) metadata(ctx context.Context) (discovery, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.meta != nil {
		return *k.meta, nil
	}
	var meta discovery
	address := k.baseURL + issuerPath + "/.well-known/openid-configuration"
	if err := k.getJSON(ctx, address, &meta); err != nil {
		return discovery{}, err
	}
	if meta.TokenEndpoint == "" || meta.JWKSURI == "" || meta.Issuer == "" {
		return discovery{}, &unavailable{"ScaiKey discovery lacks issuer, token or jwks endpoint"}
	}
	k.meta = &meta
	return meta, nil
}

func (k *scaikey) getJSON(ctx context.Context, address string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return &unavailable{err.Error()}
	}
	resp, err := k.client.Do(req)
	if err != nil {
		return &unavailable{"ScaiKey unreachable: " + err.Error()}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &unavailable{fmt.Sprintf("ScaiKey answered %s for %s", resp.Status, address)}
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return &unavailable{"ScaiKey sent unreadable JSON: " + err.Error()}
	}
	return nil
}

// tokens is the token endpoint's success answer, as the canvas receives it.
type tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	IDToken      string `json:"id_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
}

// token posts a grant to the token endpoint, authenticating the confidential
// client with client_secret_basic. RFC 6749 §2.3.1 form-encodes the id and
// secret before they go into the Basic header.
func (k *scaikey) token(ctx context.Context, grant url.Values, id, secret string) (tokens, error) {
	meta, err := k.metadata(ctx)
	if err != nil {
		return tokens{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, meta.TokenEndpoint,
		strings.NewReader(grant.Encode()))
	if err != nil {
		return tokens{}, &unavailable{err.Error()}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))

	resp, err := k.client.Do(req)
	if err != nil {
		return tokens{}, &unavailable{"ScaiKey unreachable: " + err.Error()}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return tokens{}, &unavailable{"ScaiKey answer cut short: " + err.Error()}
	}

	switch {
	case resp.StatusCode >= 500:
		return tokens{}, &unavailable{"ScaiKey token endpoint failed: " + resp.Status}
	case resp.StatusCode >= 400:
		return tokens{}, refusedFrom(resp.StatusCode, body)
	case resp.StatusCode != http.StatusOK:
		return tokens{}, &unavailable{"ScaiKey token endpoint answered " + resp.Status}
	}
	var t tokens
	if err := json.Unmarshal(body, &t); err != nil || t.AccessToken == "" {
		return tokens{}, &unavailable{"ScaiKey token answer has no access_token"}
	}
	return t, nil
}

// refusedFrom reads an RFC 6749 §5.2 error; a body that is not one still
// becomes a refusal, named after the status.
func refusedFrom(status int, body []byte) *refused {
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(body, &e) != nil || e.Error == "" {
		return &refused{Status: status, Code: fmt.Sprintf("http_%d", status),
			Description: strings.TrimSpace(string(body))}
	}
	return &refused{Status: status, Code: e.Error, Description: e.Description}
}
