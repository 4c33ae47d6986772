package auth

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/store"
)

// bus is a BroadcastChannel: a message reaches every other port, later.
type bus struct {
	mu    sync.Mutex
	ports []*port
}

type port struct {
	b      *bus
	listen func([]byte)
	deaf   bool // a tab that is reloading hears nothing
}

func (b *bus) open() *port {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := &port{b: b}
	b.ports = append(b.ports, p)
	return p
}

func (p *port) Post(msg []byte) error {
	p.b.mu.Lock()
	defer p.b.mu.Unlock()
	for _, q := range p.b.ports {
		if q != p && q.listen != nil && !q.deaf {
			go q.listen(append([]byte(nil), msg...))
		}
	}
	return nil
}

func (p *port) Listen(fn func([]byte)) {
	p.b.mu.Lock()
	defer p.b.mu.Unlock()
	p.listen = fn
}

// webLocks is the Web Locks API: named locks shared by every tab.
type webLocks struct {
	mu    sync.Mutex
	named map[string]*sync.Mutex
}

func (l *webLocks) Lock(ctx context.Context, name string, fn func(context.Context) error) error {
	l.mu.Lock()
	if l.named == nil {
		l.named = map[string]*sync.Mutex{}
	}
	m, ok := l.named[name]
	if !ok {
		m = &sync.Mutex{}
		l.named[name] = m
	}
	l.mu.Unlock()
	m.Lock()
	defer m.Unlock()
	return fn(ctx)
}

// browserTab is one tab of a browser: its own sessionStorage and address
// bar, the origin's localStorage, BroadcastChannel and locks.
type browserTab struct {
	auth    *Auth
	storage *store.Memory
	port    *port
}

type site struct {
	w      *world
	shared *store.Memory
	bus    *bus
	locks  *webLocks
}

func newSite(w *world) *site {
	return &site{w: w, shared: store.NewMemory(), bus: &bus{}, locks: &webLocks{}}
}

func (o *site) open(storage *store.Memory) *browserTab {
	p := o.bus.open()
	a := New(Env{
		Storage: storage, Location: &page{href: origin + "/"}, HTTP: o.w,
		Now: o.w.now, Random: rand.Reader, Locks: o.locks, Shared: o.shared, Tabs: p,
	}, Options{})
	if err := a.Mount(bg); err != nil {
		o.w.t.Fatal(err)
	}
	return &browserTab{auth: a, storage: storage, port: p}
}

// signedInTab signs in through the world and reopens the result as a tab of
// this origin.
func (o *site) signedInTab() *browserTab {
	o.w.signIn()
	return o.open(o.w.storage)
}

func callAPI(t *testing.T, tb *browserTab) {
	t.Helper()
	if _, err := tb.auth.Fetch(bg, &fetch.Request{Method: "GET", URL: "/api/v1/me"}); err != nil {
		t.Fatalf("API call: %v", err)
	}
}

// settle waits until every tab has the same generation as the origin.
func settle(t *testing.T, o *site, tabs ...*browserTab) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		same := true
		for _, tb := range tabs {
			s, ok := tb.auth.current()
			if !ok || s.gen != tb.auth.generation(s.id) {
				same = false
			}
		}
		if same {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("tabs did not agree on the session's generation")
}

func TestDuplicatedTabAndOriginalSurviveManyRotations(t *testing.T) {
	w := newWorld(t)
	o := newSite(w)
	first := o.signedInTab()
	duplicate := o.open(first.storage.Clone()) // the browser copies sessionStorage
	settle(t, o, first, duplicate)

	for i := 0; i < 6; i++ {
		w.advance(2 * time.Hour) // every access token is dead
		tb := first
		if i%2 == 1 {
			tb = duplicate
		}
		callAPI(t, tb)
		settle(t, o, first, duplicate)
		callAPI(t, first)
		callAPI(t, duplicate)
	}
	if _, refreshes, reused := w.counts(); reused != 0 || refreshes < 6 {
		t.Fatalf("refreshes = %d, reused = %d: a dead refresh token was sent", refreshes, reused)
	}
	for _, tb := range []*browserTab{first, duplicate} {
		if !tb.auth.Snapshot().SignedIn {
			t.Fatal("a tab was signed out")
		}
	}
}

