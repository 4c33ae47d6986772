package provider

import (
	"context"
	"crypto/rand"
	"net/http"
	"time"
)

// sessionCookie names the provider's own sign-in session, so a second
// authorize request in the same browser skips the form, as at ScaiKey.
const sessionCookie = "scaikey_session"

type browserSession struct {
	subject  string
	authTime time.Time
}

func (s *storage) startSession(subject string) (string, time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := rand.Text()
	authTime := s.now()
	s.sessions[id] = browserSession{subject: subject, authTime: authTime}
	return id, authTime
}

// sessionOf returns the session the request's cookie names, if any.
func (s *storage) sessionOf(r *http.Request) (browserSession, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return browserSession{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	bs, ok := s.sessions[c.Value]
	return bs, ok
}

func (s *storage) endSession(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, id)
}

// TerminateSession implements op.Storage; zitadel calls it from
// end_session with the subject of the id_token_hint, if one was sent.
func (s *storage) TerminateSession(_ context.Context, userID, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, bs := range s.sessions {
		if bs.subject == userID {
			delete(s.sessions, id)
		}
	}
	return nil
}

// endBrowserSession ends the session named by the cookie when the browser
// reaches end_session, with or without an id_token_hint: zitadel's
// TerminateSession learns only the subject, and only from a hint.
func endBrowserSession(s *storage, endSessionPath string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == endSessionPath {
				if c, err := r.Cookie(sessionCookie); err == nil {
					s.endSession(c.Value)
				}
				http.SetCookie(w, &http.Cookie{
					Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true,
					SameSite: http.SameSiteLaxMode,
				})
			}
			next.ServeHTTP(w, r)
		})
	}
}
