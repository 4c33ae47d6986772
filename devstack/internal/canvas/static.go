package canvas

import (
	"bytes"
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
	switch hash, fingerprint := hashIn(name); {
	case name == "" || name == index:
		s.sendIndex(w, r)
	case fingerprint:
		s.sendModule(w, r, hash)
	case s.isFile(name):
		s.send(w, r, name, "no-cache")
	case path.Ext(name) == "":
		s.sendIndex(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) isFile(name string) bool {
	info, err := s.root.Stat(name)
	return err == nil && info.Mode().IsRegular()
}

// sendIndex writes index.html, never cached, so a rebuilt module is picked
// up on reload, and with the module under its fingerprinted name.
func (s *Server) sendIndex(w http.ResponseWriter, r *http.Request) {
	page, err := s.root.ReadFile(index)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, "cannot read "+index, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentTypes[".html"])
	w.Header().Set("Cache-Control", "no-store")
	// no-store makes conditional requests pointless: no modification time.
	http.ServeContent(w, r, index, time.Time{}, bytes.NewReader(nameModule(page, s.moduleHash())))
}

// sendModule writes the module under a fingerprinted name. A hash of
// another build is a page older than the module; it gets a 404 rather than
// bytes that do not match the name they would be cached under for a year.
func (s *Server) sendModule(w http.ResponseWriter, r *http.Request, hash string) {
	if hash != s.moduleHash() {
		http.Error(w, "this module is of another build: reload the page", http.StatusNotFound)
		return
	}
	s.send(w, r, moduleName, immutable)
}

// send writes one file, or the compressed copy of it the request accepts,
// with the given caching.
func (s *Server) send(w http.ResponseWriter, r *http.Request, name, cacheControl string) {
	info, err := s.root.Stat(name)
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	file, coding, hasCopies := s.variant(r, name, info)
	f, err := s.root.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	defer f.Close()
	sent, err := f.Stat()
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}

	h := w.Header()
	if t, ok := contentTypes[path.Ext(name)]; ok {
		h.Set("Content-Type", t)
	}
	if hasCopies {
		h.Add("Vary", "Accept-Encoding")
	}
	if coding != "" {
		h.Set("Content-Encoding", coding)
	}
	h.Set("Cache-Control", cacheControl)
	http.ServeContent(w, r, name, sent.ModTime(), f)
}
