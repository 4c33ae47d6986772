package login

import (
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/pkce"
	"github.com/scaiflow/scaiauth/wasm/internal/store"
)

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func newBook() (*Book, *store.Memory, *clock) {
	c := &clock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	s := store.NewMemory()
	return &Book{Store: s, Now: c.Now}, s, c
}

const redirect = "http://localhost:5173/auth/callback"

func TestBeginStoresOnePendingTransactionPerState(t *testing.T) {
	b, s, _ := newBook()
	first, err := b.Begin(rand.Reader, redirect, "/flows/1")
	if err != nil {
		t.Fatal(err)
	}
	second, err := b.Begin(rand.Reader, redirect, "")
	if err != nil {
		t.Fatal(err)
	}
	if first.State == second.State || first.Nonce == second.Nonce {
		t.Fatal("two sign-ins share a state or nonce")
	}
	if !pkce.ValidVerifier(first.Verifier) {
		t.Fatalf("verifier %q is not RFC 7636", first.Verifier)
	}
	if n := len(s.Snapshot()); n != 2 {
		t.Fatalf("%d records stored, want 2", n)
	}
	for key := range s.Snapshot() {
		if strings.Contains(key, first.State) || strings.Contains(key, second.State) {
			t.Fatalf("key %q carries the raw state", key)
		}
	}
}

func TestClaim(t *testing.T) {
	cases := []struct {
		name  string
		setup func(b *Book, c *clock, s *store.Memory) string // returns the state to claim
		cause string
		code  autherr.Code
	}{
		{
			name: "callback of this tab's sign-in",
			setup: func(b *Book, c *clock, s *store.Memory) string {
				tx, _ := b.Begin(rand.Reader, redirect, "")
				return tx.State
			},
		},
		{
			name: "redirect landed in a tab that started no sign-in",
			setup: func(b *Book, c *clock, s *store.Memory) string {
				return "state-from-another-tab"
			},
			code: autherr.StateMismatch, cause: autherr.CauseNoPendingLogin,
		},
		{
			name: "this tab is waiting for a different sign-in",
			setup: func(b *Book, c *clock, s *store.Memory) string {
				_, _ = b.Begin(rand.Reader, redirect, "")
				return "state-of-an-older-attempt"
			},
			code: autherr.StateMismatch, cause: autherr.CauseUnknownState,
		},
		{
			name: "user came back after the time limit",
			setup: func(b *Book, c *clock, s *store.Memory) string {
				tx, _ := b.Begin(rand.Reader, redirect, "")
				c.now = c.now.Add(DefaultTTL + time.Second)
				return tx.State
			},
			code: autherr.StateMismatch, cause: autherr.CauseExpired,
		},
		{
			name: "stored record was damaged",
			setup: func(b *Book, c *clock, s *store.Memory) string {
				_ = s.Set(Key("s"), "{not json")
				return "s"
			},
			code: autherr.StateMismatch, cause: autherr.CauseCorrupted,
		},
		{
			name: "storage throws",
			setup: func(b *Book, c *clock, s *store.Memory) string {
				tx, _ := b.Begin(rand.Reader, redirect, "")
				s.Fail = errors.New("SecurityError")
				return tx.State
			},
			code: autherr.StorageFailed,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, s, clk := newBook()
			state := c.setup(b, clk, s)
			tx, err := b.Claim(state)
			if c.code == "" {
				if err != nil || tx.Verifier == "" {
					t.Fatalf("claim = %+v, %v", tx, err)
				}
				return
			}
			e := autherr.As(err)
			if e == nil || e.Code != c.code || e.Cause != c.cause {
				t.Fatalf("err = %v, want %s (%s)", err, c.code, c.cause)
			}
		})
	}
}

func TestSecondClaimGetsTheFirstOutcomeAndNoVerifier(t *testing.T) {
	b, s, _ := newBook()
	tx, _ := b.Begin(rand.Reader, redirect, "/flows/42")
	first, err := b.Claim(tx.State)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range s.Snapshot() {
		for _, secret := range []string{first.Verifier, first.State, first.Nonce} {
			if strings.Contains(v, secret) {
				t.Fatalf("%q still stored after the claim", secret)
			}
		}
	}

	again, err := b.Claim(tx.State)
	if !errors.Is(err, ErrClaimed) || again.Verifier != "" || again.Outcome != nil {
		t.Fatalf("claim during exchange = %+v, %v", again, err)
	}

	if err := b.Finish(first, Outcome{OK: true, Subject: "usr_demo"}); err != nil {
		t.Fatal(err)
	}
	after, err := b.Claim(tx.State)
	if !errors.Is(err, ErrClaimed) || after.Outcome == nil || !after.Outcome.OK {
		t.Fatalf("claim after exchange = %+v, %v", after, err)
	}
	if after.ReturnTo != "/flows/42" {
		t.Fatalf("return path lost: %q", after.ReturnTo)
	}
}

func TestSweepRemovesOnlyOldRecords(t *testing.T) {
	b, s, c := newBook()
	old, _ := b.Begin(rand.Reader, redirect, "")
	c.now = c.now.Add(DefaultKeep + time.Minute)
	fresh, _ := b.Begin(rand.Reader, redirect, "") // Begin sweeps
	if _, ok, _ := s.Get(Key(old.State)); ok {
		t.Fatal("record older than Keep survived the sweep")
	}
	if _, ok, _ := s.Get(Key(fresh.State)); !ok {
		t.Fatal("fresh record swept")
	}
	b.Clear()
	if n := len(s.Snapshot()); n != 0 {
		t.Fatalf("%d records left after Clear", n)
	}
}

func TestBeginWithThrowingStorageIsAStorageError(t *testing.T) {
	b, s, _ := newBook()
	s.Fail = errors.New("QuotaExceededError")
	if _, err := b.Begin(rand.Reader, redirect, ""); autherr.CodeOf(err) != autherr.StorageFailed {
		t.Fatalf("err = %v", err)
	}
}
