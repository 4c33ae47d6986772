// Package auth is the sign-in client: it ties the backend's config, the
// login transaction, the callback, the exchange, the token checks and the
// session together, and answers the page's questions about them. It sees the
// browser only through Env, so every rule of the flow runs on the host.
package auth

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
	"github.com/scaiflow/scaiauth/wasm/internal/config"
	"github.com/scaiflow/scaiauth/wasm/internal/direct"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/login"
	"github.com/scaiflow/scaiauth/wasm/internal/store"
)

// Location is the address bar.
type Location interface {
	// Href is the current absolute URL.
	Href() string
	// Replace swaps the current history entry's URL (history.replaceState)
	// for a path, query and fragment on the same origin, without loading.
	Replace(pathQueryFragment string) error
	// Assign navigates away, to the provider.
	Assign(url string) error
}

// Locker runs fn while holding a named lock shared by every tab of the
// origin (Web Locks in the browser).
type Locker interface {
	Lock(ctx context.Context, name string, fn func(context.Context) error) error
}

// Channel reaches the other tabs of the origin (a BroadcastChannel).
type Channel interface {
	Post(msg []byte) error
	// Listen calls fn with every message another tab posts, each call in a
	// goroutine of its own, so that fn may wait without holding up the page.
	Listen(fn func(msg []byte))
}

// Env is the browser as the core sees it.
type Env struct {
	Storage  store.Store // sessionStorage: per tab, per origin
	Location Location
	HTTP     fetch.Doer
	Now      func() time.Time
	Random   io.Reader
	Locks    Locker // optional; without it, one refresh at a time in this tab
	// After runs fn once d has passed (setTimeout) and returns what cancels
	// it. Optional: time.AfterFunc.
	After func(d time.Duration, fn func()) (stop func())

	// Shared is localStorage, for what tabs must agree on and that is no
	// secret: the generation of each session's refresh token. Optional.
	Shared store.Store
	// Tabs carries rotated tokens and sign-outs to the other tabs. Optional.
	Tabs Channel
}

// Options are the page's settings.
type Options struct {
	APIBase     string   // default "/api/v1"
	RedirectURI string   // default: the config's redirect_uri
	Scopes      []string // default: login.DefaultScopes
	ReturnTo    string   // default return path after sign-in
	// ManualRefresh turns off the refresh ahead of expiry: tokens are then
	// refreshed only when AccessToken or Fetch finds them expired.
	ManualRefresh bool
	// ConfigReply is GET {APIBase}/auth/config as the loader fetched it
	// while the module downloaded; nil makes Mount fetch it.
	ConfigReply *fetch.Response

	// Exchange is "bff" (the default: the backend exchanges the code, adding
	// the client secret) or "direct": the browser exchanges it at the
	// provider's token endpoint as a public client with PKCE, for apps with
	// no backend. Direct reads no backend config; it needs Issuer, ClientID
	// and RedirectURI, and Audience when the API expects another one.
	Exchange string
	Issuer   string
	ClientID string
	Audience string
}

// ExchangeDirect is the Options.Exchange of apps without a backend.
const ExchangeDirect = "direct"

// grants is whoever turns a code or a refresh token into tokens: the
// backend, or the provider's token endpoint itself.
type grants interface {
	Exchange(ctx context.Context, code, verifier, redirectURI string) (*bff.Tokens, error)
	Refresh(ctx context.Context, refreshToken string) (*bff.Tokens, error)
}

// Auth is one page's sign-in client. Its methods are safe to call from many
// goroutines: each JavaScript call runs in its own.
type Auth struct {
	env    Env
	opts   Options
	api    *bff.Client
	grants grants
	book   *login.Book

	mu       sync.Mutex
	mounting chan struct{} // closed when the first Mount has finished
	cfg      *config.Config
	provider *config.Provider
	// discovering is the read of discovery in flight, nil when none is.
	discovering *call[*config.Provider]
	skew        time.Duration // server clock minus local clock
	sess        *session
	lastErr     *autherr.Error
	// apiErr is the route whose refusal lastErr is, "" for other errors:
	// when that route answers later, the error is stale (the user fixed it
	// elsewhere, or signed in) and is forgotten.
	apiErr   string
	devToken string
	returnTo string
	flight   *flight
	stopPlan func()        // cancels the refresh ahead of expiry, nil when none is planned
	changed  chan struct{} // closed and replaced whenever the session changes
	keys     *keyCache
	trace    trace
	subs     map[int]func()
	nextSub  int
}

