//go:build js && wasm

package browser

import (
	"context"
	"errors"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/login"
)

// These tests run in headless Chromium (see the Makefile's test-browser):
// they pin what the adapters do with the real browser objects.

func TestSessionStorageRoundTrip(t *testing.T) {
	s := SessionStorage()
	if _, ok := s.(*Storage); !ok {
		t.Fatalf("got %T, want the browser's sessionStorage", s)
	}
	if err := s.Set("scaiauth.test.a", "1"); err != nil {
		t.Fatal(err)
	}
	_ = s.Set("other.key", "x")
	v, ok, err := s.Get("scaiauth.test.a")
	if err != nil || !ok || v != "1" {
		t.Fatalf("Get = %q %v %v", v, ok, err)
	}
	keys, err := s.Keys("scaiauth.test.")
	if err != nil || len(keys) != 1 || keys[0] != "scaiauth.test.a" {
		t.Fatalf("Keys = %v, %v", keys, err)
	}
	if err := s.Remove("scaiauth.test.a"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Get("scaiauth.test.a"); ok {
		t.Fatal("removed key still there")
	}
	if _, ok, _ := s.Get("never.set"); ok {
		t.Fatal("missing key reported present")
	}
}

func TestStorageThatThrowsIsAnErrorNotAPanic(t *testing.T) {
	thrower := js.Global().Get("Function").New(
		"throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')")
	obj := js.Global().Get("Object").New()
	for _, m := range []string{"getItem", "setItem", "removeItem", "key"} {
		obj.Set(m, thrower)
	}
	obj.Set("length", 1)
	s := &Storage{obj: obj}
	if err := s.Set("k", "v"); err == nil || !strings.Contains(err.Error(), "QuotaExceeded") {
		t.Fatalf("Set err = %v", err)
	}
	if _, _, err := s.Get("k"); err == nil {
		t.Fatal("Get did not fail")
	}
	if _, err := s.Keys(""); err == nil {
		t.Fatal("Keys did not fail")
	}
}

func TestSessionStorageBlockedByTheBrowserIsAStorageFailure(t *testing.T) {
	// A sandboxed frame or blocked site data makes reading the property
	// itself throw; Chromium keeps sessionStorage as a configurable own
	// property of window, so a throwing getter stands in for that.
	restore := js.Global().Get("Function").New(`
		const own = Object.getOwnPropertyDescriptor(globalThis, "sessionStorage");
		Object.defineProperty(globalThis, "sessionStorage", {
			configurable: true,
			get() {
				throw new DOMException("Access is denied for this document.", "SecurityError");
			},
		});
		return () => Object.defineProperty(globalThis, "sessionStorage", own);
	`).Invoke()
	defer restore.Invoke()

	s := SessionStorage()
	if err := s.Set("scaiauth.test.a", "1"); err == nil ||
		!strings.Contains(err.Error(), "SecurityError") {
		t.Fatalf("Set err = %v, want the browser's SecurityError", err)
	}
	if _, ok, err := s.Get("scaiauth.test.a"); err == nil || ok {
		t.Fatalf("Get = %v, %v; want an error", ok, err)
	}
	if err := s.Remove("scaiauth.test.a"); err == nil {
		t.Fatal("Remove did not fail")
	}
	if _, err := s.Keys("scaiauth."); err == nil {
		t.Fatal("Keys did not fail")
	}

	// The core must tell the user that storage refused, not that the
	// sign-in went wrong.
	book := &login.Book{Store: s, Now: time.Now}
	_, err := book.Claim("state-from-the-callback")
	if e := autherr.As(err); e == nil || e.Code != autherr.StorageFailed {
		t.Fatalf("Claim err = %v, want %s", err, autherr.StorageFailed)
	}
}

func TestReplaceCleansTheAddressBarWithoutLoading(t *testing.T) {
	before := js.Global().Get("location").Get("href").String()
	defer func() { _ = Location{}.Replace(before) }()
	js.Global().Get("history").Call("replaceState", "router-state", "",
		"/auth/callback?code=c&state=s&tab=2")

	if err := (Location{}).Replace("/auth/callback?tab=2"); err != nil {
		t.Fatal(err)
	}
	href := (Location{}).Href()
	if strings.Contains(href, "code=") || !strings.HasSuffix(href, "/auth/callback?tab=2") {
		t.Fatalf("href = %q", href)
	}
	if st := js.Global().Get("history").Get("state"); st.String() != "router-state" {
		t.Fatalf("history state lost: %v", st)
	}
	if err := (Location{}).Replace("https://elsewhere.example/"); err == nil {
		t.Fatal("replaceState to another origin did not fail")
	}
}

func TestFetchReadsStatusHeadersAndBody(t *testing.T) {
	resp, err := Fetch{}.Do(context.Background(), &fetch.Request{
		Method: "GET",
		URL:    "data:application/json,%7B%22ok%22%3Atrue%7D",
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || string(resp.Body) != `{"ok":true}` || !resp.IsJSON() {
		t.Fatalf("resp = %d %q %v", resp.Status, resp.Body, resp.Header)
	}
}

func TestFetchOfANetworkFailureIsAnError(t *testing.T) {
	_, err := Fetch{}.Do(context.Background(), &fetch.Request{
		Method: "GET", URL: "http://127.0.0.1:9/unreachable",
	})
	if err == nil {
		t.Fatal("no error for a refused connection")
	}
}

func TestFetchAbortsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	// A request to a port that accepts nothing may hang on some systems;
	// a never-ending body does on all of them.
	stream := js.Global().Get("Function").New(`return URL.createObjectURL(new Blob(["x"]))`)
	url := stream.Invoke().String()
	_, err := Fetch{Timeout: time.Nanosecond}.Do(ctx, &fetch.Request{Method: "GET", URL: url})
	if err == nil {
		t.Skip("the blob answered before the abort; nothing to check")
	}
	if !errors.Is(err, context.DeadlineExceeded) && !strings.Contains(err.Error(), "Abort") {
		t.Fatalf("err = %v", err)
	}
}

func TestFetchWithNoAnswerIsAbortedAtItsTimeout(t *testing.T) {
	// No server in the test hangs on purpose, so fetch is replaced by one that
	// never answers and, like the browser's, gives up when its signal aborts.
	hang := js.Global().Get("Function").New(`
		const real = globalThis.fetch;
		const seen = { aborted: false };
		globalThis.fetch = (url, init) => new Promise((_, reject) => {
			init.signal.addEventListener("abort", () => {
				seen.aborted = true;
				reject(new DOMException("The operation was aborted.", "AbortError"));
			});
		});
		return { seen, restore: () => { globalThis.fetch = real; } };
	`).Invoke()
	defer hang.Get("restore").Invoke()

	start := time.Now()
	_, err := Fetch{Timeout: 50 * time.Millisecond}.Do(context.Background(), &fetch.Request{
		Method: "POST", URL: "/v1/auth/refresh",
	})
	if err == nil {
		t.Fatal("a request with no answer returned no error")
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("Do returned after %v, the timeout is 50ms", took)
	}
	// The abort runs as the timeout passes, possibly just after Do returned.
	for end := time.Now().Add(time.Second); !hang.Get("seen").Get("aborted").Bool(); {
		if time.Now().After(end) {
			t.Fatal("the request was left running in the browser after its timeout")
		}
		time.Sleep(time.Millisecond)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "50ms") {
		t.Fatalf("err = %v, want one that says no answer came within 50ms", err)
	}
}

func TestLocksRunOneHolderAtATime(t *testing.T) {
	l := &Locks{}
	ctx := context.Background()
	inside := 0
	done := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			done <- l.Lock(ctx, "scaiauth.test", func(context.Context) error {
				inside++
				if inside != 1 {
					return errors.New("two holders at once")
				}
				time.Sleep(10 * time.Millisecond)
				inside--
				return nil
			})
		}()
	}
	for i := 0; i < 3; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

func TestPromiseResolvesAndRejects(t *testing.T) {
	ok := Promise(func() (js.Value, error) { return js.ValueOf(42), nil },
		func(error) js.Value { return js.ValueOf("no") })
	v, err := Await(context.Background(), ok)
	if err != nil || v.Int() != 42 {
		t.Fatalf("resolved = %v, %v", v, err)
	}
	bad := Promise(func() (js.Value, error) { return js.Undefined(), errors.New("boom") },
		func(e error) js.Value { return js.ValueOf(e.Error()) })
	if _, err := Await(context.Background(), bad); err == nil || err.Error() != "boom" {
		t.Fatalf("rejected = %v", err)
	}
}

func TestChannelCarriesMessagesBetweenTwoPorts(t *testing.T) {
	a, b := OpenChannel("scaiauth.test"), OpenChannel("scaiauth.test")
	got := make(chan string, 1)
	b.Listen(func(msg []byte) { got <- string(msg) })
	if err := a.Post([]byte(`{"type":"want"}`)); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-got:
		if m != `{"type":"want"}` {
			t.Fatalf("got %q", m)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("message never arrived")
	}
}

func TestLocalStorageIsSeparateFromSessionStorage(t *testing.T) {
	local, session := LocalStorage(), SessionStorage()
	_ = local.Set("scaiauth.test.shared", "1")
	defer local.Remove("scaiauth.test.shared")
	if _, ok, _ := session.Get("scaiauth.test.shared"); ok {
		t.Fatal("localStorage and sessionStorage are the same object")
	}
}
