package token

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Claims are the checked contents of an ID token.
type Claims struct {
	Subject  string
	Issuer   string
	Email    string
	Name     string
	TenantID string // ScaiKey's tenant_id, "tnt_…"
	Nonce    string
	Audience []string
	Expiry   time.Time
	IssuedAt time.Time
	Raw      map[string]any // every claim, as JSON decoded it
}

func newClaims(m jwt.MapClaims) *Claims {
	c := &Claims{
		Subject:  stringClaim(m, "sub"),
		Issuer:   stringClaim(m, "iss"),
		Email:    stringClaim(m, "email"),
		Name:     stringClaim(m, "name"),
		TenantID: stringClaim(m, "tenant_id"),
		Nonce:    stringClaim(m, "nonce"),
		Raw:      m,
	}
	// The parser has read these already; they cannot fail here.
	aud, _ := m.GetAudience()
	c.Audience = aud
	if exp, _ := m.GetExpirationTime(); exp != nil {
		c.Expiry = exp.Time
	}
	if iat, _ := m.GetIssuedAt(); iat != nil {
		c.IssuedAt = iat.Time
	}
	return c
}

func stringClaim(m jwt.MapClaims, name string) string {
	s, _ := m[name].(string)
	return s
}
