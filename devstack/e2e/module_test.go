package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// moduleFetch is how the page got the module, from Resource Timing.
type moduleFetch struct {
	Requests    int     `json:"requests"`
	Path        string  `json:"path"`
	Transferred float64 `json:"transferred"`
	Encoded     float64 `json:"encoded"`
	Decoded     float64 `json:"decoded"`
}

// loadedModule reads every request the page made for a module file.
func loadedModule(tb *tab) moduleFetch {
	tb.t.Helper()
	return eval[moduleFetch](tb, `(() => {
		const all = performance.getEntriesByType("resource")
			.filter((e) => /^\/static\/scaiauth[^/]*\.wasm$/.test(new URL(e.name).pathname));
		const last = all.at(-1);
		return {
			requests: all.length,
			path: last ? new URL(last.name).pathname : "",
			transferred: last?.transferSize ?? 0,
			encoded: last?.encodedBodySize ?? 0,
			decoded: last?.decodedBodySize ?? 0,
		};
	})()`)
}

var contentName = regexp.MustCompile(`^/static/scaiauth\.[0-9a-f]{16}\.wasm$`)

func TestTheModuleComesOnceCompressedThenFromTheCache(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)

	openCanvas(tb, s)
	cold := loadedModule(tb)
	if !contentName.MatchString(cold.Path) {
		t.Fatalf("the module came from %q, not a name after its content", cold.Path)
	}
	if cold.Requests != 1 {
		t.Errorf("%d requests for the module: the preload and mount() must share one",
			cold.Requests)
	}
	// brotli makes the 6 MB module about 1.2 MB, gzip about 1.6 MB.
	if cold.Transferred == 0 || cold.Encoded > cold.Decoded/3 {
		t.Errorf("the module came uncompressed: %.0f bytes for %.0f (%.0f transferred)",
			cold.Encoded, cold.Decoded, cold.Transferred)
	}

	tb.do(chromedp.Navigate("about:blank"))
	openCanvas(tb, s)
	warm := loadedModule(tb)
	if warm.Path != cold.Path {
		t.Errorf("the second visit asked for %s, the first for %s", warm.Path, cold.Path)
	}
	if warm.Requests != 1 || warm.Transferred != 0 {
		t.Errorf("the second visit made %d requests and transferred %.0f bytes for the module; "+
			"an immutable module comes from the cache unasked", warm.Requests, warm.Transferred)
	}
}

// configRequests are the page's requests for the backend's config, and
// when the first one started and the module was compiled.
type configRequests struct {
	Requests int     `json:"requests"`
	Started  float64 `json:"started"`
	Compiled float64 `json:"compiled"`
}

func TestTheConfigIsAskedForWhileTheModuleDownloads(t *testing.T) {
	s := startStack(t, nil)
	tb := newTab(t)
	openCanvas(tb, s)

	got := eval[configRequests](tb, `(() => {
		const asked = performance.getEntriesByType("resource")
			.filter((e) => new URL(e.name).pathname === "/api/v1/auth/config");
		return {
			requests: asked.length,
			started: asked[0]?.startTime ?? -1,
			compiled: performance.getEntriesByName("scaiauth:compiled")[0]?.startTime ?? -1,
		};
	})()`)
	if got.Requests != 1 {
		t.Fatalf("%d config requests on mount, want 1: the module asked again", got.Requests)
	}
	if got.Compiled < 0 || got.Started >= got.Compiled {
		t.Errorf("the config was asked for at %.1f ms, after the module compiled at %.1f ms",
			got.Started, got.Compiled)
	}
	trace := eval[string](tb, "JSON.stringify(window.scaiauth.trace())")
	if !strings.Contains(trace, "answered before the module started") {
		t.Errorf("the module did not take the loader's answer: %s", trace)
	}
}
