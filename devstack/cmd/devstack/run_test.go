package main

import (
	"bytes"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/scaiflow/scaiauth/devstack"
)

// output is what run prints, read while it runs.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

func TestRunPrintsHowToSignInAndStopsOnCtrlC(t *testing.T) {
	out := &output{}
	done := make(chan error, 1)
	go func() {
		done <- run([]string{"-repo", t.TempDir(), "-canvas", "localhost:0",
			"-api", "127.0.0.1:0", "-provider", "localhost:0"}, out)
	}()

	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "Ctrl-C to stop.") {
		select {
		case err := <-done:
			t.Fatalf("run ended before it started: %v\n%s", err, out)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no banner after 20 s:\n%s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	banner := out.String()
	for _, want := range []string{"http://localhost:", devstack.DemoLogin,
		devstack.DemoPassword, "mode       scaikey", "/auth/callback"} {
		if !strings.Contains(banner, want) {
			t.Errorf("the banner does not say %q:\n%s", want, banner)
		}
	}
	if strings.Contains(banner, devstack.DefaultClientSecret) {
		t.Errorf("the banner prints the client secret:\n%s", banner)
	}

	// Ctrl-C: run's signal handler takes it, so the test process lives on.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stopping: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after Ctrl-C")
	}
	if !strings.Contains(out.String(), "stopping") {
		t.Errorf("nothing said on Ctrl-C:\n%s", out)
	}
}
