package devstack

import "time"

// Defaults of the development setup documented for ScaiFlow.
const (
	DefaultCanvasAddr   = "localhost:5173"
	DefaultAPIAddr      = "127.0.0.1:8000"
	DefaultProviderAddr = "localhost:9000"
	DefaultExampleAddr  = "localhost:5174"

	DefaultClientID       = "scaiflow-canvas"
	DefaultClientSecret   = "dev-secret-change-me"
	DefaultPublicClientID = "scaiflow-public"

	// CallbackPath is where the canvas registers its redirect URI.
	CallbackPath = "/auth/callback"
)

// Options configures a stack. The zero value is a stack on the default
// addresses in dev_token mode: set Configured for ScaiKey sign-in.
type Options struct {
	// RepoRoot is the directory the canvas server serves; it must exist.
	RepoRoot string

	// Addresses as host:port. "localhost" binds 127.0.0.1 but keeps the
	// name in URLs, so http://127.0.0.1:PORT reaches the same server from
	// a different origin. Port 0 picks a free port.
	CanvasAddr   string // default DefaultCanvasAddr
	APIAddr      string // default DefaultAPIAddr
	ProviderAddr string // default DefaultProviderAddr

	// Configured gives the backend all three ScaiKey settings, making
	// auth_mode "scaikey"; without it the backend is in dev_token mode
	// while the provider still runs.
	Configured bool

	// ScaiKeyBaseURL points the backend at another ScaiKey instead of the
	// built-in provider, which then is not started. "" uses the built-in.
	ScaiKeyBaseURL string

	ClientID       string // default DefaultClientID
	ClientSecret   string // default DefaultClientSecret
	PublicClientID string // default DefaultPublicClientID

	Audience string // SCAIKEY_AUDIENCE; "" means the client id
	DevToken string // SCAIFLOW_API_TOKEN; "" means no dev token works

	AccessTokenTTL  time.Duration // default 1h
	IDTokenTTL      time.Duration // default 1h
	RefreshTokenTTL time.Duration // default 24h

	// RevokeGrantOnReuse makes the provider revoke a grant's refresh
	// tokens when one of its spent codes or rotated refresh tokens comes
	// back (RFC 9700 §4.14.2). Off: only the spent credential is refused.
	RevokeGrantOnReuse bool

	// SigningAlgorithm is how the provider signs tokens: "RS256" (default,
	// as ScaiKey does) or "ES256", which ScaiKey can be configured to use.
	SigningAlgorithm string

	// ExchangeNotConfigured makes the code exchange and the refresh answer
	// 503 "ScaiKey OIDC not configured on the server" while
	// /v1/auth/config still says scaikey, as a backend replica started
	// without the three settings does behind a load balancer.
	ExchangeNotConfigured bool

	// SyncCredentials is what the backend's own ScaiKey credentials may do
	// in POST /v1/admin/scaikey-sync; "" is SyncAdmin.
	SyncCredentials SyncCredentials

	// ExampleRoot, when set, serves a built single-page app (such as
	// examples/solid/dist) on its own origin, ExampleAddr, the way the
	// canvas is served. See ExampleURL.
	ExampleRoot string
	ExampleAddr string // default DefaultExampleAddr

	// ExtraAudiences are accepted by the backend besides Audience: the
	// public client's, for an app that exchanges its codes directly and
	// calls the API with the tokens it got.
	ExtraAudiences []string
}

func (o Options) withDefaults() Options {
	fill := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	fill(&o.CanvasAddr, DefaultCanvasAddr)
	fill(&o.APIAddr, DefaultAPIAddr)
	fill(&o.ProviderAddr, DefaultProviderAddr)
	fill(&o.ExampleAddr, DefaultExampleAddr)
	fill(&o.ClientID, DefaultClientID)
	fill(&o.ClientSecret, DefaultClientSecret)
	fill(&o.PublicClientID, DefaultPublicClientID)

	lasting := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	lasting(&o.AccessTokenTTL, time.Hour)
	lasting(&o.IDTokenTTL, time.Hour)
	lasting(&o.RefreshTokenTTL, 24*time.Hour)
	return o
}
