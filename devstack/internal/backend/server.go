// Package backend is the ScaiFlow API as the canvas sees it: the auth
// routes of the BFF (config, code exchange, refresh), /v1/me, the dev-token
// deploy route, and test counters. Errors are shaped like FastAPI's.
package backend

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/scaiflow/scaiauth/devstack/internal/stats"
)

// Config holds the backend settings, named after the documented
// environment variables.
type Config struct {
	ScaiKeyBaseURL string // SCAIKEY_BASE_URL
	ClientID       string // SCAIFLOW_SCAIKEY_CLIENT_ID
	ClientSecret   string // SCAIFLOW_SCAIKEY_CLIENT_SECRET
	Audience       string // SCAIKEY_AUDIENCE; "" means ClientID
	DevToken       string // SCAIFLOW_API_TOKEN

	// ExtraAudiences are accepted in access tokens besides Audience, as
	// by an API that serves a second client.
	ExtraAudiences []string

	// RedirectURI is what /v1/auth/config tells the canvas to register
	// its callback as: the canvas origin + /auth/callback.
	RedirectURI string

	// Members is ScaiFlow's own user table, where admin roles live.
	Members []Member

	// ExchangeNotConfigured makes the exchange and the refresh answer the
	// 503 of a backend without the three ScaiKey settings, while
	// /v1/auth/config still says scaikey: a replica started without them
	// behind the same address as one that has them.
	ExchangeNotConfigured bool

	// SyncCredentials is what the backend's own ScaiKey credentials may do
	// in the ScaiKey sync; "" is SyncAdmin.
	SyncCredentials SyncCredentials

	// Counters may be nil.
	Counters *stats.Counters

	// HTTPClient talks to ScaiKey; nil means one with a 10 s timeout.
	HTTPClient *http.Client
}

// Server serves the /v1 routes and the /__dev test routes.
type Server struct {
	cfg      Config
	scaikey  *scaikey
	members  map[string]Member
	counters *stats.Counters
	deploys  *deployments
	flows    *flowStore
	catalog  *catalogStore
	now      func() time.Time
	mux      *http.ServeMux

	// scaikeyOff puts a backend that has the ScaiKey settings in
	// dev_token mode, as if they were unset (SetConfigured).
	scaikeyOff atomic.Bool
}

// New builds the backend. Whether ScaiKey is configured is decided here,
// the way the real backend decides it at start-up; SetConfigured changes
// it later, as a restart with other settings would.
func New(cfg Config) *Server {
	if cfg.Audience == "" {
		cfg.Audience = cfg.ClientID
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	s := &Server{
		cfg:      cfg,
		scaikey:  newScaiKey(cfg.ScaiKeyBaseURL, cfg.HTTPClient),
		members:  make(map[string]Member),
		counters: cfg.Counters,
		deploys:  new(deployments),
		now:      time.Now,
		mux:      http.NewServeMux(),
	}
	if s.counters == nil {
		s.counters = new(stats.Counters)
	}
	for _, m := range cfg.Members {
		s.members[m.Subject] = m
	}

	s.mux.HandleFunc("GET /v1/auth/config", s.authConfig)
	s.mux.HandleFunc("POST /v1/auth/exchange", s.exchange)
	s.mux.HandleFunc("POST /v1/auth/refresh", s.refresh)
	s.mux.HandleFunc("GET /v1/me", s.requireBearer(s.me))
	s.mux.HandleFunc("POST /v1/dev/deploy", s.deploy)
	s.catalogRoutes()
	s.lookupRoutes()
	s.mux.HandleFunc("GET /__dev/stats", s.showStats)
	s.mux.HandleFunc("POST /__dev/reset", s.resetStats)
	s.modeRoutes()
	s.mux.HandleFunc("/", notFound)
	return s
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.noteCredential(r)
	s.mux.ServeHTTP(w, r)
}

// configured mirrors the documented rule: auth_mode is scaikey exactly
// when the base URL, the client id and the client secret are all set, and
// they are not switched off (SetConfigured).
func (s *Server) configured() bool {
	return s.hasSettings() && !s.scaikeyOff.Load()
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	writeDetail(w, http.StatusNotFound, "Not Found")
}
