package bench

import (
	"context"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// keepWasmMemory runs before each document's own scripts. It keeps the
// memory of every WebAssembly instance the page makes, so that its size can
// be read once signed in; the instance itself is untouched.
const keepWasmMemory = `(() => {
	const memories = [];
	Object.defineProperty(globalThis, "__benchWasmMemories", { value: memories });
	const keep = (instance) => {
		for (const value of Object.values(instance?.exports ?? {})) {
			if (value instanceof WebAssembly.Memory) memories.push(value);
		}
	};
	const instantiate = WebAssembly.instantiate;
	WebAssembly.instantiate = async function (...args) {
		const made = await instantiate.apply(this, args);
		keep(made instanceof WebAssembly.Instance ? made : made.instance);
		return made;
	};
	const streaming = WebAssembly.instantiateStreaming;
	WebAssembly.instantiateStreaming = async function (...args) {
		const made = await streaming.apply(this, args);
		keep(made.instance);
		return made;
	};
})();`

// memory is the JavaScript heap in use after a garbage collection, and the
// WebAssembly memory the page's instances hold.
func memory(tab context.Context) (jsHeap, wasm int64, err error) {
	if _, err := chromedp.Call(tab, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
		return 0, 0, err
	}
	metrics, err := chromedp.Call(tab, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return 0, 0, err
	}
	jsHeap = -1
	for _, m := range metrics.Metrics {
		if m.Name == "JSHeapUsedSize" {
			jsHeap = int64(m.Value)
		}
	}
	wasm, err = chromedp.Run(tab, chromedp.Evaluate[int64](
		`globalThis.__benchWasmMemories.reduce((n, m) => n + m.buffer.byteLength, 0)`))
	return jsHeap, wasm, err
}
