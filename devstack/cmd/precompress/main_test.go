package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestCopiesDecompressToTheOriginal(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "module.wasm")
	original := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 a module that repeats itself "), 4096)
	if err := os.WriteFile(name, original, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := precompress([]string{name}); err != nil {
		t.Fatal(err)
	}

	readers := map[string]func(io.Reader) (io.Reader, error){
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	}
	for suffix, open := range readers {
		packed, err := os.ReadFile(name + suffix)
		if err != nil {
			t.Fatalf("%s: %v", suffix, err)
		}
		if len(packed) >= len(original)/10 {
			t.Errorf("%s is %d bytes for %d: not compressed", suffix, len(packed), len(original))
		}
		r, err := open(bytes.NewReader(packed))
		if err != nil {
			t.Fatalf("%s: %v", suffix, err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, original) {
			t.Errorf("%s does not decompress to the original (err %v)", suffix, err)
		}
	}

	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the folder, want the file and its two copies", len(entries))
	}
}

func TestMissingFileWritesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := precompress([]string{filepath.Join(dir, "missing.wasm")}); err == nil {
		t.Fatal("no error for a missing file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d files behind", len(entries))
	}
}
