package token_test

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

// The refresh flags of the key fetches a case expects.
var (
	noFetch   []bool
	cacheOnly = []bool{false}
	refetched = []bool{false, true}
)

func TestVerify(t *testing.T) {
	published := keySet(t, rsaJWK("rsa-1", &rsaKey.PublicKey), ecJWK("ec-1", &ecKey.PublicKey))
	rotated := keySet(t,
		rsaJWK("rsa-1", &rsaKey.PublicKey),
		ecJWK("ec-1", &ecKey.PublicKey),
		rsaJWK("rsa-2", &rotatedKey.PublicKey),
	)
	encOnly := rsaJWK("rsa-1", &rsaKey.PublicKey)
	encOnly["use"] = "enc"
	withEncKey := keySet(t, encOnly, ecJWK("ec-1", &ecKey.PublicKey))

	provider := func() *keySource { return &keySource{cached: published, fresh: published} }
	valid := sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(nil))
	edited := func(edit func(jwt.MapClaims)) string {
		return sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(edit))
	}

	tests := []struct {
		name      string
		raw       string
		nonce     string
		keys      *keySource
		wantCause string // "" when the token must pass
		wantCalls []bool
	}{
		{
			name:      "valid RS256",
			raw:       valid,
			nonce:     nonce,
			keys:      provider(),
			wantCalls: cacheOnly,
		},
		{
			name:      "valid ES256",
			raw:       sign(t, jwt.SigningMethodES256, ecKey, "ec-1", idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCalls: cacheOnly,
		},
		{
			name:      "valid PS256",
			raw:       sign(t, jwt.SigningMethodPS256, rsaKey, "rsa-1", idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCalls: cacheOnly,
		},
		{
			name:      "token without kid and one key that fits",
			raw:       sign(t, jwt.SigningMethodRS256, rsaKey, "", idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCalls: cacheOnly,
		},
		{
			name: "alg none",
			raw: sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "rsa-1",
				idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseAlgNotAllowed,
			wantCalls: noFetch,
		},
		{
			name: "HS256 signed with the RSA public key as secret",
			raw: sign(t, jwt.SigningMethodHS256, publicKeyPEM(t), "rsa-1",
				idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseAlgNotAllowed,
			wantCalls: noFetch,
		},
		{
			name:      "tampered payload",
			raw:       tamper(t, valid),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseSignature,
			wantCalls: cacheOnly,
		},
		{
			name:      "forged with another key under the provider's kid",
			raw:       sign(t, jwt.SigningMethodRS256, forgerKey, "rsa-1", idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseSignature,
			wantCalls: cacheOnly,
		},
		{
			name:      "ES256 token naming an RSA key",
			raw:       sign(t, jwt.SigningMethodES256, ecKey, "rsa-1", idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseUnknownKID,
			wantCalls: refetched,
		},
		{
			name:      "critical header extension",
			raw:       critical(t),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMalformed,
			wantCalls: noFetch,
		},
		{
			name:      "issuer with a trailing slash",
			raw:       edited(func(c jwt.MapClaims) { c["iss"] = issuer + "/" }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseIssuer,
			wantCalls: cacheOnly,
		},
		{
			name:      "token for another client",
			raw:       edited(func(c jwt.MapClaims) { c["aud"] = "cli_other" }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseAudience,
			wantCalls: cacheOnly,
		},
		{
			name: "several audiences without azp",
			raw: edited(func(c jwt.MapClaims) {
				c["aud"] = []string{clientID, "cli_other"}
			}),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseAZP,
			wantCalls: cacheOnly,
		},
		{
			name: "several audiences issued to another client",
			raw: edited(func(c jwt.MapClaims) {
				c["aud"] = []string{clientID, "cli_other"}
				c["azp"] = "cli_other"
			}),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseAZP,
			wantCalls: cacheOnly,
		},
		{
			name: "several audiences issued to us",
			raw: edited(func(c jwt.MapClaims) {
				c["aud"] = []string{clientID, "cli_other"}
				c["azp"] = clientID
			}),
			nonce:     nonce,
			keys:      provider(),
			wantCalls: cacheOnly,
		},
		{
			name:      "one audience but issued to another client",
			raw:       edited(func(c jwt.MapClaims) { c["azp"] = "cli_other" }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseAZP,
			wantCalls: cacheOnly,
		},
		{
			name: "expired",
			raw: edited(func(c jwt.MapClaims) {
				c["iat"] = now.Add(-time.Hour).Unix()
				c["exp"] = now.Add(-2 * time.Minute).Unix()
			}),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseExpired,
			wantCalls: cacheOnly,
		},
		{
			name: "expired but within leeway",
			raw: edited(func(c jwt.MapClaims) {
				c["iat"] = now.Add(-time.Hour).Unix()
				c["exp"] = now.Add(-30 * time.Second).Unix()
			}),
			nonce:     nonce,
			keys:      provider(),
			wantCalls: cacheOnly,
		},
		{
			name: "issued in the future",
			raw: edited(func(c jwt.MapClaims) {
				c["iat"] = now.Add(5 * time.Minute).Unix()
			}),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseIssuedInFuture,
			wantCalls: cacheOnly,
		},
		{
			name: "not valid before a time still to come",
			raw: edited(func(c jwt.MapClaims) {
				c["nbf"] = now.Add(5 * time.Minute).Unix()
			}),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseNotYetValid,
			wantCalls: cacheOnly,
		},
		{
			name:      "no expiry",
			raw:       edited(func(c jwt.MapClaims) { delete(c, "exp") }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMissingClaim,
			wantCalls: cacheOnly,
		},
		{
			name:      "no subject",
			raw:       edited(func(c jwt.MapClaims) { delete(c, "sub") }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMissingClaim,
			wantCalls: cacheOnly,
		},
		{
			name:      "no issue time",
			raw:       edited(func(c jwt.MapClaims) { delete(c, "iat") }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMissingClaim,
			wantCalls: cacheOnly,
		},
		{
			name:      "expiry written as text",
			raw:       edited(func(c jwt.MapClaims) { c["exp"] = "tomorrow" }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMalformed,
			wantCalls: cacheOnly,
		},
		{
			name:      "nonce of another sign-in",
			raw:       valid,
			nonce:     "n-other",
			keys:      provider(),
			wantCause: token.CauseNonce,
			wantCalls: cacheOnly,
		},
		{
			name:      "nonce missing when one was sent",
			raw:       edited(func(c jwt.MapClaims) { delete(c, "nonce") }),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseNonce,
			wantCalls: cacheOnly,
		},
		{
			name:      "refreshed token carrying the first nonce",
			raw:       valid,
			nonce:     "",
			keys:      provider(),
			wantCalls: cacheOnly,
		},
		{
			name: "key rotated: unknown kid found on refresh",
			raw: sign(t, jwt.SigningMethodRS256, rotatedKey, "rsa-2",
				idClaims(nil)),
			nonce:     nonce,
			keys:      &keySource{cached: published, fresh: rotated},
			wantCalls: refetched,
		},
		{
			name: "kid unknown even after refresh",
			raw: sign(t, jwt.SigningMethodRS256, rotatedKey, "rsa-9",
				idClaims(nil)),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseUnknownKID,
			wantCalls: refetched,
		},
		{
			name:      "token names a key published for encryption",
			raw:       valid,
			nonce:     nonce,
			keys:      &keySource{cached: withEncKey, fresh: withEncKey},
			wantCause: token.CauseUnknownKID,
			wantCalls: refetched,
		},
		{
			name:      "key source down",
			raw:       valid,
			nonce:     nonce,
			keys:      &keySource{down: errors.New("fetch failed")},
			wantCause: token.CauseKeysUnavailable,
			wantCalls: cacheOnly,
		},
		{
			name:      "two-part token",
			raw:       valid[:strings.LastIndex(valid, ".")],
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMalformed,
			wantCalls: noFetch,
		},
		{
			name:      "bad base64",
			raw:       "!!!.@@@.###",
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMalformed,
			wantCalls: noFetch,
		},
		{
			name:      "huge token",
			raw:       valid + strings.Repeat("A", token.MaxTokenSize),
			nonce:     nonce,
			keys:      provider(),
			wantCause: token.CauseMalformed,
			wantCalls: noFetch,
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &token.Verifier{
				Issuer:   issuer,
				ClientID: clientID,
				Now:      func() time.Time { return now },
				Keys:     tt.keys,
			}
			claims, err := v.Verify(context.Background(), tt.raw, tt.nonce)

			if tt.wantCause == "" && err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if tt.wantCause != "" {
				if claims != nil {
					t.Errorf("claims = %+v, want none", claims)
				}
				got := causeOf(t, err, autherr.IDTokenInvalid)
				if got != tt.wantCause {
					t.Errorf("cause = %q, want %q (%v)", got, tt.wantCause, errors.Unwrap(err))
				}
			}
			if !slices.Equal(tt.keys.calls, tt.wantCalls) {
				t.Errorf("key fetches (refresh flags) = %v, want %v",
					tt.keys.calls, tt.wantCalls)
			}
		})
	}
}

func TestVerifiedClaimsDescribeTheUser(t *testing.T) {
	set := keySet(t, rsaJWK("rsa-1", &rsaKey.PublicKey))
	v := &token.Verifier{
		Issuer:   issuer,
		Audience: clientID,
		Now:      func() time.Time { return now },
		Keys:     &keySource{cached: set, fresh: set},
	}
	raw := sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(nil))

	c, err := v.Verify(context.Background(), raw, nonce)
	if err != nil {
		t.Fatal(err)
	}

	if c.Subject != "usr_42" || c.Issuer != issuer || c.Email != "ada@example.com" ||
		c.Name != "Ada" || c.TenantID != "tnt_7" || c.Nonce != nonce {
		t.Errorf("claims = %+v", c)
	}
	if !slices.Equal(c.Audience, []string{clientID}) {
		t.Errorf("Audience = %v, want [%s]", c.Audience, clientID)
	}
	if !c.Expiry.Equal(now.Add(time.Hour)) || !c.IssuedAt.Equal(now) {
		t.Errorf("Expiry, IssuedAt = %v, %v", c.Expiry, c.IssuedAt)
	}
	if c.Raw["tenant_id"] != "tnt_7" {
		t.Errorf("Raw = %v", c.Raw)
	}
}

func TestKeySourceFailureIsKeptForErrorsIs(t *testing.T) {
	down := errors.New("fetch failed")
	v := &token.Verifier{Issuer: issuer, ClientID: clientID, Keys: &keySource{down: down}}
	raw := sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(nil))

	_, err := v.Verify(context.Background(), raw, nonce)

	if !errors.Is(err, down) {
		t.Errorf("err = %v, want it to wrap %v", err, down)
	}
}

func TestVerifierMissingIssuerIsAConfigError(t *testing.T) {
	v := &token.Verifier{ClientID: clientID, Keys: &keySource{}}
	raw := sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(nil))

	_, err := v.Verify(context.Background(), raw, nonce)

	if got := causeOf(t, err, autherr.ConfigInvalid); got != token.CauseVerifierIncomplete {
		t.Errorf("cause = %q, want %q", got, token.CauseVerifierIncomplete)
	}
}

// publicKeyPEM is what an attacker has: the provider's public key, as any
// JWKS or certificate reveals it.
func publicKeyPEM(t *testing.T) []byte {
	der, err := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// tamper swaps the payload of a signed token for one naming another user,
// keeping header and signature.
func tamper(t *testing.T, raw string) string {
	parts := strings.Split(raw, ".")
	forged := sign(t, jwt.SigningMethodRS256, forgerKey, "rsa-1",
		idClaims(func(c jwt.MapClaims) { c["sub"] = "usr_admin" }))
	parts[1] = strings.Split(forged, ".")[1]
	return strings.Join(parts, ".")
}

func critical(t *testing.T) string {
	header := map[string]any{"kid": "rsa-1", "crit": []string{"exp_ext"}, "exp_ext": 1}
	return signWithHeader(t, jwt.SigningMethodRS256, rsaKey, header, idClaims(nil))
}
