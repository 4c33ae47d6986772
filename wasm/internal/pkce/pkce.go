// Package pkce implements Proof Key for Code Exchange (RFC 7636) with the
// S256 method only, and the random values that travel with it.
package pkce

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
)

// Method is the only code_challenge_method the module sends. RFC 9700 §2.1.1
// forbids "plain" wherever S256 is possible, and it always is here.
const Method = "S256"

// NewVerifier returns a code verifier made from 32 random bytes: 43 characters
// of the unreserved set, the shortest length RFC 7636 §4.1 allows and the
// length §7.1 recommends.
func NewVerifier(random io.Reader) (string, error) {
	return Random(random, 32)
}

// Challenge derives the S256 code challenge of a verifier (RFC 7636 §4.2):
// BASE64URL(SHA256(ASCII(verifier))), without padding.
func Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Random returns n random bytes as unpadded base64url, for the verifier, the
// state and the nonce alike.
func Random(random io.Reader, n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(random, b); err != nil {
		return "", fmt.Errorf("pkce: reading randomness: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ValidVerifier reports whether v has the form RFC 7636 §4.1 requires:
// 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
func ValidVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '.', c == '_', c == '~':
		default:
			return false
		}
	}
	return true
}
