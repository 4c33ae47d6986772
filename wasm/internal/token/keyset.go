package token

import "crypto"

// KeySet is the provider's signing keys, as published in its JWKS. The zero
// value holds no key.
type KeySet struct {
	keys []publicKey
}

type publicKey struct {
	id  string // the JWK's kid, possibly empty
	alg string // the JWK's alg when it names one: the key is for that only
	pub crypto.PublicKey
}

func (k publicKey) fits(alg string) bool {
	return (k.alg == "" || k.alg == alg) && fits(k.pub, alg)
}

// Len is the number of usable signing keys in the set.
func (s KeySet) Len() int { return len(s.keys) }

// Lookup returns the key named kid that can check a signature made with alg.
// A token without a kid is checked with the set's only fitting key, if there
// is exactly one: guessing among several would be trying keys until one fits.
func (s KeySet) Lookup(kid, alg string) (crypto.PublicKey, bool) {
	var found crypto.PublicKey
	n := 0
	for _, k := range s.keys {
		if kid != "" && k.id != kid || !k.fits(alg) {
			continue
		}
		if kid != "" {
			return k.pub, true
		}
		found = k.pub
		n++
	}
	return found, n == 1
}
