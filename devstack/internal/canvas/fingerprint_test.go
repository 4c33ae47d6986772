package canvas

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

const (
	module     = "\x00asm\x01\x00\x00\x00 the module's bytes, long enough to compress well"
	preloading = `<!doctype html><link rel="preload" href="/static/scaiauth.wasm" as="fetch">` +
		`<script type="module" src="/static/canvas.js"></script>`
)

// builtRepository is a repository after make build: the module, its two
// compressed copies, and a page that preloads it.
func builtRepository(t *testing.T) (string, *Server) {
	t.Helper()
	dir := repository(t)
	write(t, dir, "index.html", []byte(preloading))
	write(t, dir, "static/scaiauth.wasm", []byte(module))
	var br, gz bytes.Buffer
	bw := brotli.NewWriter(&br)
	io.WriteString(bw, module)
	bw.Close()
	gw := gzip.NewWriter(&gz)
	io.WriteString(gw, module)
	gw.Close()
	write(t, dir, "static/scaiauth.wasm.br", br.Bytes())
	write(t, dir, "static/scaiauth.wasm.gz", gz.Bytes())

	api, _ := url.Parse("http://127.0.0.1:1")
	s, err := New(dir, api)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return dir, s
}

func write(t *testing.T, dir, name string, body []byte) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
}

func get(s *Server, path, acceptEncoding string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", path, nil)
	if acceptEncoding != "" {
		r.Header.Set("Accept-Encoding", acceptEncoding)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

var fingerprintedHref = regexp.MustCompile(`href="/(static/scaiauth\.[0-9a-f]{16}\.wasm)"`)

// moduleHref is the fingerprinted path the served page preloads.
func moduleHref(t *testing.T, s *Server) string {
	t.Helper()
	m := fingerprintedHref.FindStringSubmatch(get(s, "/", "").Body.String())
	if m == nil {
		t.Fatalf("the page does not preload a fingerprinted module: %s", get(s, "/", "").Body)
	}
	return "/" + m[1]
}

func TestThePageNamesTheModuleByItsContent(t *testing.T) {
	_, s := builtRepository(t)
	href := moduleHref(t, s)
	if got := get(s, "/auth/callback?code=c&state=s", "").Body.String(); !bytes.Contains(
		[]byte(got), []byte(href)) {
		t.Errorf("the callback page does not name %s: %s", href, got)
	}

	w := get(s, href, "")
	if w.Code != 200 || w.Body.String() != module {
		t.Fatalf("%s: %d %q", href, w.Code, w.Body)
	}
	if got := w.Header().Get("Cache-Control"); got != immutable {
		t.Errorf("Cache-Control %q, want %q", got, immutable)
	}
	if got := w.Header().Get("Content-Type"); got != "application/wasm" {
		t.Errorf("Content-Type %q", got)
	}
	if got := get(s, "/static/scaiauth.wasm", "").Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("the plain name is cached %q; only the fingerprinted one may be immutable", got)
	}
}

func TestARebuiltModuleGetsANewNameAndTheOldOneIsGone(t *testing.T) {
	dir, s := builtRepository(t)
	before := moduleHref(t, s)

	rebuilt := filepath.Join(dir, "static", "scaiauth.wasm")
	if err := os.WriteFile(rebuilt, []byte(module+" rebuilt"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(rebuilt, later, later)

	after := moduleHref(t, s)
	if after == before {
		t.Fatalf("the rebuilt module kept its name %s", before)
	}
	if w := get(s, before, ""); w.Code != http.StatusNotFound {
		t.Errorf("the old build's name answers %d; a year of cache would hold the wrong bytes",
			w.Code)
	}
	w := get(s, after, "br")
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("the copies are older than the rebuilt module, yet %d %q was sent",
			w.Code, w.Header().Get("Content-Encoding"))
	}
	if w.Body.String() != module+" rebuilt" {
		t.Errorf("the new name sends %q", w.Body)
	}
}

func TestTheModuleIsSentInTheCodingTheBrowserAccepts(t *testing.T) {
	_, s := builtRepository(t)
	href := moduleHref(t, s)
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"":     func(r io.Reader) (io.Reader, error) { return r, nil },
	}
	cases := []struct {
		name, accept, want string
	}{
		{"Chromium over https", "gzip, deflate, br, zstd", "br"},
		{"gzip only", "gzip, deflate", "gzip"},
		{"brotli refused by weight", "br;q=0, gzip;q=0.8", "gzip"},
		{"anything", "*", "br"},
		{"anything but brotli", "*, br;q=0", "gzip"},
		{"nothing said", "", ""},
		{"identity only", "identity", ""},
		{"a weight that does not parse", "br;q=high", ""},
		{"upper case", "GZIP", "gzip"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{href, "/static/scaiauth.wasm"} {
				w := get(s, path, tc.accept)
				if got := w.Header().Get("Content-Encoding"); got != tc.want {
					t.Fatalf("%s: Content-Encoding %q, want %q", path, got, tc.want)
				}
				if got := w.Header().Get("Vary"); got != "Accept-Encoding" {
					t.Errorf("%s: Vary %q: a cache could hand brotli to a browser without it",
						path, got)
				}
				if got := w.Header().Get("Content-Type"); got != "application/wasm" {
					t.Errorf("%s: Content-Type %q, want application/wasm", path, got)
				}
				r, err := decoders[tc.want](w.Body)
				if err != nil {
					t.Fatal(err)
				}
				if body, err := io.ReadAll(r); err != nil || string(body) != module {
					t.Errorf("%s: the body does not decode to the module (err %v)", path, err)
				}
			}
		})
	}
}

func TestNamesThatOnlyLookFingerprinted(t *testing.T) {
	_, s := builtRepository(t)
	for _, path := range []string{
		"/static/scaiauth.0123456789ABCDEF.wasm",  // upper case: not a name we give
		"/static/scaiauth.0123456789abcde.wasm",   // too short
		"/static/scaiauth.0123456789abcdefg.wasm", // not hex
		"/static/scaiauth.0123456789abcdef.wasm",  // well formed, of no build
	} {
		if w := get(s, path, ""); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
}

func TestAPageWithoutABuiltModuleIsServedAsItIs(t *testing.T) {
	dir, s := builtRepository(t)
	os.Remove(filepath.Join(dir, "static", "scaiauth.wasm"))
	if got := get(s, "/", "").Body.String(); got != preloading {
		t.Errorf("the page was changed with no module to name: %s", got)
	}
}
