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

// discovery is one read of the provider's discovery document in flight.
// Whoever needs it meanwhile (the callback reads it beside the exchange,
// which in direct mode needs it too) waits for this read instead of
// sending another.
type discovery struct {
	done     chan struct{} // closed when provider and err are set
	provider *config.Provider
	err      error
}

// discover returns the provider's endpoints, read once from discovery. When
// discovery cannot be read and fallback is set, the documented platform
// paths stand in, which is enough to start a sign-in but not to verify one.
func (a *Auth) discover(ctx context.Context, fallback bool) (*config.Provider, error) {
	a.mu.Lock()
	p, cfg := a.provider, a.cfg
	if p != nil && (p.Discovered || fallback) {
		a.mu.Unlock()
		return p, nil
	}
	d, lead := a.discovering, false
	if d == nil {
		d, lead = &discovery{done: make(chan struct{})}, true
		a.discovering = d
	}
	a.mu.Unlock()

	if lead {
		a.readDiscovery(ctx, d, cfg.Issuer())
	} else {
		select {
		case <-d.done:
		case <-ctx.Done():
			return nil, autherr.New(autherr.DiscoveryFailed).Because("no_answer").
				Wrapping(ctx.Err())
		}
	}
	if d.err != nil {
		if !fallback {
			return nil, d.err
		}
		return config.Fallback(cfg.Issuer()), nil
	}
	return d.provider, nil
}

// readDiscovery performs the read d stands for and hands its result to
// every caller waiting on it.
func (a *Auth) readDiscovery(ctx context.Context, d *discovery, issuer string) {
	d.provider, d.err = a.fetchDiscovery(ctx, issuer)
	if d.err != nil {
		a.step("discovery", "failed: "+string(autherr.As(d.err).Cause))
	} else {
		a.step("discovery", "read")
		a.keys.setURL(d.provider.JWKSURI)
	}
	a.mu.Lock()
	a.discovering = nil
	if d.err == nil {
		a.provider = d.provider
	}
	a.mu.Unlock()
	close(d.done)
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

	mu      sync.Mutex
	url     string
	set     token.KeySet
	fetched time.Time
}

func (k *keyCache) setURL(url string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.url != url {
		k.url, k.set, k.fetched = url, token.KeySet{}, time.Time{}
	}
}

func (k *keyCache) Keys(ctx context.Context, refresh bool) (token.KeySet, error) {
	k.mu.Lock()
	url, set, fetched := k.url, k.set, k.fetched
	k.mu.Unlock()
	fresh := !fetched.IsZero() && k.now().Sub(fetched) < minRefetch
	if set.Len() > 0 && (!refresh || fresh) {
		return set, nil
	}
	if url == "" {
		return token.KeySet{}, autherr.New(autherr.DiscoveryFailed).Because("no_jwks_uri")
	}

	resp, err := k.http.Do(ctx, &fetch.Request{Method: "GET", URL: url})
	if err != nil {
		return token.KeySet{}, err
	}
	if !resp.OK() {
		return token.KeySet{}, autherr.New(autherr.DiscoveryFailed).Because("jwks_status").
			WithStatus(resp.Status, nil)
	}
	set, err = token.ParseKeySet(resp.Body)
	if err != nil {
		return token.KeySet{}, err
	}
	k.mu.Lock()
	k.set, k.fetched = set, k.now()
	k.mu.Unlock()
	return set, nil
}
