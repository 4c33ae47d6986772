package bench

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"io"
	"sync"

	"github.com/andybalholm/brotli"
)

// sizer measures what a body weighs raw, as gzip -9 and as brotli -q 11.
// The module is the same in every run and brotli's best level is slow on
// it, so each distinct body is compressed once.
type sizer struct {
	mu    sync.Mutex
	known map[[sha256.Size]byte]Size
}

func newSizer() *sizer {
	return &sizer{known: make(map[[sha256.Size]byte]Size)}
}

// size is the body's Size.
func (s *sizer) size(body []byte) Size {
	key := sha256.Sum256(body)
	s.mu.Lock()
	known, ok := s.known[key]
	s.mu.Unlock()
	if ok {
		return known
	}

	size := Size{
		Raw:    int64(len(body)),
		Gzip:   compressed(body, gzipBest),
		Brotli: compressed(body, brotliBest),
	}
	s.mu.Lock()
	s.known[key] = size
	s.mu.Unlock()
	return size
}

type compressor func(io.Writer) io.WriteCloser

func gzipBest(w io.Writer) io.WriteCloser {
	z, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // the level is valid
	return z
}

func brotliBest(w io.Writer) io.WriteCloser {
	return brotli.NewWriterLevel(w, brotli.BestCompression)
}

// compressed is the length of body compressed; writing to memory does not
// fail.
func compressed(body []byte, c compressor) int64 {
	var b bytes.Buffer
	w := c(&b)
	_, _ = w.Write(body)
	_ = w.Close()
	return int64(b.Len())
}
