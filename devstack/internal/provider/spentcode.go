package provider

import (
	"encoding/json"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// codeAlreadyUsed is ScaiKey's description of a replayed code; ScaiFlow's
// troubleshooting page quotes it as "invalid_grant: code already used".
// zitadel would say "invalid code", the same as for a made-up one.
const codeAlreadyUsed = "code already used"

// refuseSpentCodes answers a replayed authorization code at the token
// endpoint in ScaiKey's words, before zitadel sees it. Any other request,
// including a code's first presentation, goes on to zitadel unchanged.
func refuseSpentCodes(s *storage, tokenPath string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || r.URL.Path != tokenPath {
				next.ServeHTTP(w, r)
				return
			}
			// zitadel parses the form again; ParseForm is idempotent.
			if err := r.ParseForm(); err != nil ||
				r.PostForm.Get("grant_type") != string(oidc.GrantTypeCode) ||
				!s.presentSpentCode(r.PostForm.Get("code")) {
				next.ServeHTTP(w, r)
				return
			}
			refuse(w, oidc.ErrInvalidGrant().WithDescription(codeAlreadyUsed))
		})
	}
}

// refuse writes a token endpoint error as RFC 6749 §5.2 shapes it.
func refuse(w http.ResponseWriter, e *oidc.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(e)
}
