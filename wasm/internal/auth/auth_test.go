package auth

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/store"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

var bg = context.Background()

func wantError(t *testing.T, a *Auth, code autherr.Code, cause string) *autherr.Error {
	t.Helper()
	e := a.Snapshot().LastError
	if e == nil || e.Code != code || (cause != "" && e.Cause != cause) {
		t.Fatalf("last error = %v, want %s (%s)", e, code, cause)
	}
	if e.Message == "" || e.Fix == "" {
		t.Fatalf("error without message or fix: %+v", e)
	}
	return e
}

func TestSignInLandsSignedInWithACleanURLAndOneExchange(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()

	s := a.Snapshot()
	if !s.SignedIn || s.User["sub"] != "usr_demo" || s.User["name"] != "Dana Demo" {
		t.Fatalf("snapshot = %+v", s)
	}
	if _, ok := s.User["nonce"]; ok {
		t.Fatal("protocol claims leak into the user")
	}
	if w.page.Href() != origin+"/" {
		t.Fatalf("address bar = %q", w.page.Href())
	}
	if ex, _, _ := w.counts(); ex != 1 {
		t.Fatalf("%d exchanges, want 1", ex)
	}
	if s.LastError != nil {
		t.Fatalf("error after a good sign-in: %v", s.LastError)
	}
}

func TestCallbackIsConsumedExactlyOnce(t *testing.T) {
	cases := []struct {
		name string
		act  func(w *world, callbackURL string) *Auth
	}{
		{"mount called ten times at once on the callback", func(w *world, cb string) *Auth {
			w.page.href = cb
			a := w.client()
			var wg sync.WaitGroup
			for i := 0; i < 10; i++ {
				wg.Add(1)
				go func() { defer wg.Done(); _ = a.Mount(bg) }()
			}
			wg.Wait()
			return a
		}},
		{"old callback URL reloaded after sign-in", func(w *world, cb string) *Auth {
			w.page.href = cb
			w.mounted()
			w.page.href = cb // Back, or a reload from history
			return w.mounted()
		}},
		{"hot reload re-mounts a new instance on the callback", func(w *world, cb string) *Auth {
			w.page.href = cb
			first := w.client()
			_ = first.Mount(bg)
			w.page.href = cb // a dev server that restores the old URL
			return w.mounted()
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			a := w.mounted()
			target, err := a.Login(bg, LoginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			final := c.act(w, w.authorize(target))

			if ex, _, _ := w.counts(); ex != 1 {
				t.Fatalf("%d exchanges, want exactly 1", ex)
			}
			if s := final.Snapshot(); !s.SignedIn || s.LastError != nil {
				t.Fatalf("final page: signed in %v, error %v", s.SignedIn, s.LastError)
			}
			if strings.Contains(w.page.Href(), "code=") {
				t.Fatalf("code left in the address bar: %s", w.page.Href())
			}
		})
	}
}

// The code leaves the address bar before it is sent anywhere, so that a
// reload, a Back or a second mount while the exchange runs finds nothing to
// send again.
func TestTheCodeLeavesTheAddressBarBeforeTheExchange(t *testing.T) {
	cases := []struct {
		name string
		page func(w *world) *Auth // a fresh page of an app that signs in this way
	}{
		{"sign-in exchanged by the backend", func(w *world) *Auth { return w.client() }},
		{"sign-in exchanged by the browser itself", func(w *world) *Auth {
			w.down = true
			w.clientID = "scaiflow-public"
			return New(Env{Storage: w.storage, Location: w.page, HTTP: w, Now: w.now,
				Random: rand.Reader}, Options{Exchange: ExchangeDirect, Issuer: issuer,
				ClientID: "scaiflow-public", RedirectURI: redirect})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			start := c.page(w)
			_ = start.Mount(bg)
			target, err := start.Login(bg, LoginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			w.page.href = w.authorize(target)
			a := c.page(w)
			_ = a.Mount(bg)
			if !a.Snapshot().SignedIn {
				t.Fatalf("not signed in: %v", a.Snapshot().LastError)
			}

			w.mu.Lock()
			bars := append([]string(nil), w.barAtExchange...)
			w.mu.Unlock()
			if len(bars) != 1 {
				t.Fatalf("%d exchanges, want 1", len(bars))
			}
			if strings.Contains(bars[0], "code=") || strings.Contains(bars[0], "state=") {
				t.Fatalf("the exchange arrived while the address bar read %s", bars[0])
			}
		})
	}
}

func TestReloadStaysSignedInThroughOneRefresh(t *testing.T) {
	w := newWorld(t)
	w.signIn()
	w.page.href = origin + "/flows/7"
	again := w.mounted()
	if !again.Snapshot().SignedIn {
		t.Fatalf("signed out after reload: %v", again.Snapshot().LastError)
	}
	if _, refreshes, reused := w.counts(); refreshes != 1 || reused != 0 {
		t.Fatalf("refreshes = %d, reused = %d", refreshes, reused)
	}
}

// A backend whose SCAIKEY_AUDIENCE is not the client id refuses every
// call. A page reloaded while signed in says so at once, as a fresh
// sign-in does, and keeps the user signed in: no sign-in can fix it.
func TestReloadPredictsAnAudienceTheBackendRefuses(t *testing.T) {
	cases := []struct {
		name     string
		audience string
		code     autherr.Code // "" for no error
	}{
		{"backend expects the client id", "", ""},
		{"backend expects user-portal", "user-portal", autherr.AudienceMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			w.audience = c.audience
			w.signIn()
			w.page.href = origin + "/flows/7"
			a := w.mounted()

			if !a.Snapshot().SignedIn {
				t.Fatalf("signed out after reload: %v", a.Snapshot().LastError)
			}
			if c.code == "" {
				if e := a.Snapshot().LastError; e != nil {
					t.Fatalf("last error = %v, want none", e)
				}
				return
			}
			wantError(t, a, c.code, "predicted")
		})
	}
}

func TestFailedSignInsSayWhy(t *testing.T) {
	cases := []struct {
		name  string
		act   func(w *world) *Auth
		code  autherr.Code
		cause string
	}{
		{"redirect landed in a tab that started no sign-in", func(w *world) *Auth {
			a := w.mounted()
			target, _ := a.Login(bg, LoginOptions{})
			cb := w.authorize(target)
			w.storage = store.NewMemory() // another tab: its own sessionStorage
			w.page.href = cb
			return w.mounted()
		}, autherr.StateMismatch, autherr.CauseNoPendingLogin},
		{"sign-in finished after the time limit", func(w *world) *Auth {
			a := w.mounted()
			target, _ := a.Login(bg, LoginOptions{})
			w.page.href = w.authorize(target)
			w.advance(11 * time.Minute)
			return w.mounted()
		}, autherr.StateMismatch, autherr.CauseExpired},
		{"old callback URL opened after signing out", func(w *world) *Auth {
			a := w.mounted()
			target, _ := a.Login(bg, LoginOptions{})
			cb := w.authorize(target)
			w.page.href = cb
			signedIn := w.mounted()
			_, _ = signedIn.Logout(bg)
			w.page.href = cb
			return w.mounted()
		}, autherr.StateMismatch, ""},
		{"provider refused the sign-in", func(w *world) *Auth {
			a := w.mounted()
			target, _ := a.Login(bg, LoginOptions{})
			cb := w.authorize(target)
			w.page.href = strings.Replace(cb, "code=", "error=access_denied&"+
				"error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&x=", 1)
			return w.mounted()
		}, autherr.ProviderError, "access_denied"},
		{"backend not answering", func(w *world) *Auth {
			w.down = true
			return w.mounted()
		}, autherr.BackendDown, ""},
		{"ScaiKey's discovery down at the callback", func(w *world) *Auth {
			a := w.mounted()
			target, _ := a.Login(bg, LoginOptions{})
			w.page.href = w.authorize(target)
			w.discovery = false
			return w.mounted()
		}, autherr.DiscoveryFailed, ""},
		{"session expired at the provider before a reload", func(w *world) *Auth {
			w.signIn()
			w.refreshes = map[string]string{} // the provider forgot every session
			w.page.href = origin + "/"
			return w.mounted()
		}, autherr.SessionExpired, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			a := c.act(w)
			e := wantError(t, a, c.code, c.cause)
			if a.Snapshot().SignedIn && c.code != autherr.StateMismatch {
				t.Fatal("signed in after a failure")
			}
			href := w.page.Href()
			if strings.Contains(href, "code=") || strings.Contains(href, "error=") {
				t.Fatalf("OAuth parameters left in the address bar: %s", w.page.Href())
			}
			_ = e
		})
	}
}

