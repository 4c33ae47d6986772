package backend

// Member is a row of ScaiFlow's own user table, synced from ScaiKey. The
// admin role lives here, not in ScaiKey's tokens.
type Member struct {
	Subject string
	Email   string
	Name    string
	Role    string // "tenant_admin", "super_admin" or ""
}
