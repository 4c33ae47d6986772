package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// sites are the two pages as the stack serves them: ours on the canvas
// origin, the peer on the example origin. Each is index.html and its
// bundled app.js; ours has the module's files in static/ beside them, where
// the loader looks, and the config.json the bench writes.
type sites struct {
	dir, ours, peer string
}

// prepareSites lays out both sites in a temporary directory, from the
// pages' sources and build (web/) and the repository's built module.
func prepareSites(repo, pages string) (*sites, error) {
	build := "run npm ci and npm run build in " + pages
	for _, need := range []struct{ path, fix string }{
		{filepath.Join(repo, "static", "scaiauth.wasm"), "run make build"},
		{filepath.Join(pages, "dist", "ours", "app.js"), build},
		{filepath.Join(pages, "dist", "peer", "app.js"), build},
	} {
		if _, err := os.Stat(need.path); err != nil {
			return nil, fmt.Errorf("bench: %s is missing: %s (make bench does both)",
				need.path, need.fix)
		}
	}

	dir, err := os.MkdirTemp("", "scaiauth-bench-sites-")
	if err != nil {
		return nil, err
	}
	s := &sites{dir: dir, ours: filepath.Join(dir, "ours"), peer: filepath.Join(dir, "peer")}
	err = errors.Join(
		copyFile(filepath.Join(pages, "ours", "index.html"), filepath.Join(s.ours, "index.html")),
		copyFile(filepath.Join(pages, "dist", "ours", "app.js"), filepath.Join(s.ours, "app.js")),
		copyModule(filepath.Join(repo, "static"), filepath.Join(s.ours, "static")),
		copyFile(filepath.Join(pages, "peer", "index.html"), filepath.Join(s.peer, "index.html")),
		copyFile(filepath.Join(pages, "dist", "peer", "app.js"), filepath.Join(s.peer, "app.js")),
	)
	if err != nil {
		s.remove()
		return nil, err
	}
	return s, nil
}

// oursConfig is what ours/app.js reads from /config.json. The stack answers
// the peer's /config.json itself with the same issuer and client.
type oursConfig struct {
	Issuer   string `json:"issuer"`
	ClientID string `json:"clientId"`
	Exchange string `json:"exchange"`
}

// configure writes the config our page reads on its next load.
func (s *sites) configure(c oursConfig) error {
	body, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.ours, "config.json"), body, 0o644)
}

func (s *sites) remove() { _ = os.RemoveAll(s.dir) }

// copyModule copies the files directly in static/: the module, Go's
// wasm_exec.js, and the compressed copies make build wrote of the module.
// The canvas's own scripts come along; they are small and never loaded.
func copyModule(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			err := copyFile(filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// copyFile copies a file with its modification time: the canvas server
// sends a compressed copy only while it is not older than its original.
func copyFile(from, to string) error {
	body, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	info, err := os.Stat(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(to, body, fs.FileMode(0o644)); err != nil {
		return err
	}
	return os.Chtimes(to, info.ModTime(), info.ModTime())
}
