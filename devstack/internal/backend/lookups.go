package backend

import "net/http"

// lookupRoutes adds the lookup proxies, the tenant's ScaiGrid credentials
// and the ScaiKey sync.
func (s *Server) lookupRoutes() {
	grid := new(gridKeys)
	for service := range lookupData {
		s.mux.HandleFunc("GET /v1/"+service+"/{rest...}", s.requireBearer(grid.lookup(service)))
	}
	s.mux.HandleFunc("GET /v1/tenants/me/scaigrid_credentials", s.requireBearer(grid.show))
	s.mux.HandleFunc("POST /v1/tenants/me/scaigrid_credentials",
		s.requireBearer(s.requireAdmin(grid.post)))
	s.mux.HandleFunc("POST /v1/admin/scaikey-sync", s.requireBearer(s.requireAdmin(s.sync)))
}

// lookupData is what each service's proxy answers once the tenant has a
// key. The real backend forwards to ScaiGrid with that key; the stand-in
// answers a fixed list, which is all the canvas needs to show one.
var lookupData = map[string][]map[string]string{
	"scaiqueue":  {{"id": "queue_default", "name": "default"}},
	"scaibunker": {{"id": "bunker_flows", "name": "flows"}},
	"scaigrid":   {{"id": "model_small", "name": "small"}},
}

// missingCredentials is the 412 of a lookup for a tenant without a key.
type missingCredentials struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

// lookup answers one service's proxy for the caller's tenant.
func (g *gridKeys) lookup(service string) func(http.ResponseWriter, *http.Request, caller) {
	return func(w http.ResponseWriter, _ *http.Request, who caller) {
		if _, ok := g.get(who.TenantID); !ok {
			writeDetail(w, http.StatusPreconditionFailed, missingCredentials{
				Error: "missing_credentials",
				Message: "The backend has no ScaiGrid credentials for tenant " +
					who.TenantID,
				Fix: "A tenant admin sets the tenant's API key via " +
					"POST /v1/tenants/me/scaigrid_credentials.",
			})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": lookupData[service]})
	}
}
