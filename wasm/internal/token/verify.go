package token

import (
	"context"
	"crypto"
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// MaxTokenSize is the largest token Verify reads. Real ID tokens are a few
// kilobytes; anything this large is refused before a byte of it is decoded.
const MaxTokenSize = 64 << 10

// DefaultLeeway is the clock skew allowed when Verifier.Leeway is zero.
const DefaultLeeway = 60 * time.Second

// KeySource hands out the provider's signing keys.
type KeySource interface {
	// Keys returns the provider's key set; refresh=true asks for a fresh
	// fetch (key rotation). Any token naming an unknown kid causes one
	// refresh, so a source should cache, and may answer a refresh from its
	// cache when it fetched only moments ago.
	Keys(ctx context.Context, refresh bool) (KeySet, error)
}

// Verifier checks ID tokens from one provider for one client.
type Verifier struct {
	Issuer   string           // exact match
	Audience string           // configured audience, else the client id; must be in aud
	ClientID string           // when aud has several values, azp must equal ClientID
	Leeway   time.Duration    // DefaultLeeway when zero; negative means none
	Now      func() time.Time // the clock, already corrected for skew; time.Now if nil
	Keys     KeySource
}

// Verify checks raw as OpenID Connect Core §3.1.3.7 asks and returns its
// claims. nonce is the one sent with the authorization request; it is empty
// for a token from a refresh grant, which carries no new nonce.
//
// The token comes from the backend, not straight from the token endpoint, so
// the TLS shortcut of step 6 does not apply: the signature is always checked.
func (v *Verifier) Verify(ctx context.Context, raw, nonce string) (*Claims, error) {
	if len(raw) > MaxTokenSize {
		return nil, invalid(CauseMalformed, errors.New("token: too large"))
	}
	audience, clientID := v.audience(), v.clientID()
	if v.Issuer == "" || audience == "" || v.Keys == nil {
		return nil, autherr.New(autherr.ConfigInvalid).Because(CauseVerifierIncomplete)
	}

	// Steps 2, 3, 9 and 10: issuer, audience, expiry, issue time; the
	// parser checks the signature (steps 6–8) before any of them.
	claims := jwt.MapClaims{}
	tok, err := v.parser(audience).ParseWithClaims(raw, claims, v.keyFor(ctx))
	if err != nil {
		return nil, explain(tok, err)
	}

	if err := checkRequired(claims); err != nil {
		return nil, err
	}
	if err := checkAuthorizedParty(claims, clientID); err != nil {
		return nil, err
	}
	if err := checkNonce(claims, nonce); err != nil {
		return nil, err
	}
	return newClaims(claims), nil
}

func (v *Verifier) parser(audience string) *jwt.Parser {
	now := v.Now
	if now == nil {
		now = time.Now
	}
	leeway := v.Leeway
	if leeway == 0 {
		leeway = DefaultLeeway
	}
	return jwt.NewParser(
		jwt.WithValidMethods(allowedAlgs),
		jwt.WithTimeFunc(now),
		jwt.WithLeeway(max(leeway, 0)),
		jwt.WithIssuer(v.Issuer),
		jwt.WithAudience(audience),
		jwt.WithIssuedAt(),
		jwt.WithExpirationRequired(),
	)
}

func (v *Verifier) audience() string {
	if v.Audience != "" {
		return v.Audience
	}
	return v.ClientID
}

func (v *Verifier) clientID() string {
	if v.ClientID != "" {
		return v.ClientID
	}
	return v.Audience
}

// keyFor finds the key for a token whose algorithm the parser has already
// allowed, so no key is ever looked up for "none" or an HMAC. Keys embedded
// in the header (jwk, jku, x5u, x5c) are ignored: a token cannot vouch for
// itself.
func (v *Verifier) keyFor(ctx context.Context) jwt.Keyfunc {
	return func(tok *jwt.Token) (any, error) {
		// RFC 7515 §4.1.11: extensions marked critical that we do not
		// understand (we understand none) make the token unusable.
		if _, ok := tok.Header["crit"]; ok {
			return nil, invalid(CauseMalformed, errors.New("token: crit header"))
		}
		if kid, ok := tok.Header["kid"]; ok {
			if _, ok := kid.(string); !ok {
				return nil, invalid(CauseMalformed, errors.New("token: kid not a string"))
			}
		}
		return v.lookup(ctx, headerString(tok, "kid"), tok.Method.Alg())
	}
}

// lookup asks the cached set first, then once more for a fresh one: an
// unknown kid is how a key rotation shows itself (OpenID Connect Core
// §10.1.1).
func (v *Verifier) lookup(ctx context.Context, kid, alg string) (crypto.PublicKey, error) {
	for _, refresh := range []bool{false, true} {
		set, err := v.Keys.Keys(ctx, refresh)
		if err != nil {
			return nil, invalid(CauseKeysUnavailable, err)
		}
		if key, ok := set.Lookup(kid, alg); ok {
			return key, nil
		}
	}
	return nil, invalid(CauseUnknownKID, nil)
}
