package token_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

const (
	issuer   = "https://key.example/api/v1/platform/oauth"
	clientID = "cli_canvas"
	nonce    = "n-0S6_WzA2Mj"
)

// now is the verifier's clock in every test: a fixed instant, so that expiry
// cases are exact.
var now = time.Unix(1_750_000_000, 0)

// The provider's keys, made once: RSA generation is slow.
var (
	rsaKey     = mustRSA()
	rotatedKey = mustRSA()
	forgerKey  = mustRSA()
	ecKey      = mustEC(elliptic.P256())
)

func mustRSA() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}

func mustEC(c elliptic.Curve) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(c, rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func rsaJWK(kid string, pub *rsa.PublicKey) map[string]any {
	return map[string]any{
		"kty": "RSA", "use": "sig", "kid": kid,
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
	}
}

func ecJWK(kid string, pub *ecdsa.PublicKey) map[string]any {
	point, err := pub.Bytes()
	if err != nil {
		panic(err)
	}
	size := (len(point) - 1) / 2
	return map[string]any{
		"kty": "EC", "use": "sig", "kid": kid, "crv": pub.Curve.Params().Name,
		"x": b64(point[1 : 1+size]), "y": b64(point[1+size:]),
	}
}

func jwks(t testing.TB, keys ...map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"keys": keys})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func keySet(t testing.TB, keys ...map[string]any) token.KeySet {
	t.Helper()
	set, err := token.ParseKeySet(jwks(t, keys...))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// idClaims are the claims ScaiKey puts in an ID token, changed by edit.
func idClaims(edit func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{
		"iss":       issuer,
		"sub":       "usr_42",
		"aud":       clientID,
		"exp":       now.Add(time.Hour).Unix(),
		"iat":       now.Unix(),
		"nonce":     nonce,
		"email":     "ada@example.com",
		"name":      "Ada",
		"tenant_id": "tnt_7",
	}
	if edit != nil {
		edit(c)
	}
	return c
}

func sign(t testing.TB, m jwt.SigningMethod, key any, kid string, c jwt.MapClaims) string {
	t.Helper()
	header := map[string]any{}
	if kid != "" {
		header["kid"] = kid
	}
	return signWithHeader(t, m, key, header, c)
}

// signWithHeader signs c with extra header members besides alg and typ.
func signWithHeader(
	t testing.TB, m jwt.SigningMethod, key any, header map[string]any, c jwt.MapClaims,
) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, c)
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// keySource plays the provider's JWKS endpoint behind a cache: cached is
// what a plain call returns, fresh what a refresh fetches. It records the
// refresh flag of every call.
type keySource struct {
	cached, fresh token.KeySet
	down          error
	calls         []bool
}

func (s *keySource) Keys(_ context.Context, refresh bool) (token.KeySet, error) {
	s.calls = append(s.calls, refresh)
	if s.down != nil {
		return token.KeySet{}, s.down
	}
	if refresh {
		return s.fresh, nil
	}
	return s.cached, nil
}

// causeOf returns the cause of an autherr error of the given code, failing
// the test when err is anything else.
func causeOf(t *testing.T, err error, code autherr.Code) string {
	t.Helper()
	var e *autherr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an autherr.Error", err)
	}
	if e.Code != code {
		t.Fatalf("code = %q, want %q (cause %q)", e.Code, code, e.Cause)
	}
	return e.Cause
}
