package backend

import (
	"encoding/base64"
	"testing"
	"time"
)

func TestCheckClaims(t *testing.T) {
	const issuer = "http://localhost:9000/api/v1/platform/oauth"
	now := time.Unix(1_800_000_000, 0)
	at := func(d time.Duration) *float64 {
		f := float64(now.Add(d).Unix())
		return &f
	}
	valid := func() accessClaims {
		return accessClaims{
			Issuer: issuer, Subject: "usr_demo", Audience: audience{"scaiflow-canvas"},
			Expiry: at(time.Hour), IssuedAt: at(0), NotBefore: at(0),
		}
	}
	cases := []struct {
		name   string
		change func(*accessClaims)
		reason string
	}{
		{"valid", func(*accessClaims) {}, ""},
		{"audience among several", func(c *accessClaims) {
			c.Audience = audience{"other", "scaiflow-canvas"}
		}, ""},
		{"expired", func(c *accessClaims) { c.Expiry = at(-time.Second) },
			"Signature has expired"},
		{"expires this second", func(c *accessClaims) { c.Expiry = at(0) },
			"Signature has expired"},
		{"no exp", func(c *accessClaims) { c.Expiry = nil }, `Token is missing the "exp" claim`},
		{"issued in the future", func(c *accessClaims) { c.IssuedAt = at(time.Minute) },
			"The token is not yet valid (iat)"},
		{"not before later", func(c *accessClaims) { c.NotBefore = at(time.Minute) },
			"The token is not yet valid (nbf)"},
		{"other issuer", func(c *accessClaims) { c.Issuer = "http://127.0.0.1:9000" },
			"Invalid issuer"},
		{"no audience", func(c *accessClaims) { c.Audience = nil },
			`Token is missing the "aud" claim`},
		{"audience user-portal", func(c *accessClaims) { c.Audience = audience{"user-portal"} },
			"Audience doesn't match"},
		{"no subject", func(c *accessClaims) { c.Subject = "" },
			`Token is missing the "sub" claim`},
	}
	s := New(Config{ClientID: "scaiflow-canvas"})
	s.now = func() time.Time { return now }
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := valid()
			tc.change(&c)
			err := s.checkClaims(c, issuer)
			got := ""
			if err != nil {
				got = err.(*invalidToken).reason
			}
			if got != tc.reason {
				t.Errorf("reason %q, want %q", got, tc.reason)
			}
		})
	}
}

func TestHeaderKeyID(t *testing.T) {
	header := func(json string) string {
		return base64.RawURLEncoding.EncodeToString([]byte(json)) + ".e30.sig"
	}
	cases := []struct {
		name   string
		token  string
		kid    string
		reason string
	}{
		{"RS256 with kid", header(`{"alg":"RS256","kid":"k1"}`), "k1", ""},
		{"alg none", header(`{"alg":"none"}`), "", "The specified alg value is not allowed"},
		{"HS256", header(`{"alg":"HS256"}`), "", "The specified alg value is not allowed"},
		{"not base64", "***.e30.sig", "", "Invalid header padding"},
		{"not JSON", header(`alg`), "", "Invalid header string"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kid, err := headerKeyID(tc.token)
			reason := ""
			if err != nil {
				reason = err.(*invalidToken).reason
			}
			if kid != tc.kid || reason != tc.reason {
				t.Errorf("got (%q, %q), want (%q, %q)", kid, reason, tc.kid, tc.reason)
			}
		})
	}
}

func TestAudienceAcceptsStringOrList(t *testing.T) {
	cases := map[string]audience{
		`"a"`:       {"a"},
		`["a","b"]`: {"a", "b"},
		`[]`:        {},
	}
	for raw, want := range cases {
		var got audience
		if err := got.UnmarshalJSON([]byte(raw)); err != nil {
			t.Errorf("%s: %v", raw, err)
			continue
		}
		if len(got) != len(want) || (len(want) > 0 && got[0] != want[0]) {
			t.Errorf("%s: got %v, want %v", raw, got, want)
		}
	}
	var bad audience
	if err := bad.UnmarshalJSON([]byte(`1`)); err == nil {
		t.Error("a number was accepted as audience")
	}
}
