//go:build js && wasm

package browser

import "syscall/js"

// Channel is a BroadcastChannel: a message posted by one tab reaches every
// other tab of the origin that listens on the same name. Where the API is
// missing, posting does nothing and nothing is heard.
type Channel struct{ ch js.Value }

// OpenChannel opens the named channel.
func OpenChannel(name string) *Channel {
	ctor := js.Global().Get("BroadcastChannel")
	if ctor.Type() != js.TypeFunction {
		return &Channel{}
	}
	var ch js.Value
	if err := try(func() { ch = ctor.New(name) }); err != nil {
		return &Channel{}
	}
	return &Channel{ch: ch}
}

func (c *Channel) Post(msg []byte) error {
	if c.ch.IsUndefined() {
		return nil
	}
	return try(func() { c.ch.Call("postMessage", string(msg)) })
}

// Listen calls fn with every message, each in a goroutine of its own: fn
// may wait (for a lock, a fetch), and the page's event loop must not wait
// with it. The callback lives as long as the page.
func (c *Channel) Listen(fn func(msg []byte)) {
	if c.ch.IsUndefined() {
		return
	}
	c.ch.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		data := arg0(args).Get("data")
		if data.Type() == js.TypeString {
			go fn([]byte(data.String()))
		}
		return nil
	}))
}
