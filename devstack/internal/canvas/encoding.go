package canvas

import (
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// codings are the precompressed copies a file may have beside it, in the
// order they are preferred: brotli is about a quarter smaller than gzip for
// the module. make build writes them (cmd/precompress).
var codings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// variant picks what to send for name: its compressed copy the request
// accepts, or the file itself (coding ""). A copy older than the file is
// left from an earlier build and is never sent, and so is the copy of a
// file whose type is not pinned: it would be sniffed from compressed bytes.
// hasCopies tells whether the answer depends on Accept-Encoding at all, for
// the Vary header.
func (s *Server) variant(r *http.Request, name string, info fs.FileInfo) (
	file, coding string, hasCopies bool) {
	file = name
	if _, pinned := contentTypes[path.Ext(name)]; !pinned {
		return file, "", false
	}
	accepted := acceptedCodings(r.Header.Get("Accept-Encoding"))
	for _, c := range codings {
		copyInfo, err := s.root.Stat(name + c.suffix)
		if err != nil || !copyInfo.Mode().IsRegular() || copyInfo.ModTime().Before(info.ModTime()) {
			continue
		}
		hasCopies = true
		if coding == "" && accepted[c.name] {
			file, coding = name+c.suffix, c.name
		}
	}
	return file, coding, hasCopies
}

// acceptedCodings reads an Accept-Encoding header (RFC 9110 §12.5.3): the
// codings named with a weight above zero, and "*" for any other.
func acceptedCodings(header string) map[string]bool {
	accepted := map[string]bool{}
	refused := map[string]bool{}
	for _, item := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(item, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		if weight(params) > 0 {
			accepted[coding] = true
		} else {
			refused[coding] = true
		}
	}
	if accepted["*"] {
		for _, c := range codings {
			if !refused[c.name] {
				accepted[c.name] = true
			}
		}
	}
	return accepted
}

// weight is the q parameter of one Accept-Encoding item, 1 when absent; a
// weight that does not parse counts as 0, so a garbled item is not taken.
func weight(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		key, value, _ := strings.Cut(p, "=")
		if strings.ToLower(strings.TrimSpace(key)) != "q" {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return 0
		}
		return q
	}
	return 1
}
