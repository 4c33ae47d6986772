package bench

// Sample is what one run of one page measured. A figure the run could not
// measure is NaN (times) or -1 (bytes).
type Sample struct {
	// Cold is the milliseconds from the start of the first visit's page
	// fetch, in a fresh profile, to the page's "auth-state-known" mark.
	Cold float64
	// Warm is the same on the second visit, in the same profile.
	Warm float64
	// Callback is the milliseconds from the start of the callback page's
	// fetch, after the provider's redirects, to its "signed-in" mark.
	Callback float64
	// ColdSteps, WarmSteps and CallbackSteps are how far the module's
	// start had come on each visit, from the same start as its time.
	ColdSteps, WarmSteps, CallbackSteps Steps

	// Code is what the page ran: documents, scripts and WebAssembly.
	Code Size
	// Calls is what it fetched to sign in: its config, discovery, keys and
	// token responses.
	Calls Size
	// Wire is what came over the network as the server sent it, headers
	// included.
	Wire int64

	// JSHeap is the JavaScript heap in use once signed in, after a
	// garbage collection.
	JSHeap int64
	// Wasm is the WebAssembly memory of the page once signed in.
	Wasm int64
}

// Steps are the milliseconds at which a visit reached each step of the
// module's start: the share of its time spent before the page's own work.
// NaN for a page without the module.
type Steps struct {
	// InHand is when the last byte of the module arrived or came out of the
	// cache (Resource Timing's responseEnd).
	InHand float64
	// Compiled and Running are the loader's scaiauth:compiled and
	// scaiauth:running marks: the module compiled, and Go's runtime started.
	Compiled, Running float64
}

// Size is a count of bytes as sent uncompressed, and as gzip -9 and
// brotli -q 11 make them: figures that do not depend on how the server
// chose to encode.
type Size struct {
	Raw, Gzip, Brotli int64
}

// Add adds another response's sizes.
func (s Size) Add(o Size) Size {
	return Size{Raw: s.Raw + o.Raw, Gzip: s.Gzip + o.Gzip, Brotli: s.Brotli + o.Brotli}
}
