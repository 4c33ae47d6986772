package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// response is one answer the page received over the network.
type response struct {
	method   string
	url      string
	kind     network.ResourceType
	mimeType string
	status   int64
	cached   bool
	wire     int64 // headers and body as the server sent them
	finished bool
	counted  bool // asked for by the page during a counted step
}

// traffic keeps what the page under test fetched while counting is on:
// every request made for a document of its origin, the provider calls among
// them, but not the provider's own login page.
type traffic struct {
	origin string

	mu        sync.Mutex
	counting  bool
	responses map[network.RequestID]*response
	// revalidated are the requests the server answered 304 Not Modified.
	// Chromium reports them with the cached response's 200 and tells the
	// real status only in the extra info, which may come first.
	revalidated map[network.RequestID]bool
}

// watch starts recording the tab's traffic for the page at origin.
func watch(tab context.Context, origin string) (*traffic, error) {
	tr := &traffic{
		origin:      origin,
		responses:   make(map[network.RequestID]*response),
		revalidated: make(map[network.RequestID]bool),
	}
	if err := chromedp.Listen(tab, tr.note); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		return nil, fmt.Errorf("bench: network tracking: %w", err)
	}
	return tr, nil
}

// count turns counting on or off: the sign-in's bytes are those of the
// first, cold visit and of the sign-in itself, not of the warm visit.
func (tr *traffic) count(on bool) {
	tr.mu.Lock()
	tr.counting = on
	tr.mu.Unlock()
}

// note takes one event; it runs on the tab's reading goroutine, so it only
// files what it sees.
func (tr *traffic) note(ev any) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		// A redirect reuses the request id: the last URL is the one answered.
		tr.responses[e.RequestID] = &response{
			method:  e.Request.Method,
			url:     e.Request.URL,
			kind:    e.Type,
			counted: tr.counting && sameOrigin(e.DocumentURL, tr.origin),
		}
	case *network.EventResponseReceived:
		if r := tr.responses[e.RequestID]; r != nil && e.Response != nil {
			r.status = e.Response.Status
			r.mimeType = e.Response.MimeType
			r.cached = e.Response.FromDiskCache || e.Response.FromServiceWorker ||
				e.Response.FromPrefetchCache || e.Response.FromEarlyHints
		}
	case *network.EventResponseReceivedExtraInfo:
		if e.StatusCode == http.StatusNotModified {
			tr.revalidated[e.RequestID] = true
		}
	case *network.EventLoadingFinished:
		if r := tr.responses[e.RequestID]; r != nil {
			r.finished = true
			r.wire = int64(e.EncodedDataLength)
		}
	}
}

// transfer is one response the sign-in needed, with where its body is.
type transfer struct {
	id       network.RequestID
	method   string
	url      string
	code     bool // a document, script, style sheet or WebAssembly module
	wire     int64
	fromPage bool // its body can only be read from the tab
}

// transfers lists what came over the network for the counted steps: not
// answers from a cache, nor 304s that only confirm one, nor preflights.
// Each transfer counts: a page fetched twice was sent twice.
func (tr *traffic) transfers() []transfer {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var list []transfer
	for id, r := range tr.responses {
		if !r.counted || !r.finished || r.cached || tr.revalidated[id] ||
			r.status < 200 || r.status >= 300 ||
			r.kind == network.ResourceTypePreflight || isFavicon(r.url) {
			continue
		}
		list = append(list, transfer{
			id:       id,
			method:   r.method,
			url:      r.url,
			code:     isCode(r.kind, r.mimeType),
			wire:     r.wire,
			fromPage: r.method != "GET",
		})
	}
	return list
}

func isCode(kind network.ResourceType, mimeType string) bool {
	switch kind {
	case network.ResourceTypeDocument, network.ResourceTypeScript,
		network.ResourceTypeStylesheet:
		return true
	}
	return mimeType == "application/wasm"
}

// isFavicon is the icon Chromium asks for on its own.
func isFavicon(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Path == "/favicon.ico"
}

func sameOrigin(raw, origin string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Scheme+"://"+u.Host, origin)
}
