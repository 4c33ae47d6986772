package bench

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name             string
		values           []float64
		median, min, max float64
		n                int
	}{
		{"one run", []float64{42}, 42, 42, 42, 1},
		{"odd runs take the middle", []float64{30, 10, 20}, 20, 10, 30, 3},
		{"even runs take the mean of the middle two", []float64{4, 1, 3, 2}, 2.5, 1, 4, 4},
		{"a run that could not measure is left out", []float64{5, nan, 7}, 6, 5, 7, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Summarize(c.values)
			if s.Median != c.median || s.Min != c.min || s.Max != c.max || s.N != c.n {
				t.Errorf("got %+v, want median %v, range %v–%v over %d",
					s, c.median, c.min, c.max, c.n)
			}
		})
	}
}

func TestNoRunsSumUpToNothing(t *testing.T) {
	s := Summarize([]float64{math.NaN()})
	if s.N != 0 || !math.IsNaN(s.Median) {
		t.Errorf("got %+v", s)
	}
}

func TestRatio(t *testing.T) {
	ours, theirs := Summarize([]float64{150}), Summarize([]float64{100})
	if r := Ratio(ours, theirs); r != 1.5 {
		t.Errorf("150 over 100 = %v", r)
	}
	if r := Ratio(ours, Summarize([]float64{0})); !math.IsNaN(r) {
		t.Errorf("a ratio to zero = %v, want NaN", r)
	}
}
