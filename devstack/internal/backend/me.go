package backend

import "net/http"

// profile is the body of GET /v1/me.
type profile struct {
	Subject  string  `json:"sub"`
	TenantID string  `json:"tenant_id"`
	Email    *string `json:"email"`
	Name     *string `json:"name"`
	Role     *string `json:"role"`
}

// me answers who the access token belongs to. The access token carries
// only sub and tenant_id; email, name and role come from the member table,
// and are null for someone ScaiFlow has not synced yet.
func (s *Server) me(w http.ResponseWriter, _ *http.Request, who caller) {
	p := profile{Subject: who.Subject, TenantID: who.TenantID}
	if m, ok := s.members[who.Subject]; ok {
		p.Email = nonEmpty(m.Email)
		p.Name = nonEmpty(m.Name)
		p.Role = nonEmpty(m.Role)
	}
	writeJSON(w, http.StatusOK, p)
}

// nonEmpty turns "" into JSON null.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
