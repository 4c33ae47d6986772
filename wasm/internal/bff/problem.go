package bff

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// Step says which call failed: the same status means different things at
// different steps (a 400 invalid_grant is a used code at the exchange and a
// dead session at the refresh).
type Step int

const (
	StepAPI Step = iota
	StepConfig
	StepExchange
	StepRefresh
)

// detail is the FastAPI error body: {"detail": "text"} or
// {"detail": {"error", "message", "fix", "error_description"}}.
type detail struct {
	Text             string
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
	Message          string `json:"message"`
	Fix              string `json:"fix"`
}

func (d *detail) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &d.Text)
	}
	type plain detail
	return json.Unmarshal(b, (*plain)(d))
}

// all is every piece of text in the detail, lower-cased, for matching.
func (d *detail) all() string {
	return strings.ToLower(d.Text + " " + d.Error + " " + d.ErrorDescription + " " + d.Message)
}

// Problem turns a failed reply into an AuthError, recognising each case of
// the ScaiFlow troubleshooting page by the status and the server's words.
func Problem(resp *fetch.Response, step Step) *autherr.Error {
	var body struct {
		Detail *detail `json:"detail"`
	}
	var raw struct {
		Detail any `json:"detail"`
	}
	parsed := json.Unmarshal(resp.Body, &body) == nil && body.Detail != nil
	if parsed {
		_ = json.Unmarshal(resp.Body, &raw)
	} else {
		body.Detail = &detail{}
	}
	d := body.Detail
	text := d.all()
	e := classify(resp.Status, step, d, text)
	if !parsed && e.Code == autherr.RequestRefused {
		e = autherr.New(autherr.BadResponse).Because(fmt.Sprintf("status_%d", resp.Status))
	}
	return e.WithStatus(resp.Status, raw.Detail)
}

func classify(status int, step Step, d *detail, text string) *autherr.Error {
	auth := step == StepExchange || step == StepRefresh
	switch {
	case status == 503 && (auth || strings.Contains(text, "not configured")):
		return autherr.New(autherr.OIDCNotConfigured)
	case status == 400 && step == StepExchange && d.Error == "invalid_grant":
		if strings.Contains(text, "verifier") || strings.Contains(text, "challenge") {
			return autherr.New(autherr.ExchangeRefused).Because("pkce")
		}
		return autherr.New(autherr.CodeAlreadyUsed)
	case status == 400 && step == StepExchange:
		return autherr.New(autherr.ExchangeRefused).Because(cause(d.Error))
	case (status == 400 || status == 401) && step == StepRefresh:
		return autherr.New(autherr.SessionExpired).Because("refresh_refused")
	case status == 401 && strings.Contains(text, "audience doesn't match"):
		return autherr.New(autherr.AudienceMismatch)
	case status == 401:
		return autherr.New(autherr.Unauthorized)
	case status == 403 && strings.Contains(text, "admin:read or admin:write"):
		return autherr.New(autherr.SyncScopeMissing)
	case status == 403 && strings.Contains(text, "admin role"):
		return autherr.New(autherr.AdminRequired)
	case status == 412 || missingKind(d.Error):
		return missingCredentials(d)
	case status == 502 && auth:
		return autherr.New(autherr.ProviderDown).Because("status_502")
	case status >= 500:
		return autherr.New(autherr.BackendDown).Because(fmt.Sprintf("status_%d", status))
	default:
		return autherr.New(autherr.RequestRefused).Because(fmt.Sprintf("status_%d", status))
	}
}

// missingKind recognises the 412's error names: missing_credentials and
// missing_scaigrid_credentials, whatever status a proxy turned it into.
func missingKind(oauthError string) bool {
	return strings.HasPrefix(oauthError, "missing_") && strings.Contains(oauthError, "credentials")
}

// missingCredentials keeps the server's own message and fix: the backend
// knows which tenant and which key are missing.
func missingCredentials(d *detail) *autherr.Error {
	e := autherr.New(autherr.MissingCredentials)
	if d.Message != "" {
		e = e.WithMessage("%s", d.Message)
	} else if d.Text != "" {
		e = e.WithMessage("%s", d.Text)
	}
	if d.Fix != "" {
		e = e.WithFix(d.Fix)
	}
	return e
}

// cause keeps an OAuth error code as a cause only when it looks like one, so
// that no arbitrary server text becomes a "stable" cause.
func cause(oauthError string) string {
	if oauthError == "" || len(oauthError) > 40 {
		return ""
	}
	for _, r := range oauthError {
		if (r < 'a' || r > 'z') && r != '_' {
			return ""
		}
	}
	return oauthError
}
