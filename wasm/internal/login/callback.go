package login

import (
	"net/url"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// Callback is the provider's answer as it arrives in the address bar
// (RFC 6749 §4.1.2 and §4.1.2.1).
type Callback struct {
	Code             string
	State            string
	Error            string
	ErrorDescription string
	// Issuer is the iss parameter of RFC 9207, when the provider sends one.
	Issuer string
	// OtherOrigin is set when the page is the callback path on an origin other
	// than redirect_uri's: storage there is not the storage the login used.
	OtherOrigin bool
}

// callbackParams are removed from the address bar once the callback is read.
var callbackParams = map[string]bool{
	"code": true, "state": true, "error": true, "error_description": true,
	"error_uri": true, "iss": true, "session_state": true,
}

// Longest values accepted. Real codes and states are far shorter; anything
// longer is garbage or an attack on whatever stores or logs it.
const (
	maxCodeLen  = 2048
	maxStateLen = 512
	maxTextLen  = 1024
)

// ParseCallback reads the callback in href. ok is false when href is not the
// callback: its path is not redirectURI's, or it carries neither code nor
// error. Another integration's code and state on another path are left
// alone. clean is href without the OAuth parameters, as a path, query and
// fragment for history.replaceState; it is set whenever ok is, even with an
// error, so that a malformed callback is removed from the address bar too.
func ParseCallback(href, redirectURI string) (cb *Callback, clean string, ok bool, err error) {
	page, perr := url.Parse(href)
	want, werr := url.Parse(redirectURI)
	if perr != nil || werr != nil || page.Path != want.Path {
		return nil, "", false, nil
	}
	values, counts := splitQuery(page.RawQuery)
	if counts["code"] == 0 && counts["error"] == 0 {
		return nil, "", false, nil
	}
	clean = cleanURL(page)

	// RFC 6749 §3.1: parameters must not be included more than once.
	for name := range callbackParams {
		if counts[name] > 1 {
			e := autherr.New(autherr.CallbackInvalid).Because("repeated_parameter")
			return nil, clean, true, e
		}
	}
	cb = &Callback{
		Code:             values["code"],
		State:            values["state"],
		Error:            values["error"],
		ErrorDescription: values["error_description"],
		Issuer:           values["iss"],
		OtherOrigin:      page.Scheme != want.Scheme || page.Host != want.Host,
	}
	switch {
	case len(cb.Code) > maxCodeLen || len(cb.State) > maxStateLen:
		return nil, clean, true, autherr.New(autherr.CallbackInvalid).Because("too_long")
	case len(cb.Error) > maxTextLen || len(cb.ErrorDescription) > maxTextLen:
		return nil, clean, true, autherr.New(autherr.CallbackInvalid).Because("too_long")
	case cb.State == "":
		return nil, clean, true, autherr.New(autherr.StateMismatch).Because("missing_state")
	}
	return cb, clean, true, nil
}

// splitQuery decodes a query keeping count of repeats, which url.Values
// would merge silently.
func splitQuery(raw string) (map[string]string, map[string]int) {
	values := map[string]string{}
	counts := map[string]int{}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		name, err := url.QueryUnescape(name)
		if err != nil {
			continue
		}
		value, err = url.QueryUnescape(value)
		if err != nil {
			value = ""
		}
		counts[name]++
		values[name] = value
	}
	return values, counts
}

// cleanURL drops the OAuth parameters and keeps every other one in its
// place, so that the page's own query survives the sign-in.
func cleanURL(page *url.URL) string {
	var kept []string
	for _, part := range strings.Split(page.RawQuery, "&") {
		name, _, _ := strings.Cut(part, "=")
		if decoded, err := url.QueryUnescape(name); err == nil && callbackParams[decoded] {
			continue
		}
		if part != "" {
			kept = append(kept, part)
		}
	}
	clean := page.EscapedPath()
	if len(kept) > 0 {
		clean += "?" + strings.Join(kept, "&")
	}
	if page.Fragment != "" {
		clean += "#" + page.EscapedFragment()
	}
	return clean
}
