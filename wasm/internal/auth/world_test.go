package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/pkce"
	"github.com/scaiflow/scaiauth/wasm/internal/store"
)

// world is a page, a backend and a provider that behave like the real ones:
// single-use codes bound to their PKCE challenge, rotating refresh tokens,
// RS256 ID tokens. Tests drive it the way a user would.
type world struct {
	t       *testing.T
	mu      sync.Mutex
	key     *rsa.PrivateKey
	kid     string // the key's id in the key set and in every token
	clock   time.Time
	storage *store.Memory
	page    *page

	mode      string
	audience  string
	clientID  string // the client tokens are issued to
	ttl       time.Duration
	down      bool // the backend answers nothing
	discovery bool // the provider's discovery answers
	// meeting, when set, holds back both the discovery document and the
	// backend's token answer until both have been asked for: a page that
	// sends one only after the other's answer waits for ever.
	meeting *meeting
	// latency is how long each of the provider's answers takes, as over a
	// network, so that requests sent side by side overlap.
	latency time.Duration

	// person is who signs in at the provider's form: "usr_demo" unless a
	// test sends someone else.
	person    string
	codes     map[string]codeGrant
	refreshes map[string]string // live refresh token -> subject
	// revoked are access tokens the backend refuses before they expire;
	// refuseAll makes it refuse every access token, however fresh.
	revoked   map[string]bool
	refuseAll bool
	exchanges int
	refreshN  int
	reused    int
	requests  []*fetch.Request
	// barAtExchange is the page's address bar at the moment each exchange
	// arrived, to tell whether the code was still in it.
	barAtExchange []string
	// timers are the pages' timers, on the world's clock: pass fires them.
	timers []*timer
}

// timer is one setTimeout of a page.
type timer struct {
	at   time.Time
	fn   func()
	done bool // fired or cancelled
}

type codeGrant struct {
	challenge, nonce, redirect string
	subject                    string // who signed in at the provider
	used                       bool
}

const (
	origin   = "http://localhost:5173"
	redirect = origin + "/auth/callback"
	issuer   = "http://localhost:9000/api/v1/platform/oauth"
	clientID = "scaiflow-canvas"
)

func newWorld(t *testing.T) *world {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{
		t: t, key: key, storage: store.NewMemory(),
		clock: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC),
		mode:  "scaikey", ttl: time.Hour, discovery: true, clientID: clientID,
		codes: map[string]codeGrant{}, refreshes: map[string]string{},
		revoked: map[string]bool{}, person: "usr_demo", kid: "k1",
	}
	w.page = &page{href: origin + "/"}
	return w
}

// rotateKey makes the provider sign with a new key, the only one its key
// set names from now on.
func (w *world) rotateKey() {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		w.t.Fatal(err)
	}
	w.mu.Lock()
	w.key, w.kid = key, w.kid+"-rotated"
	w.mu.Unlock()
}

func (w *world) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.clock
}

// advance moves the clock and nothing else: a timer planned for the
// meantime has not fired (pass fires them).
func (w *world) advance(d time.Duration) {
	w.mu.Lock()
	w.clock = w.clock.Add(d)
	w.mu.Unlock()
}

// pass lets d go by with the page open: the clock moves, and every timer
// that comes due meanwhile fires, in order, at its time. Timers the fired
// ones set run too when they fall within d.
func (w *world) pass(d time.Duration) {
	w.mu.Lock()
	end := w.clock.Add(d)
	w.mu.Unlock()
	for {
		w.mu.Lock()
		var next *timer
		for _, t := range w.timers {
			if !t.done && !t.at.After(end) && (next == nil || t.at.Before(next.at)) {
				next = t
			}
		}
		if next == nil {
			w.clock = end
			w.mu.Unlock()
			return
		}
		next.done = true
		if next.at.After(w.clock) {
			w.clock = next.at
		}
		w.mu.Unlock()
		next.fn()
	}
}

