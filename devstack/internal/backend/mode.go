package backend

import "net/http"

// SetConfigured switches the backend between scaikey and dev_token mode
// while it runs, as an operator does by adding or removing the ScaiKey
// settings and restarting it. Switched off, the backend answers exactly as
// one started without them. Switching on needs the settings in Config.
func (s *Server) SetConfigured(on bool) { s.scaikeyOff.Store(!on) }

// Configured reports whether the backend is in scaikey mode.
func (s *Server) Configured() bool { return s.configured() }

// hasSettings reports whether the three settings the documented rule asks
// for are present, whether or not they are switched on.
func (s *Server) hasSettings() bool {
	return s.cfg.ScaiKeyBaseURL != "" && s.cfg.ClientID != "" && s.cfg.ClientSecret != ""
}

// modeRoutes adds /__dev/mode, the switch for tests and for a person
// trying both modes against one running stack.
func (s *Server) modeRoutes() {
	s.mux.HandleFunc("GET /__dev/mode", s.authConfig)
	s.mux.HandleFunc("POST /__dev/mode", s.switchMode)
}

// switchMode serves POST /__dev/mode {"auth_mode": "scaikey" | "dev_token"}
// and answers the new /v1/auth/config.
func (s *Server) switchMode(w http.ResponseWriter, r *http.Request) {
	body, errs := readObject(w, r)
	var mode string
	if errs == nil {
		var values map[string]string
		values, errs = requireStrings(body, "auth_mode")
		mode = values["auth_mode"]
	}
	if errs == nil && mode != "scaikey" && mode != "dev_token" {
		errs = []fieldError{{
			Type: "literal_error", Loc: []any{"body", "auth_mode"},
			Msg:   "Input should be 'scaikey' or 'dev_token'",
			Input: mode,
			Ctx:   map[string]any{"expected": "'scaikey' or 'dev_token'"},
		}}
	}
	if errs != nil {
		writeValidation(w, errs)
		return
	}

	on := mode == "scaikey"
	if on && !s.hasSettings() {
		writeDetail(w, http.StatusConflict,
			"this backend was started without ScaiKey settings; there is nothing to switch on")
		return
	}
	s.SetConfigured(on)
	s.authConfig(w, r)
}
