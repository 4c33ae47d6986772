package backend

import "net/http"

// adminRequired is the 403 detail for a route only a tenant admin may use.
const adminRequired = "Tenant admin role required"

// requireAdmin wraps a route of tenant admins. The role lives in ScaiFlow's
// member table, not in ScaiKey's token, so the token alone cannot say.
func (s *Server) requireAdmin(
	next func(http.ResponseWriter, *http.Request, caller),
) func(http.ResponseWriter, *http.Request, caller) {
	return func(w http.ResponseWriter, r *http.Request, who caller) {
		switch s.members[who.Subject].Role {
		case "tenant_admin", "super_admin":
			next(w, r, who)
		default:
			writeDetail(w, http.StatusForbidden, adminRequired)
		}
	}
}
