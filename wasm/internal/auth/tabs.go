package auth

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
)

// Tabs of one origin that share a session (a duplicated tab copies this
// tab's sessionStorage, and so its refresh token) keep each other current:
// the tab that refreshes posts the rotated tokens to the others, and the
// generation of the refresh token sits in localStorage, so that a tab that
// missed a message knows its token is dead before it sends it. Tokens travel
// only over the origin's BroadcastChannel, never through localStorage.
//
// Signing out reaches further: every tab of the same person signs out, also
// one that signed in on its own (its own session), so that nobody leaves a
// signed-in canvas behind in a forgotten tab. A tab of another account is
// left alone.

// generationPrefix starts the localStorage key of a session's generation.
const generationPrefix = "scaiauth.gen."

// catchUpWait is how long a tab with a dead refresh token waits for another
// tab of its session to hand over the live one. A variable for tests.
var catchUpWait = 3 * time.Second

type tabMessage struct {
	Type   string      `json:"type"` // "tokens", "want" or "signout"
	ID     string      `json:"sid"`
	Gen    int         `json:"gen"`
	Tokens *bff.Tokens `json:"tokens,omitempty"`
	// Subject is who signed out, with "signout": the ID token's sub, which
	// the page can read anyway (auth.user.sub). No secret.
	Subject string `json:"sub,omitempty"`
}

func (a *Auth) post(m tabMessage) {
	if a.env.Tabs == nil {
		return
	}
	raw, err := json.Marshal(m)
	if err == nil {
		_ = a.env.Tabs.Post(raw)
	}
}

// share hands freshly rotated tokens to the other tabs of the session.
func (a *Auth) share(t *bff.Tokens, g grant) {
	a.post(tabMessage{Type: "tokens", ID: g.id, Gen: g.gen, Tokens: t})
}

func (a *Auth) generation(id string) int {
	if a.env.Shared == nil || id == "" {
		return 0
	}
	raw, ok, err := a.env.Shared.Get(generationPrefix + id)
	if err != nil || !ok {
		return 0
	}
	n, _ := strconv.Atoi(raw)
	return n
}

func (a *Auth) setGeneration(id string, gen int) {
	if a.env.Shared != nil && id != "" {
		_ = a.env.Shared.Set(generationPrefix+id, strconv.Itoa(gen))
	}
}

func (a *Auth) forgetGeneration(id string) {
	if a.env.Shared != nil && id != "" {
		_ = a.env.Shared.Remove(generationPrefix + id)
	}
}

// catchUp waits for the tokens of generation latest from another tab,
// asking for them once. If no tab has them, the session is over: the live
// refresh token died with the tab that held it.
func (a *Auth) catchUp(ctx context.Context, cur session, latest int) error {
	a.step("refresh", "another tab rotated the token; catching up")
	a.post(tabMessage{Type: "want", ID: cur.id, Gen: cur.gen})
	deadline := time.NewTimer(catchUpWait)
	defer deadline.Stop()
	for {
		a.mu.Lock()
		s, changed := a.sess, a.changed
		a.mu.Unlock()
		if s != nil && s.id == cur.id && s.gen >= latest {
			return nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			a.drop()
			return autherr.New(autherr.SessionExpired).Because("rotated_elsewhere")
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// hear handles a message from another tab. It runs in its own goroutine.
func (a *Auth) hear(raw []byte) {
	var m tabMessage
	if json.Unmarshal(raw, &m) != nil || m.ID == "" {
		return
	}
	cur, ok := a.current()
	if !ok {
		return
	}
	if m.Type == "signout" && (cur.id == m.ID || samePerson(cur, m.Subject)) {
		a.forgetGeneration(cur.id)
		a.drop()
		a.book.Clear()
		a.step("tabs", "signed out in another tab")
		a.notify()
		return
	}
	if cur.id != m.ID {
		return // another session: not ours to change
	}
	switch m.Type {
	case "tokens":
		if m.Tokens == nil || m.Gen <= cur.gen {
			return
		}
		g := grant{id: m.ID, gen: m.Gen, fromTab: true}
		if err := a.adopt(context.Background(), m.Tokens, g); err != nil {
			a.step("tabs", "tokens from another tab refused: "+string(autherr.CodeOf(err)))
			return
		}
		a.step("tabs", "took the tokens another tab refreshed")
		a.notify()
	case "want":
		a.mu.Lock()
		s := a.sess
		a.mu.Unlock()
		if s != nil && s.gen > m.Gen {
			t := tokensOf(s, a.env.Now())
			a.post(tabMessage{Type: "tokens", ID: s.id, Gen: s.gen, Tokens: t})
		}
	}
}

// samePerson tells whether s signs in the person who signed out. A session
// read back from storage has no verified claims yet: it goes by its id.
func samePerson(s session, subject string) bool {
	return subject != "" && s.claims != nil && s.claims.Subject == subject
}

// signOutEverywhere tells the other tabs of the session, and of the person,
// to sign out.
func (a *Auth) signOutEverywhere(s session) {
	a.forgetGeneration(s.id)
	m := tabMessage{Type: "signout", ID: s.id}
	if s.claims != nil {
		m.Subject = s.claims.Subject
	}
	a.post(m)
}
