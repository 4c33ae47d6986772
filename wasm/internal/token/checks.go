package token

import (
	"crypto/subtle"

	"github.com/golang-jwt/jwt/v5"
)

// checkRequired asks for the claims OpenID Connect Core §2 makes required
// that the parser's options do not already demand: sub and iat.
func checkRequired(claims jwt.MapClaims) error {
	if sub, _ := claims["sub"].(string); sub == "" {
		return invalid(CauseMissingClaim, nil)
	}
	if iat, err := claims.GetIssuedAt(); err != nil || iat == nil {
		return invalid(CauseMissingClaim, err)
	}
	return nil
}

// checkAuthorizedParty applies OpenID Connect Core §3.1.3.7 steps 4 and 5: a
// token for several audiences must name the party it was issued to, and a
// named party must be this client. Otherwise a token issued to another
// client that merely lists us could sign a user in here.
func checkAuthorizedParty(claims jwt.MapClaims, clientID string) error {
	azp, present := claims["azp"]
	if !present {
		if aud, _ := claims.GetAudience(); len(aud) > 1 {
			return invalid(CauseAZP, nil)
		}
		return nil
	}
	if s, ok := azp.(string); !ok || s != clientID {
		return invalid(CauseAZP, nil)
	}
	return nil
}

// checkNonce applies OpenID Connect Core §3.1.3.7 step 11: the nonce sent
// with the authorization request must come back unchanged, which ties the
// token to this tab's sign-in and defeats replay. An empty want means a
// refresh grant, where no nonce was sent, so whatever the provider carried
// over is not checked. The comparison takes the same time wherever the
// values differ.
func checkNonce(claims jwt.MapClaims, want string) error {
	if want == "" {
		return nil
	}
	got, _ := claims["nonce"].(string)
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return invalid(CauseNonce, nil)
	}
	return nil
}
