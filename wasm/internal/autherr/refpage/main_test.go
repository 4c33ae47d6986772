//go:build !js

package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

func TestReferencePageIsUpToDate(t *testing.T) {
	got, err := os.ReadFile("../../../../js/errors.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, render(autherr.Reference())) {
		t.Fatal("js/errors.md differs from the catalog: run go generate ./wasm/internal/autherr")
	}
}
