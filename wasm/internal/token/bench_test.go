package token_test

import (
	"context"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

// BenchmarkVerifyRS256 measures one sign-in's check: parse, one RSA-2048
// signature, the claims. Run it under GOOS=js to see the browser's cost.
func BenchmarkVerifyRS256(b *testing.B) {
	set := keySet(b, rsaJWK("rsa-1", &rsaKey.PublicKey))
	v := &token.Verifier{
		Issuer:   issuer,
		ClientID: clientID,
		Now:      func() time.Time { return now },
		Keys:     fixedKeys(set),
	}
	raw := sign(b, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(nil))
	ctx := context.Background()

	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, raw, nonce); err != nil {
			b.Fatal(err)
		}
	}
}

// fixedKeys serves one set and records nothing, so the benchmark measures
// only the verifier.
type fixedKeys token.KeySet

func (k fixedKeys) Keys(context.Context, bool) (token.KeySet, error) {
	return token.KeySet(k), nil
}
