package auth

import (
	"context"
	"crypto/rand"
	"net/url"
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// refusing is the world's backend with a few more routes, each answering
// the way the ScaiFlow backend refuses them.
type refusing struct {
	*world
	answers map[string]*fetch.Response
}

func (r refusing) Do(ctx context.Context, req *fetch.Request) (*fetch.Response, error) {
	if u, err := url.Parse(req.URL); err == nil {
		if answer, ok := r.answers[req.Method+" "+u.Path]; ok {
			return answer, nil
		}
	}
	return r.world.Do(ctx, req)
}

// A case of the troubleshooting page is shown wherever it happens: the
// page renders lastError, so a refused API call becomes it. Other refusals
// are the caller's alone.
func TestTroubleshootingRefusalsOfTheAPIBecomeTheLastError(t *testing.T) {
	w := newWorld(t)
	w.signIn()
	backend := refusing{world: w, answers: map[string]*fetch.Response{
		"GET /api/v1/scaiqueue/queues": reply(412, `{"detail":{"error":"missing_credentials",`+
			`"message":"No ScaiGrid key for tnt_demo","fix":"Ask a tenant admin."}}`),
		"POST /api/v1/admin/scaikey-sync": reply(403,
			`{"detail":"Platform token requires admin:read or admin:write scope"}`),
		"POST /api/v1/tenants/me/scaigrid_credentials": reply(403,
			`{"detail":"Tenant admin role required"}`),
		"GET /api/v1/flows/flw_9": reply(404, `{"detail":"Flow not found"}`),
	}}
	a := New(Env{Storage: w.storage, Location: w.page, HTTP: backend, Now: w.now,
		Random: rand.Reader}, Options{})
	if err := a.Mount(bg); err != nil || !a.Snapshot().SignedIn {
		t.Fatalf("the reloaded page is not signed in: %v", err)
	}

	cases := []struct {
		method, path string
		code         autherr.Code
		last         bool
	}{
		{"GET", "/api/v1/scaiqueue/queues", autherr.MissingCredentials, true},
		{"POST", "/api/v1/admin/scaikey-sync", autherr.SyncScopeMissing, true},
		{"POST", "/api/v1/tenants/me/scaigrid_credentials", autherr.AdminRequired, false},
		{"GET", "/api/v1/flows/flw_9", autherr.RequestRefused, false},
	}
	for _, tc := range cases {
		a.clearError()
		_, err := a.Fetch(bg, &fetch.Request{Method: tc.method, URL: tc.path})
		if e := autherr.As(err); e == nil || e.Code != tc.code {
			t.Fatalf("%s %s: %v, want %s", tc.method, tc.path, err, tc.code)
		}
		last := a.Snapshot().LastError
		if got := last != nil && last.Code == tc.code; got != tc.last {
			t.Errorf("%s %s: lastError %v, want it set: %t", tc.method, tc.path, last, tc.last)
		}
	}
}

// A refusal shown on the page stays until the route it came from answers:
// other calls succeeding say nothing about it, and once the tenant admin
// has stored the key the queue loads and the page stops explaining.
func TestARefusalIsForgottenWhenItsRouteAnswers(t *testing.T) {
	w := newWorld(t)
	w.signIn()
	queues := "GET /api/v1/scaiqueue/queues"
	backend := refusing{world: w, answers: map[string]*fetch.Response{
		queues: reply(412, `{"detail":{"error":"missing_credentials",`+
			`"message":"No ScaiGrid key for tnt_demo","fix":"Ask a tenant admin."}}`),
	}}
	a := New(Env{Storage: w.storage, Location: w.page, HTTP: backend, Now: w.now,
		Random: rand.Reader}, Options{})
	if err := a.Mount(bg); err != nil || !a.Snapshot().SignedIn {
		t.Fatalf("the reloaded page is not signed in: %v", err)
	}
	get := func(path string) {
		t.Helper()
		if _, err := a.Fetch(bg, &fetch.Request{Method: "GET", URL: path}); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	refused := &fetch.Request{Method: "GET", URL: "/api/v1/scaiqueue/queues"}
	if _, err := a.Fetch(bg, refused); err == nil {
		t.Fatal("the refused call succeeded")
	}
	get("/api/v1/me")
	if last := a.Snapshot().LastError; last == nil || last.Code != autherr.MissingCredentials {
		t.Fatalf("after another call succeeded lastError = %v", last)
	}

	backend.answers[queues] = reply(200, `[]`)
	get("/api/v1/scaiqueue/queues")
	if last := a.Snapshot().LastError; last != nil {
		t.Errorf("the queue answers, yet lastError = %v", last)
	}
}
