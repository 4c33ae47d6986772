package main

import (
	"slices"
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

func TestExampleFlagServesTheAppAndAcceptsThePublicClient(t *testing.T) {
	o, err := parseOptions([]string{"-repo", t.TempDir(), "-example", "../examples/solid/dist"})
	if err != nil {
		t.Fatal(err)
	}
	if o.ExampleRoot != "../examples/solid/dist" || o.ExampleAddr != devstack.DefaultExampleAddr {
		t.Errorf("example %q on %q", o.ExampleRoot, o.ExampleAddr)
	}
	if !slices.Equal(o.ExtraAudiences, []string{devstack.DefaultPublicClientID}) {
		t.Errorf("extra audiences %v", o.ExtraAudiences)
	}

	o, err = parseOptions([]string{"-repo", t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if o.ExampleRoot != "" || len(o.ExtraAudiences) != 0 {
		t.Errorf("without -example: %q, %v", o.ExampleRoot, o.ExtraAudiences)
	}
}
