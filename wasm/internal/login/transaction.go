// Package login holds one sign-in from the moment the user asks for it to the
// moment its callback is consumed: the transaction kept in sessionStorage, the
// authorize URL, the callback in the address bar and the return path.
package login

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/pkce"
	"github.com/scaiflow/scaiauth/wasm/internal/store"
)

// Status is where a transaction stands. A transaction moves one way only:
// pending, then claimed (its code is being exchanged), then done.
type Status string

const (
	Pending Status = "pending"
	Claimed Status = "claimed"
	Done    Status = "done"
)

// Transaction is one sign-in in flight. The verifier, state and nonce leave
// storage the moment the transaction is claimed; after that only the outcome
// stays.
type Transaction struct {
	State       string    `json:"state"`
	Nonce       string    `json:"nonce"`
	Verifier    string    `json:"verifier,omitempty"`
	RedirectURI string    `json:"redirect_uri"`
	ReturnTo    string    `json:"return_to,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	Status      Status    `json:"status"`
	Outcome     *Outcome  `json:"outcome,omitempty"`
}

// Outcome is what came of a claimed transaction, kept so that a second
// caller (a re-mount, a reload of the old callback URL) learns the same
// result instead of sending the code again. It holds no token.
type Outcome struct {
	OK      bool         `json:"ok"`
	Subject string       `json:"sub,omitempty"`
	Code    autherr.Code `json:"code,omitempty"`
	Cause   string       `json:"cause,omitempty"`
}

// KeyPrefix starts the sessionStorage key of every transaction.
const KeyPrefix = "scaiauth.tx."

// Defaults for Book.
const (
	DefaultTTL  = 10 * time.Minute
	DefaultKeep = time.Hour
)

// Book keeps transactions in a store, one entry per state, so that two
// sign-ins started in one tab do not overwrite each other.
type Book struct {
	Store store.Store
	Now   func() time.Time
	// TTL is how long a pending sign-in may take; Keep is how long any record
	// stays, so that a late callback is told "expired" or "already used"
	// rather than "no pending login".
	TTL, Keep time.Duration
}

func (b *Book) ttl() time.Duration  { return orDefault(b.TTL, DefaultTTL) }
func (b *Book) keep() time.Duration { return orDefault(b.Keep, DefaultKeep) }

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Key derives the storage key of a state. Hashing keeps the key short and of
// a fixed alphabet whatever the callback carries.
func Key(state string) string {
	sum := sha256.Sum256([]byte(state))
	return KeyPrefix + base64.RawURLEncoding.EncodeToString(sum[:16])
}

// Begin creates and stores a pending transaction.
func (b *Book) Begin(random io.Reader, redirectURI, returnTo string) (*Transaction, error) {
	b.Sweep()
	verifier, err := pkce.NewVerifier(random)
	if err != nil {
		return nil, autherr.New(autherr.Internal).Because("randomness").Wrapping(err)
	}
	state, err := pkce.Random(random, 24)
	if err != nil {
		return nil, autherr.New(autherr.Internal).Because("randomness").Wrapping(err)
	}
	nonce, err := pkce.Random(random, 24)
	if err != nil {
		return nil, autherr.New(autherr.Internal).Because("randomness").Wrapping(err)
	}
	tx := &Transaction{
		State:       state,
		Nonce:       nonce,
		Verifier:    verifier,
		RedirectURI: redirectURI,
		ReturnTo:    returnTo,
		CreatedAt:   b.Now().UTC(),
		Status:      Pending,
	}
	if err := b.put(Key(tx.State), tx); err != nil {
		return nil, err
	}
	return tx, nil
}

// ErrClaimed is wrapped by the error Claim returns for a transaction that
// was claimed before; the transaction comes back with it, carrying the
// outcome when there is one.
var ErrClaimed = errors.New("login: transaction already claimed")

// Claim takes the pending transaction of state for exchange. It runs without
// yielding to the event loop between its read and its write, so of any
// number of callers in one tab exactly one gets the verifier.
func (b *Book) Claim(state string) (*Transaction, error) {
	mismatch := autherr.New(autherr.StateMismatch)
	raw, ok, err := b.Store.Get(Key(state))
	if err != nil {
		return nil, autherr.New(autherr.StorageFailed).Wrapping(err)
	}
	if !ok {
		if n, _ := b.pendingCount(); n > 0 {
			return nil, mismatch.Because(autherr.CauseUnknownState)
		}
		return nil, mismatch.Because(autherr.CauseNoPendingLogin)
	}
	var tx Transaction
	if err := json.Unmarshal([]byte(raw), &tx); err != nil {
		_ = b.Store.Remove(Key(state))
		return nil, mismatch.Because(autherr.CauseCorrupted)
	}
	if tx.Status != Pending {
		return &tx, mismatch.Because(autherr.CauseAlreadyUsed).Wrapping(ErrClaimed)
	}
	if tx.State != state {
		_ = b.Store.Remove(Key(state))
		return nil, mismatch.Because(autherr.CauseCorrupted)
	}
	if b.Now().Sub(tx.CreatedAt) > b.ttl() {
		return nil, mismatch.Because(autherr.CauseExpired)
	}

	if err := b.put(Key(state), spent(tx, Claimed, nil)); err != nil {
		return nil, err
	}
	return &tx, nil
}

// Finish records the outcome of a claimed transaction.
func (b *Book) Finish(tx *Transaction, outcome Outcome) error {
	return b.put(Key(tx.State), spent(*tx, Done, &outcome))
}

// spent is what stays stored of a claimed transaction: neither the verifier
// nor the state, which the record's key already stands for, nor the nonce.
func spent(tx Transaction, status Status, outcome *Outcome) *Transaction {
	tx.Verifier, tx.State, tx.Nonce = "", "", ""
	tx.Status = status
	tx.Outcome = outcome
	return &tx
}

// Sweep removes records older than Keep. Storage errors are ignored: a
// sweep that fails leaves only stale entries behind.
func (b *Book) Sweep() {
	b.each(func(key string, tx *Transaction) {
		if tx == nil || b.Now().Sub(tx.CreatedAt) > b.keep() {
			_ = b.Store.Remove(key)
		}
	})
}

// Clear removes every transaction, for sign-out.
func (b *Book) Clear() {
	b.each(func(key string, _ *Transaction) { _ = b.Store.Remove(key) })
}

func (b *Book) pendingCount() (int, error) {
	n := 0
	err := b.each(func(_ string, tx *Transaction) {
		if tx != nil && tx.Status == Pending && b.Now().Sub(tx.CreatedAt) <= b.ttl() {
			n++
		}
	})
	return n, err
}

// each calls fn for every stored transaction; tx is nil for an unreadable one.
func (b *Book) each(fn func(key string, tx *Transaction)) error {
	keys, err := b.Store.Keys(KeyPrefix)
	if err != nil {
		return err
	}
	for _, key := range keys {
		raw, ok, err := b.Store.Get(key)
		if err != nil || !ok {
			continue
		}
		var tx Transaction
		if json.Unmarshal([]byte(raw), &tx) != nil {
			fn(key, nil)
			continue
		}
		fn(key, &tx)
	}
	return nil
}

func (b *Book) put(key string, tx *Transaction) error {
	raw, err := json.Marshal(tx)
	if err != nil {
		return autherr.New(autherr.Internal).Wrapping(err)
	}
	if err := b.Store.Set(key, string(raw)); err != nil {
		return autherr.New(autherr.StorageFailed).Wrapping(err)
	}
	return nil
}
