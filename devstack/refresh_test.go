package devstack_test

import (
	"net/http"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestRefreshRotatesTheRefreshToken(t *testing.T) {
	s := configured(t)
	first := signedIn(t, s)
	old := first["refresh_token"].(string)

	a := refresh(t, s, old)
	if a.status != http.StatusOK {
		t.Fatalf("refresh: %d %s", a.status, a.raw)
	}
	rotated, _ := a.body["refresh_token"].(string)
	if rotated == "" || rotated == old {
		t.Fatalf("refresh token not rotated: %s", a.raw)
	}
	if a.body["access_token"] == first["access_token"] {
		t.Error("the access token was not renewed")
	}

	// OpenID Connect Core §12.2: a refreshed ID token keeps iss, sub and
	// aud, and should carry no nonce.
	id, _ := a.body["id_token"].(string)
	if id == "" {
		t.Fatalf("no id_token from refresh: %s", a.raw)
	}
	claims := claimsOf(t, id)
	checkClaims(t, claims, map[string]any{
		"sub": devstack.DemoSubject, "aud": devstack.DefaultClientID,
		"email": devstack.DemoLogin, "tenant_id": devstack.DemoTenant,
	})
	if nonce, ok := claims["nonce"]; ok {
		t.Errorf("refreshed ID token has nonce %v", nonce)
	}

	again := refresh(t, s, old)
	if again.status != http.StatusBadRequest || detailOf(t, again)["error"] != "invalid_grant" {
		t.Fatalf("reused refresh token: %d %s", again.status, again.raw)
	}
	want := devstack.Stats{
		Exchanges: 1, Refreshes: 2, RefreshFailures: 1, ReusedRefreshTokens: 1,
	}
	if got := s.Stats(); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}

	if next := refresh(t, s, rotated); next.status != http.StatusOK {
		t.Errorf("the rotated token stopped working after a reuse: %s", next.raw)
	}
}

func TestReuseRevokesTheGrantWhenAsked(t *testing.T) {
	s := startStack(t, devstack.Options{Configured: true, RevokeGrantOnReuse: true})
	old := signedIn(t, s)["refresh_token"].(string)
	rotated := refresh(t, s, old).body["refresh_token"].(string)

	if a := refresh(t, s, old); a.status != http.StatusBadRequest {
		t.Fatalf("reuse: %d %s", a.status, a.raw)
	}
	if a := refresh(t, s, rotated); a.status != http.StatusBadRequest {
		t.Errorf("the grant survived a reuse: %d %s", a.status, a.raw)
	}
	if got := s.Stats().ReusedRefreshTokens; got != 1 {
		t.Errorf("reused_refresh_tokens = %d, want 1", got)
	}
}

func TestUnknownRefreshTokenIsRefused(t *testing.T) {
	s := configured(t)
	a := refresh(t, s, "rt_made_up")
	if a.status != http.StatusBadRequest || detailOf(t, a)["error"] != "invalid_grant" {
		t.Fatalf("made-up refresh token: %d %s", a.status, a.raw)
	}
	if got := s.Stats(); got.ReusedRefreshTokens != 0 || got.RefreshFailures != 1 {
		t.Errorf("stats = %+v, want one failure and no reuse", got)
	}
}
