package login

import (
	"net/url"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// maxReturnToLen bounds the return path kept in storage.
const maxReturnToLen = 2048

// SafeReturnTo checks that raw is a path on this origin and returns it.
// Absolute URLs, protocol-relative "//host", backslashes (which browsers
// read as slashes), control characters and percent-encoded forms of these
// are refused: after sign-in the module only ever moves within the page's
// own origin (RFC 9700 §4.11, open redirectors). An empty raw is allowed and
// means "stay on the page where sign-in started".
func SafeReturnTo(raw, origin string) (string, error) {
	refuse := func(cause string) (string, error) {
		return "", autherr.New(autherr.ReturnToInvalid).Because(cause)
	}
	if raw == "" {
		return "", nil
	}
	if len(raw) > maxReturnToLen {
		return refuse("too_long")
	}
	if !strings.HasPrefix(raw, "/") {
		return refuse("not_a_path")
	}
	decoded, err := url.PathUnescape(raw)
	if err != nil {
		return refuse("bad_encoding")
	}
	for _, s := range []string{raw, decoded} {
		if strings.HasPrefix(s, "//") || strings.ContainsRune(s, '\\') {
			return refuse("other_origin")
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f {
				return refuse("control_character")
			}
		}
	}

	base, err := url.Parse(origin)
	if err != nil {
		return refuse("bad_origin")
	}
	target, err := base.Parse(raw)
	if err != nil || target.Scheme != base.Scheme || target.Host != base.Host {
		return refuse("other_origin")
	}
	return raw, nil
}

// Origin returns scheme://host of an absolute URL, or "" if it has none.
func Origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