// after is the pages' setTimeout.
func (w *world) after(d time.Duration, fn func()) func() {
	w.mu.Lock()
	defer w.mu.Unlock()
	t := &timer{at: w.clock.Add(d), fn: fn}
	w.timers = append(w.timers, t)
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		t.done = true
	}
}

// client mounts a fresh page instance on the world's current URL and storage.
func (w *world) client() *Auth { return w.clientWith(Options{}) }

// clientWith is client with the page's mount() options.
func (w *world) clientWith(o Options) *Auth {
	return New(Env{
		Storage: w.storage, Location: w.page, HTTP: w, Now: w.now, After: w.after,
		Random: rand.Reader,
	}, o)
}

func (w *world) mounted() *Auth {
	a := w.client()
	if err := a.Mount(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	return a
}

// authorize plays the provider's part after Login: the user signs in and is
// sent back to the callback with a code.
func (w *world) authorize(authorizeURL string) string {
	u, err := url.Parse(authorizeURL)
	if err != nil {
		w.t.Fatal(err)
	}
	q := u.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
		w.t.Fatalf("authorize URL without PKCE: %s", authorizeURL)
	}
	code, _ := pkce.Random(rand.Reader, 16)
	w.mu.Lock()
	w.codes[code] = codeGrant{challenge: q.Get("code_challenge"), nonce: q.Get("nonce"),
		redirect: q.Get("redirect_uri"), subject: w.person}
	w.mu.Unlock()
	return q.Get("redirect_uri") + "?code=" + code + "&state=" + url.QueryEscape(q.Get("state"))
}

// signIn runs a whole sign-in and returns the page's client.
func (w *world) signIn() *Auth {
	a := w.mounted()
	target, err := a.Login(context.Background(), LoginOptions{})
	if err != nil {
		w.t.Fatal(err)
	}
	w.page.href = w.authorize(target)
	return w.mounted()
}

type page struct {
	mu       sync.Mutex
	href     string
	replaced []string
}

func (p *page) Href() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.href
}

func (p *page) Replace(path string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	u, _ := url.Parse(p.href)
	next, err := u.Parse(path)
	if err != nil || next.Host != u.Host {
		return errors.New("SecurityError: replaceState to another origin")
	}
	p.href = next.String()
	p.replaced = append(p.replaced, path)
	return nil
}

func (p *page) Assign(string) error { return nil }

func (w *world) Do(ctx context.Context, r *fetch.Request) (*fetch.Response, error) {
	w.mu.Lock()
	w.requests = append(w.requests, r)
	down, m := w.down, w.meeting
	w.mu.Unlock()
	u, err := url.Parse(r.URL)
	if err != nil {
		return nil, err
	}
	if m != nil {
		if err := m.arrive(ctx, u.Path); err != nil {
			return nil, err
		}
	}
	if r.Method == "POST" && r.URL == issuer+"/token" {
		return w.tokenEndpoint(r), nil
	}
	if strings.HasPrefix(r.URL, "http://localhost:9000") {
		return w.provider(ctx, u.Path)
	}
	if down {
		return nil, errors.New("TypeError: Failed to fetch")
	}
	switch r.Method + " " + u.Path {
	case "GET /api/v1/auth/config":
		return w.config(), nil
	case "POST /api/v1/auth/exchange":
		return w.exchange(r.Body), nil
	case "POST /api/v1/auth/refresh":
		return w.refresh(r.Body), nil
	case "GET /api/v1/me":
		return w.me(r.Header["Authorization"]), nil
	}
	return reply(404, `{"detail":"Not Found"}`), nil
}

func reply(status int, body string) *fetch.Response {
	return &fetch.Response{Status: status, Body: []byte(body),
		Header: map[string]string{"content-type": "application/json"}}
}

func replyJSON(status int, v any) *fetch.Response {
	b, _ := json.Marshal(v)
	return reply(status, string(b))
}

