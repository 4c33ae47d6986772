// Command bench signs in with scaiauth and with oidc-client-ts in headless
// Chromium against one development stack, prints the figures side by side
// and writes them, with a chart, to bench/RESULTS.md.
//
//	cd devstack && go run ./cmd/bench -runs 5
//
// make bench builds the module and the pages first.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"

	"github.com/scaiflow/scaiauth/devstack/bench"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	c := bench.Config{Progress: os.Stderr}
	flag.IntVar(&c.Runs, "runs", defaultRuns(), "journeys per page (BENCH_RUNS)")
	flag.StringVar(&c.RepoRoot, "repo", "..", "the repository, with the built module in static/")
	flag.StringVar(&c.Pages, "pages", "bench/web", "the pages' npm project, built")
	flag.BoolVar(&c.BFF, "bff", true, "also measure scaiauth with the BFF exchange")
	out := flag.String("out", "bench/RESULTS.md", "where to write the results; \"\" for nowhere")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	report, err := bench.Run(ctx, c)
	if err != nil {
		return err
	}
	if err := report.WriteText(os.Stdout); err != nil {
		return err
	}
	if *out == "" {
		return nil
	}
	if err := report.Save(*out); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "wrote", *out)
	return nil
}

// defaultRuns is BENCH_RUNS, or 5.
func defaultRuns() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_RUNS")); err == nil && n > 0 {
		return n
	}
	return 5
}
