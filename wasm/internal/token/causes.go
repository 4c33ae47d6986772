package token

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

// Causes of autherr.IDTokenInvalid, one per check. Pages and tests branch on
// them, so they never change once published.
const (
	CauseMalformed       = "malformed"
	CauseAlgNotAllowed   = "alg_not_allowed"
	CauseSignature       = "signature"
	CauseUnknownKID      = "unknown_kid"
	CauseKeysUnavailable = "keys_unavailable"
	CauseIssuer          = "issuer"
	CauseAudience        = "audience"
	CauseAZP             = "azp"
	CauseExpired         = "expired"
	CauseNotYetValid     = "not_yet_valid"
	CauseIssuedInFuture  = "issued_in_future"
	CauseMissingClaim    = "missing_claim"
	CauseNonce           = "nonce"
)

// Causes of autherr.DiscoveryFailed when a key set cannot be used, and of
// autherr.ConfigInvalid when the Verifier lacks what it needs.
const (
	CauseNoSigningKeys      = "no_signing_keys"
	CauseVerifierIncomplete = "verifier_incomplete"
)

func invalid(cause string, err error) *autherr.Error {
	return autherr.New(autherr.IDTokenInvalid).Because(cause).Wrapping(err)
}

// explain turns what the jwt parser returned into one of our causes. The
// parser joins every failed claim check into one error, so the order of the
// cases decides which one a person is told about first.
func explain(tok *jwt.Token, err error) error {
	if ours, ok := autherr.Find(err); ok {
		return ours // from the key lookup, already explained
	}
	if errors.Is(err, jwt.ErrTokenMalformed) {
		return invalid(CauseMalformed, err)
	}
	// The parser refuses a method outside the allowed list as a bad
	// signature; say instead that the algorithm itself was refused.
	if tok != nil && !allowedAlg(headerString(tok, "alg")) {
		return invalid(CauseAlgNotAllowed, err)
	}

	for _, c := range []struct {
		sentinel error
		cause    string
	}{
		{jwt.ErrInvalidType, CauseMalformed},
		{jwt.ErrTokenSignatureInvalid, CauseSignature},
		{jwt.ErrTokenInvalidIssuer, CauseIssuer},
		{jwt.ErrTokenInvalidAudience, CauseAudience},
		{jwt.ErrTokenExpired, CauseExpired},
		{jwt.ErrTokenNotValidYet, CauseNotYetValid},
		{jwt.ErrTokenUsedBeforeIssued, CauseIssuedInFuture},
		{jwt.ErrTokenRequiredClaimMissing, CauseMissingClaim},
	} {
		if errors.Is(err, c.sentinel) {
			return invalid(c.cause, err)
		}
	}
	return invalid(CauseMalformed, err)
}

func headerString(tok *jwt.Token, name string) string {
	s, _ := tok.Header[name].(string)
	return s
}
