package token_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

func TestParseKeySetKeepsOnlySigningKeys(t *testing.T) {
	short, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	enc := rsaJWK("enc-1", &rotatedKey.PublicKey)
	enc["use"] = "enc"
	encryptOps := rsaJWK("ops-1", &rotatedKey.PublicKey)
	encryptOps["key_ops"] = []string{"encrypt"}
	offCurve := ecJWK("off-curve", &ecKey.PublicKey)
	offCurve["y"] = offCurve["x"]
	badModulus := rsaJWK("bad-n", &rotatedKey.PublicKey)
	badModulus["n"] = "!!not base64!!"
	padded := rsaJWK("padded", &rotatedKey.PublicKey)
	padded["n"] = base64.URLEncoding.EncodeToString(rotatedKey.PublicKey.N.Bytes()) + "=="

	set, err := token.ParseKeySet(jwks(t,
		rsaJWK("rsa-1", &rsaKey.PublicKey),
		ecJWK("ec-1", &ecKey.PublicKey),
		padded,
		enc,
		encryptOps,
		map[string]any{"kty": "oct", "kid": "hmac-1", "k": "c2VjcmV0"},
		map[string]any{"kty": "OKP", "kid": "ed-1", "crv": "Ed25519", "x": "AAAA"},
		ecJWK("p521-1", &mustEC(elliptic.P521()).PublicKey),
		rsaJWK("short-1", &short.PublicKey),
		offCurve,
		badModulus,
		map[string]any{"kty": "RSA", "kid": 7},
	))
	if err != nil {
		t.Fatal(err)
	}

	if set.Len() != 3 {
		t.Errorf("Len = %d, want 3 (rsa-1, ec-1, padded)", set.Len())
	}
	for kid, alg := range map[string]string{
		"rsa-1": "RS256", "ec-1": "ES256", "padded": "RS256",
	} {
		if _, ok := set.Lookup(kid, alg); !ok {
			t.Errorf("Lookup(%q, %q) found nothing", kid, alg)
		}
	}
	for _, kid := range []string{"enc-1", "ops-1", "short-1", "off-curve", "bad-n"} {
		if _, ok := set.Lookup(kid, "RS256"); ok {
			t.Errorf("Lookup(%q) found a key that should have been skipped", kid)
		}
	}
}

func TestKeySetLookup(t *testing.T) {
	pinned := rsaJWK("pinned", &rotatedKey.PublicKey)
	pinned["alg"] = "RS256"
	p384 := mustEC(elliptic.P384())
	set := keySet(t,
		rsaJWK("rsa-1", &rsaKey.PublicKey),
		ecJWK("ec-1", &ecKey.PublicKey),
		ecJWK("ec-384", &p384.PublicKey),
		pinned,
	)

	tests := []struct {
		name     string
		kid, alg string
		want     *keyWant
	}{
		{"kid names an RSA key for RS256", "rsa-1", "RS256", &keyWant{rsa: &rsaKey.PublicKey}},
		{"kid names an RSA key for PS256", "rsa-1", "PS256", &keyWant{rsa: &rsaKey.PublicKey}},
		{"kid names a P-256 key for ES256", "ec-1", "ES256", &keyWant{ec: &ecKey.PublicKey}},
		{"kid names a P-384 key for ES384", "ec-384", "ES384", &keyWant{ec: &p384.PublicKey}},
		{"ES256 token naming an RSA key", "rsa-1", "ES256", nil},
		{"ES256 token naming a P-384 key", "ec-384", "ES256", nil},
		{"key pinned to RS256, token says RS512", "pinned", "RS512", nil},
		{"unknown kid", "rsa-9", "RS256", nil},
		{"no kid, only one P-256 key", "", "ES256", &keyWant{ec: &ecKey.PublicKey}},
		{"no kid, two RSA keys to choose from", "", "RS256", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := set.Lookup(tt.kid, tt.alg)

			if tt.want == nil {
				if ok {
					t.Errorf("Lookup found %T, want nothing", got)
				}
				return
			}
			if !ok || !tt.want.matches(got) {
				t.Errorf("Lookup = %v, %v; want the key %+v", got, ok, tt.want)
			}
		})
	}
}

type keyWant struct {
	rsa *rsa.PublicKey
	ec  *ecdsa.PublicKey
}

func (w *keyWant) matches(got any) bool {
	switch k := got.(type) {
	case *rsa.PublicKey:
		return w.rsa != nil && w.rsa.Equal(k)
	case *ecdsa.PublicKey:
		return w.ec != nil && w.ec.Equal(k)
	}
	return false
}

func TestParseKeySetRefuses(t *testing.T) {
	enc := rsaJWK("enc-1", &rsaKey.PublicKey)
	enc["use"] = "enc"

	tests := []struct {
		name      string
		jwks      []byte
		wantCause string
	}{
		{"an HTML error page", []byte("<html>502 Bad Gateway</html>"), token.CauseMalformed},
		{"keys that are not a list", []byte(`{"keys": {}}`), token.CauseMalformed},
		{"an empty document", []byte(`{}`), token.CauseNoSigningKeys},
		{"only an encryption key", jwks(t, enc), token.CauseNoSigningKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := token.ParseKeySet(tt.jwks)

			if set.Len() != 0 {
				t.Errorf("Len = %d, want 0", set.Len())
			}
			if got := causeOf(t, err, autherr.DiscoveryFailed); got != tt.wantCause {
				t.Errorf("cause = %q, want %q", got, tt.wantCause)
			}
		})
	}
}
