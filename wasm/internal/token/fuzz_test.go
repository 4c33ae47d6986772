package token_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

// FuzzVerify feeds the verifier anything a hostile backend could hand it.
// Whatever comes in, the answer is a checked token or an AuthError, never a
// panic; and nothing but the one genuine token may pass.
func FuzzVerify(f *testing.F) {
	genuine := sign(f, jwt.SigningMethodRS256, rsaKey, "k1", idClaims(nil))
	f.Add(genuine)
	f.Add(strings.Replace(genuine, ".", "..", 1))
	f.Add("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
	f.Add("a.b")
	f.Add("...")
	f.Add(strings.Repeat("A", 100))
	set := keySet(f, rsaJWK("k1", &rsaKey.PublicKey))

	f.Fuzz(func(t *testing.T, raw string) {
		v := &token.Verifier{
			Issuer: issuer, Audience: clientID, ClientID: clientID,
			Now:  func() time.Time { return now },
			Keys: fixedKeys(set),
		}
		claims, err := v.Verify(context.Background(), raw, nonce)
		if err == nil {
			if raw != genuine || claims.Subject == "" {
				t.Fatalf("accepted %q", raw)
			}
			return
		}
		var e *autherr.Error
		if !errors.As(err, &e) || e.Code != autherr.IDTokenInvalid || e.Cause == "" {
			t.Fatalf("error without a code and cause: %v", err)
		}
	})
}

// FuzzParseKeySet feeds the key set parser anything a JWKS URL could serve.
func FuzzParseKeySet(f *testing.F) {
	f.Add(string(jwks(f, rsaJWK("k1", &rsaKey.PublicKey), ecJWK("k2", &ecKey.PublicKey))))
	f.Add(`{"keys":[{"kty":"RSA","n":"","e":""}]}`)
	f.Add(`{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}`)
	f.Add(`{"keys":null}`)
	f.Fuzz(func(t *testing.T, raw string) {
		set, err := token.ParseKeySet([]byte(raw))
		if err == nil && set.Len() == 0 {
			t.Fatalf("an empty key set without an error from %q", raw)
		}
	})
}
