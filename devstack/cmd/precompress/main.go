// Command precompress writes the compressed copies a static host serves in
// place of a file: NAME.br (brotli, quality 11) and NAME.gz (gzip -9), side
// by side with NAME. make build runs it on the module, so the canvas server
// never compresses on a request, as a CDN or nginx's gzip_static would not.
//
//	go run ./cmd/precompress ../static/scaiauth.wasm
//
// Each copy is written to a temporary file and renamed into place, so a
// server reading the folder sees the old copy or the new one, never half.
package main

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"
)

// encoders are the copies written for each file: the suffix a static host
// looks for, and the compressor. Brotli at 11 is its best and slowest
// setting (about 15 s for the 6 MB module); it runs once per build.
var encoders = []struct {
	suffix string
	wrap   func(io.Writer) io.WriteCloser
}{
	{".br", func(w io.Writer) io.WriteCloser {
		return brotli.NewWriterLevel(w, brotli.BestCompression)
	}},
	{".gz", func(w io.Writer) io.WriteCloser {
		z, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // the level is valid
		return z
	}},
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE...")
		os.Exit(2)
	}
	if err := precompress(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}

// precompress writes every copy of every file, the copies at once: brotli
// takes one core for its whole run, gzip hardly any.
func precompress(names []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(names)*len(encoders))
	for i, name := range names {
		for j, enc := range encoders {
			wg.Go(func() {
				errs[i*len(encoders)+j] = writeCopy(name, name+enc.suffix, enc.wrap)
			})
		}
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeCopy compresses source into target through a temporary file in the
// same folder, then renames it into place.
func writeCopy(source, target string, wrap func(io.Writer) io.WriteCloser) error {
	in, err := os.Open(source)
	if err != nil {
		return err
	}
	defer in.Close()

	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed

	z := wrap(tmp)
	_, err = io.Copy(z, in)
	err = errors.Join(err, z.Close(), tmp.Chmod(0o644), tmp.Close())
	if err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	return os.Rename(tmp.Name(), target)
}
