package canvas

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

const index = "index.html"

// contentTypes pins the types the browser is strict about: WebAssembly
// streaming compilation needs application/wasm, and module scripts need a
// JavaScript type. The rest is left to net/http's sniffing and table.
var contentTypes = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".json": "application/json",
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

// serveFile serves a file under the root. A path without an extension that
// names no file is one of the app's routes, /auth/callback among them, and
// gets index.html, as a single-page app dev server does.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}

	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = index
	}
	if s.isFile(name) {
		s.send(w, r, name)
		return
	}
	if path.Ext(name) == "" {
		s.send(w, r, index)
		return
	}
	http.NotFound(w, r)
}

func (s *Server) isFile(name string) bool {
	info, err := s.root.Stat(name)
	return err == nil && info.Mode().IsRegular()
}

// send writes one file. index.html is never cached, so a rebuilt module is
// picked up on reload; everything else is revalidated on every request.
func (s *Server) send(w http.ResponseWriter, r *http.Request, name string) {
	f, err := s.root.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}

	if t, ok := contentTypes[path.Ext(name)]; ok {
		w.Header().Set("Content-Type", t)
	}
	modified := info.ModTime()
	if name == index {
		w.Header().Set("Cache-Control", "no-store")
		// no-store makes conditional requests pointless.
		modified = time.Time{}
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, modified, f)
}
