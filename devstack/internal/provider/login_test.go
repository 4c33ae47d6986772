package provider

import (
	"testing"
	"time"
)

func TestSessionSatisfies(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	seconds := func(n uint) *uint { return &n }
	cases := []struct {
		name      string
		prompt    []string
		maxAge    *uint
		signedIn  time.Duration // ago
		satisfied bool
	}{
		{"no constraint", nil, nil, time.Hour, true},
		{"prompt=login", []string{"login"}, nil, 0, false},
		{"prompt=none", []string{"none"}, nil, time.Hour, true},
		{"within max_age", nil, seconds(600), 5 * time.Minute, true},
		{"beyond max_age", nil, seconds(600), 11 * time.Minute, false},
		{"max_age=0", nil, seconds(0), 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ar := &authRequest{prompt: tc.prompt, maxAge: tc.maxAge}
			bs := browserSession{subject: "usr_demo", authTime: now.Add(-tc.signedIn)}
			if got := sessionSatisfies(ar, bs, now); got != tc.satisfied {
				t.Errorf("got %t, want %t", got, tc.satisfied)
			}
		})
	}
}