func TestBothTabsRefreshingAtOnceSendOneRefresh(t *testing.T) {
	w := newWorld(t)
	o := newSite(w)
	first := o.signedInTab()
	duplicate := o.open(first.storage.Clone())
	settle(t, o, first, duplicate)
	_, before, _ := w.counts()

	w.advance(2 * time.Hour)
	var wg sync.WaitGroup
	for _, tb := range []*browserTab{first, duplicate, first, duplicate} {
		wg.Add(1)
		go func() { defer wg.Done(); callAPI(t, tb) }()
	}
	wg.Wait()
	if _, after, reused := w.counts(); after-before != 1 || reused != 0 {
		t.Fatalf("%d refreshes, %d reused; want one between both tabs", after-before, reused)
	}
}

func TestTabThatMissedTheRotationCatchesUp(t *testing.T) {
	w := newWorld(t)
	o := newSite(w)
	first := o.signedInTab()
	duplicate := o.open(first.storage.Clone())
	settle(t, o, first, duplicate)

	duplicate.port.deaf = true // reloading while the other tab refreshes
	w.advance(2 * time.Hour)
	callAPI(t, first)
	duplicate.port.deaf = false

	callAPI(t, duplicate)
	if _, _, reused := w.counts(); reused != 0 {
		t.Fatal("the tab sent its dead refresh token")
	}
}

func TestTabWhoseLiveTokenDiedWithAnotherTabSaysSo(t *testing.T) {
	old := catchUpWait
	catchUpWait = 50 * time.Millisecond
	defer func() { catchUpWait = old }()

	w := newWorld(t)
	o := newSite(w)
	first := o.signedInTab()
	duplicate := o.open(first.storage.Clone())
	settle(t, o, first, duplicate)

	duplicate.port.deaf = true
	w.advance(2 * time.Hour)
	callAPI(t, first)
	first.port.listen = nil // the tab that holds the live token is closed
	duplicate.port.deaf = false

	_, err := duplicate.auth.Fetch(bg, &fetch.Request{Method: "GET", URL: "/api/v1/me"})
	if e := autherr.As(err); e == nil || e.Code != autherr.SessionExpired {
		t.Fatalf("err = %v", err)
	}
	if _, _, reused := w.counts(); reused != 0 {
		t.Fatal("the tab sent its dead refresh token")
	}
}

func TestSignOutInOneTabSignsOutTheOther(t *testing.T) {
	w := newWorld(t)
	o := newSite(w)
	first := o.signedInTab()
	duplicate := o.open(first.storage.Clone())
	settle(t, o, first, duplicate)

	if _, err := first.auth.Logout(bg); err != nil {
		t.Fatal(err)
	}
	wantSignedOut(t, duplicate)
}

// wantSignedOut waits for another tab to hear of a sign-out, and checks it
// kept nothing of its session.
func wantSignedOut(t *testing.T, tb *browserTab) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for tb.auth.Snapshot().SignedIn && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if tb.auth.Snapshot().SignedIn {
		t.Fatal("the other tab is still signed in")
	}
	if _, ok, _ := tb.storage.Get(sessionKey); ok {
		t.Fatal("the other tab still keeps its refresh token")
	}
}

func TestSigningOutEndsTheSamePersonsOwnSignInInAnotherTab(t *testing.T) {
	w := newWorld(t)
	o := newSite(w)
	first := o.signedInTab()
	w.storage = store.NewMemory() // a separate sign-in in another tab
	second := o.signedInTab()
	if first.auth.sess.id == second.auth.sess.id {
		t.Fatal("the two sign-ins share a session; the test needs two")
	}

	if _, err := first.auth.Logout(bg); err != nil {
		t.Fatal(err)
	}
	wantSignedOut(t, second)
	if left := o.shared.Snapshot(); len(left) != 0 {
		t.Fatalf("localStorage still holds %v", left)
	}
}

func TestAnotherAccountsTabIsLeftAlone(t *testing.T) {
	w := newWorld(t)
	o := newSite(w)
	first := o.signedInTab()
	w.storage = store.NewMemory() // another tab, where someone else signs in
	w.person = "usr_other"
	second := o.signedInTab()

	if _, err := first.auth.Logout(bg); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if !second.auth.Snapshot().SignedIn {
		t.Fatal("signing out one account ended another")
	}
}
