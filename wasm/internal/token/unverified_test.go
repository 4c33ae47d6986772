package token_test

import (
	"slices"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/token"
)

func TestAudiencesReadsWithoutVerifying(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{
			name: "access token for the client",
			raw:  sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(nil)),
			want: []string{clientID},
		},
		{
			name: "access token for several audiences",
			raw: sign(t, jwt.SigningMethodES256, ecKey, "ec-1", idClaims(func(c jwt.MapClaims) {
				c["aud"] = []string{"scaiflow-api", clientID}
			})),
			want: []string{"scaiflow-api", clientID},
		},
		{
			name: "signed with a key nobody trusts",
			raw:  sign(t, jwt.SigningMethodRS256, forgerKey, "", idClaims(nil)),
			want: []string{clientID},
		},
		{
			name: "access token without aud",
			raw: sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(func(c jwt.MapClaims) {
				delete(c, "aud")
			})),
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := token.Audiences(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Audiences = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAudiencesOfAnUnreadableToken(t *testing.T) {
	for name, raw := range map[string]string{
		"opaque access token":   "2YotnFZFEjr1zCsicMWpAA",
		"encrypted (JWE) token": "a.b.c.d.e",
		"payload not base64":    "e30.!!!.c2ln",
		"payload not JSON":      "e30.bm90IGpzb24.c2ln",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := token.Audiences(raw)

			if got := causeOf(t, err, autherr.BadResponse); got != token.CauseMalformed {
				t.Errorf("cause = %q, want %q", got, token.CauseMalformed)
			}
		})
	}
}

func TestExpiryReadsWithoutVerifying(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		want   time.Time
		wantOK bool
	}{
		{
			name:   "access token living an hour",
			raw:    sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(nil)),
			want:   now.Add(time.Hour),
			wantOK: true,
		},
		{
			name: "access token without exp",
			raw: sign(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", idClaims(func(c jwt.MapClaims) {
				delete(c, "exp")
			})),
		},
		{
			name: "opaque access token",
			raw:  "2YotnFZFEjr1zCsicMWpAA",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := token.Expiry(tt.raw)

			if ok != tt.wantOK || !got.Equal(tt.want) {
				t.Errorf("Expiry = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
