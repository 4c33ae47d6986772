package provider

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"

	jose "github.com/go-jose/go-jose/v4"
)

// Sign signs claims as the provider signs its tokens, with its current key,
// or, when stranger is set, with a fresh key that no key set publishes. The
// development stack uses it to hand out tokens that are wrong on purpose.
func (p *Provider) Sign(claims map[string]any, stranger bool) (string, error) {
	p.storage.mu.Lock()
	k := p.storage.keys[len(p.storage.keys)-1]
	p.storage.mu.Unlock()
	if stranger {
		var err error
		if k, err = newSigningKey(k.alg); err != nil {
			return "", err
		}
	}
	signer, err := jose.NewSigner(jose.SigningKey{
		Algorithm: k.alg,
		Key:       jose.JSONWebKey{Key: k.private, KeyID: k.id},
	}, (&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}

// PublicKeyPEM is the current signing key's public half in PEM form: what an
// attacker would use as the secret of an HMAC-signed forgery.
func (p *Provider) PublicKeyPEM() ([]byte, error) {
	p.storage.mu.Lock()
	k := p.storage.keys[len(p.storage.keys)-1]
	p.storage.mu.Unlock()
	return pemOf(k.private.Public())
}

func pemOf(pub any) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}
