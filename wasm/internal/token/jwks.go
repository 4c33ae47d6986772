package token

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"slices"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// minRSABits is the smallest RSA modulus accepted; shorter keys can be
// factored by a determined attacker, and no current provider publishes them.
const minRSABits = 2048

// jwk holds the members of a JSON Web Key (RFC 7517 §4, RFC 7518 §6) that
// matter for checking signatures. A private member such as "d" is ignored.
type jwk struct {
	Kty    string   `json:"kty"`
	Use    string   `json:"use"`
	KeyOps []string `json:"key_ops"`
	Alg    string   `json:"alg"`
	Kid    string   `json:"kid"`
	N      string   `json:"n"`
	E      string   `json:"e"`
	Crv    string   `json:"crv"`
	X      string   `json:"x"`
	Y      string   `json:"y"`
}

// ParseKeySet reads a JWKS document (RFC 7517 §5). It keeps RSA keys and EC
// keys on P-256 or P-384 meant for signatures, and skips every other key,
// including broken ones, so that one odd key does not hide the good ones. A
// set with no usable key at all is an error: no token could ever pass.
func ParseKeySet(jwksJSON []byte) (KeySet, error) {
	var doc struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(jwksJSON, &doc); err != nil {
		return KeySet{}, autherr.New(autherr.DiscoveryFailed).
			Because(CauseMalformed).Wrapping(err)
	}

	var set KeySet
	for _, raw := range doc.Keys {
		var k jwk
		if json.Unmarshal(raw, &k) != nil || !k.forSignatures() {
			continue
		}
		if pub, err := k.publicKey(); err == nil {
			set.keys = append(set.keys, publicKey{id: k.Kid, alg: k.Alg, pub: pub})
		}
	}

	if set.Len() == 0 {
		return KeySet{}, autherr.New(autherr.DiscoveryFailed).Because(CauseNoSigningKeys)
	}
	return set, nil
}

// forSignatures applies RFC 7517 §4.2 and §4.3: a key published for
// encryption must never be taken to check a signature.
func (k jwk) forSignatures() bool {
	if k.Use != "" && k.Use != "sig" {
		return false
	}
	return k.KeyOps == nil || slices.Contains(k.KeyOps, "verify")
}

var errUnsupportedKey = errors.New("token: unsupported key type or curve")

func (k jwk) publicKey() (any, error) {
	switch k.Kty {
	case "RSA":
		return rsaKey(k.N, k.E)
	case "EC":
		return ecKey(k.Crv, k.X, k.Y)
	}
	return nil, errUnsupportedKey
}

// rsaKey builds a key from its modulus and exponent (RFC 7518 §6.3.1).
func rsaKey(n64, e64 string) (*rsa.PublicKey, error) {
	n, err := decodeUint(n64)
	if err != nil {
		return nil, err
	}
	e, err := decodeUint(e64)
	if err != nil {
		return nil, err
	}

	if n.BitLen() < minRSABits {
		return nil, errors.New("token: RSA key too short")
	}
	// An even or tiny exponent is no RSA key; crypto/rsa wants it in an int.
	if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 || e.Bit(0) == 0 {
		return nil, errors.New("token: RSA exponent out of range")
	}
	return &rsa.PublicKey{N: n, E: int(e.Int64())}, nil
}

// ecKey builds a key from its curve point (RFC 7518 §6.2.1). Each coordinate
// must be the curve's full size, and the point must lie on the curve: an
// off-curve point is how invalid-curve attacks begin.
func ecKey(crv, x64, y64 string) (*ecdsa.PublicKey, error) {
	var curve elliptic.Curve
	switch crv {
	case "P-256":
		curve = elliptic.P256()
	case "P-384":
		curve = elliptic.P384()
	default:
		return nil, errUnsupportedKey
	}
	size := (curve.Params().BitSize + 7) / 8

	x, err := decodeSegment(x64)
	if err != nil {
		return nil, err
	}
	y, err := decodeSegment(y64)
	if err != nil {
		return nil, err
	}
	if len(x) != size || len(y) != size {
		return nil, errors.New("token: EC coordinate of the wrong size")
	}

	point := append(append([]byte{4}, x...), y...)
	return ecdsa.ParseUncompressedPublicKey(curve, point)
}

func decodeUint(s string) (*big.Int, error) {
	b, err := decodeSegment(s)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, errors.New("token: empty key member")
	}
	return new(big.Int).SetBytes(b), nil
}

// decodeSegment reads base64url. JOSE leaves out the padding, but some
// providers keep it; both decode to the same bytes.
func decodeSegment(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}