func TestAProviderErrorForASignInNoTabStartedIsAStateMismatch(t *testing.T) {
	w := newWorld(t)
	w.page.href = redirect + "?error=access_denied&error_description=%3Cimg+src%3Dx%3E&state=s"
	a := w.mounted()
	// No transaction exists for "s": the state check comes first and the
	// provider's words never reach the message.
	e := wantError(t, a, autherr.StateMismatch, autherr.CauseNoPendingLogin)
	if strings.Contains(e.Message, "img") {
		t.Fatalf("message = %q: an unasked-for answer's text was shown", e.Message)
	}
}

// RFC 9207: a callback that names an issuer must name the one the sign-in
// went to. One naming another provider (a mix-up) sends its code nowhere.
func TestACallbackNamingAnotherIssuerIsNotExchanged(t *testing.T) {
	cases := []struct {
		name string
		iss  string
		code autherr.Code // "" for a sign-in
	}{
		{"provider names itself", issuer, ""},
		{"callback names another provider", "https://evil.example/oauth",
			autherr.CallbackInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			target, err := w.mounted().Login(bg, LoginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			w.page.href = w.authorize(target) + "&iss=" + url.QueryEscape(c.iss)
			a := w.mounted()

			bar := w.page.Href()
			if strings.Contains(bar, "code=") || strings.Contains(bar, "iss=") {
				t.Fatalf("OAuth parameters left in the address bar: %s", bar)
			}
			exchanges, _, _ := w.counts()
			if c.code == "" {
				if s := a.Snapshot(); !s.SignedIn || s.LastError != nil || exchanges != 1 {
					t.Fatalf("signed in %v, error %v, %d exchanges", s.SignedIn, s.LastError,
						exchanges)
				}
				return
			}
			wantError(t, a, c.code, "issuer_mismatch")
			if a.Snapshot().SignedIn || exchanges != 0 {
				t.Fatalf("signed in %v after %d exchanges, want none",
					a.Snapshot().SignedIn, exchanges)
			}
		})
	}
}

