//go:build js && wasm

package browser

import (
	"context"
	"fmt"
	"syscall/js"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// DefaultTimeout ends a request that has had no answer for this long.
const DefaultTimeout = 30 * time.Second

// Fetch is a fetch.Doer over the browser's fetch. It sends no cookies to
// other origins (credentials "same-origin") and aborts through an
// AbortController when the context ends or the timeout passes; the error of
// a timeout says so and is a context.DeadlineExceeded.
type Fetch struct{ Timeout time.Duration }

func (f Fetch) Do(ctx context.Context, r *fetch.Request) (*fetch.Response, error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, noAnswer(timeout))
	defer cancel()

	abort := js.Global().Get("AbortController").New()
	stop := context.AfterFunc(ctx, func() { abort.Call("abort") })
	defer stop()

	headers := js.Global().Get("Object").New()
	for k, v := range r.Header {
		headers.Set(k, v)
	}
	init := js.Global().Get("Object").New()
	init.Set("method", r.Method)
	init.Set("headers", headers)
	init.Set("signal", abort.Get("signal"))
	init.Set("credentials", "same-origin")
	init.Set("cache", "no-store")
	if len(r.Body) > 0 {
		body := js.Global().Get("Uint8Array").New(len(r.Body))
		js.CopyBytesToJS(body, r.Body)
		init.Set("body", body)
	}

	var promise js.Value
	if err := try(func() { promise = js.Global().Call("fetch", r.URL, init) }); err != nil {
		return nil, err
	}
	resp, err := Await(ctx, promise)
	if err != nil {
		return nil, whyEnded(ctx, err)
	}
	buf, err := Await(ctx, resp.Call("arrayBuffer"))
	if err != nil {
		return nil, whyEnded(ctx, err)
	}
	bytes := js.Global().Get("Uint8Array").New(buf)
	out := &fetch.Response{
		Status: resp.Get("status").Int(),
		Header: map[string]string{},
		Body:   make([]byte, bytes.Get("length").Int()),
	}
	js.CopyBytesToGo(out.Body, bytes)
	each := js.FuncOf(func(_ js.Value, args []js.Value) any {
		out.Header[args[1].String()] = args[0].String()
		return nil
	})
	defer each.Release()
	resp.Get("headers").Call("forEach", each)
	return out, nil
}

// noAnswer is the error of a request whose timeout passed. It is a
// context.DeadlineExceeded, so callers that branch on that still do.
func noAnswer(timeout time.Duration) error {
	return fmt.Errorf("browser: no answer within %v: %w", timeout, context.DeadlineExceeded)
}

// whyEnded gives the cause of a request's end once its context is done:
// Await reports only ctx.Err(), which cannot tell the timeout from the
// caller giving up, and a rejection the abort raised says neither.
func whyEnded(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}
