package provider

import (
	"context"
	"errors"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// codeTTL is the lifetime RFC 6749 §4.1.2 recommends as a maximum.
const codeTTL = 10 * time.Minute

// codeMemory is how long a spent code is remembered, so a late replay is
// still recognised as a replay rather than as an unknown code.
const codeMemory = time.Hour

var (
	errUnknownCode = errors.New("provider: unknown authorization code")
	errCodeExpired = errors.New("provider: authorization code expired")
	errCodeSpent   = errors.New("provider: authorization code already presented")
)

// codeRecord remembers a code beyond its exchange. A code is spent the
// moment it is presented at the token endpoint, whether or not that
// exchange succeeds: single use in the strictest reading of RFC 6749
// §4.1.2, and what makes a double exchange by the canvas visible.
type codeRecord struct {
	authRequestID string
	issuedAt      time.Time
	presented     bool
}

// SaveAuthCode implements op.Storage.
func (s *storage) SaveAuthCode(_ context.Context, authRequestID, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepCodes()
	s.codes[code] = &codeRecord{authRequestID: authRequestID, issuedAt: s.now()}
	return nil
}

// AuthRequestByCode implements op.Storage; zitadel calls it exactly once
// per token request, before it checks PKCE and the client.
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.codes[code]
	if !ok {
		return nil, errUnknownCode
	}
	if rec.presented {
		// Two exchanges raced past refuseSpentCodes; this is the second.
		s.replayCode(rec)
		return nil, errCodeSpent
	}
	rec.presented = true
	if s.now().Sub(rec.issuedAt) > codeTTL {
		return nil, errCodeExpired
	}
	ar, ok := s.authRequests[rec.authRequestID]
	if !ok {
		return nil, errUnknownAuthRequest
	}
	return ar.clone(), nil
}

// presentSpentCode reports whether code was presented before, and if so
// records the replay.
func (s *storage) presentSpentCode(code string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.codes[code]
	if !ok || !rec.presented {
		return false
	}
	s.replayCode(rec)
	return true
}

func (s *storage) replayCode(rec *codeRecord) {
	s.reuse.CodeSeenTwice()
	if s.revokeGrantOnReuse {
		s.revokeGrant(rec.authRequestID)
	}
}

func (s *storage) sweepCodes() {
	for code, rec := range s.codes {
		if s.now().Sub(rec.issuedAt) > codeMemory {
			delete(s.codes, code)
		}
	}
}
