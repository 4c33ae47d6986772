package backend

import (
	"encoding/json"
	"net/http"
)

// notConfigured is the documented 503 detail.
const notConfigured = "ScaiKey OIDC not configured on the server"

// writeJSON answers with a JSON body; API answers are never cached, as
// they carry tokens or per-user data.
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeDetail answers FastAPI's HTTPException shape: {"detail": ...}, where
// detail is a string or an object.
func writeDetail(w http.ResponseWriter, status int, detail any) {
	writeJSON(w, status, map[string]any{"detail": detail})
}

// refusal is the detail object of a 400 from ScaiKey, passed through.
// error_description is null when ScaiKey sent none, as zitadel does for a
// reused refresh token; message then is the bare error code.
type refusal struct {
	Error       string  `json:"error"`
	Description *string `json:"error_description"`
	Message     string  `json:"message"`
}

func newRefusal(code, description string) refusal {
	message := code
	if description != "" {
		message += ": " + description
	}
	return refusal{Error: code, Description: nonEmpty(description), Message: message}
}
