package backend

// catalogRoutes adds the ScaiKey-only routes of the canvas: flows (Save) and
// the Catalog's Browse and Publish.
func (s *Server) catalogRoutes() {}
