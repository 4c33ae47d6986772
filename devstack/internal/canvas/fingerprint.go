package canvas

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"sync"
	"time"
)

// The module is served a second time under a name that carries a hash of
// its bytes, static/scaiauth.<hash>.wasm, cached for a year as immutable:
// a warm visit then takes it, and the code Chrome compiled from it, out of
// the cache without asking the server. index.html is rewritten to name it
// so when it is served; the file itself says /static/scaiauth.wasm, which a
// plain static server serves as it is.
const (
	moduleName   = "static/scaiauth.wasm"
	modulePrefix = "static/scaiauth."
	moduleSuffix = ".wasm"
	hashLength   = 16 // hex digits: 64 bits, plenty to tell two builds apart

	immutable = "public, max-age=31536000, immutable"
)

// fingerprint remembers the hash of the module as last built; it is read
// again only when the file's size or time changes, as after make build.
type fingerprint struct {
	mu       sync.Mutex
	size     int64
	modified time.Time
	hash     string
}

// moduleHash is the hash in the module's fingerprinted name, or "" when
// the repository has no built module.
func (s *Server) moduleHash() string {
	info, err := s.root.Stat(moduleName)
	if err != nil || !info.Mode().IsRegular() {
		return ""
	}
	fp := &s.fingerprint
	fp.mu.Lock()
	defer fp.mu.Unlock()
	if fp.hash != "" && fp.size == info.Size() && fp.modified.Equal(info.ModTime()) {
		return fp.hash
	}

	f, err := s.root.Open(moduleName)
	if err != nil {
		return ""
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return ""
	}
	fp.size, fp.modified = info.Size(), info.ModTime()
	fp.hash = hex.EncodeToString(sum.Sum(nil))[:hashLength]
	return fp.hash
}

// fingerprinted is the module's path under its content name.
func fingerprinted(hash string) string { return modulePrefix + hash + moduleSuffix }

// hashIn returns the hash a fingerprinted module name carries, if name is
// one: static/scaiauth. then hashLength hex digits then .wasm.
func hashIn(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, modulePrefix)
	if !ok {
		return "", false
	}
	hash, ok := strings.CutSuffix(rest, moduleSuffix)
	if !ok || len(hash) != hashLength {
		return "", false
	}
	if _, err := hex.DecodeString(hash); err != nil || strings.ToLower(hash) != hash {
		return "", false
	}
	return hash, true
}

// nameModule rewrites a page's references to the module, in quotes as in
// an href or an import, to its fingerprinted name.
func nameModule(page []byte, hash string) []byte {
	if hash == "" {
		return page
	}
	old := `"/` + moduleName + `"`
	return []byte(strings.ReplaceAll(string(page), old, `"/`+fingerprinted(hash)+`"`))
}
