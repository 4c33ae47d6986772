//go:build js && wasm

package browser

import "syscall/js"

// Location is the address bar: window.location and window.history.
type Location struct{}

func (Location) Href() string {
	return js.Global().Get("location").Get("href").String()
}

// Replace swaps the URL of the current history entry and keeps its state,
// so a router's own entry data survives the cleanup.
func (Location) Replace(url string) error {
	return try(func() {
		h := js.Global().Get("history")
		h.Call("replaceState", h.Get("state"), "", url)
	})
}

func (Location) Assign(url string) error {
	return try(func() { js.Global().Get("location").Call("assign", url) })
}
