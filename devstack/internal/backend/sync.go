package backend

import (
	"fmt"
	"net/http"
)

// SyncCredentials is what the backend's own ScaiKey credentials may do. It
// decides how the ScaiKey sync lists a tenant's users.
type SyncCredentials string

const (
	// SyncAdmin is a platform token with admin:read and admin:write: the
	// sync reads users through ScaiKey's admin API.
	SyncAdmin SyncCredentials = "admin"
	// SyncTenant is tenant-tier credentials without admin scope: the sync
	// falls back to walking the tenant's members, slower but working.
	SyncTenant SyncCredentials = "tenant"
	// SyncPlatformWithoutAdmin is a platform token lacking admin scope:
	// ScaiKey's admin API refuses it, and the sync fails with that 403.
	SyncPlatformWithoutAdmin SyncCredentials = "platform_without_admin"
)

// ParseSyncCredentials reads a SyncCredentials name; "" is SyncAdmin.
func ParseSyncCredentials(name string) (SyncCredentials, error) {
	switch c := SyncCredentials(name); c {
	case "":
		return SyncAdmin, nil
	case SyncAdmin, SyncTenant, SyncPlatformWithoutAdmin:
		return c, nil
	}
	return "", fmt.Errorf("sync credentials must be %q, %q or %q, not %q",
		SyncAdmin, SyncTenant, SyncPlatformWithoutAdmin, name)
}

// scopeMissing is ScaiKey's refusal, which the backend passes on.
const scopeMissing = "Platform token requires admin:read or admin:write scope"

// syncStats is the body of a finished sync.
type syncStats struct {
	UsersMethod  string `json:"users_method"` // "admin_api" or "member_walk"
	UsersSeen    int    `json:"users_seen"`
	UsersCreated int    `json:"users_created"`
	UsersUpdated int    `json:"users_updated"`
}

// sync serves POST /v1/admin/scaikey-sync. The member table is the sync's
// result already, so every user it sees counts as updated.
func (s *Server) sync(w http.ResponseWriter, _ *http.Request, _ caller) {
	method := "admin_api"
	switch s.cfg.SyncCredentials {
	case SyncPlatformWithoutAdmin:
		writeDetail(w, http.StatusForbidden, scopeMissing)
		return
	case SyncTenant:
		method = "member_walk"
	}
	writeJSON(w, http.StatusOK, syncStats{
		UsersMethod:  method,
		UsersSeen:    len(s.members),
		UsersUpdated: len(s.members),
	})
}
