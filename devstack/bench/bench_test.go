package bench

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestOneJourneyOfEachPage runs the whole bench once: a stack, both pages,
// Chromium. It needs the module and the pages built, as make bench leaves
// them, and takes about half a minute, so -short skips it.
func TestOneJourneyOfEachPage(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser bench takes half a minute")
	}
	repo, pages := filepath.Join("..", ".."), "web"
	for _, built := range []string{
		filepath.Join(repo, "static", "scaiauth.wasm"),
		filepath.Join(pages, "dist", "ours", "app.js"),
		filepath.Join(pages, "dist", "peer", "app.js"),
	} {
		if _, err := os.Stat(built); err != nil {
			t.Skipf("%s is not built: make bench builds it", built)
		}
	}

	r, err := Run(context.Background(), Config{Runs: 1, RepoRoot: repo, Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Ours) != 1 || len(r.Peer.Samples) != 1 || len(r.Ours[0].Samples) != 1 {
		t.Fatalf("pages and samples: %+v", r)
	}
	peer, ours := r.Peer.Samples[0], r.Ours[0].Samples[0]
	for name, s := range map[string]Sample{"peer": peer, "ours": ours} {
		if !(s.Cold > 0 && s.Warm > 0 && s.Callback > 0) {
			t.Errorf("%s: times cold %v, warm %v, callback %v", name, s.Cold, s.Warm, s.Callback)
		}
		if s.Code.Brotli <= 0 || s.Code.Brotli >= s.Code.Raw || s.Calls.Raw <= 0 || s.JSHeap <= 0 {
			t.Errorf("%s: code %+v, calls %+v, heap %d", name, s.Code, s.Calls, s.JSHeap)
		}
	}
	if peer.Wasm != 0 || ours.Wasm <= 0 {
		t.Errorf("WebAssembly memory: peer %d, ours %d", peer.Wasm, ours.Wasm)
	}
	// The module is by far the largest thing either page loads.
	if ours.Code.Raw < 10*peer.Code.Raw {
		t.Errorf("ours loaded %d bytes of code, the peer %d: was the module counted?",
			ours.Code.Raw, peer.Code.Raw)
	}
}
