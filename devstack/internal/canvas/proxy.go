package canvas

import (
	"encoding/json"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
)

// newAPIProxy forwards /api/... to the backend as /... . The Host header
// stays the canvas's, like Vite's proxy without changeOrigin, and the
// X-Forwarded headers tell the backend where the request came from.
func newAPIProxy(api *url.URL) http.Handler {
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(api)
			pr.Out.URL.Path = strings.TrimPrefix(pr.In.URL.Path, "/api")
			pr.Out.URL.RawPath = ""
			if pr.Out.URL.Path == "" {
				pr.Out.URL.Path = "/"
			}
			pr.Out.Host = pr.In.Host
			pr.SetXForwarded()
		},
		ErrorHandler: backendDown,
	}
}

// backendDown answers in the backend's own error shape, so the canvas shows
// a readable detail instead of an empty 502.
func backendDown(w http.ResponseWriter, _ *http.Request, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadGateway)
	_ = json.NewEncoder(w).Encode(map[string]string{
		"detail": "canvas dev server: backend unreachable: " + err.Error(),
	})
}
