package devstack

import "net/http"

// policy is the Content Security Policy the canvas runs under: scripts and
// styles from its own origin only, WebAssembly compilation allowed, fetches
// to its own origin and the provider's (discovery, keys, direct exchange),
// no plugins, no framing. js/SECURITY.md documents what an embedding page needs.
func policy(providerOrigin string) string {
	return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
		"img-src 'self' data:; connect-src 'self' " + providerOrigin + "; " +
		"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
}

// withPolicy sends the policy with every answer of the canvas server.
func withPolicy(next http.Handler, providerOrigin string) http.Handler {
	p := policy(providerOrigin)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", p)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
