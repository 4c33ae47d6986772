package login

import (
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

func TestSafeReturnTo(t *testing.T) {
	const origin = "http://localhost:5173"
	cases := []struct {
		name string
		raw  string
		ok   bool
	}{
		{"a flow of the canvas", "/flows/42", true},
		{"path with query and fragment", "/flows/42?tab=catalog#node-3", true},
		{"nothing given", "", true},
		{"absolute URL elsewhere", "https://evil.example/steal", false},
		{"absolute URL of this very origin", "http://localhost:5173/flows", false},
		{"protocol-relative host", "//evil.example/x", false},
		{"backslash read as slash by browsers", "/\\evil.example", false},
		{"javascript scheme", "javascript:alert(1)", false},
		{"encoded double slash", "/%2F%2Fevil.example", false},
		{"encoded backslash", "/%5Cevil.example", false},
		{"tab inside the path", "/\t/evil.example", false},
		{"relative path", "flows/42", false},
		{"broken encoding", "/flows/%zz", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := SafeReturnTo(c.raw, origin)
			if c.ok {
				if err != nil || got != c.raw {
					t.Fatalf("SafeReturnTo(%q) = %q, %v", c.raw, got, err)
				}
				return
			}
			if autherr.CodeOf(err) != autherr.ReturnToInvalid {
				t.Fatalf("SafeReturnTo(%q) = %q, %v; want refusal", c.raw, got, err)
			}
		})
	}
}

func FuzzSafeReturnTo(f *testing.F) {
	for _, s := range []string{"/flows/1", "//x", "/\\x", "/%2F%2Fx", "https://x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		const origin = "http://localhost:5173"
		got, err := SafeReturnTo(raw, origin)
		if err != nil {
			return
		}
		if got == "" {
			return
		}
		// Whatever passes must resolve to this origin the way a browser would.
		if Origin(origin+got) != origin || got[0] != '/' || (len(got) > 1 && got[1] == '/') {
			t.Fatalf("accepted %q", raw)
		}
	})
}
