//go:build js && wasm

// Command scaiauth is the sign-in module as WebAssembly. It wires the
// browser adapters to the core and hands the page a bridge object; the ES
// module js/scaiauth.js turns that into the public API.
package main

import (
	"crypto/rand"
	"syscall/js"

	"github.com/scaiflow/scaiauth/wasm/internal/browser"
)

// readyHook is the global function the loader defines before starting the
// module; it receives the bridge once.
const readyHook = "__scaiauthReady"

func main() {
	env := envOf(browser.SessionStorage(), browser.Location{}, browser.Fetch{},
		&browser.Locks{}, rand.Reader)
	env.Shared = browser.LocalStorage()
	env.Tabs = browser.OpenChannel("scaiauth")
	b := &bridge{env: env}
	js.Global().Call(readyHook, b.object())
	select {} // the bridge's callbacks run for the life of the page
}
