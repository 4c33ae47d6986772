package devstack_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// testIndex is the dummy page the canvas serves in these tests; the real
// index.html belongs to the module, outside this directory.
const testIndex = "<!doctype html><title>canvas under test</title>"

// startStack runs a stack on free ports with a temporary repository root.
// Options left zero get the test defaults: ScaiKey configured, canvas on
// localhost (so 127.0.0.1 is the other origin), backend and provider on
// 127.0.0.1.
func startStack(t *testing.T, o devstack.Options) *devstack.Stack {
	t.Helper()
	if o.RepoRoot == "" {
		o.RepoRoot = repoRoot(t)
	}
	if o.CanvasAddr == "" {
		o.CanvasAddr = "localhost:0"
	}
	if o.APIAddr == "" {
		o.APIAddr = "127.0.0.1:0"
	}
	if o.ProviderAddr == "" {
		o.ProviderAddr = "127.0.0.1:0"
	}
	s, err := devstack.Start(t.Context(), o)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// configured is the usual stack: ScaiKey settings present.
func configured(t *testing.T) *devstack.Stack {
	return startStack(t, devstack.Options{Configured: true})
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":           testIndex,
		"static/scaiauth.wasm": "\x00asm\x01\x00\x00\x00",
		"js/scaiauth.js":       "export const mount = () => {};\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// answer is a JSON reply, decoded loosely.
type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func postJSON(t *testing.T, url string, body any) answer {
	t.Helper()
	encoded, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, http.MethodPost, url, "", bytes.NewReader(encoded))
}

func getJSON(t *testing.T, url, bearer string) answer {
	t.Helper()
	return send(t, http.MethodGet, url, bearer, nil)
}

func send(t *testing.T, method, url, bearer string, body io.Reader) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

// claimsOf reads a JWT's payload without verifying it; the tests that
// care about the signature verify it separately.
func claimsOf(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

// detailOf returns the detail object of a FastAPI error answer.
func detailOf(t *testing.T, a answer) map[string]any {
	t.Helper()
	d, ok := a.body["detail"].(map[string]any)
	if !ok {
		t.Fatalf("detail is not an object: %s", a.raw)
	}
	return d
}
