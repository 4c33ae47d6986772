//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"sync"
	"syscall/js"
	"time"

	"github.com/scaiflow/scaiauth/wasm/internal/auth"
	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/browser"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
	"github.com/scaiflow/scaiauth/wasm/internal/store"
)

func envOf(s store.Store, l auth.Location, d fetch.Doer, lk auth.Locker, r io.Reader) auth.Env {
	return auth.Env{Storage: s, Location: l, HTTP: d, Locks: lk, Random: r, Now: time.Now}
}

// bridge exports the client to JavaScript. Methods that wait for anything
// return a Promise and do their work in a goroutine; the others only read
// state under a short lock.
type bridge struct {
	env auth.Env

	mu      sync.Mutex
	client  *auth.Auth
	funcs   []js.Func
	onEvent []js.Value
}

func (b *bridge) object() js.Value {
	obj := js.Global().Get("Object").New()
	b.export(obj, "mount", b.mount)
	b.export(obj, "snapshot", func(args []js.Value) any { return b.snapshot() })
	b.export(obj, "subscribe", b.subscribe)
	b.export(obj, "login", b.login)
	b.export(obj, "logout", b.logout)
	b.export(obj, "accessToken", b.accessToken)
	b.export(obj, "fetch", b.fetch)
	b.export(obj, "can", b.can)
	b.export(obj, "catalogTabs", b.catalogTabs)
	b.export(obj, "setDevToken", b.setDevToken)
	b.export(obj, "diagnose", b.diagnose)
	b.export(obj, "trace", b.trace)
	b.export(obj, "reloadConfig", b.reloadConfig)
	return obj
}

func (b *bridge) export(obj js.Value, name string, fn func(args []js.Value) any) {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any { return fn(args) })
	b.funcs = append(b.funcs, f)
	obj.Set(name, f)
}

// async runs fn off the event loop and returns its Promise.
func async(fn func(ctx context.Context) (any, error)) js.Value {
	return browser.Promise(func() (js.Value, error) {
		v, err := fn(context.Background())
		if err != nil {
			return js.Undefined(), err
		}
		return toJS(v), nil
	}, errorValue)
}

// toJS converts a Go value through JSON: one well-tested path for every
// shape the bridge returns.
func toJS(v any) js.Value {
	if jv, ok := v.(js.Value); ok {
		return jv
	}
	if v == nil {
		return js.Undefined()
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return js.Null()
	}
	return js.Global().Get("JSON").Call("parse", string(raw))
}

// errorValue is what a Promise is rejected with: a plain object the loader
// turns into an AuthError. It never carries a token.
func errorValue(err error) js.Value {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		err = autherr.New(autherr.BackendDown).Because("timeout").Wrapping(err)
	}
	v := toJS(autherr.As(err))
	v.Set("name", "AuthError")
	return v
}

func (b *bridge) current() *auth.Auth {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.client
}

func (b *bridge) notMounted() error {
	return autherr.New(autherr.Internal).Because("not_mounted")
}

// fromJS decodes a JavaScript options object into v through JSON.
func fromJS(arg js.Value, v any) error {
	if arg.IsUndefined() || arg.IsNull() {
		return nil
	}
	raw := js.Global().Get("JSON").Call("stringify", arg).String()
	return json.Unmarshal([]byte(raw), v)
}

func argAt(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}
