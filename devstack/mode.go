package devstack

// SetConfigured switches the backend between scaikey (on) and dev_token
// mode while the stack runs, as an operator does by adding or removing
// SCAIKEY_BASE_URL, SCAIFLOW_SCAIKEY_CLIENT_ID and
// SCAIFLOW_SCAIKEY_CLIENT_SECRET and restarting the backend. The provider
// keeps running either way; GET /v1/auth/config says the new mode at once,
// and an open canvas sees it when it reads the config again. POST
// /__dev/mode {"auth_mode": "dev_token"} does the same over HTTP.
func (s *Stack) SetConfigured(on bool) { s.api.SetConfigured(on) }

// Configured reports whether the backend is in scaikey mode.
func (s *Stack) Configured() bool { return s.api.Configured() }
