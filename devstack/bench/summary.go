package bench

import (
	"math"
	"slices"
)

// Summary is what the table shows of one figure's runs.
type Summary struct {
	Median, Min, Max float64
	N                int
}

// Summarize sums up the values of the runs; NaN values, runs that could
// not measure the figure, are left out.
func Summarize(values []float64) Summary {
	kept := make([]float64, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) {
			kept = append(kept, v)
		}
	}
	if len(kept) == 0 {
		return Summary{Median: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	}
	slices.Sort(kept)
	n := len(kept)
	median := kept[n/2]
	if n%2 == 0 {
		median = (kept[n/2-1] + kept[n/2]) / 2
	}
	return Summary{Median: median, Min: kept[0], Max: kept[n-1], N: n}
}

// Ratio is ours over theirs, NaN when theirs is zero or unknown: a ratio
// to nothing says nothing.
func Ratio(ours, theirs Summary) float64 {
	if theirs.Median == 0 || math.IsNaN(theirs.Median) {
		return math.NaN()
	}
	return ours.Median / theirs.Median
}
