// Package canvas is the canvas dev server: it serves the repository as
// static files, answers index.html for the app's own routes (the OAuth
// callback among them), and proxies /api to the backend, as the Vite dev
// server on localhost:5173 does in the ScaiFlow setup.
package canvas

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// Server serves one repository root.
type Server struct {
	root        *os.Root
	api         http.Handler
	files       http.Handler
	fingerprint fingerprint
}

// New serves the files under root and proxies /api/ to api, stripping
// /api, so the page's /api/v1/auth/config reaches the backend's
// /v1/auth/config.
func New(root string, api *url.URL) (*Server, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("canvas: repository root: %w", err)
	}
	s := &Server{root: r, api: newAPIProxy(api)}
	s.files = http.HandlerFunc(s.serveFile)
	return s, nil
}

// ServeHTTP routes /api/ to the backend and everything else to the files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/") {
		s.api.ServeHTTP(w, r)
		return
	}
	s.files.ServeHTTP(w, r)
}

// Close releases the repository root.
func (s *Server) Close() error { return s.root.Close() }