func (w *world) config() *fetch.Response {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.mode != "scaikey" {
		return reply(200, `{"auth_mode":"dev_token","scaikey_base_url":null,"client_id":null}`)
	}
	r := replyJSON(200, map[string]any{
		"auth_mode": "scaikey", "scaikey_base_url": "http://localhost:9000",
		"client_id": clientID, "audience": w.audience, "redirect_uri": redirect,
	})
	r.Header["date"] = w.clock.Format(httpDate)
	return r
}

func (w *world) provider(ctx context.Context, path string) (*fetch.Response, error) {
	w.mu.Lock()
	discovery, latency := w.discovery, w.latency
	w.mu.Unlock()
	if latency > 0 {
		time.Sleep(latency)
	}
	if !discovery {
		return nil, errors.New("TypeError: Failed to fetch")
	}
	switch path {
	case "/api/v1/platform/oauth/.well-known/openid-configuration":
		return replyJSON(200, map[string]string{
			"issuer":                 issuer,
			"authorization_endpoint": issuer + "/authorize",
			"token_endpoint":         issuer + "/token",
			"jwks_uri":               issuer + "/keys",
			"end_session_endpoint":   issuer + "/end_session",
		}), nil
	case "/api/v1/platform/oauth/keys":
		pub := w.key.PublicKey
		return replyJSON(200, map[string]any{"keys": []map[string]string{{
			"kty": "RSA", "kid": w.kid, "use": "sig", "alg": "RS256",
			"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		}}}), nil
	}
	return reply(404, `{}`), nil
}

func (w *world) exchange(body []byte) *fetch.Response {
	var in struct{ Code, CodeVerifier, RedirectURI string }
	_ = json.Unmarshal(body, &struct {
		Code         *string `json:"code"`
		CodeVerifier *string `json:"code_verifier"`
		RedirectURI  *string `json:"redirect_uri"`
	}{&in.Code, &in.CodeVerifier, &in.RedirectURI})
	bar := w.page.Href()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.exchanges++
	w.barAtExchange = append(w.barAtExchange, bar)
	if w.mode != "scaikey" {
		return reply(503, `{"detail":"ScaiKey OIDC not configured on the server"}`)
	}
	g, ok := w.codes[in.Code]
	if !ok || g.used {
		return reply(400, `{"detail":{"error":"invalid_grant","error_description":"invalid code"}}`)
	}
	g.used = true
	w.codes[in.Code] = g
	if pkce.Challenge(in.CodeVerifier) != g.challenge || in.RedirectURI != g.redirect {
		return reply(400, `{"detail":{"error":"invalid_grant",`+
			`"error_description":"invalid code challenge"}}`)
	}
	return w.tokens(g.subject, g.nonce)
}

func (w *world) refresh(body []byte) *fetch.Response {
	var in struct {
		RefreshToken string `json:"refresh_token"`
	}
	_ = json.Unmarshal(body, &in)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.refreshN++
	sub, ok := w.refreshes[in.RefreshToken]
	if !ok {
		w.reused++
		return reply(400, `{"detail":{"error":"invalid_grant",`+
			`"error_description":"invalid refresh token"}}`)
	}
	delete(w.refreshes, in.RefreshToken) // rotation: the old one dies at once
	return w.tokens(sub, "")
}

// meeting is where a discovery request and a token request wait for each
// other, so a test can tell that a page sent them side by side.
type meeting struct {
	mu        sync.Mutex
	discovery bool
	tokens    bool
	both      chan struct{}
}

func newMeeting() *meeting { return &meeting{both: make(chan struct{})} }

// arrive lets a request to path through once the other side has arrived
// too; requests for anything else pass at once.
func (m *meeting) arrive(ctx context.Context, path string) error {
	m.mu.Lock()
	switch {
	case strings.HasSuffix(path, "/openid-configuration"):
		m.discovery = true
	case strings.HasSuffix(path, "/auth/exchange"), strings.HasSuffix(path, "/auth/refresh"):
		m.tokens = true
	default:
		m.mu.Unlock()
		return nil
	}
	if m.discovery && m.tokens {
		select {
		case <-m.both:
		default:
			close(m.both)
		}
	}
	m.mu.Unlock()

	select {
	case <-m.both:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tokens must be called with w.mu held.
func (w *world) tokens(sub, nonce string) *fetch.Response {
	claims := jwt.MapClaims{
		"iss": issuer, "sub": sub, "aud": w.clientID, "iat": w.clock.Unix(),
		"exp": w.clock.Add(w.ttl).Unix(), "email": "demo@scaiflow.test",
		"name": "Dana Demo", "tenant_id": "tnt_demo",
	}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	id := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	id.Header["kid"] = w.kid
	idToken, err := id.SignedString(w.key)
	if err != nil {
		w.t.Fatal(err)
	}
	// A jti tells the access tokens apart: without it, the tokens of one
	// user minted in the same second would be one string, and revoking one
	// would revoke its successor.
	jti, _ := pkce.Random(rand.Reader, 8)
	access := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss": issuer, "sub": sub, "aud": w.clientID, "exp": w.clock.Add(w.ttl).Unix(),
		"jti": jti,
	})
	access.Header["kid"] = w.kid
	accessToken, _ := access.SignedString(w.key)
	rt, _ := pkce.Random(rand.Reader, 16)
	w.refreshes[rt] = sub
	return replyJSON(200, map[string]any{
		"access_token": accessToken, "refresh_token": rt, "id_token": idToken,
		"token_type": "Bearer", "expires_in": int(w.ttl / time.Second),
	})
}

func (w *world) me(authz string) *fetch.Response {
	raw := strings.TrimPrefix(authz, "Bearer ")
	w.mu.Lock()
	want, now := w.audience, w.clock
	refused := w.refuseAll || w.revoked[raw]
	w.mu.Unlock()
	if want == "" {
		want = clientID
	}
	if refused {
		return reply(401, `{"detail":"invalid token: Token has been revoked"}`)
	}
	tok, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return &w.key.PublicKey, nil },
		jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return reply(401, fmt.Sprintf(`{"detail":"invalid token: %s"}`, "expired"))
	}
	if aud, _ := tok.Claims.GetAudience(); len(aud) == 0 || aud[0] != want {
		return reply(401, `{"detail":"invalid token: Audience doesn't match"}`)
	}
	return reply(200, `{"sub":"usr_demo","tenant_id":"tnt_demo"}`)
}

func (w *world) counts() (exchanges, refreshes, reused int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.exchanges, w.refreshN, w.reused
}

// tokenEndpoint is the provider's own token endpoint, for a public client:
// the same single-use codes and rotating refresh tokens as the backend's
// routes, answered the OAuth way (RFC 6749 §5).
func (w *world) tokenEndpoint(r *fetch.Request) *fetch.Response {
	form, _ := url.ParseQuery(string(r.Body))
	if form.Get("client_id") != "scaiflow-public" || r.Header["Authorization"] != "" {
		return reply(401, `{"error":"invalid_client"}`)
	}
	var resp *fetch.Response
	switch form.Get("grant_type") {
	case "authorization_code":
		body, _ := json.Marshal(map[string]string{"code": form.Get("code"),
			"code_verifier": form.Get("code_verifier"), "redirect_uri": form.Get("redirect_uri")})
		resp = w.exchange(body)
	case "refresh_token":
		body, _ := json.Marshal(map[string]string{"refresh_token": form.Get("refresh_token")})
		resp = w.refresh(body)
	default:
		return reply(400, `{"error":"unsupported_grant_type"}`)
	}
	if resp.Status == 400 {
		var d struct{ Detail map[string]string }
		_ = json.Unmarshal(resp.Body, &d)
		return replyJSON(400, d.Detail)
	}
	return resp
}
