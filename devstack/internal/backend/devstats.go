package backend

import "net/http"

// showStats serves GET /__dev/stats for the end-to-end tests.
func (s *Server) showStats(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.counters.Snapshot())
}

// resetStats serves POST /__dev/reset and answers the zeroed counters.
func (s *Server) resetStats(w http.ResponseWriter, _ *http.Request) {
	s.counters.Reset()
	writeJSON(w, http.StatusOK, s.counters.Snapshot())
}
