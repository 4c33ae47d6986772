package provider

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// signingKey is an RS256 or ES256 key pair; its kid is the RFC 7638
// thumbprint of the public key, so a kid never names two different keys.
type signingKey struct {
	id      string
	alg     jose.SignatureAlgorithm
	private crypto.Signer
}

func newSigningKey(alg jose.SignatureAlgorithm) (*signingKey, error) {
	var private crypto.Signer
	var err error
	switch alg {
	case jose.RS256:
		private, err = rsa.GenerateKey(rand.Reader, 2048)
	case jose.ES256:
		private, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	default:
		return nil, fmt.Errorf("provider: signing algorithm %s not offered", alg)
	}
	if err != nil {
		return nil, err
	}
	jwk := jose.JSONWebKey{Key: private.Public()}
	thumb, err := jwk.Thumbprint(crypto.SHA256)
	if err != nil {
		return nil, err
	}
	id := base64.RawURLEncoding.EncodeToString(thumb)
	return &signingKey{id: id, alg: alg, private: private}, nil
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return k.alg }
func (k *signingKey) Key() any                                    { return k.private }
func (k *signingKey) ID() string                                  { return k.id }

// publicKey is the JWKS entry of a signing key.
type publicKey struct{ *signingKey }

func (k publicKey) Algorithm() jose.SignatureAlgorithm { return k.alg }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return k.private.Public() }

// rotateSigningKey appends a fresh key; it generates outside the lock
// because 2048-bit generation takes a noticeable moment.
func (s *storage) rotateSigningKey() error {
	k, err := newSigningKey(s.alg)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, k)
	return nil
}

// SigningKey implements op.Storage: the newest key signs.
func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[len(s.keys)-1], nil
}

// SignatureAlgorithms implements op.Storage for discovery.
func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{s.alg}, nil
}

// KeySet implements op.Storage: every key ever used is published, so a
// rotation never invalidates a token already issued.
func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	set := make([]op.Key, len(s.keys))
	for i, k := range s.keys {
		set[len(s.keys)-1-i] = publicKey{k}
	}
	return set, nil
}
