package e2e

import (
	"context"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// startStack starts a development stack on free ports for one test; change
// adjusts the options (mode, audience, token lifetimes) before the start.
func startStack(t *testing.T, change func(*devstack.Options)) *devstack.Stack {
	t.Helper()
	o := devstack.Options{
		RepoRoot:     repoRoot,
		CanvasAddr:   "localhost:0",
		APIAddr:      "127.0.0.1:0",
		ProviderAddr: "localhost:0",
		Configured:   true,
		DevToken:     "dev-token-for-tests",
	}
	if change != nil {
		change(&o)
	}
	s, err := devstack.Start(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}