func TestLoginRefusesWhatWouldFailAfterTheRedirect(t *testing.T) {
	cases := []struct {
		name     string
		href     string
		returnTo string
		mode     string
		code     autherr.Code
		cause    string
		message  string   // the whole message, when the docs fix it
		fix      []string // what the fix must name
	}{
		{name: "canvas opened on 127.0.0.1", href: "http://127.0.0.1:5173/",
			code: autherr.StateMismatch, cause: autherr.CauseOtherOrigin,
			message: "PKCE state mismatch — login flow is invalid or expired",
			fix: []string{"This page is on http://127.0.0.1:5173",
				"redirect_uri is on http://localhost:5173",
				"Open the canvas at http://localhost:5173"}},
		{name: "return path on another host", href: origin + "/",
			returnTo: "//evil.example/", code: autherr.ReturnToInvalid},
		{name: "javascript return path", href: origin + "/",
			returnTo: "javascript:alert(1)", code: autherr.ReturnToInvalid},
		{name: "backend in dev_token mode", href: origin + "/", mode: "dev_token",
			code: autherr.ScaiKeyRequired},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			if c.mode != "" {
				w.mode = c.mode
			}
			w.page.href = c.href
			a := w.mounted()
			target, err := a.Login(bg, LoginOptions{ReturnTo: c.returnTo})
			e := autherr.As(err)
			wrongCause := c.cause != "" && e != nil && e.Cause != c.cause
			if target != "" || e == nil || e.Code != c.code || wrongCause {
				t.Fatalf("Login = %q, %v; want %s (%s)", target, err, c.code, c.cause)
			}
			if c.message != "" && e.Message != c.message {
				t.Errorf("message = %q, want the documented %q", e.Message, c.message)
			}
			for _, phrase := range c.fix {
				if !strings.Contains(e.Fix, phrase) {
					t.Errorf("fix %q does not name %q", e.Fix, phrase)
				}
			}
			if n := len(w.storage.Snapshot()); n != 0 {
				t.Fatalf("%d records stored for a refused sign-in", n)
			}
		})
	}
}

func TestReturnToIsFollowedAfterSignIn(t *testing.T) {
	w := newWorld(t)
	a := w.mounted()
	target, err := a.Login(bg, LoginOptions{ReturnTo: "/flows/42?tab=nodes"})
	if err != nil {
		t.Fatal(err)
	}
	w.page.href = w.authorize(target)
	signed := w.mounted()
	if got := w.page.Href(); got != origin+"/flows/42?tab=nodes" {
		t.Fatalf("landed on %q", got)
	}
	if signed.Snapshot().ReturnTo != "/flows/42?tab=nodes" {
		t.Fatalf("snapshot returnTo = %q", signed.Snapshot().ReturnTo)
	}
}

func TestMountOptionsShapeTheSignIn(t *testing.T) {
	cases := []struct {
		name      string
		opts      Options
		login     LoginOptions
		wantScope string
		landOn    string
	}{
		{"defaults", Options{}, LoginOptions{},
			"openid profile email offline_access", "/"},
		{"the page's scopes, openid added", Options{Scopes: []string{"profile", "catalog:read"}},
			LoginOptions{}, "openid profile catalog:read", "/"},
		{"the page's default return path", Options{ReturnTo: "/flows"}, LoginOptions{},
			"openid profile email offline_access", "/flows"},
		{"a sign-in's own return path beats the default", Options{ReturnTo: "/flows"},
			LoginOptions{ReturnTo: "/flows/42"}, "openid profile email offline_access",
			"/flows/42"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			a := w.clientWith(c.opts)
			if err := a.Mount(bg); err != nil {
				t.Fatal(err)
			}
			target, err := a.Login(bg, c.login)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(target)
			if got := u.Query().Get("scope"); got != c.wantScope {
				t.Errorf("scope %q, want %q", got, c.wantScope)
			}
			w.page.href = w.authorize(target)
			signed := w.clientWith(c.opts)
			if err := signed.Mount(bg); err != nil {
				t.Fatal(err)
			}
			if !signed.Snapshot().SignedIn {
				t.Fatalf("not signed in: %v", signed.Snapshot().LastError)
			}
			if got := w.page.Href(); got != origin+c.landOn {
				t.Errorf("landed on %q, want %q", got, origin+c.landOn)
			}
		})
	}
}

