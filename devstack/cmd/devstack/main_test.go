package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseOptions(t *testing.T) {
	cases := []struct {
		name       string
		env        map[string]string
		args       []string
		configured bool
		baseURL    string
		clientID   string
		audience   string
		devToken   string
		fails      bool
	}{
		{name: "defaults", configured: true, clientID: "scaiflow-canvas",
			devToken: defaultDevToken},
		{name: "dev_token mode", args: []string{"-mode", "dev_token"},
			clientID: "scaiflow-canvas", devToken: defaultDevToken},
		{name: "unknown mode", args: []string{"-mode", "oauth"}, fails: true},
		{name: "documented environment",
			env: map[string]string{
				"SCAIFLOW_SCAIKEY_CLIENT_ID": "canvas-2",
				"SCAIKEY_AUDIENCE":           "user-portal",
				"SCAIFLOW_API_TOKEN":         "from-env",
			},
			configured: true, clientID: "canvas-2", audience: "user-portal", devToken: "from-env"},
		{name: "base URL naming the built-in provider",
			env:        map[string]string{"SCAIKEY_BASE_URL": "http://localhost:9000/"},
			configured: true, clientID: "scaiflow-canvas", devToken: defaultDevToken},
		{name: "outside ScaiKey",
			env:        map[string]string{"SCAIKEY_BASE_URL": "https://scaikey.example"},
			configured: true, baseURL: "https://scaikey.example", clientID: "scaiflow-canvas",
			devToken: defaultDevToken},
		{name: "client secret set to nothing: ScaiKey is not configured",
			env:      map[string]string{"SCAIFLOW_SCAIKEY_CLIENT_SECRET": ""},
			clientID: "scaiflow-canvas", devToken: defaultDevToken},
		{name: "client id set to nothing, -mode scaikey given",
			env:  map[string]string{"SCAIFLOW_SCAIKEY_CLIENT_ID": ""},
			args: []string{"-mode", "scaikey"}, configured: true, clientID: "scaiflow-canvas",
			devToken: defaultDevToken},
		{name: "flag beats environment",
			env:  map[string]string{"SCAIFLOW_SCAIKEY_CLIENT_ID": "canvas-2"},
			args: []string{"-client-id", "canvas-3"}, configured: true, clientID: "canvas-3",
			devToken: defaultDevToken},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"SCAIKEY_BASE_URL", "SCAIFLOW_SCAIKEY_CLIENT_ID",
				"SCAIFLOW_SCAIKEY_CLIENT_SECRET", "SCAIKEY_AUDIENCE", "SCAIFLOW_API_TOKEN"} {
				value, set := tc.env[name]
				t.Setenv(name, value) // restored after the test
				if !set {
					os.Unsetenv(name)
				}
			}
			o, err := parseOptions(append([]string{"-repo", t.TempDir()}, tc.args...))
			if (err != nil) != tc.fails {
				t.Fatalf("err = %v, want failure: %t", err, tc.fails)
			}
			if tc.fails {
				return
			}
			if o.Configured != tc.configured || o.ScaiKeyBaseURL != tc.baseURL ||
				o.ClientID != tc.clientID || o.Audience != tc.audience ||
				o.DevToken != tc.devToken {
				t.Errorf("got %+v", o)
			}
		})
	}
}

func TestFindRepoRoot(t *testing.T) {
	repo := t.TempDir()
	devstack := filepath.Join(repo, "devstack")
	nested := filepath.Join(devstack, "cmd", "devstack")
	if err := os.MkdirAll(nested, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path string) {
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(devstack, "go.mod"))

	if got := findRepoRoot(nested); got != repo {
		t.Errorf("without index.html: %s, want the repository %s", got, repo)
	}
	write(filepath.Join(repo, "index.html"))
	if got := findRepoRoot(devstack); got != repo {
		t.Errorf("with index.html: %s, want %s", got, repo)
	}
}
