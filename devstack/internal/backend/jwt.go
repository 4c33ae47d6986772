package backend

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	jose "github.com/go-jose/go-jose/v4"
)

// invalidToken is a rejected access token. Its reason uses PyJWT's
// wording, since ScaiFlow's verifier is PyJWT and the canvas shows
// "invalid token: <reason>" as the backend says it.
type invalidToken struct{ reason string }

func (e *invalidToken) Error() string { return "invalid token: " + e.reason }

// accessClaims are the claims ScaiFlow reads from a ScaiKey access token.
type accessClaims struct {
	Issuer    string   `json:"iss"`
	Subject   string   `json:"sub"`
	Audience  audience `json:"aud"`
	Expiry    *float64 `json:"exp"`
	NotBefore *float64 `json:"nbf"`
	IssuedAt  *float64 `json:"iat"`
	Scope     string   `json:"scope"`
	TenantID  string   `json:"tenant_id"`
	ClientID  string   `json:"client_id"`
}

// audience accepts both forms RFC 7519 §4.1.3 allows: a string or a list.
type audience []string

func (a *audience) UnmarshalJSON(data []byte) error {
	var one string
	if json.Unmarshal(data, &one) == nil {
		*a = audience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(data, &many); err != nil {
		return errors.New("aud is neither a string nor a list of strings")
	}
	*a = many
	return nil
}

// acceptedAlgorithms are the signatures ScaiKey makes: RS256 by default,
// ES256 when so configured.
var acceptedAlgorithms = []jose.SignatureAlgorithm{jose.RS256, jose.ES256}

// verifyAccessToken checks an RS256 or ES256 JWT the way ScaiFlow does: signature
// against ScaiKey's JWKS, then exp, nbf, iat, iss and aud, without leeway.
// Any failure is an *invalidToken, unless ScaiKey itself could not be
// reached (*unavailable).
func (s *Server) verifyAccessToken(ctx context.Context, raw string) (accessClaims, error) {
	if strings.Count(raw, ".") != 2 {
		return accessClaims{}, &invalidToken{"Not enough segments"}
	}
	kid, err := headerKeyID(raw)
	if err != nil {
		return accessClaims{}, err
	}
	jws, err := jose.ParseSigned(raw, acceptedAlgorithms)
	if err != nil {
		return accessClaims{}, &invalidToken{"Invalid token"}
	}

	key, err := s.scaikey.keys.key(ctx, kid)
	if noKey, ok := errors.AsType[*noMatchingKey](err); ok {
		return accessClaims{}, &invalidToken{noKey.Error()}
	}
	if err != nil {
		return accessClaims{}, err
	}
	payload, err := jws.Verify(key)
	if err != nil {
		return accessClaims{}, &invalidToken{"Signature verification failed"}
	}

	var claims accessClaims
	if err := json.Unmarshal(payload, &claims); err != nil {
		return accessClaims{}, &invalidToken{"Invalid payload string"}
	}
	meta, err := s.scaikey.metadata(ctx)
	if err != nil {
		return accessClaims{}, err
	}
	if err := s.checkClaims(claims, meta.Issuer); err != nil {
		return accessClaims{}, err
	}
	return claims, nil
}

// headerKeyID reads the JOSE header first, so a token signed with another
// algorithm is named as such rather than as a bad signature.
func headerKeyID(raw string) (string, error) {
	segment, _, _ := strings.Cut(raw, ".")
	decoded, err := base64.RawURLEncoding.DecodeString(segment)
	if err != nil {
		return "", &invalidToken{"Invalid header padding"}
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := json.Unmarshal(decoded, &header); err != nil {
		return "", &invalidToken{"Invalid header string"}
	}
	if !slices.Contains(acceptedAlgorithms, jose.SignatureAlgorithm(header.Alg)) {
		return "", &invalidToken{"The specified alg value is not allowed"}
	}
	return header.Kid, nil
}

// checkClaims follows PyJWT's order and messages (RFC 7519 §4.1).
func (s *Server) checkClaims(c accessClaims, issuer string) error {
	now := float64(s.now().Unix())
	switch {
	case c.Expiry == nil:
		return &invalidToken{`Token is missing the "exp" claim`}
	case c.IssuedAt != nil && *c.IssuedAt > now:
		return &invalidToken{"The token is not yet valid (iat)"}
	case c.NotBefore != nil && *c.NotBefore > now:
		return &invalidToken{"The token is not yet valid (nbf)"}
	case *c.Expiry <= now:
		return &invalidToken{"Signature has expired"}
	case c.Issuer != issuer:
		return &invalidToken{"Invalid issuer"}
	case len(c.Audience) == 0:
		return &invalidToken{`Token is missing the "aud" claim`}
	case !s.acceptsAudience(c.Audience):
		return &invalidToken{"Audience doesn't match"}
	case c.Subject == "":
		return &invalidToken{`Token is missing the "sub" claim`}
	}
	return nil
}

// acceptsAudience follows PyJWT given a list of audiences: one of the
// token's audiences in the list is enough.
func (s *Server) acceptsAudience(aud []string) bool {
	return slices.ContainsFunc(aud, func(a string) bool {
		return a == s.cfg.Audience || slices.Contains(s.cfg.ExtraAudiences, a)
	})
}
