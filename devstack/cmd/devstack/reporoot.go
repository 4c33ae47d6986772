package main

import (
	"os"
	"path/filepath"
)

// findRepoRoot picks the directory the canvas serves when -repo is not
// given: the nearest directory at or above start holding index.html, else
// the one holding devstack/go.mod (the repository, before anyone has
// written its index.html), else start itself.
func findRepoRoot(start string) string {
	if dir, ok := walkUp(start, "index.html"); ok {
		return dir
	}
	if dir, ok := walkUp(start, filepath.Join("devstack", "go.mod")); ok {
		return dir
	}
	return start
}

func walkUp(dir, marker string) (string, bool) {
	for {
		info, err := os.Stat(filepath.Join(dir, marker))
		if err == nil && info.Mode().IsRegular() {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