func TestSignInStartsWithTheDocumentedPathsWhenDiscoveryIsDown(t *testing.T) {
	w := newWorld(t)
	a := w.mounted()
	w.discovery = false // ScaiKey's discovery does not answer; its authorize page does
	target, err := a.Login(bg, LoginOptions{})
	if err != nil {
		t.Fatalf("no sign-in without discovery: %v", err)
	}
	if !strings.HasPrefix(target, issuer+"/authorize?") {
		t.Fatalf("authorize URL %q is not the documented platform path", target)
	}
	if q, _ := url.Parse(target); q.Query().Get("code_challenge_method") != "S256" {
		t.Fatalf("fallback authorize URL without PKCE: %s", target)
	}
}

func TestParallelCallsWithAnExpiredTokenCauseOneRefresh(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()
	w.advance(2 * time.Hour)

	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := a.Fetch(bg, &fetch.Request{Method: "GET", URL: "/api/v1/me"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, refreshes, reused := w.counts(); refreshes != 1 || reused != 0 {
		t.Fatalf("refreshes = %d, reused = %d; want one refresh", refreshes, reused)
	}
}

// A 401 for an access token that has not expired (revoked, or a backend
// that disagrees about it) is worth one refresh and one retry, no more: a
// second 401 ends the session instead of refreshing in a loop.
func TestAnAccessTokenRefusedBeforeItExpiresIsRefreshedOnce(t *testing.T) {
	cases := []struct {
		name     string
		refuse   func(w *world, access string)
		code     autherr.Code // what the call fails with; "" for its answer
		signedIn bool
	}{
		{"backend revoked the access token", func(w *world, access string) {
			w.revoked[access] = true
		}, "", true},
		{"backend refuses every access token", func(w *world, _ string) {
			w.refuseAll = true
		}, autherr.Unauthorized, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			a := w.signIn()
			access, err := a.AccessToken(bg)
			if err != nil {
				t.Fatal(err)
			}
			w.mu.Lock()
			c.refuse(w, access)
			w.mu.Unlock()

			_, err = a.Fetch(bg, &fetch.Request{Method: "GET", URL: "/api/v1/me"})
			if got := autherr.CodeOf(err); got != c.code {
				t.Fatalf("GET /me: %v, want %q", err, c.code)
			}
			_, refreshes, _ := w.counts()
			if calls := w.requestsTo("/api/v1/me"); refreshes != 1 || calls != 2 {
				t.Fatalf("%d refreshes and %d calls, want one refresh and one retry",
					refreshes, calls)
			}
			if a.Snapshot().SignedIn != c.signedIn {
				t.Fatalf("signed in %v, want %v", a.Snapshot().SignedIn, c.signedIn)
			}
			if c.signedIn {
				if e := a.Snapshot().LastError; e != nil {
					t.Fatalf("last error = %v, want none", e)
				}
			} else {
				wantError(t, a, autherr.SessionExpired, "refused_after_refresh")
			}

			// The next call starts over from what the first one left.
			_, _ = a.Fetch(bg, &fetch.Request{Method: "GET", URL: "/api/v1/me"})
			if _, again, _ := w.counts(); again != 1 {
				t.Fatalf("%d refreshes after a second call, want still one", again)
			}
		})
	}
}

// The page stays open while the provider ends the session: the refresh
// ahead of expiry is refused, the user is signed out with the reason, and
// nothing is sent again however long the page stays open.
func TestARefusedRefreshAheadOfExpirySignsOutOnce(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()
	w.mu.Lock()
	w.refreshes = map[string]string{} // the provider ended every session
	w.mu.Unlock()

	w.pass(59 * time.Minute) // an hour's token is refreshed a minute early
	if _, refreshes, _ := w.counts(); refreshes != 1 {
		t.Fatalf("%d refreshes a minute before expiry, want 1", refreshes)
	}
	wantError(t, a, autherr.SessionExpired, "refresh_refused")
	if a.Snapshot().SignedIn {
		t.Fatal("still signed in with a refused refresh token")
	}
	if _, ok, _ := w.storage.Get(sessionKey); ok {
		t.Fatal("the refused refresh token is kept for a reload")
	}

	w.pass(2 * time.Hour)
	if _, refreshes, _ := w.counts(); refreshes != 1 {
		t.Fatalf("%d refreshes, want the refused one only", refreshes)
	}
}

// idToken is an ID token of the world's provider, signed with its key but
// naming kid, as after a key rotation the page has not seen yet.
func (w *world) idToken(kid string) string {
	w.mu.Lock()
	now := w.clock
	w.mu.Unlock()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss": issuer, "sub": "usr_demo", "aud": clientID, "iat": now.Unix(),
		"exp": now.Add(time.Hour).Unix(),
	})
	tok.Header["kid"] = kid
	raw, err := tok.SignedString(w.key)
	if err != nil {
		w.t.Fatal(err)
	}
	return raw
}

