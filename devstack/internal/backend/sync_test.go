package backend

import (
	"net/http"
	"testing"
)

func TestScaiKeySyncWithEachKindOfCredentials(t *testing.T) {
	cases := []struct {
		creds  SyncCredentials
		status int
		method string
	}{
		{"", http.StatusOK, "admin_api"},
		{SyncAdmin, http.StatusOK, "admin_api"},
		{SyncTenant, http.StatusOK, "member_walk"},
		{SyncPlatformWithoutAdmin, http.StatusForbidden, ""},
	}
	for _, tc := range cases {
		t.Run(string(tc.creds), func(t *testing.T) {
			s := New(Config{SyncCredentials: tc.creds, Members: []Member{{Subject: "usr_demo"}}})
			status, body := call(s.sync, demo, "POST", "")
			if status != tc.status {
				t.Fatalf("got %d %v", status, body)
			}
			if tc.method == "" {
				if body["detail"] != "Platform token requires admin:read or admin:write scope" {
					t.Fatalf("detail %v", body["detail"])
				}
				return
			}
			if body["users_method"] != tc.method || body["users_seen"] != 1.0 {
				t.Fatalf("stats %v", body)
			}
		})
	}
}

func TestParseSyncCredentials(t *testing.T) {
	for name, want := range map[string]SyncCredentials{
		"": SyncAdmin, "admin": SyncAdmin, "tenant": SyncTenant,
		"platform_without_admin": SyncPlatformWithoutAdmin,
	} {
		if got, err := ParseSyncCredentials(name); err != nil || got != want {
			t.Errorf("%q: %q %v", name, got, err)
		}
	}
	if _, err := ParseSyncCredentials("root"); err == nil {
		t.Error("an unknown name was accepted")
	}
}
