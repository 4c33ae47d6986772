package devstack_test

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// transaction is what the module keeps in sessionStorage during a login:
// the PKCE verifier, the state and the nonce.
type transaction struct {
	verifier string
	state    string
	nonce    string
}

func newTransaction() transaction {
	return transaction{verifier: rand.Text() + rand.Text(), state: rand.Text(), nonce: rand.Text()}
}

// challenge is the S256 code challenge of RFC 7636 §4.2.
func (tx transaction) challenge() string {
	sum := sha256.Sum256([]byte(tx.verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// authorizeQuery is the module's authorize request; extra overrides or
// removes (with an empty value) parameters.
func (tx transaction) authorizeQuery(s *devstack.Stack, extra url.Values) url.Values {
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {devstack.DefaultClientID},
		"redirect_uri":          {s.RedirectURI()},
		"scope":                 {"openid profile email"},
		"state":                 {tx.state},
		"nonce":                 {tx.nonce},
		"code_challenge":        {tx.challenge()},
		"code_challenge_method": {"S256"},
	}
	for k, v := range extra {
		if len(v) == 1 && v[0] == "" {
			q.Del(k)
			continue
		}
		q[k] = v
	}
	return q
}

// browser follows redirects and keeps cookies like a browser, but stops
// when the provider sends it back to the canvas, where the module would
// take over.
type browser struct {
	t      *testing.T
	stack  *devstack.Stack
	client *http.Client
}

func newBrowser(t *testing.T, s *devstack.Stack) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, stack: s, client: &http.Client{
		Jar: jar,
		CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			if strings.HasPrefix(req.URL.String(), s.CanvasURL()+"/") {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}}
}

// page is a response read to the end.
type page struct {
	status int
	url    *url.URL
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return page{status: resp.StatusCode, url: resp.Request.URL, header: resp.Header,
		body: string(body)}
}

// authorize opens the authorize endpoint with the given query.
func (b *browser) authorize(q url.Values) page {
	b.t.Helper()
	req, err := http.NewRequestWithContext(b.t.Context(), http.MethodGet,
		b.stack.ProviderIssuer()+"/authorize?"+q.Encode(), nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

var authRequestField = regexp.MustCompile(`name="authRequestID" value="([^"]+)"`)

// submit fills the login form on form and posts it.
func (b *browser) submit(form page, login, password string) page {
	b.t.Helper()
	m := authRequestField.FindStringSubmatch(form.body)
	if m == nil {
		b.t.Fatalf("no login form on %s:\n%s", form.url, form.body)
	}
	action := form.url.ResolveReference(&url.URL{Path: "/login"})
	values := url.Values{"authRequestID": {m[1]}, "username": {login}, "password": {password}}
	req, err := http.NewRequestWithContext(b.t.Context(), http.MethodPost, action.String(),
		strings.NewReader(values.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// callback reads the redirect back to the canvas.
func (b *browser) callback(p page) *url.URL {
	b.t.Helper()
	if p.status != http.StatusFound && p.status != http.StatusSeeOther {
		b.t.Fatalf("expected a redirect to the canvas, got %d from %s:\n%s",
			p.status, p.url, p.body)
	}
	to, err := url.Parse(p.header.Get("Location"))
	if err != nil {
		b.t.Fatal(err)
	}
	return to
}

// signIn runs authorize and the login form as the demo user and returns
// the code from the callback, after checking it came back with the state.
func (b *browser) signIn(tx transaction, extra url.Values) string {
	b.t.Helper()
	form := b.authorize(tx.authorizeQuery(b.stack, extra))
	back := b.callback(b.submit(form, devstack.DemoLogin, devstack.DemoPassword))
	return codeFrom(b.t, b.stack, tx, back)
}

func codeFrom(t *testing.T, s *devstack.Stack, tx transaction, back *url.URL) string {
	t.Helper()
	if got := back.Scheme + "://" + back.Host + back.Path; got != s.RedirectURI() {
		t.Fatalf("redirected to %s, want %s", got, s.RedirectURI())
	}
	q := back.Query()
	if q.Get("state") != tx.state {
		t.Fatalf("state %q, want %q", q.Get("state"), tx.state)
	}
	if q.Get("code") == "" {
		t.Fatalf("no code in %s", back)
	}
	return q.Get("code")
}

// exchange is the module's POST /api/v1/auth/exchange through the canvas.
func exchange(t *testing.T, s *devstack.Stack, code, verifier string) answer {
	t.Helper()
	return postJSON(t, s.CanvasURL()+"/api/v1/auth/exchange", map[string]string{
		"code": code, "code_verifier": verifier, "redirect_uri": s.RedirectURI(),
	})
}

func refresh(t *testing.T, s *devstack.Stack, token string) answer {
	t.Helper()
	return postJSON(t, s.CanvasURL()+"/api/v1/auth/refresh",
		map[string]string{"refresh_token": token})
}

// signedIn runs a whole sign-in and returns the exchange's tokens.
func signedIn(t *testing.T, s *devstack.Stack) map[string]any {
	t.Helper()
	tx := newTransaction()
	code := newBrowser(t, s).signIn(tx, nil)
	a := exchange(t, s, code, tx.verifier)
	if a.status != http.StatusOK {
		t.Fatalf("exchange: %d %s", a.status, a.raw)
	}
	return a.body
}
