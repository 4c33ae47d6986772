//go:build js && wasm

package browser

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
)

// Promise runs fn in a goroutine and returns a JavaScript Promise of its
// result, so that a call from JavaScript never blocks the event loop. reject
// turns an error into the value the Promise is rejected with.
func Promise(fn func() (js.Value, error), reject func(error) js.Value) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolveFn, rejectFn := args[0], args[1]
		go func() {
			defer executor.Release()
			v, err := fn()
			if err != nil {
				rejectFn.Invoke(reject(err))
				return
			}
			resolveFn.Invoke(v)
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// Await waits for a JavaScript Promise. It must run in a goroutine of its
// own, never in a callback from JavaScript.
func Await(ctx context.Context, p js.Value) (js.Value, error) {
	type outcome struct {
		v   js.Value
		err error
	}
	done := make(chan outcome, 1)
	// The callbacks release themselves when the Promise settles, which may be
	// after this function has given up on it (the context ended first).
	var onOK, onErr js.Func
	settle := func(o outcome) {
		onOK.Release()
		onErr.Release()
		done <- o
	}
	onOK = js.FuncOf(func(_ js.Value, args []js.Value) any {
		settle(outcome{v: arg0(args)})
		return nil
	})
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		settle(outcome{err: jsError(arg0(args))})
		return nil
	})
	p.Call("then", onOK, onErr)
	select {
	case o := <-done:
		return o.v, o.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// jsError turns a thrown JavaScript value into a Go error carrying its name
// and message, which is all a browser error says.
func jsError(v js.Value) error {
	if v.Type() == js.TypeObject {
		name, msg := v.Get("name"), v.Get("message")
		if name.Type() == js.TypeString && msg.Type() == js.TypeString {
			return fmt.Errorf("%s: %s", name.String(), msg.String())
		}
	}
	if v.Type() == js.TypeString {
		return errors.New(v.String())
	}
	return errors.New("javascript error")
}

// try calls fn and turns a JavaScript exception (a panic of js.Error in
// syscall/js) into an error.
func try(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			var jsErr js.Error
			if e, ok := r.(js.Error); ok {
				jsErr = e
				err = jsError(jsErr.Value)
				return
			}
			err = fmt.Errorf("browser: %v", r)
		}
	}()
	fn()
	return nil
}
