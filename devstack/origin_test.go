package devstack_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The canvas answers on localhost and on 127.0.0.1, two origins of one
// server; only the localhost callback is registered, so a login started
// from the other origin is refused by the provider.
func TestLocalhostAnd127AreTwoOriginsOfOneCanvas(t *testing.T) {
	s := configured(t)
	if !strings.HasPrefix(s.CanvasURL(), "http://localhost:") {
		t.Fatalf("canvas URL %s does not name localhost", s.CanvasURL())
	}
	other := strings.Replace(s.CanvasURL(), "localhost", "127.0.0.1", 1)

	for _, origin := range []string{s.CanvasURL(), other} {
		resp, err := http.Get(origin + "/auth/callback")
		if err != nil {
			t.Fatalf("%s: %v", origin, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != testIndex {
			t.Errorf("%s/auth/callback served %q", origin, body)
		}
	}

	tx := newTransaction()
	b := newBrowser(t, s)
	p := b.authorize(tx.authorizeQuery(s, url.Values{"redirect_uri": {other + "/auth/callback"}}))
	if p.status != http.StatusBadRequest {
		t.Errorf("authorize with the 127.0.0.1 callback: %d at %s", p.status, p.url)
	}
}
