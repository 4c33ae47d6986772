package backend

import (
	"net/http"
	"strings"
	"sync"
)

// DefaultScaiGridURL is the base URL a tenant's key is used with when the
// admin names none. Nothing in the development stack calls it.
const DefaultScaiGridURL = "https://scaigrid.scaiflow.test"

// gridKey is a tenant's ScaiGrid credential. The key never leaves the
// backend again once posted: answers carry a masked form only.
type gridKey struct {
	apiKey, baseURL string
}

// gridKeys holds each tenant's ScaiGrid credential, by tenant id.
type gridKeys struct {
	mu       sync.Mutex
	byTenant map[string]gridKey
}

func (g *gridKeys) get(tenant string) (gridKey, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	k, ok := g.byTenant[tenant]
	return k, ok
}

func (g *gridKeys) set(tenant string, k gridKey) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.byTenant == nil {
		g.byTenant = make(map[string]gridKey)
	}
	g.byTenant[tenant] = k
}

// gridCredentials is the body of GET /v1/tenants/me/scaigrid_credentials.
type gridCredentials struct {
	Configured bool    `json:"configured"`
	BaseURL    *string `json:"base_url"`
	MaskedKey  *string `json:"masked_key"`
}

// showCredentials tells any member whether the tenant has a key, never
// the key itself.
func (g *gridKeys) show(w http.ResponseWriter, _ *http.Request, who caller) {
	k, ok := g.get(who.TenantID)
	if !ok {
		writeJSON(w, http.StatusOK, gridCredentials{})
		return
	}
	writeJSON(w, http.StatusOK, gridCredentials{
		Configured: true,
		BaseURL:    nonEmpty(k.baseURL),
		MaskedKey:  nonEmpty(mask(k.apiKey)),
	})
}

// setCredentials serves the tenant admin's POST {api_key, base_url?}.
func (g *gridKeys) post(w http.ResponseWriter, r *http.Request, who caller) {
	body, errs := readObject(w, r)
	if errs == nil {
		errs = checkCredentials(body)
	}
	if errs != nil {
		writeValidation(w, errs)
		return
	}
	k := gridKey{apiKey: body["api_key"].(string), baseURL: DefaultScaiGridURL}
	if u, ok := body["base_url"].(string); ok && u != "" {
		k.baseURL = strings.TrimSuffix(u, "/")
	}
	g.set(who.TenantID, k)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}

// checkCredentials wants a non-empty string api_key and, if present, a
// string or null base_url, in pydantic's words.
func checkCredentials(body map[string]any) []fieldError {
	_, errs := requireStrings(body, "api_key")
	if key, ok := body["api_key"].(string); ok && key == "" {
		errs = append(errs, fieldError{
			Type: "string_too_short", Loc: []any{"body", "api_key"},
			Msg: "String should have at least 1 character", Input: key,
			Ctx: map[string]any{"min_length": 1},
		})
	}
	if v, ok := body["base_url"]; ok && v != nil {
		if _, isString := v.(string); !isString {
			errs = append(errs, fieldError{
				Type: "string_type", Loc: []any{"body", "base_url"},
				Msg: "Input should be a valid string", Input: v,
			})
		}
	}
	return errs
}

// mask keeps the last four characters of a long key, so that an admin can
// tell keys apart, and nothing of a short one.
func mask(key string) string {
	const shown = 4
	if len(key) < 3*shown {
		return "****"
	}
	return "****" + key[len(key)-shown:]
}
