package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// setting describes where the figures come from, for the report.
func setting(chromium string, c Config) []string {
	lines := []string{
		chromiumVersion(chromium) + ", headless, a fresh profile per journey",
		fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(),
			runtime.Version()),
	}
	if info, err := os.Stat(filepath.Join(c.RepoRoot, "static", "scaiauth.wasm")); err == nil {
		lines = append(lines, fmt.Sprintf("static/scaiauth.wasm: %s bytes",
			grouped(fmt.Sprint(info.Size()))))
	}
	for _, pkg := range []string{"oidc-client-ts", "esbuild"} {
		lines = append(lines, pkg+" "+installedVersion(c.Pages, pkg))
	}
	return lines
}

// installedVersion is the version npm installed in the pages' project.
func installedVersion(pages, pkg string) string {
	body, err := os.ReadFile(filepath.Join(pages, "node_modules", pkg, "package.json"))
	if err != nil {
		return "(not installed)"
	}
	var manifest struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(body, &manifest) != nil || manifest.Version == "" {
		return "(version unknown)"
	}
	return manifest.Version
}
