package bff

import (
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

func TestProblemRecognisesTheTroubleshootingCases(t *testing.T) {
	cases := []struct {
		name    string
		step    Step
		status  int
		body    string
		code    autherr.Code
		message string
		fix     string
	}{
		{
			name: "backend without ScaiKey settings", step: StepExchange, status: 503,
			body: `{"detail":"ScaiKey OIDC not configured on the server"}`,
			code: autherr.OIDCNotConfigured, message: "ScaiKey OIDC not configured on the server",
		},
		{
			name: "code sent twice", step: StepExchange, status: 400,
			body: `{"detail":{"error":"invalid_grant","error_description":"invalid code"}}`,
			code: autherr.CodeAlreadyUsed, message: "invalid_grant: code already used",
		},
		{
			name: "verifier refused", step: StepExchange, status: 400,
			body: `{"detail":{"error":"invalid_grant",` +
				`"error_description":"invalid code_verifier"}}`,
			code: autherr.ExchangeRefused,
		},
		{
			name: "redirect_uri not registered", step: StepExchange, status: 400,
			body: `{"detail":{"error":"invalid_request","error_description":"redirect_uri"}}`,
			code: autherr.ExchangeRefused,
		},
		{
			name: "refresh token already rotated", step: StepRefresh, status: 400,
			body: `{"detail":{"error":"invalid_grant"}}`,
			code: autherr.SessionExpired,
		},
		{
			name: "audience configured to something ScaiKey does not issue", status: 401,
			body: `{"detail":"invalid token: Audience doesn't match"}`,
			code: autherr.AudienceMismatch, message: "invalid token: Audience doesn't match",
		},
		{
			name: "expired bearer", status: 401, body: `{"detail":"invalid token: expired"}`,
			code: autherr.Unauthorized,
		},
		{
			name: "tenant without ScaiGrid key", status: 412,
			body: `{"detail":{"error":"missing_credentials","message":"No ScaiGrid key ` +
				`for tenant tnt_demo","fix":"A tenant admin posts the key."}}`,
			code: autherr.MissingCredentials, message: "No ScaiGrid key for tenant tnt_demo",
			fix: "A tenant admin posts the key.",
		},
		{
			name: "sync without admin scope", status: 403,
			body:    `{"detail":"Platform token requires admin:read or admin:write scope"}`,
			code:    autherr.SyncScopeMissing,
			message: "Platform token requires admin:read or admin:write scope",
		},
		{
			name: "member posts the tenant's ScaiGrid key", status: 403,
			body: `{"detail":"Tenant admin role required"}`,
			code: autherr.AdminRequired,
		},
		{
			name: "other refusal", status: 403, body: `{"detail":"Not your flow"}`,
			code: autherr.RequestRefused,
		},
		{
			name: "ScaiKey down behind the backend", step: StepExchange, status: 502,
			body: `{"detail":"ScaiKey answered 503"}`, code: autherr.ProviderDown,
		},
		{
			name: "proxy error page", status: 404, body: `<html>Not Found</html>`,
			code: autherr.BadResponse,
		},
		{
			name: "backend crashed", status: 500, body: `Internal Server Error`,
			code: autherr.BackendDown,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := Problem(&fetch.Response{Status: c.status, Body: []byte(c.body)}, c.step)
			if e.Code != c.code {
				t.Fatalf("code = %s, want %s (%v)", e.Code, c.code, e)
			}
			if e.Status != c.status {
				t.Fatalf("status = %d", e.Status)
			}
			if c.message != "" && e.Message != c.message {
				t.Fatalf("message = %q, want %q", e.Message, c.message)
			}
			if c.fix != "" && e.Fix != c.fix {
				t.Fatalf("fix = %q, want %q", e.Fix, c.fix)
			}
			if e.Fix == "" {
				t.Fatal("no fix")
			}
		})
	}
}
