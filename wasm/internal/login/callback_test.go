package login

import (
	"net/url"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

func TestParseCallback(t *testing.T) {
	longCode := strings.Repeat("a", maxCodeLen+1)
	longState := strings.Repeat("s", maxStateLen+1)
	longText := strings.Repeat("d", maxTextLen+1)
	cases := []struct {
		name   string
		href   string
		isCB   bool
		clean  string
		code   autherr.Code
		cause  string
		expect Callback
	}{
		{
			name: "provider sent the user back with a code",
			href: redirect + "?code=abc&state=xyz&iss=https%3A%2F%2Fkey",
			isCB: true, clean: "/auth/callback",
			expect: Callback{Code: "abc", State: "xyz", Issuer: "https://key"},
		},
		{
			name: "page's own parameters and fragment survive",
			href: redirect + "?tab=2&code=abc&state=xyz&session_state=s&x=%20y#frag",
			isCB: true, clean: "/auth/callback?tab=2&x=%20y#frag",
			expect: Callback{Code: "abc", State: "xyz"},
		},
		{
			name: "provider refused with markup in the description",
			href: redirect + "?error=access_denied&error_description=%3Cimg+src%3Dx%3E&state=s",
			isCB: true, clean: "/auth/callback",
			expect: Callback{State: "s", Error: "access_denied",
				ErrorDescription: "<img src=x>"},
		},
		{
			name: "another integration's code on another path is left alone",
			href: "http://localhost:5173/integrations/github?code=abc&state=xyz",
		},
		{
			name: "callback path without code or error is an ordinary visit",
			href: redirect + "?tab=2",
		},
		{
			name: "callback opened on 127.0.0.1 instead of localhost",
			href: "http://127.0.0.1:5173/auth/callback?code=abc&state=xyz",
			isCB: true, clean: "/auth/callback",
			expect: Callback{Code: "abc", State: "xyz", OtherOrigin: true},
		},
		{
			name: "code without state",
			href: redirect + "?code=abc",
			isCB: true, clean: "/auth/callback",
			code: autherr.StateMismatch, cause: "missing_state",
		},
		{
			name: "state repeated to smuggle a second value",
			href: redirect + "?code=abc&state=one&state=two",
			isCB: true, clean: "/auth/callback",
			code: autherr.CallbackInvalid, cause: "repeated_parameter",
		},
		{
			name: "absurdly long code",
			href: redirect + "?code=" + longCode + "&state=xyz",
			isCB: true, clean: "/auth/callback",
			code: autherr.CallbackInvalid, cause: "too_long",
		},
		{
			name: "absurdly long state",
			href: redirect + "?code=abc&state=" + longState,
			isCB: true, clean: "/auth/callback",
			code: autherr.CallbackInvalid, cause: "too_long",
		},
		{
			name: "refusal with an absurdly long description",
			href: redirect + "?error=access_denied&error_description=" + longText + "&state=s",
			isCB: true, clean: "/auth/callback",
			code: autherr.CallbackInvalid, cause: "too_long",
		},
		{
			name: "encoded parameter names are still removed",
			href: redirect + "?%63ode=abc&state=xyz",
			isCB: true, clean: "/auth/callback",
			expect: Callback{Code: "abc", State: "xyz"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cb, clean, ok, err := ParseCallback(c.href, redirect)
			if ok != c.isCB {
				t.Fatalf("is callback = %v, want %v", ok, c.isCB)
			}
			if clean != c.clean {
				t.Fatalf("clean = %q, want %q", clean, c.clean)
			}
			if c.code != "" {
				e := autherr.As(err)
				if e == nil || e.Code != c.code || e.Cause != c.cause {
					t.Fatalf("err = %v, want %s (%s)", err, c.code, c.cause)
				}
				if cb != nil {
					t.Fatal("a refused callback was still handed back")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ok && *cb != c.expect {
				t.Fatalf("callback = %+v, want %+v", *cb, c.expect)
			}
		})
	}
}

func FuzzParseCallback(f *testing.F) {
	f.Add(redirect + "?code=abc&state=xyz")
	f.Add(redirect + "?error=access_denied&error_description=%3Cb%3E")
	f.Add(redirect + "?code=%zz&state=%&&&")
	// A fragment is the page's own, even when it looks like a query.
	f.Add("/auth/callback?error#0000000000000?error&000000000000000")
	f.Fuzz(func(t *testing.T, href string) {
		cb, clean, ok, err := ParseCallback(href, redirect)
		if !ok {
			if cb != nil || err != nil || clean != "" {
				t.Fatalf("not a callback yet returned %v %q %v", cb, clean, err)
			}
			return
		}
		cleaned, perr := url.Parse(clean)
		if perr != nil {
			t.Fatalf("clean URL %q does not parse: %v", clean, perr)
		}
		_, values := splitQuery(cleaned.RawQuery)
		for name := range callbackParams {
			if values[name] > 0 {
				t.Fatalf("clean URL %q still carries %s", clean, name)
			}
		}
	})
}
