package backend

import "net/http"

// The documented refusals of the ScaiKey-only routes in dev_token mode.
const (
	saveRefused    = "Save requires ScaiKey login"
	catalogRefused = "Catalog requires ScaiKey login"
)

// catalogRoutes adds the ScaiKey-only routes of the canvas: flows (Save) and
// the Catalog's Browse and Publish.
func (s *Server) catalogRoutes() {
	s.flows = newFlowStore()
	s.catalog = newCatalogStore(s.now().UTC())

	s.mux.HandleFunc("POST /v1/flows", s.scaikeyOnly(saveRefused, s.createFlow))
	s.mux.HandleFunc("PUT /v1/flows/{id}", s.scaikeyOnly(saveRefused, s.updateFlow))
	s.mux.HandleFunc("GET /v1/catalog", s.scaikeyOnly(catalogRefused, s.listCatalog))
	s.mux.HandleFunc("POST /v1/catalog/publish", s.scaikeyOnly(catalogRefused, s.publish))
}

// scaikeyOnly guards a route only a ScaiKey user may call. In dev_token
// mode the route refuses everyone with 401 and the documented reason,
// whatever bearer came: the shared dev token opens the dev deploy alone.
// In scaikey mode the bearer must be a ScaiKey access token that verifies
// against the provider's keys and the configured audience.
func (s *Server) scaikeyOnly(
	refusal string, next func(http.ResponseWriter, *http.Request, caller),
) http.HandlerFunc {
	verified := s.requireBearer(next)
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.configured() {
			w.Header().Set("WWW-Authenticate", "Bearer")
			writeDetail(w, http.StatusUnauthorized, refusal)
			return
		}
		verified(w, r)
	}
}

// listCatalog serves GET /v1/catalog: the packages the caller's tenant
// sees, each at its latest version, by name.
func (s *Server) listCatalog(w http.ResponseWriter, _ *http.Request, who caller) {
	writeJSON(w, http.StatusOK, s.catalog.visibleTo(who.TenantID))
}
