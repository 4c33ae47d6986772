package main

import (
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// The flags that start the stack in one of the troubleshooting page's
// failures, for a person reproducing it by hand.
func TestTroubleshootingFlags(t *testing.T) {
	cases := []struct {
		name         string
		args         []string
		unconfigured bool
		sync         devstack.SyncCredentials
		fails        bool
	}{
		{name: "none", sync: devstack.SyncAdmin},
		{name: "exchange answered by a replica without the settings",
			args: []string{"-exchange-not-configured"}, unconfigured: true,
			sync: devstack.SyncAdmin},
		{name: "tenant-tier sync credentials",
			args: []string{"-sync-credentials", "tenant"}, sync: devstack.SyncTenant},
		{name: "platform token without admin scope",
			args: []string{"-sync-credentials", "platform_without_admin"},
			sync: devstack.SyncPlatformWithoutAdmin},
		{name: "unknown sync credentials",
			args: []string{"-sync-credentials", "root"}, fails: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parseOptions(append([]string{"-repo", t.TempDir()}, tc.args...))
			if (err != nil) != tc.fails {
				t.Fatalf("err = %v, want failure: %t", err, tc.fails)
			}
			if tc.fails {
				return
			}
			if o.ExchangeNotConfigured != tc.unconfigured || o.SyncCredentials != tc.sync {
				t.Errorf("got exchange not configured %t, sync %q",
					o.ExchangeNotConfigured, o.SyncCredentials)
			}
		})
	}
}