// New returns a client; nothing happens until Mount.
func New(env Env, opts Options) *Auth {
	if opts.APIBase == "" {
		opts.APIBase = "/api/v1"
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.After == nil {
		env.After = afterFunc
	}
	if env.Locks == nil {
		env.Locks = &tabLock{}
	}
	a := &Auth{env: env, opts: opts, subs: map[int]func(){}, changed: make(chan struct{})}
	a.api = &bff.Client{Base: opts.APIBase, HTTP: env.HTTP}
	a.grants = a.api
	if opts.Exchange == ExchangeDirect {
		a.grants = &direct.Client{TokenEndpoint: a.tokenEndpoint, ClientID: opts.ClientID,
			HTTP: env.HTTP}
	}
	a.book = &login.Book{Store: env.Storage, Now: env.Now}
	a.keys = &keyCache{http: env.HTTP, now: env.Now}
	if env.Tabs != nil {
		env.Tabs.Listen(a.hear)
	}
	return a
}

// afterFunc is Env.After for a page that brings none: the Go runtime's timers,
// which the WebAssembly port runs on the browser's event loop.
func afterFunc(d time.Duration, fn func()) func() {
	t := time.AfterFunc(d, fn)
	return func() { t.Stop() }
}

// now is the local clock corrected by the skew measured against the server,
// so that a wrong local clock neither expires fresh tokens nor keeps dead
// ones alive.
func (a *Auth) now() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.env.Now().Add(a.skew)
}

// Subscribe calls fn after every change; the returned func unsubscribes.
func (a *Auth) Subscribe(fn func()) func() {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := a.nextSub
	a.nextSub++
	a.subs[id] = fn
	return func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		delete(a.subs, id)
	}
}

func (a *Auth) notify() {
	a.mu.Lock()
	subs := make([]func(), 0, len(a.subs))
	for _, fn := range a.subs {
		subs = append(subs, fn)
	}
	a.mu.Unlock()
	for _, fn := range subs {
		fn()
	}
}

// fail records err as the last error, traces it and tells subscribers.
func (a *Auth) fail(err error) *autherr.Error {
	e := autherr.As(err)
	a.mu.Lock()
	a.lastErr, a.apiErr = e, ""
	a.mu.Unlock()
	a.step("error", string(e.Code)+" "+e.Cause)
	a.notify()
	return e
}

// clearError forgets the last error once the user has moved on.
func (a *Auth) clearError() {
	a.mu.Lock()
	a.lastErr, a.apiErr = nil, ""
	a.mu.Unlock()
}

// failFromAPI makes a route's refusal the last error, to be forgotten when
// the same route answers later.
func (a *Auth) failFromAPI(route string, e *autherr.Error) {
	a.fail(e)
	a.mu.Lock()
	if a.lastErr == e {
		a.apiErr = route
	}
	a.mu.Unlock()
}

// apiAnswered forgets the last error when it was this route's refusal: the
// call now succeeds, so the page no longer has to explain it.
func (a *Auth) apiAnswered(route string) {
	a.mu.Lock()
	stale := a.apiErr != "" && a.apiErr == route
	if stale {
		a.lastErr, a.apiErr = nil, ""
	}
	a.mu.Unlock()
	if stale {
		a.notify()
	}
}

// waitMounted blocks until the first Mount has finished.
func (a *Auth) waitMounted(ctx context.Context) error {
	a.mu.Lock()
	ch := a.mounting
	a.mu.Unlock()
	if ch == nil {
		return autherr.New(autherr.Internal).Because("not_mounted")
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tabLock is the fallback Locker: a lock within this tab only.
type tabLock struct{ mu sync.Mutex }

func (l *tabLock) Lock(ctx context.Context, _ string, fn func(context.Context) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fn(ctx)
}