// Tokens naming kids the key set lacks, rotated or made up, download the
// set again at most once in ten seconds.
func TestAKeyRotatedRightAfterTheSignInIsLookedUp(t *testing.T) {
	w := newWorld(t)
	w.ttl = 5 * time.Second
	a := w.signIn() // the key set is read here
	w.rotateKey()
	w.advance(6 * time.Second) // the access token has expired; the keys are 6 s old

	// The refresh's ID token names the new key: the set is read again,
	// however recently it was first read, or the rotated tokens are lost.
	if _, err := a.AccessToken(bg); err != nil {
		t.Fatalf("the refresh after the rotation failed: %v", err)
	}
	if s := a.Snapshot(); !s.SignedIn || s.LastError != nil {
		t.Fatalf("after the rotation: signed in %v, %v", s.SignedIn, s.LastError)
	}
}

func TestUnknownKeyIDsDownloadTheKeySetAtMostOnceInTenSeconds(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()
	v, err := a.verifier(bg)
	if err != nil {
		t.Fatal(err)
	}
	w.advance(minRefetch) // the key set read at sign-in is no longer fresh
	before := w.requestsTo("/keys")
	verify := func(kid string) {
		t.Helper()
		_, err := v.Verify(bg, w.idToken(kid), "")
		if e := autherr.As(err); e == nil || e.Cause != token.CauseUnknownKID {
			t.Fatalf("token with kid %s: %v, want %s", kid, err, token.CauseUnknownKID)
		}
	}

	for i := range 5 { // five tokens within ten seconds
		verify(fmt.Sprintf("rotated-%d", i))
		w.advance(minRefetch / 5)
	}
	if n := w.requestsTo("/keys") - before; n != 1 {
		t.Fatalf("key set downloaded %d times for five unknown kids, want once", n)
	}
	verify("rotated-5") // ten seconds after that download
	if n := w.requestsTo("/keys") - before; n != 2 {
		t.Fatalf("key set downloaded %d times in all, want once more after ten seconds", n)
	}
}

func TestAudienceMismatchIsPredictedAndMapped(t *testing.T) {
	w := newWorld(t)
	w.audience = "user-portal"
	a := w.signIn()
	if !a.Snapshot().SignedIn {
		t.Fatal("sign-in itself must work: the ID token's audience is the client id")
	}
	wantError(t, a, autherr.AudienceMismatch, "predicted")

	_, err := a.Fetch(bg, &fetch.Request{Method: "GET", URL: "/api/v1/me"})
	e := autherr.As(err)
	if e == nil || e.Code != autherr.AudienceMismatch || e.Status != 401 ||
		e.Message != "invalid token: Audience doesn't match" {
		t.Fatalf("err = %+v", e)
	}
	if !a.Snapshot().SignedIn {
		t.Fatal("signed out for a backend misconfiguration no sign-in can fix")
	}
	if _, refreshes, _ := w.counts(); refreshes != 0 {
		t.Fatalf("%d refreshes for an audience mismatch", refreshes)
	}
}

func TestBearerGoesOnlyToTheAPI(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()
	a.SetDevToken("dev-secret")
	for _, r := range []*fetch.Request{
		{Method: "GET", URL: "https://tracker.example/pixel"},
		{Method: "GET", URL: "/static/examples/hello.json"},
		{Method: "POST", URL: "/api/v1/dev/deploy"},
		{Method: "GET", URL: "/api/v1/me"},
	} {
		_, _ = a.Fetch(bg, r)
	}
	got := map[string]string{}
	for _, r := range w.requests {
		got[r.URL] = r.Header["Authorization"]
	}
	if got["https://tracker.example/pixel"] != "" || got["/static/examples/hello.json"] != "" {
		t.Fatalf("bearer sent off the API: %v", got)
	}
	if got["/api/v1/dev/deploy"] != "Bearer dev-secret" {
		t.Fatalf("dev deploy carried %q", got["/api/v1/dev/deploy"])
	}
	if !strings.HasPrefix(got["/api/v1/me"], "Bearer ey") {
		t.Fatalf("API call carried %q", got["/api/v1/me"])
	}
}

