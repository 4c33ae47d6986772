package devstack

import "github.com/scaiflow/scaiauth/devstack/internal/backend"

// SyncCredentials says what the backend's own ScaiKey credentials may do,
// which decides how POST /v1/admin/scaikey-sync lists a tenant's users.
type SyncCredentials = backend.SyncCredentials

// The three kinds of credentials the troubleshooting page tells apart.
const (
	// SyncAdmin has admin:read and admin:write: users_method "admin_api".
	SyncAdmin = backend.SyncAdmin
	// SyncTenant is tenant-tier, without admin scope: the sync falls back
	// to users_method "member_walk".
	SyncTenant = backend.SyncTenant
	// SyncPlatformWithoutAdmin is a platform token lacking admin scope: the
	// sync answers 403 "Platform token requires admin:read or admin:write
	// scope".
	SyncPlatformWithoutAdmin = backend.SyncPlatformWithoutAdmin
)

// ParseSyncCredentials reads the name of a SyncCredentials; "" is
// SyncAdmin.
func ParseSyncCredentials(name string) (SyncCredentials, error) {
	return backend.ParseSyncCredentials(name)
}
