package backend

import (
	"net/http/httptest"
	"testing"
)

func TestBearerToken(t *testing.T) {
	cases := []struct {
		header string
		token  string
		ok     bool
	}{
		{"Bearer abc", "abc", true},
		{"bearer abc", "abc", true},
		{"Bearer  abc ", "abc", true},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"Basic abc", "", false},
		{"", "", false},
	}
	for _, tc := range cases {
		r := httptest.NewRequest("GET", "/v1/me", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		token, ok := bearerToken(r)
		if token != tc.token || ok != tc.ok {
			t.Errorf("%q: got (%q, %t), want (%q, %t)", tc.header, token, ok, tc.token, tc.ok)
		}
	}
}

func TestDevToken(t *testing.T) {
	cases := []struct {
		name     string
		devToken string
		header   string
		want     bool
	}{
		{"matches", "t0k", "Bearer t0k", true},
		{"differs", "t0k", "Bearer t0", false},
		{"unset opens nothing", "", "Bearer ", false},
		{"no header", "t0k", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Config{DevToken: tc.devToken})
			r := httptest.NewRequest("POST", "/v1/dev/deploy", nil)
			r.Header.Set("Authorization", tc.header)
			if got := s.isDevToken(r); got != tc.want {
				t.Errorf("got %t, want %t", got, tc.want)
			}
		})
	}
}
