// Package token checks the ID tokens ScaiKey issues against the provider's
// published keys, as OpenID Connect Core §3.1.3.7 asks of a client, and reads
// the one or two claims of an access token the module needs without trusting
// them.
//
// It knows nothing of the browser: keys arrive through a KeySource and the
// time through a clock, so every check runs and is tested on the host.
package token
