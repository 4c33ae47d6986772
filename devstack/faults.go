package devstack

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// Target is a route the stack can break on request.
type Target string

const (
	TargetConfig    Target = "config"    // GET /v1/auth/config
	TargetExchange  Target = "exchange"  // POST /v1/auth/exchange
	TargetRefresh   Target = "refresh"   // POST /v1/auth/refresh
	TargetDiscovery Target = "discovery" // the provider's discovery document
	TargetKeys      Target = "keys"      // the provider's key set
)

// Breakage is how a broken route answers.
type Breakage string

const (
	Healthy    Breakage = ""
	HTML       Breakage = "html"        // 200 with an HTML page, as a misrouted proxy does
	BrokenJSON Breakage = "broken_json" // 200 with JSON cut off halfway
	Status500  Breakage = "status_500"  // a crash page
	Status503  Breakage = "status_503"  // an unavailable service
	Hang       Breakage = "hang"        // no answer until the client gives up
	Hangup     Breakage = "hangup"      // the connection closes without an answer
)

// faults holds the breakages in force; tests change them while the page is
// open.
type faults struct {
	mu     sync.Mutex
	broken map[Target]Breakage
	tamper Tampering

	// The provider's signing, for forgeries that only its key can make.
	sign         func(claims map[string]any, stranger bool) (string, error)
	publicKeyPEM func() ([]byte, error)
}

// Break makes target answer the way b says until it is set Healthy again.
func (s *Stack) Break(target Target, b Breakage) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if s.faults.broken == nil {
		s.faults.broken = map[Target]Breakage{}
	}
	s.faults.broken[target] = b
}

func (f *faults) breakage(t Target) Breakage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.broken[t]
}

// breakable serves next unless the route the request is for is broken.
func (f *faults) breakable(next http.Handler, targetOf func(*http.Request) Target) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := targetOf(r)
		if t == TargetExchange && f.tampering() != Untampered {
			f.tamperExchange(next, w, r)
			return
		}
		if b := f.breakage(t); t != "" && b != Healthy {
			answerBroken(w, r, b)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hangFor bounds a hanging answer, so a test that forgets it still ends.
const hangFor = 2 * time.Minute

func answerBroken(w http.ResponseWriter, r *http.Request, b Breakage) {
	switch b {
	case HTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!doctype html><title>Welcome</title><p>It works!</p>"))
	case BrokenJSON:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"auth_mode": "scaikey", "client_id": `))
	case Status500:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	case Status503:
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
	case Hang:
		select {
		case <-r.Context().Done():
		case <-time.After(hangFor):
		}
	case Hangup:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
			}
		}
	}
}

// apiTarget names the backend route of a request.
func apiTarget(r *http.Request) Target {
	switch r.URL.Path {
	case "/v1/auth/config":
		return TargetConfig
	case "/v1/auth/exchange":
		return TargetExchange
	case "/v1/auth/refresh":
		return TargetRefresh
	}
	return ""
}

// providerTarget names the provider document of a request.
func providerTarget(r *http.Request) Target {
	switch {
	case strings.HasSuffix(r.URL.Path, "/.well-known/openid-configuration"):
		return TargetDiscovery
	case strings.HasSuffix(r.URL.Path, "/keys"):
		return TargetKeys
	}
	return ""
}
