//go:build js && wasm

package browser

import (
	"context"
	"sync"
	"syscall/js"
)

// Locks is the core's Locker over the Web Locks API, which every tab of an
// origin shares. Where the API is missing (an insecure context other than
// localhost), the lock covers this tab only.
type Locks struct{ tab sync.Mutex }

func (l *Locks) Lock(ctx context.Context, name string, fn func(context.Context) error) error {
	locks := js.Global().Get("navigator").Get("locks")
	if locks.IsUndefined() || locks.IsNull() {
		l.tab.Lock()
		defer l.tab.Unlock()
		return fn(ctx)
	}

	var result error
	held := js.FuncOf(func(js.Value, []js.Value) any {
		// The lock is held until the returned Promise settles; fn runs in a
		// goroutine because this is a callback from JavaScript.
		return Promise(func() (js.Value, error) {
			result = fn(ctx)
			return js.Undefined(), nil
		}, func(error) js.Value { return js.Undefined() })
	})
	defer held.Release()
	var request js.Value
	if err := try(func() { request = locks.Call("request", name, held) }); err != nil {
		return err
	}
	if _, err := Await(ctx, request); err != nil {
		return err
	}
	return result
}
