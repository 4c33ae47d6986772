package devstack

import (
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/scaiflow/scaiauth/devstack/internal/canvas"
)

// ExampleConfigPath is where the example app reads its deployment's
// settings: the API base, the issuer and the public client. The stack
// answers it itself, since the provider's port is known only at start.
const ExampleConfigPath = "/config.json"

// exampleConfig is the body of ExampleConfigPath.
type exampleConfig struct {
	APIBase  string `json:"apiBase"`
	Issuer   string `json:"issuer"`
	ClientID string `json:"clientId"`
}

// exampleApp serves Options.ExampleRoot like the canvas: its routes answer
// index.html, /api goes to the backend, and the page runs under the same
// Content-Security-Policy. It returns nil when no example is served.
func (s *Stack) exampleApp(o Options, api *url.URL) (http.Handler, error) {
	if o.ExampleRoot == "" {
		return nil, nil
	}
	files, err := canvas.New(o.ExampleRoot, api)
	if err != nil {
		return nil, err
	}
	s.example = files

	settings, err := json.Marshal(exampleConfig{
		APIBase:  "/api/v1",
		Issuer:   s.ProviderIssuer(),
		ClientID: o.PublicClientID,
	})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+ExampleConfigPath, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(settings)
	})
	mux.Handle("/", files)
	return withPolicy(mux, s.baseURL), nil
}

// exampleRedirects are the example's callback and its page after sign-out,
// registered for both clients next to the canvas's: exact URIs, as
// ScaiKey compares them byte for byte.
func (s *Stack) exampleRedirects() (callback, afterLogout []string) {
	if s.exampleOrigin == "" {
		return nil, nil
	}
	return []string{s.exampleOrigin + CallbackPath}, []string{s.exampleOrigin + "/"}
}

// ExampleURL is the origin of the example app, e.g. http://localhost:5174,
// or "" when Options.ExampleRoot was not set. Its callback is
// ExampleURL() + "/auth/callback".
func (s *Stack) ExampleURL() string { return s.exampleOrigin }
