package devstack

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/scaiflow/scaiauth/devstack/internal/backend"
	"github.com/scaiflow/scaiauth/devstack/internal/canvas"
	"github.com/scaiflow/scaiauth/devstack/internal/provider"
	"github.com/scaiflow/scaiauth/devstack/internal/stats"
)

// shutdownGrace is how long Close lets requests in flight finish. A
// variable for tests.
var shutdownGrace = 5 * time.Second

// Stack is a running canvas server, backend and provider.
type Stack struct {
	canvasOrigin  string
	apiOrigin     string
	baseURL       string
	redirectURI   string
	exampleOrigin string // "" without an example app

	counters *stats.Counters
	provider *provider.Provider // nil with an outside ScaiKey
	api      *backend.Server
	files    *canvas.Server
	example  *canvas.Server // nil without an example app
	servers  []*http.Server
	faults   faults

	stopWatching func() bool
	closeOnce    sync.Once
	closeErr     error
}

// Start binds every listener, then builds the provider, backend and canvas
// server, and serves until Close is called or ctx ends. Binding comes first
// because the redirect URI registered at the provider names the canvas
// origin, whose port is known only once its listener is bound.
func Start(ctx context.Context, o Options) (*Stack, error) {
	o = o.withDefaults()
	if o.RepoRoot == "" {
		return nil, errors.New("devstack: Options.RepoRoot is required")
	}

	bound, err := bindAll(o)
	if err != nil {
		return nil, err
	}
	s, err := assemble(o, bound)
	if err != nil {
		for _, l := range bound {
			if l != nil {
				l.Close()
			}
		}
		return nil, err
	}

	for i, srv := range s.servers {
		// Serve returns ErrServerClosed once Close shuts it down; there is
		// no one to tell about any other end but the requests that fail.
		go srv.Serve(bound[i])
	}
	s.stopWatching = context.AfterFunc(ctx, func() { s.Close() })
	return s, nil
}

// bindAll binds canvas, API and, unless an outside ScaiKey is used, the
// provider, in that order; on failure it releases what it bound.
func bindAll(o Options) ([]*listener, error) {
	addrs := []string{o.CanvasAddr, o.APIAddr}
	if o.ScaiKeyBaseURL == "" {
		addrs = append(addrs, o.ProviderAddr)
	}
	if o.ExampleRoot != "" {
		addrs = append(addrs, o.ExampleAddr)
	}
	var bound []*listener
	for _, addr := range addrs {
		l, err := listen(addr)
		if err != nil {
			for _, b := range bound {
				b.Close()
			}
			return nil, err
		}
		bound = append(bound, l)
	}
	return bound, nil
}

// assemble builds the three servers for listeners already bound.
func assemble(o Options, bound []*listener) (*Stack, error) {
	s := &Stack{
		canvasOrigin: bound[0].origin,
		apiOrigin:    bound[1].origin,
		baseURL:      strings.TrimSuffix(o.ScaiKeyBaseURL, "/"),
		counters:     new(stats.Counters),
	}
	s.redirectURI = s.canvasOrigin + CallbackPath
	if o.ExampleRoot != "" {
		s.exampleOrigin = bound[len(bound)-1].origin
	}

	handlers := make([]http.Handler, 0, 3)
	if s.baseURL == "" {
		s.baseURL = bound[2].origin
		p, err := provider.New(s.providerConfig(o))
		if err != nil {
			return nil, err
		}
		s.provider = p
	}

	api := backend.New(s.backendConfig(o))
	api.SetConfigured(o.Configured)
	s.api = api
	// The proxy dials the bound address, so a "localhost" API address
	// never depends on the resolver.
	apiURL := &url.URL{Scheme: "http", Host: bound[1].Addr().String()}
	files, err := canvas.New(o.RepoRoot, apiURL)
	if err != nil {
		return nil, err
	}
	s.files = files
	example, err := s.exampleApp(o, apiURL)
	if err != nil {
		files.Close()
		return nil, err
	}

	handlers = append(handlers, withPolicy(files, s.baseURL), s.faults.breakable(api, apiTarget))
	if s.provider != nil {
		s.faults.sign, s.faults.publicKeyPEM = s.provider.Sign, s.provider.PublicKeyPEM
		handlers = append(handlers, s.faults.breakable(s.provider, providerTarget))
	}
	if example != nil {
		handlers = append(handlers, example)
	}
	for _, h := range handlers {
		s.servers = append(s.servers, &http.Server{
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
		})
	}
	return s, nil
}

