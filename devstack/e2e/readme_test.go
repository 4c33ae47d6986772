package e2e

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/scaiflow/scaiauth/devstack"
)

// packedModule is the tarball `make pack` writes, the one apps install.
func packedModule(t *testing.T) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(repoRoot, ".cache", "pack", "*.tgz"))
	if len(found) != 1 {
		if os.Getenv("CI") != "" {
			t.Fatalf("want one tarball in .cache/pack, found %v: make test packs it first", found)
		}
		t.Skip("the module is not packed: run make pack (needs npm)")
	}
	return found[0]
}

// unpack writes the package's js/ and static/ folders under dir, as an app
// that serves the installed package unchanged does.
func unpack(t *testing.T, tarball, dir string) {
	t.Helper()
	f, err := os.Open(tarball)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(h.Name, "package/")
		if h.Typeflag != tar.TypeReg || !(strings.HasPrefix(name, "js/") ||
			strings.HasPrefix(name, "static/")) || strings.Contains(name, "..") {
			continue
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), string(body))
	}
}

func writeFile(t *testing.T, name, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readmeApp is the README's plain JavaScript example, as printed.
func readmeApp(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, guide, _ := strings.Cut(string(readme), "## Embedding in your app")
	_, rest, ok := strings.Cut(guide, "```js\nimport { mount } from \"/scaiauth/")
	code, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("README.md: no plain JavaScript example in \"Embedding in your app\"")
	}
	return "import { mount } from \"/scaiauth/" + code
}

// eventually waits for a JavaScript condition that may hold only after
// navigations, which end a single in-page wait.
func eventually(tb *tab, condition string) {
	tb.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !eval[bool](tb, condition) {
		if time.Now().After(deadline) {
			tb.t.Fatalf("still not %s\n%s", condition, tb.describe())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestReadmesPlainExampleSignsInFromThePackedModule(t *testing.T) {
	app := t.TempDir()
	unpack(t, packedModule(t), filepath.Join(app, "scaiauth"))
	writeFile(t, filepath.Join(app, "app.js"), readmeApp(t))
	writeFile(t, filepath.Join(app, "index.html"), `<!doctype html>
<html><head><meta charset="utf-8"><script type="module" src="/app.js"></script></head>
<body><p id="user"></p><button id="session"></button></body></html>`)

	s := startStack(t, func(o *devstack.Options) {
		o.ExampleRoot = app
		o.ExampleAddr = "localhost:0"
	})
	tb := newTab(t)
	tb.do(chromedp.Navigate(s.ExampleURL() + "/"))
	eventually(tb, `document.querySelector("#session")?.textContent === "Sign in"`)
	tb.do(chromedp.Click(css("#session")))
	fillLoginForm(tb, devstack.DemoLogin, devstack.DemoPassword)
	signedIn := `document.querySelector("#user")?.textContent === ` +
		strconv.Quote(devstack.DemoName)
	eventually(tb, signedIn)
	if button := exampleText(tb, "#session"); button != "Sign out" {
		t.Errorf("button after sign-in = %q", button)
	}
}