func TestLogoutForgetsEverythingAndNamesNoToken(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()
	target, err := a.Logout(bg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(target, issuer+"/end_session?") || strings.Contains(target, "eyJ") {
		t.Fatalf("end-session URL = %q", target)
	}
	if a.Snapshot().SignedIn {
		t.Fatal("still signed in")
	}
	if n := len(w.storage.Snapshot()); n != 0 {
		t.Fatalf("storage after sign-out: %v", w.storage.Snapshot())
	}
	if _, err := a.AccessToken(bg); autherr.CodeOf(err) != autherr.SignInRequired {
		t.Fatalf("AccessToken after sign-out: %v", err)
	}
}

func TestNothingSecretIsStoredOrTraced(t *testing.T) {
	w := newWorld(t)
	a := w.mounted()
	target, _ := a.Login(bg, LoginOptions{})
	cb := w.authorize(target)
	w.page.href = cb
	signed := w.mounted()
	access, _ := signed.AccessToken(bg)

	code := strings.TrimPrefix(strings.Split(cb, "&")[0], redirect+"?code=")
	secrets := []string{code, access}
	for _, v := range w.storage.Snapshot() {
		for _, s := range secrets {
			if strings.Contains(v, s) {
				t.Fatalf("storage holds a secret: %q", v)
			}
		}
		if strings.Contains(v, `"verifier"`) {
			t.Fatalf("verifier still stored after use: %q", v)
		}
	}
	for _, step := range signed.Trace() {
		for _, s := range append(secrets, "eyJ") {
			if strings.Contains(step.Detail, s) {
				t.Fatalf("trace step %+v leaks a secret", step)
			}
		}
	}
}

func TestTheCallbacksTraceStartsWhereTheSignInDid(t *testing.T) {
	w := newWorld(t)
	target, err := w.mounted().Login(bg, LoginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// What the redirect carries over holds no state, nonce or verifier.
	kept, ok, _ := w.storage.Get(traceKey)
	if !ok {
		t.Fatal("the sign-in kept no trace for the page after the redirect")
	}
	u, _ := url.Parse(target)
	for _, secret := range []string{u.Query().Get("state"), u.Query().Get("nonce"),
		u.Query().Get("code_challenge")} {
		if secret == "" || strings.Contains(kept, secret) {
			t.Fatalf("the kept trace holds a sign-in secret (or the URL lacks one): %s", kept)
		}
	}

	w.page.href = w.authorize(target)
	signed := w.mounted()
	var steps []string
	for _, s := range signed.Trace() {
		steps = append(steps, s.Step+": "+s.Detail)
	}
	all := strings.Join(steps, "\n")
	started := strings.Index(all, "login: started on "+origin+" for redirect_uri "+redirect)
	callback := strings.Index(all, "callback: ")
	if started < 0 || callback < 0 || started > callback {
		t.Fatalf("the trace does not run from the sign-in's start to its callback:\n%s", all)
	}
	if _, ok, _ := w.storage.Get(traceKey); ok {
		t.Fatal("the kept trace is still stored after it was taken back")
	}
	if again := w.mounted().Trace(); strings.Contains(fmt.Sprint(again), "started on") {
		t.Fatal("a later page tells the sign-in's start again")
	}
}

func TestWrongLocalClockDoesNotExpireFreshTokens(t *testing.T) {
	cases := []struct {
		name string
		off  time.Duration // this computer's clock minus the server's
	}{
		{"computer two hours late", -2 * time.Hour},
		{"computer two hours fast: fresh tokens look expired", 2 * time.Hour},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			w.ttl = 10 * time.Minute
			// The server's clock is right; this computer's is off, on the
			// page that starts the sign-in and on the callback alike.
			page := func() *Auth {
				a := New(Env{Storage: w.storage, Location: w.page, HTTP: w,
					Random: rand.Reader, Now: func() time.Time { return w.now().Add(c.off) }},
					Options{})
				if err := a.Mount(bg); err != nil {
					t.Fatal(err)
				}
				return a
			}
			target, err := page().Login(bg, LoginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			w.page.href = w.authorize(target)
			skewed := page()
			if !skewed.Snapshot().SignedIn {
				t.Fatalf("a wrong clock rejected a fresh token: %v",
					skewed.Snapshot().LastError)
			}
			if skewed.Skew() != -c.off {
				t.Fatalf("skew = %v, want %v", skewed.Skew(), -c.off)
			}
		})
	}
}

func TestDevTokenModeOffersOnlyTheDeploy(t *testing.T) {
	w := newWorld(t)
	w.mode = "dev_token"
	a := w.mounted()
	s := a.Snapshot()
	if s.Mode != "dev_token" || len(s.Tabs) != 1 || s.Tabs[0] != "examples" {
		t.Fatalf("snapshot = %+v", s)
	}
	if d := a.Can("save"); d.Allowed || d.Reason != "Save requires ScaiKey login" {
		t.Fatalf("can(save) = %+v", d)
	}
	if _, err := a.AccessToken(bg); autherr.CodeOf(err) != autherr.ScaiKeyRequired {
		t.Fatalf("AccessToken in dev_token mode: %v", err)
	}
}

func TestACallbackOnTheOtherOriginSaysWhichToOpen(t *testing.T) {
	w := newWorld(t)
	target, err := w.mounted().Login(bg, LoginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The provider's redirect is opened on 127.0.0.1: another origin, with
	// a sessionStorage that never saw this sign-in.
	cb := w.authorize(target)
	w.page.href = strings.Replace(cb, "localhost", "127.0.0.1", 1)
	w.storage = store.NewMemory()

	a := w.mounted()
	e := wantError(t, a, autherr.StateMismatch, autherr.CauseOtherOrigin)
	if e.Message != "PKCE state mismatch — login flow is invalid or expired" {
		t.Errorf("message %q is not the documented one", e.Message)
	}
	for _, want := range []string{"This page is on http://127.0.0.1:5173",
		"Open the canvas at http://localhost:5173"} {
		if !strings.Contains(e.Fix, want) {
			t.Errorf("fix %q does not say %q", e.Fix, want)
		}
	}
	if w.exchanges != 0 {
		t.Errorf("%d exchanges for a callback this origin cannot finish", w.exchanges)
	}
}

func TestDiagnoseFindsTheOriginTrapAndTheAudience(t *testing.T) {
	w := newWorld(t)
	w.audience = "user-portal"
	w.page.href = "http://127.0.0.1:5173/"
	a := w.mounted()
	found := map[string]Finding{}
	for _, f := range a.Diagnose(bg) {
		found[f.Check] = f
	}
	if f := found["origin"]; f.Severity != Problem || !strings.Contains(f.Message, "127.0.0.1") ||
		!strings.Contains(f.Fix, "Open the canvas at http://localhost:5173") {
		t.Fatalf("origin finding = %+v", f)
	}
	f := found["audience"]
	if f.Severity != Warning || !strings.Contains(f.Message, "user-portal") {
		t.Fatalf("audience finding = %+v", f)
	}
	if f := found["storage"]; f.Severity != OK {
		t.Fatalf("storage finding = %+v", f)
	}
	w.storage.Fail = errSecurity
	for _, f := range a.Diagnose(bg) {
		if f.Check == "storage" && f.Severity != Problem {
			t.Fatalf("throwing storage reported %+v", f)
		}
	}
}

var errSecurity = &autherr.Error{Code: "x", Message: "SecurityError"}

func TestModeSwitchedOnTheBackendShowsWithoutAReload(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()

	w.mode = "dev_token"
	changed, err := a.ReloadConfig(bg)
	if err != nil || !changed {
		t.Fatalf("ReloadConfig = %v, %v", changed, err)
	}
	if s := a.Snapshot(); s.Mode != "dev_token" || len(s.Tabs) != 1 {
		t.Fatalf("after the switch: %+v", s)
	}
	if d := a.Can("save"); d.Allowed || d.Reason != "Save requires ScaiKey login" {
		t.Fatalf("can(save) = %+v", d)
	}

	w.mode = "scaikey"
	if changed, _ := a.ReloadConfig(bg); !changed {
		t.Fatal("switch back not noticed")
	}
	if d := a.Can("save"); !d.Allowed {
		t.Fatalf("session lost across the switch: %+v", d)
	}
	if changed, _ := a.ReloadConfig(bg); changed {
		t.Fatal("an unchanged config reported as a change")
	}
}

func TestBackendAwayDuringReloadKeepsTheMode(t *testing.T) {
	w := newWorld(t)
	a := w.signIn()
	w.down = true
	if _, err := a.ReloadConfig(bg); autherr.CodeOf(err) != autherr.BackendDown {
		t.Fatalf("err = %v", err)
	}
	if s := a.Snapshot(); s.Mode != "scaikey" || !s.SignedIn {
		t.Fatalf("a missed poll changed the state: %+v", s)
	}
}

func TestConfigFetchedByTheLoaderSavesTheRoundTrip(t *testing.T) {
	w := newWorld(t)
	early := w.config()
	a := New(Env{Storage: w.storage, Location: w.page, HTTP: w, Now: w.now},
		Options{ConfigReply: early})
	if err := a.Mount(bg); err != nil {
		t.Fatal(err)
	}
	if s := a.Snapshot(); s.Mode != "scaikey" {
		t.Fatalf("mode = %q", s.Mode)
	}
	for _, r := range w.requests {
		if strings.HasSuffix(r.URL, "/auth/config") {
			t.Fatal("config fetched again")
		}
	}
}

func TestDirectExchangeSignsInWithoutABackend(t *testing.T) {
	w := newWorld(t)
	w.down = true // no backend at all
	w.clientID = "scaiflow-public"
	direct := func() *Auth {
		a := New(Env{Storage: w.storage, Location: w.page, HTTP: w, Now: w.now,
			Random: rand.Reader}, Options{
			Exchange: ExchangeDirect, Issuer: issuer, ClientID: "scaiflow-public",
			RedirectURI: redirect,
		})
		if err := a.Mount(bg); err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := direct()
	target, err := a.Login(bg, LoginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(target, "client_id=scaiflow-public") {
		t.Fatalf("authorize URL names another client: %s", target)
	}
	w.page.href = w.authorize(target)
	signed := direct()
	if s := signed.Snapshot(); !s.SignedIn || s.LastError != nil {
		t.Fatalf("direct sign-in: %+v", s)
	}

	w.advance(2 * time.Hour)
	if _, err := signed.AccessToken(bg); err != nil {
		t.Fatalf("direct refresh: %v", err)
	}
	if ex, refreshes, reused := w.counts(); ex != 1 || refreshes != 1 || reused != 0 {
		t.Fatalf("exchanges %d, refreshes %d, reused %d", ex, refreshes, reused)
	}
}

// requestsTo counts the world's requests whose URL ends in suffix.
func (w *world) requestsTo(suffix string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, r := range w.requests {
		if strings.HasSuffix(r.URL, suffix) {
			n++
		}
	}
	return n
}

func TestTokensAreFetchedWhileTheProviderIsRead(t *testing.T) {
	cases := []struct {
		name string
		page func(w *world) // brings the world to the page that is loaded
	}{
		{"callback", func(w *world) {
			target, err := w.mounted().Login(bg, LoginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			w.page.href = w.authorize(target)
		}},
		{"reload of a signed-in page", func(w *world) {
			w.signIn()
			w.page.href = origin + "/flows/42"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			c.page(w)

			// The new page reads discovery again, and asks the backend for
			// tokens; neither answers before both were asked. A page that
			// sent one only after the other's answer would wait for ever.
			w.mu.Lock()
			w.meeting = newMeeting()
			w.mu.Unlock()
			ctx, cancel := context.WithTimeout(bg, 5*time.Second)
			defer cancel()
			before := w.requestsTo("/openid-configuration")
			a := w.client()
			if err := a.Mount(ctx); err != nil {
				t.Fatal(err)
			}
			if s := a.Snapshot(); !s.SignedIn || s.LastError != nil {
				t.Fatalf("tokens and discovery were asked for one after the other: %+v",
					s.LastError)
			}
			if n := w.requestsTo("/openid-configuration") - before; n != 1 {
				t.Errorf("discovery read %d times, want once", n)
			}
		})
	}
}

func TestDirectCallbackReadsDiscoveryOnceForTheExchangeAndTheKeys(t *testing.T) {
	w := newWorld(t)
	w.down = true
	w.clientID = "scaiflow-public"
	direct := func() *Auth {
		return New(Env{Storage: w.storage, Location: w.page, HTTP: w, Now: w.now,
			Random: rand.Reader}, Options{
			Exchange: ExchangeDirect, Issuer: issuer, ClientID: "scaiflow-public",
			RedirectURI: redirect,
		})
	}
	start := direct()
	_ = start.Mount(bg)
	target, err := start.Login(bg, LoginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w.page.href = w.authorize(target)

	discoveries, keys := w.requestsTo("/openid-configuration"), w.requestsTo("/keys")
	w.mu.Lock()
	w.latency = 20 * time.Millisecond
	w.mu.Unlock()
	a := direct()
	if err := a.Mount(bg); err != nil {
		t.Fatal(err)
	}
	if s := a.Snapshot(); !s.SignedIn {
		t.Fatalf("not signed in: %+v", s.LastError)
	}
	if n := w.requestsTo("/openid-configuration") - discoveries; n != 1 {
		t.Errorf("discovery read %d times, want once for the token endpoint and the keys", n)
	}
	if n := w.requestsTo("/keys") - keys; n != 1 {
		t.Errorf("key set read %d times, want once", n)
	}
}

func TestDirectExchangeWithoutItsSettingsSaysWhatIsMissing(t *testing.T) {
	w := newWorld(t)
	a := New(Env{Storage: w.storage, Location: w.page, HTTP: w, Now: w.now},
		Options{Exchange: ExchangeDirect, ClientID: "scaiflow-public"})
	_ = a.Mount(bg)
	wantError(t, a, autherr.ConfigInvalid, "direct_options")
}

// The backend leaves scaikey mode while the user is at the provider: the
// code that comes back cannot be exchanged. It leaves the address bar, no
// exchange is tried, and the page says why in the documented words.
func TestACallbackStrandedByDevTokenModeEndsInNotConfigured(t *testing.T) {
	w := newWorld(t)
	a := w.mounted()
	target, err := a.Login(bg, LoginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	callback := w.authorize(target)
	w.mu.Lock()
	w.mode = "dev_token"
	w.mu.Unlock()

	for range 2 { // going Back to the callback URL ends the same way
		w.page.href = callback
		b := w.mounted()
		if strings.Contains(w.page.Href(), "code=") || strings.Contains(w.page.Href(), "state=") {
			t.Fatalf("the code stays in the address bar: %s", w.page.Href())
		}
		last := b.Snapshot().LastError
		if last == nil || last.Code != autherr.OIDCNotConfigured || last.Cause != "dev_token_mode" {
			t.Fatalf("lastError = %v, want oidc_not_configured (dev_token_mode)", last)
		}
	}
	if exchanges, _, _ := w.counts(); exchanges != 0 {
		t.Errorf("%d exchanges tried in dev_token mode", exchanges)
	}
}

// A page in dev_token mode with a state it did not start is left alone.
func TestAForeignStateInDevTokenModeIsNotTouched(t *testing.T) {
	w := newWorld(t)
	w.mode = "dev_token"
	w.page.href = origin + "/auth/callback?code=theirs&state=theirs"
	a := w.mounted()
	if got := w.page.Href(); got != origin+"/auth/callback?code=theirs&state=theirs" {
		t.Errorf("the page's own query was changed to %s", got)
	}
	if last := a.Snapshot().LastError; last != nil {
		t.Errorf("lastError = %v", last)
	}
}