// providerConfig registers the canvas's confidential client (the BFF
// exchanges with its secret) and a public one for direct exchange from
// the browser, both with the canvas's exact redirect URI and, when it is
// served, the example app's.
func (s *Stack) providerConfig(o Options) provider.Config {
	exampleCallback, exampleAfterLogout := s.exampleRedirects()
	redirect := append([]string{s.redirectURI}, exampleCallback...)
	afterLogout := append([]string{s.canvasOrigin + "/"}, exampleAfterLogout...)
	return provider.Config{
		Issuer: s.baseURL + provider.IssuerPath,
		Clients: []provider.Registration{
			{
				ID: o.ClientID, Secret: o.ClientSecret,
				RedirectURIs: redirect, PostLogoutRedirectURIs: afterLogout,
			},
			{
				ID: o.PublicClientID, Public: true,
				RedirectURIs: redirect, PostLogoutRedirectURIs: afterLogout,
			},
		},
		Users:              providerUsers(),
		AccessTokenTTL:     o.AccessTokenTTL,
		IDTokenTTL:         o.IDTokenTTL,
		RefreshTokenTTL:    o.RefreshTokenTTL,
		RevokeGrantOnReuse: o.RevokeGrantOnReuse,
		SigningAlgorithm:   o.SigningAlgorithm,
		Reuse:              s.counters,
	}
}

// backendConfig always hands the backend the three ScaiKey settings, so
// that SetConfigured can switch them on and off while the stack runs;
// assemble switches them off unless Configured.
func (s *Stack) backendConfig(o Options) backend.Config {
	cfg := backend.Config{
		Audience:    o.Audience,
		DevToken:    o.DevToken,
		RedirectURI: s.redirectURI,
		Members:     backendMembers(),
		Counters:    s.counters,

		ExchangeNotConfigured: o.ExchangeNotConfigured,
		SyncCredentials:       o.SyncCredentials,
		ExtraAudiences:        o.ExtraAudiences,
	}
	cfg.ScaiKeyBaseURL = s.baseURL
	cfg.ClientID = o.ClientID
	cfg.ClientSecret = o.ClientSecret
	return cfg
}

// CanvasURL is the canvas origin, e.g. http://localhost:5173.
func (s *Stack) CanvasURL() string { return s.canvasOrigin }

// RedirectURI is the callback registered at the provider and announced by
// /v1/auth/config: CanvasURL() + "/auth/callback".
func (s *Stack) RedirectURI() string { return s.redirectURI }

// APIURL is the backend origin; the canvas reaches it as /api.
func (s *Stack) APIURL() string { return s.apiOrigin }

// ScaiKeyBaseURL is the provider's base URL, SCAIKEY_BASE_URL.
func (s *Stack) ScaiKeyBaseURL() string { return s.baseURL }

// ProviderIssuer is the issuer, ScaiKeyBaseURL() + /api/v1/platform/oauth.
func (s *Stack) ProviderIssuer() string { return s.baseURL + provider.IssuerPath }

// Stats reads the test counters.
func (s *Stack) Stats() Stats { return s.counters.Snapshot() }

// ResetStats zeroes the test counters, like POST /__dev/reset.
func (s *Stack) ResetStats() { s.counters.Reset() }

// RotateSigningKey makes the built-in provider sign with a fresh key while
// still publishing the old one.
func (s *Stack) RotateSigningKey() error {
	if s.provider == nil {
		return errors.New("devstack: no built-in provider to rotate keys of")
	}
	return s.provider.RotateSigningKey()
}

// shutdown stops srv once its requests in flight are done, and when the
// grace runs out first, closes what is left. That is no error: Shutdown
// counts a connection a client opened and never used (Go's transport dials
// one ahead when two requests race) as busy until it is five seconds old.
func shutdown(ctx context.Context, srv *http.Server) error {
	err := srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return srv.Close()
	}
	return err
}

// Close shuts every server down gracefully, giving requests in flight a
// few seconds. It is safe to call more than once.
func (s *Stack) Close() error {
	s.closeOnce.Do(func() {
		if s.stopWatching != nil {
			s.stopWatching()
		}
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		errs := make([]error, len(s.servers))
		var wg sync.WaitGroup
		for i, srv := range s.servers {
			wg.Go(func() { errs[i] = shutdown(ctx, srv) })
		}
		wg.Wait()
		errs = append(errs, s.files.Close())
		if s.example != nil {
			errs = append(errs, s.example.Close())
		}
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}
