package stats

import "sync/atomic"

// credentials counts which bearer reached which route, so a test can prove
// that the shared dev token went only to the dev deploy route and that no
// ScaiKey token went there by mistake.
type credentials struct {
	devTokenOnDeploy     atomic.Int64
	scaiKeyTokenOnDeploy atomic.Int64
	devTokenElsewhere    atomic.Int64
}

// DevTokenOnDeploy records POST /v1/dev/deploy carrying the dev token.
func (c *Counters) DevTokenOnDeploy() { c.credentials.devTokenOnDeploy.Add(1) }

// ScaiKeyTokenOnDeploy records POST /v1/dev/deploy carrying a ScaiKey token.
func (c *Counters) ScaiKeyTokenOnDeploy() { c.credentials.scaiKeyTokenOnDeploy.Add(1) }

// DevTokenElsewhere records the dev token on any other route.
func (c *Counters) DevTokenElsewhere() { c.credentials.devTokenElsewhere.Add(1) }

func (c *credentials) reset() {
	c.devTokenOnDeploy.Store(0)
	c.scaiKeyTokenOnDeploy.Store(0)
	c.devTokenElsewhere.Store(0)
}
