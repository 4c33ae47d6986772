// Package stats counts what the end-to-end tests want to assert about a
// sign-in: how often the canvas exchanged and refreshed, whether it ever
// presented a spent code or a rotated refresh token, and which credential
// went to which route.
package stats

import "sync/atomic"

// Stats is a snapshot of the counters, in the JSON shape of GET /__dev/stats.
type Stats struct {
	Exchanges           int64 `json:"exchanges"`
	ExchangeFailures    int64 `json:"exchange_failures"`
	Refreshes           int64 `json:"refreshes"`
	RefreshFailures     int64 `json:"refresh_failures"`
	ReusedRefreshTokens int64 `json:"reused_refresh_tokens"`
	CodesSeenTwice      int64 `json:"codes_seen_twice"`

	DevTokenOnDeploy     int64 `json:"dev_token_on_deploy"`
	ScaiKeyTokenOnDeploy int64 `json:"scaikey_token_on_deploy"`
	DevTokenElsewhere    int64 `json:"dev_token_elsewhere"`
}

// Counters is safe for concurrent use; the zero value is ready.
type Counters struct {
	exchanges           atomic.Int64
	exchangeFailures    atomic.Int64
	refreshes           atomic.Int64
	refreshFailures     atomic.Int64
	reusedRefreshTokens atomic.Int64
	codesSeenTwice      atomic.Int64
	credentials         credentials
}

// Exchange records one attempt at POST /v1/auth/exchange.
func (c *Counters) Exchange(ok bool) {
	c.exchanges.Add(1)
	if !ok {
		c.exchangeFailures.Add(1)
	}
}

// Refresh records one attempt at POST /v1/auth/refresh.
func (c *Counters) Refresh(ok bool) {
	c.refreshes.Add(1)
	if !ok {
		c.refreshFailures.Add(1)
	}
}

// CodeSeenTwice records an authorization code presented again at the token
// endpoint after its first presentation.
func (c *Counters) CodeSeenTwice() { c.codesSeenTwice.Add(1) }

// RefreshTokenReused records a refresh token presented again after it was
// rotated away.
func (c *Counters) RefreshTokenReused() { c.reusedRefreshTokens.Add(1) }

// Snapshot reads every counter. The reads are not one atomic step, which
// does not matter for tests that read after the traffic has settled.
func (c *Counters) Snapshot() Stats {
	return Stats{
		Exchanges:           c.exchanges.Load(),
		ExchangeFailures:    c.exchangeFailures.Load(),
		Refreshes:           c.refreshes.Load(),
		RefreshFailures:     c.refreshFailures.Load(),
		ReusedRefreshTokens: c.reusedRefreshTokens.Load(),
		CodesSeenTwice:      c.codesSeenTwice.Load(),

		DevTokenOnDeploy:     c.credentials.devTokenOnDeploy.Load(),
		ScaiKeyTokenOnDeploy: c.credentials.scaiKeyTokenOnDeploy.Load(),
		DevTokenElsewhere:    c.credentials.devTokenElsewhere.Load(),
	}
}

// Reset zeroes every counter.
func (c *Counters) Reset() {
	c.exchanges.Store(0)
	c.exchangeFailures.Store(0)
	c.refreshes.Store(0)
	c.refreshFailures.Store(0)
	c.reusedRefreshTokens.Store(0)
	c.codesSeenTwice.Store(0)
	c.credentials.reset()
}
