package devstack

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

// moduleBudget is the most the built module may weigh as brotli -q 11
// (issue 7): the floor for its dependencies, with fetch called directly, is
// about 1.16 MB, so 1.2 MB leaves room for the module's own code and no
// more. A dependency such as net/http (about 0.9 MB) cannot slip in.
const moduleBudget = 1_200_000

func TestTheModuleStaysWithinItsSizeBudget(t *testing.T) {
	wasm := filepath.Join("..", "static", "scaiauth.wasm")
	raw, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatalf("%v: run make build first", err)
	}
	size := brotliSize(t, wasm, raw)
	t.Logf("static/scaiauth.wasm: %d bytes raw, %d as brotli -q 11, %d under the budget",
		len(raw), size, moduleBudget-size)
	if size > moduleBudget {
		t.Fatalf("the module is %d bytes as brotli, over its budget of %d by %d: "+
			"look for a new dependency (go list -deps ./wasm) or reflection",
			size, moduleBudget, size-moduleBudget)
	}
}

// brotliSize is the module's size as brotli at quality 11: the copy make
// build wrote when it is as new as the module, else compressed here.
func brotliSize(t *testing.T, wasm string, raw []byte) int {
	t.Helper()
	module, err := os.Stat(wasm)
	if err != nil {
		t.Fatal(err)
	}
	if copied, err := os.Stat(wasm + ".br"); err == nil &&
		!copied.ModTime().Before(module.ModTime()) {
		return int(copied.Size())
	}
	t.Logf("%s.br is missing or older than the module: compressing (about 15 s)", wasm)
	var out bytes.Buffer
	w := brotli.NewWriterLevel(&out, brotli.BestCompression)
	if _, err := w.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Len()
}
