//go:build js && wasm

package main

import (
	"context"
	"syscall/js"

	"github.com/scaiflow/scaiauth/wasm/internal/auth"
	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
	"github.com/scaiflow/scaiauth/wasm/internal/fetch"
)

// mountOptions are the options of the page's mount() the module reads.
type mountOptions struct {
	APIBase     string   `json:"apiBase"`
	RedirectURI string   `json:"redirectUri"`
	Scopes      []string `json:"scopes"`
	ReturnTo    string   `json:"returnTo"`
	AutoRefresh *bool    `json:"autoRefresh"`
	Exchange    string   `json:"exchange"`
	Issuer      string   `json:"issuer"`
	ClientID    string   `json:"clientId"`
	Audience    string   `json:"audience"`
	// ConfigReply is the loader's early GET {apiBase}/auth/config.
	ConfigReply *configReply `json:"configReply"`
}

// configReply is a fetch answer as the loader passes it: the body as text.
type configReply struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

func (r *configReply) response() *fetch.Response {
	if r == nil || r.Status == 0 {
		return nil
	}
	return &fetch.Response{Status: r.Status, Header: r.Headers, Body: []byte(r.Body)}
}

// mount creates the client on the first call; later calls share it, so a
// re-mount never consumes the callback again.
func (b *bridge) mount(args []js.Value) any {
	var o mountOptions
	if err := fromJS(argAt(args, 0), &o); err != nil {
		return async(func(context.Context) (any, error) {
			return nil, autherr.New(autherr.ConfigInvalid).Because("options").Wrapping(err)
		})
	}
	b.mu.Lock()
	if b.client == nil {
		b.client = auth.New(b.env, auth.Options{
			APIBase: o.APIBase, RedirectURI: o.RedirectURI, Scopes: o.Scopes, ReturnTo: o.ReturnTo,
			ManualRefresh: o.AutoRefresh != nil && !*o.AutoRefresh,
			ConfigReply:   o.ConfigReply.response(),
			Exchange:      o.Exchange,
			Issuer:        o.Issuer,
			ClientID:      o.ClientID,
			Audience:      o.Audience,
		})
		b.client.Subscribe(b.emit)
	}
	c := b.client
	b.mu.Unlock()
	return async(func(ctx context.Context) (any, error) {
		if err := c.Mount(ctx); err != nil {
			return nil, err
		}
		return c.Snapshot(), nil
	})
}

func (b *bridge) snapshot() any {
	c := b.current()
	if c == nil {
		return toJS(auth.Snapshot{})
	}
	return toJS(c.Snapshot())
}

// subscribe registers a JavaScript function called with every new snapshot.
func (b *bridge) subscribe(args []js.Value) any {
	fn := argAt(args, 0)
	if fn.Type() != js.TypeFunction {
		return nil
	}
	b.mu.Lock()
	b.onEvent = append(b.onEvent, fn)
	b.mu.Unlock()
	return nil
}

func (b *bridge) emit() {
	b.mu.Lock()
	fns := append([]js.Value(nil), b.onEvent...)
	c := b.client
	b.mu.Unlock()
	if c == nil {
		return
	}
	snap := b.snapshot()
	for _, fn := range fns {
		fn.Invoke(snap)
	}
	_ = c
}

func (b *bridge) login(args []js.Value) any {
	var o auth.LoginOptions
	err := fromJS(argAt(args, 0), &o)
	return async(func(ctx context.Context) (any, error) {
		c := b.current()
		if c == nil {
			return nil, b.notMounted()
		}
		if err != nil {
			return nil, autherr.New(autherr.ReturnToInvalid).Because("options").Wrapping(err)
		}
		target, err := c.Login(ctx, o)
		if err != nil {
			return nil, err
		}
		return nil, b.env.Location.Assign(target)
	})
}

func (b *bridge) logout(args []js.Value) any {
	return async(func(ctx context.Context) (any, error) {
		c := b.current()
		if c == nil {
			return nil, b.notMounted()
		}
		target, err := c.Logout(ctx)
		if err != nil || target == "" {
			return nil, err
		}
		return nil, b.env.Location.Assign(target)
	})
}

func (b *bridge) accessToken(args []js.Value) any {
	return async(func(ctx context.Context) (any, error) {
		c := b.current()
		if c == nil {
			return nil, b.notMounted()
		}
		t, err := c.AccessToken(ctx)
		if err != nil {
			return nil, err
		}
		return js.ValueOf(t), nil
	})
}

// fetchInit is the init object the loader passes: headers already a record.
type fetchInit struct {
	Method  string            `json:"method"`
	Headers map[string]string `json:"headers"`
	Body    *string           `json:"body"`
}

func (b *bridge) fetch(args []js.Value) any {
	url := argAt(args, 0).String()
	var init fetchInit
	err := fromJS(argAt(args, 1), &init)
	return async(func(ctx context.Context) (any, error) {
		c := b.current()
		if c == nil {
			return nil, b.notMounted()
		}
		if err != nil {
			return nil, autherr.New(autherr.Internal).Because("fetch_init").Wrapping(err)
		}
		req := &fetch.Request{Method: init.Method, URL: url, Header: init.Headers}
		if req.Method == "" {
			req.Method = "GET"
		}
		if init.Body != nil {
			req.Body = []byte(*init.Body)
		}
		resp, err := c.Fetch(ctx, req)
		if err != nil {
			return nil, err
		}
		return responseValue(resp), nil
	})
}

func responseValue(r *fetch.Response) js.Value {
	v := js.Global().Get("Object").New()
	v.Set("status", r.Status)
	v.Set("headers", toJS(r.Header))
	body := js.Global().Get("Uint8Array").New(len(r.Body))
	js.CopyBytesToJS(body, r.Body)
	v.Set("body", body)
	return v
}

func (b *bridge) can(args []js.Value) any {
	c := b.current()
	if c == nil {
		return toJS(map[string]any{"allowed": false, "reason": "Not mounted"})
	}
	return toJS(c.Can(argAt(args, 0).String()))
}

func (b *bridge) catalogTabs(args []js.Value) any {
	c := b.current()
	if c == nil {
		return toJS([]string{"examples"})
	}
	return toJS(c.CatalogTabs())
}

func (b *bridge) setDevToken(args []js.Value) any {
	if c := b.current(); c != nil {
		t := argAt(args, 0)
		if t.Type() == js.TypeString {
			c.SetDevToken(t.String())
		} else {
			c.SetDevToken("")
		}
	}
	return nil
}

func (b *bridge) diagnose(args []js.Value) any {
	return async(func(ctx context.Context) (any, error) {
		c := b.current()
		if c == nil {
			return nil, b.notMounted()
		}
		return c.Diagnose(ctx), nil
	})
}

func (b *bridge) trace(args []js.Value) any {
	c := b.current()
	if c == nil {
		return toJS([]auth.TraceStep{})
	}
	return toJS(c.Trace())
}

func (b *bridge) reloadConfig(args []js.Value) any {
	return async(func(ctx context.Context) (any, error) {
		c := b.current()
		if c == nil {
			return nil, b.notMounted()
		}
		changed, err := c.ReloadConfig(ctx)
		if err != nil {
			return nil, err
		}
		return js.ValueOf(changed), nil
	})
}
