package devstack

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// Tampering is how the backend alters the ID token of an exchange before
// the browser gets it: what a compromised proxy or backend could do. Each
// must be refused by the module's own checks.
type Tampering string

const (
	Untampered     Tampering = ""
	BadSignature   Tampering = "bad_signature"    // the payload changed after signing
	AlgNone        Tampering = "alg_none"         // unsigned, "alg": "none"
	HMACPublicKey  Tampering = "hmac_public_key"  // HS256 with the public key as secret
	WrongIssuer    Tampering = "wrong_issuer"     // signed by the provider's key
	WrongAudience  Tampering = "wrong_audience"   // signed by the provider's key
	Expired        Tampering = "expired"          // signed by the provider's key
	IssuedInFuture Tampering = "issued_in_future" // signed by the provider's key
	WrongNonce     Tampering = "wrong_nonce"      // signed by the provider's key
	MissingNonce   Tampering = "missing_nonce"    // signed by the provider's key
	UnknownKey     Tampering = "unknown_kid"      // signed by a key no key set names
	TwoParts       Tampering = "two_parts"
	BadBase64      Tampering = "bad_base64"
	Huge           Tampering = "huge" // 100 KB of claims
)

// TamperIDToken makes every exchange answer with an ID token altered as t
// says, until it is set Untampered again.
func (s *Stack) TamperIDToken(t Tampering) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.tamper = t
}

func (f *faults) tampering() Tampering {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tamper
}

// tamperExchange lets the backend exchange the code, then alters the ID
// token of its answer.
func (f *faults) tamperExchange(next http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	var body map[string]any
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
		copyRecorded(w, rec)
		return
	}
	raw, _ := body["id_token"].(string)
	forged, err := f.forge(raw, f.tampering())
	if err != nil {
		http.Error(w, "tampering failed: "+err.Error(), http.StatusInternalServerError)
		return
	}
	body["id_token"] = forged
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

func copyRecorded(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// forge alters a genuine ID token.
func (f *faults) forge(genuine string, t Tampering) (string, error) {
	parts := strings.Split(genuine, ".")
	if len(parts) != 3 {
		return genuine, nil
	}
	var claims map[string]any
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", err
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "", err
	}
	resign := func(edit func(map[string]any)) (string, error) {
		edit(claims)
		return f.sign(claims, false)
	}
	now := time.Now().Unix()
	switch t {
	case BadSignature:
		claims["sub"] = "usr_admin"
		return parts[0] + "." + encode(claims) + "." + parts[2], nil
	case AlgNone:
		return b64(`{"alg":"none","typ":"JWT"}`) + "." + parts[1] + ".", nil
	case HMACPublicKey:
		return f.hmacForgery(parts[1])
	case WrongIssuer:
		return resign(func(c map[string]any) { c["iss"] = "https://evil.example" })
	case WrongAudience:
		return resign(func(c map[string]any) { c["aud"] = []string{"someone-else"} })
	case Expired:
		return resign(func(c map[string]any) { c["iat"], c["exp"] = now-7200, now-3600 })
	case IssuedInFuture:
		return resign(func(c map[string]any) { c["iat"], c["exp"] = now+3600, now+7200 })
	case WrongNonce:
		return resign(func(c map[string]any) { c["nonce"] = "replayed-nonce" })
	case MissingNonce:
		return resign(func(c map[string]any) { delete(c, "nonce") })
	case UnknownKey:
		return f.sign(claims, true)
	case TwoParts:
		return parts[0] + "." + parts[1], nil
	case BadBase64:
		return parts[0] + ".!!not-base64!!." + parts[2], nil
	case Huge:
		return resign(func(c map[string]any) { c["padding"] = strings.Repeat("x", 100_000) })
	}
	return genuine, nil
}

func (f *faults) hmacForgery(payload string) (string, error) {
	secret, err := f.publicKeyPEM()
	if err != nil {
		return "", err
	}
	signingInput := b64(`{"alg":"HS256","typ":"JWT"}`) + "." + payload
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(signingInput))
	return signingInput + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)), nil
}

func encode(claims map[string]any) string {
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(claims)
	return base64.RawURLEncoding.EncodeToString(bytes.TrimSpace(buf.Bytes()))
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
