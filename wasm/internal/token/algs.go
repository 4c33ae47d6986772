package token

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"slices"
)

// allowedAlgs are the signatures an ID token may carry. OpenID Connect Core
// §3.1.3.7 step 7 expects RS256 unless the client registered another; ScaiKey
// may also sign with ES256, and the rest cost nothing once those work.
//
// Every HMAC algorithm is missing on purpose. Step 8 keys them with the
// client secret, which never reaches the browser; accepting one would let
// anybody who read the provider's public key sign tokens with it as the
// "secret". "none" is missing for the obvious reason.
var allowedAlgs = []string{"RS256", "RS384", "RS512", "PS256", "ES256", "ES384"}

func allowedAlg(alg string) bool {
	return slices.Contains(allowedAlgs, alg)
}

// fits reports whether a public key can check a signature made with alg, so
// that an RSA key is never handed to an ECDSA check or a P-384 key to ES256.
func fits(pub any, alg string) bool {
	switch pub := pub.(type) {
	case *rsa.PublicKey:
		switch alg {
		case "RS256", "RS384", "RS512", "PS256":
			return true
		}
	case *ecdsa.PublicKey:
		switch alg {
		case "ES256":
			return pub.Curve == elliptic.P256()
		case "ES384":
			return pub.Curve == elliptic.P384()
		}
	}
	return false
}
