package auth

import (
	"context"
	"sync"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

// discover returns the provider's endpoints, read once from discovery. When
// discovery cannot be read and fallback is set, the documented platform
// paths stand in, which is enough to start a sign-in but not to verify one.
// Callers that need it while it is being read (the callback reads it beside
// the exchange, which in direct mode needs it too) share that read.
func (a *Auth) discover(ctx context.Context, fallback bool) (*config.Provider, error) {
	a.mu.Lock()
	p, cfg := a.provider, a.cfg
	a.mu.Unlock()
	if p != nil && (p.Discovered || fallback) {
		return p, nil
	}

	p, err := shared(ctx, &a.mu, &a.discovering, func(ctx context.Context) (
		*config.Provider, error) {
		return a.readDiscovery(ctx, cfg.Issuer())
	})
	if err != nil {
		if !fallback {
			return nil, asDiscoveryError(err)
		}
		return config.Fallback(cfg.Issuer()), nil
	}
	return p, nil
}

// readDiscovery reads the document and keeps what it names.
func (a *Auth) readDiscovery(ctx context.Context, issuer string) (*config.Provider, error) {
	p, err := a.fetchDiscovery(ctx, issuer)
	if err != nil {
		a.step("discovery", "failed: "+string(autherr.As(err).Cause))
		return nil, err
	}
	a.step("discovery", "read")
	a.keys.setURL(p.JWKSURI)
	a.mu.Lock()
	a.provider = p
	a.mu.Unlock()
	return p, nil
}

// asDiscoveryError keeps a failed read's error; a caller that stopped
// waiting for another's read gets what a read of its own would have said.
func asDiscoveryError(err error) error {
	if _, ok := autherr.Find(err); ok {
		return err
	}
	return autherr.New(autherr.DiscoveryFailed).Because("no_answer").Wrapping(err)
}

func (a *Auth) fetchDiscovery(ctx context.Context, issuer string) (*config.Provider, error) {
	resp, err := a.env.HTTP.Do(ctx, &fetch.Request{Method: "GET", URL: config.DiscoveryURL(issuer)})
	if err != nil {
		return nil, autherr.New(autherr.DiscoveryFailed).Because("no_answer").Wrapping(err)
	}
	if !resp.OK() {
		return nil, autherr.New(autherr.DiscoveryFailed).Because("status").
			WithStatus(resp.Status, nil)
	}
	return config.ParseDiscovery(resp.Body, issuer)
}

// verifier checks ID tokens of the configured provider and client. The
// audience of an ID token is always the client id (OpenID Connect Core
// §3.1.3.7 step 3); the configured API audience is checked separately.
func (a *Auth) verifier(ctx context.Context) (*token.Verifier, error) {
	p, err := a.discover(ctx, false)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	clientID := a.cfg.ClientID
	a.mu.Unlock()
	return &token.Verifier{
		Issuer:   p.Issuer,
		Audience: clientID,
		ClientID: clientID,
		Now:      a.now,
		Keys:     a.keys,
	}, nil
}

// minRefetch keeps a stream of made-up kids from turning into a stream of
// key set downloads.
const minRefetch = 10 * time.Second

// keyCache is the provider's key set, fetched on first use and again on key
// rotation.
type keyCache struct {
	http fetch.Doer
	now  func() time.Time

	mu  sync.Mutex
	url string
	set token.KeySet
	// lookedUp is when a kid the set did not know last made the cache read
	// it again; the next such read waits minRefetch after it. The set's
	// first read does not count: a key rotated a second after the sign-in
	// still gets its one lookup.
	lookedUp time.Time
	reading  *call[token.KeySet] // the read in flight, nil when none is
}

func (k *keyCache) setURL(url string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.url != url {
		k.url, k.set, k.lookedUp = url, token.KeySet{}, time.Time{}
	}
}

// Keys returns the key set, read when there is none yet, or again when
// refresh asks (a kid it does not know), at most once every minRefetch.
// Callers share a read in flight.
func (k *keyCache) Keys(ctx context.Context, refresh bool) (token.KeySet, error) {
	now := k.now()
	k.mu.Lock()
	url, set, lookedUp := k.url, k.set, k.lookedUp
	k.mu.Unlock()
	coolingDown := !lookedUp.IsZero() && now.Sub(lookedUp) < minRefetch
	if set.Len() > 0 && (!refresh || coolingDown) {
		return set, nil
	}
	if url == "" {
		return token.KeySet{}, autherr.New(autherr.DiscoveryFailed).Because("no_jwks_uri")
	}
	return shared(ctx, &k.mu, &k.reading, func(ctx context.Context) (token.KeySet, error) {
		return k.read(ctx, url, refresh && set.Len() > 0)
	})
}

// read fetches the key set at url and keeps it, unless discovery has named
// another set meanwhile. lookup says an unknown kid asked for it.
func (k *keyCache) read(ctx context.Context, url string, lookup bool) (token.KeySet, error) {
	resp, err := k.http.Do(ctx, &fetch.Request{Method: "GET", URL: url})
	if err != nil {
		return token.KeySet{}, err
	}
	if !resp.OK() {
		return token.KeySet{}, autherr.New(autherr.DiscoveryFailed).Because("jwks_status").
			WithStatus(resp.Status, nil)
	}
	set, err := token.ParseKeySet(resp.Body)
	if err != nil {
		return token.KeySet{}, err
	}
	read := k.now()
	k.mu.Lock()
	if k.url == url {
		k.set = set
		if lookup {
			k.lookedUp = read
		}
	}
	k.mu.Unlock()
	return set, nil
}
