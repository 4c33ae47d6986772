package bench

import (
	"context"
	"fmt"
	"math"

	"github.com/chromedp/chromedp"
)

// readMarks reads the page's marks against the start of its own fetch.
// fetchStart, not 0: on the callback it is the app's page being fetched,
// after the provider's redirects, which the app does not pay for.
const readMarks = `(() => {
	const nav = performance.getEntriesByType("navigation")[0];
	const at = (name) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? -1;
	return {
		fetchStart: nav.fetchStart,
		known: at("auth-state-known"),
		signedIn: at("signed-in"),
		module: performance.getEntriesByType("resource")
			.find((r) => new URL(r.name).pathname.endsWith(".wasm"))?.responseEnd ?? -1,
		compiled: at("scaiauth:compiled"),
		running: at("scaiauth:running"),
		state: document.body.dataset.authState,
	};
})()`

// marks are the page's times, in milliseconds since its navigation began.
type marks struct {
	FetchStart float64 `json:"fetchStart"`
	Known      float64 `json:"known"`
	SignedIn   float64 `json:"signedIn"`
	// Module is when the last byte of a WebAssembly module arrived, or
	// came out of the cache; -1 for a page that loads none.
	Module float64 `json:"module"`
	// Compiled and Running are the loader's marks, -1 without them.
	Compiled float64 `json:"compiled"`
	Running  float64 `json:"running"`
	State    string  `json:"state"`
}

// steps are the module's steps since the visit's start.
func (m marks) steps() Steps {
	return Steps{
		InHand:   since(m.FetchStart, m.Module),
		Compiled: since(m.FetchStart, m.Compiled),
		Running:  since(m.FetchStart, m.Running),
	}
}

func since(start, mark float64) float64 {
	if mark < 0 {
		return math.NaN()
	}
	return mark - start
}

// arrive runs the steps that bring the tab to the page, waits until the
// page knows its sign-in state, and reads its marks.
func arrive(
	tab context.Context, home string, steps chromedp.Action[chromedp.Void],
) (marks, error) {
	err := chromedp.Do(tab, steps, chromedp.WaitReady(chromedp.CSS("body[data-auth-state]")))
	if err != nil {
		return marks{}, err
	}
	m, err := chromedp.Run(tab, chromedp.Evaluate[marks](readMarks))
	if err != nil {
		return marks{}, err
	}
	if m.State == "error" {
		return m, fmt.Errorf("%s shows a sign-in error", home)
	}
	return m, nil
}
