package token

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// Audiences reads the aud claim of a JWT without verifying anything.
//
// It proves nothing: anybody can write any aud into an unsigned payload.
// It exists to warn early, before the backend refuses an access token, that
// the token was issued for another audience than the backend expects. Never
// base a decision about who the user is on it.
func Audiences(raw string) ([]string, error) {
	p, err := readUnverified(raw)
	if err != nil {
		return nil, err
	}
	return p.Aud, nil
}

// Expiry reads the exp claim of a JWT without verifying anything, to plan
// when to refresh an access token. It reports false for an opaque token or
// one without exp. Like Audiences, it proves nothing.
func Expiry(raw string) (time.Time, bool) {
	p, err := readUnverified(raw)
	if err != nil || p.Exp == nil {
		return time.Time{}, false
	}
	return p.Exp.Time, true
}

type unverifiedPayload struct {
	Aud jwt.ClaimStrings `json:"aud"`
	Exp *jwt.NumericDate `json:"exp"`
}

// readUnverified decodes the payload of a compact JWS (RFC 7515 §7.1),
// whatever its algorithm. Access tokens may be opaque or encrypted; both are
// reported as malformed, which to a caller means "cannot tell".
func readUnverified(raw string) (unverifiedPayload, error) {
	var p unverifiedPayload
	if len(raw) > MaxTokenSize {
		return p, notReadable(errors.New("token: too large"))
	}
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return p, notReadable(errors.New("token: not a compact JWS"))
	}

	payload, err := decodeSegment(parts[1])
	if err != nil {
		return p, notReadable(err)
	}
	if err := json.Unmarshal(payload, &p); err != nil {
		return p, notReadable(err)
	}
	return p, nil
}

func notReadable(err error) error {
	return autherr.New(autherr.BadResponse).Because(CauseMalformed).Wrapping(err)
}
