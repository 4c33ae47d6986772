package devstack

import "github.com/scaiflow/scaiauth/devstack/internal/stats"

// Stats are the test counters, also served as GET /__dev/stats:
//
//	{"exchanges":0,"exchange_failures":0,"refreshes":0,
//	 "refresh_failures":0,"reused_refresh_tokens":0,"codes_seen_twice":0}
//
// Exchanges and refreshes count every call of the backend's routes, failed
// ones included. The two reuse counters are kept by the provider, so they
// also see a public client talking to it directly.
type Stats = stats.Stats
