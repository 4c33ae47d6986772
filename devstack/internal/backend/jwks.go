package backend

import (
	"context"
	"fmt"
	"sync"

	jose "github.com/go-jose/go-jose/v4"
)

// keyCache holds ScaiKey's published keys. A kid it does not know makes it
// fetch the JWKS again, because ScaiKey rotates keys: a new kid is more
// likely a rotation than a forgery.
type keyCache struct {
	fetch func(context.Context) (*jose.JSONWebKeySet, error)

	mu  sync.Mutex
	set *jose.JSONWebKeySet
}

// noMatchingKey is PyJWKClient's wording, which ScaiFlow's verifier shows.
type noMatchingKey struct{ kid string }

func (e *noMatchingKey) Error() string {
	return fmt.Sprintf("Unable to find a signing key that matches: %q", e.kid)
}

func (c *keyCache) key(ctx context.Context, kid string) (*jose.JSONWebKey, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k, ok := c.lookup(kid); ok {
		return k, nil
	}
	set, err := c.fetch(ctx)
	if err != nil {
		return nil, err
	}
	c.set = set
	if k, ok := c.lookup(kid); ok {
		return k, nil
	}
	return nil, &noMatchingKey{kid: kid}
}

func (c *keyCache) lookup(kid string) (*jose.JSONWebKey, bool) {
	if c.set == nil || kid == "" {
		return nil, false
	}
	for _, k := range c.set.Key(kid) {
		if k.Use == "" || k.Use == "sig" {
			return &k, true
		}
	}
	return nil, false
}

func (k *scaikey) fetchKeys(ctx context.Context) (*jose.JSONWebKeySet, error) {
	meta, err := k.metadata(ctx)
	if err != nil {
		return nil, err
	}
	set := new(jose.JSONWebKeySet)
	if err := k.getJSON(ctx, meta.JWKSURI, set); err != nil {
		return nil, err
	}
	return set, nil
}
