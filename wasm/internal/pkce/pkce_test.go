package pkce

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"
)

// The example of RFC 7636 Appendix B.
func TestChallengeMatchesRFC7636AppendixB(t *testing.T) {
	octets := []byte{
		116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173,
		187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83,
		132, 141, 121,
	}
	verifier, err := NewVerifier(bytes.NewReader(octets))
	if err != nil {
		t.Fatal(err)
	}
	if want := "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; verifier != want {
		t.Fatalf("verifier = %q, want %q", verifier, want)
	}
	want := "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	if got := Challenge(verifier); got != want {
		t.Fatalf("challenge = %q, want %q", got, want)
	}
}

func TestNewVerifierHasTheFormTheSpecRequires(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		v, err := NewVerifier(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if !ValidVerifier(v) || len(v) != 43 {
			t.Fatalf("verifier %q is not a 43-character RFC 7636 verifier", v)
		}
		if seen[v] {
			t.Fatalf("verifier repeated after %d draws", i)
		}
		seen[v] = true
	}
}

type brokenReader struct{}

func (brokenReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }

func TestRandomnessFailureIsAnErrorNotAWeakVerifier(t *testing.T) {
	if v, err := NewVerifier(brokenReader{}); err == nil {
		t.Fatalf("got verifier %q from a broken source", v)
	}
	if v, err := NewVerifier(bytes.NewReader(make([]byte, 10))); err == nil {
		t.Fatalf("got verifier %q from a short source", v)
	}
}

func TestValidVerifier(t *testing.T) {
	long := string(bytes.Repeat([]byte("a"), 129))
	cases := []struct {
		name string
		v    string
		want bool
	}{
		{"shortest allowed", string(bytes.Repeat([]byte("a"), 43)), true},
		{"unreserved punctuation", "abc-._~" + string(bytes.Repeat([]byte("Z"), 40)), true},
		{"too short", "abc", false},
		{"too long", long, false},
		{"space inside", "a b" + string(bytes.Repeat([]byte("a"), 41)), false},
		{"plus from std base64", "a+b" + string(bytes.Repeat([]byte("a"), 41)), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ValidVerifier(c.v); got != c.want {
				t.Fatalf("ValidVerifier = %v, want %v", got, c.want)
			}
		})
	}
}

func BenchmarkVerifierAndChallenge(b *testing.B) {
	for b.Loop() {
		v, _ := NewVerifier(rand.Reader)
		_ = Challenge(v)
	}
}
