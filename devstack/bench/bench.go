package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/scaiflow/scaiauth/devstack"
)

// Config says what to run.
type Config struct {
	// Runs is how many journeys each page makes; each in a fresh profile.
	Runs int
	// RepoRoot is the repository, whose static/ holds the built module.
	RepoRoot string
	// Pages is web/: the pages' sources, and their build in dist/.
	Pages string
	// BFF also measures our page with the exchange through the backend.
	BFF bool
	// Progress gets a line per journey; nil for none.
	Progress io.Writer
}

// bench is what every journey shares.
type bench struct {
	chromium string
	timeout  time.Duration
	client   *http.Client
	sizer    *sizer
}

// contender is one page measured: where it is served and what it reads.
type contender struct {
	name     string
	origin   string
	exchange string // ours: written into its config.json; "" for the peer
	samples  []Sample
}

// Run starts one development stack, serves both pages from it, and makes
// Runs journeys of each page, taking the pages in turn so that neither
// always goes first.
func Run(ctx context.Context, c Config) (Report, error) {
	if c.Runs < 1 {
		return Report{}, fmt.Errorf("bench: %d runs: at least one is needed", c.Runs)
	}
	chromium, err := chromiumPath()
	if err != nil {
		return Report{}, err
	}
	sites, err := prepareSites(c.RepoRoot, c.Pages)
	if err != nil {
		return Report{}, err
	}
	defer sites.remove()

	stack, err := devstack.Start(ctx, devstack.Options{
		RepoRoot:     sites.ours,
		ExampleRoot:  sites.peer,
		CanvasAddr:   "localhost:0",
		APIAddr:      "127.0.0.1:0",
		ProviderAddr: "localhost:0",
		ExampleAddr:  "localhost:0",
		Configured:   true,
	})
	if err != nil {
		return Report{}, err
	}
	defer stack.Close()

	b := &bench{
		chromium: chromium,
		timeout:  2 * time.Minute,
		client:   &http.Client{},
		sizer:    newSizer(),
	}
	peer := &contender{name: "oidc-client-ts", origin: stack.ExampleURL()}
	pages := []*contender{
		{name: "scaiauth, direct", origin: stack.CanvasURL(), exchange: "direct"},
		peer,
	}
	if c.BFF {
		pages = append(pages, &contender{
			name: "scaiauth, BFF", origin: stack.CanvasURL(), exchange: "bff",
		})
	}

	started := time.Now().UTC()
	for run := range c.Runs {
		for i := range pages {
			p := pages[(run+i)%len(pages)]
			if p.exchange != "" {
				err := sites.configure(oursConfig{
					Issuer:   stack.ProviderIssuer(),
					ClientID: devstack.DefaultPublicClientID,
					Exchange: p.exchange,
				})
				if err != nil {
					return Report{}, err
				}
			}
			s, err := b.journey(ctx, p.origin)
			if err != nil {
				return Report{}, fmt.Errorf("%s, run %d: %w", p.name, run+1, err)
			}
			p.samples = append(p.samples, s)
			if c.Progress != nil {
				fmt.Fprintf(c.Progress, "run %d/%d  %-18s cold %6.1f ms  warm %6.1f ms  "+
					"callback %6.1f ms\n", run+1, c.Runs, p.name, s.Cold, s.Warm, s.Callback)
			}
		}
	}

	r := Report{Runs: c.Runs, Started: started, Peer: Page{Name: peer.name, Samples: peer.samples}}
	for _, p := range pages {
		if p != peer {
			r.Ours = append(r.Ours, Page{Name: p.name, Samples: p.samples})
		}
	}
	r.Setting = setting(chromium, c)
	return r, nil
}

// path is a URL without its query, which may hold a code or a state: the
// only form of a URL the bench prints or fetches again.
func path(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unreadable URL)"
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}
