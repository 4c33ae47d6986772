package auth

import (
	"context"
	"sync"
)

// call is one read in flight (discovery, the key set) that every caller
// arriving meanwhile shares, so that a callback which needs the keys for
// two reasons at once still asks the provider once.
type call[T any] struct {
	done chan struct{} // closed when val and err are set
	val  T
	err  error
}

// shared returns what the call in *slot yields, and starts one with read
// when none is in flight. read keeps its result wherever it is cached
// before the slot is freed, so that a caller arriving after the slot is
// free finds it there. mu guards *slot. A caller whose context ends stops
// waiting; the read goes on for the others.
func shared[T any](ctx context.Context, mu *sync.Mutex, slot **call[T],
	read func(context.Context) (T, error)) (T, error) {
	mu.Lock()
	c, lead := *slot, false
	if c == nil {
		c, lead = &call[T]{done: make(chan struct{})}, true
		*slot = c
	}
	mu.Unlock()

	if lead {
		c.val, c.err = read(ctx)
		mu.Lock()
		*slot = nil
		mu.Unlock()
		close(c.done)
		return c.val, c.err
	}
	select {
	case <-c.done:
		return c.val, c.err
	case <-ctx.Done():
		var none T
		return none, ctx.Err()
	}
}
