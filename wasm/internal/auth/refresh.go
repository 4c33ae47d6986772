package auth

import (
	"context"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/bff"
)

// retryAfter is how long a refresh ahead of expiry waits after a failure
// that left the session alive (the network was down, the backend away).
const retryAfter = 30 * time.Second

// flight is one refresh in progress, shared by everyone who needs it.
type flight struct {
	done chan struct{}
	err  error
}

// refresh trades the refresh token for new tokens, once at a time: every
// caller in this tab that asks while a refresh runs waits for that one, and
// tabs sharing the session take turns under a lock. ScaiKey rotates refresh
// tokens, so two refreshes with the same token would end the session.
//
// stale is the access token the caller found wanting ("" for none): when
// the session holds another one by the time the lock is held, someone else
// refreshed in the meantime and nothing is sent.
func (a *Auth) refresh(ctx context.Context, stale string) error {
	a.mu.Lock()
	if f := a.flight; f != nil {
		a.mu.Unlock()
		select {
		case <-f.done:
			return f.err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	a.flight = f
	a.mu.Unlock()

	f.err = a.env.Locks.Lock(ctx, a.lockName(), func(ctx context.Context) error {
		return a.refreshLocked(ctx, stale)
	})

	a.mu.Lock()
	a.flight = nil
	a.mu.Unlock()
	close(f.done)
	return f.err
}

// lockName is per session, so that unrelated sessions in other tabs never
// wait for each other.
func (a *Auth) lockName() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sess != nil {
		return "scaiauth.refresh." + a.sess.id
	}
	if s, ok := a.stored(); ok {
		return "scaiauth.refresh." + s.ID
	}
	return "scaiauth.refresh"
}

func (a *Auth) refreshLocked(ctx context.Context, stale string) error {
	cur, ok := a.current()
	if !ok {
		return autherr.New(autherr.SignInRequired)
	}
	if cur.access != stale {
		return nil // refreshed by another caller while this one waited
	}
	// Another tab of this session rotated the refresh token: ours is dead.
	// Its tokens are on the way, or can be asked for.
	if latest := a.generation(cur.id); latest > cur.gen {
		return a.catchUp(ctx, cur, latest)
	}

	a.step("refresh", "sent")
	t, err := a.grants.Refresh(ctx, cur.refresh)
	if err != nil {
		if autherr.CodeOf(err) == autherr.SessionExpired {
			a.drop()
		}
		a.step("refresh", "failed: "+string(autherr.CodeOf(err)))
		return err
	}
	next := grant{id: cur.id, gen: cur.gen + 1}
	a.keepRotated(cur, t.RefreshToken, next.gen)
	if err := a.adopt(ctx, t, next); err != nil {
		if autherr.CodeOf(err) == autherr.IDTokenInvalid {
			a.drop()
		}
		return err
	}
	a.share(t, next)
	return nil
}

// current is the session as this tab knows it: in memory, or as stored
// before a reload (then with no access token yet).
func (a *Auth) current() (session, bool) {
	a.mu.Lock()
	s := a.sess
	a.mu.Unlock()
	if s != nil {
		return *s, true
	}
	st, ok := a.stored()
	if !ok {
		return session{}, false
	}
	return session{id: st.ID, gen: st.Gen, refresh: st.RefreshToken}, true
}

// keepRotated stores a rotated refresh token, and tells the other tabs its
// generation, before anything else can fail: the old one is already dead.
func (a *Auth) keepRotated(cur session, rt string, gen int) {
	if rt == "" {
		return
	}
	a.setGeneration(cur.id, gen)
	a.mu.Lock()
	if a.sess != nil {
		c := *a.sess
		c.refresh, c.gen = rt, gen
		a.sess = &c
	}
	a.mu.Unlock()
	cur.refresh, cur.gen = rt, gen
	a.persist(&cur)
}

// plan schedules the refresh ahead of expiry.
func (a *Auth) plan(s *session) {
	if a.opts.ManualRefresh {
		return
	}
	a.schedule(s.access, s.accessExpiry.Sub(a.env.Now()))
}

func (a *Auth) schedule(access string, in time.Duration) {
	if in < 0 {
		in = 0
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stopPlan != nil {
		a.stopPlan()
	}
	a.stopPlan = a.env.After(in, func() {
		err := a.refresh(context.Background(), access)
		switch {
		case err == nil:
			a.notify()
		case a.signedIn():
			a.schedule(access, retryAfter)
		default:
			a.afterRefreshFailure(err)
		}
	})
}

// AccessToken returns a valid access token, refreshing it first when it is
// close to expiry.
func (a *Auth) AccessToken(ctx context.Context) (string, error) {
	if err := a.waitMounted(ctx); err != nil {
		return "", err
	}
	a.mu.Lock()
	s, cfg := a.sess, a.cfg
	a.mu.Unlock()
	switch {
	case cfg == nil:
		return "", autherr.New(autherr.ConfigInvalid).Because("not_loaded")
	case cfg.AuthMode != "scaikey":
		return "", autherr.New(autherr.ScaiKeyRequired)
	case s == nil:
		return "", autherr.New(autherr.SignInRequired)
	case a.env.Now().Before(s.accessExpiry):
		return s.access, nil
	}
	if err := a.refresh(ctx, s.access); err != nil {
		return "", a.afterRefreshFailure(err)
	}
	a.notify()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sess == nil {
		return "", autherr.New(autherr.SignInRequired)
	}
	return a.sess.access, nil
}

// afterRefreshFailure reports a refresh that ended the session.
func (a *Auth) afterRefreshFailure(err error) error {
	e := autherr.As(err)
	if !a.signedIn() {
		return a.fail(e)
	}
	return e
}

// tokensOf is the session as a token response, for another tab; expires_in
// is what is left of the access token's life.
func tokensOf(s *session, now time.Time) *bff.Tokens {
	left := s.accessExpiry.Sub(now) + s.margin
	if left < 0 {
		left = 0
	}
	return &bff.Tokens{
		AccessToken: s.access, RefreshToken: s.refresh, IDToken: s.idToken,
		TokenType: "Bearer", ExpiresIn: int(left / time.Second),
	}
}
