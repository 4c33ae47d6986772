package devstack

import (
	"net"
	"strings"
	"testing"
	"time"
)

func TestCloseEndsAConnectionThatNeverSentARequest(t *testing.T) {
	grace := shutdownGrace
	shutdownGrace = 200 * time.Millisecond
	defer func() { shutdownGrace = grace }()

	s, err := Start(t.Context(), Options{RepoRoot: t.TempDir(), CanvasAddr: "localhost:0",
		APIAddr: "127.0.0.1:0", ProviderAddr: "127.0.0.1:0", Configured: true})
	if err != nil {
		t.Fatal(err)
	}
	// As Go's transport leaves one when two requests race: dialled, unused.
	idle, err := net.Dial("tcp", strings.TrimPrefix(s.CanvasURL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()

	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}
