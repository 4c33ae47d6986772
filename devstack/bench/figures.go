package bench

import "math"

// unit says how a figure is written.
type unit int

const (
	millis unit = iota
	byteCount
)

// figure is one row of the table.
type figure struct {
	name string
	unit unit
	of   func(Sample) float64
	// target is the most ours / theirs may be (issue 7); 0 for none.
	target float64
}

// figures are the rows, in the order the table shows them.
var figures = []figure{
	{"Cold visit: auth state known", millis, func(s Sample) float64 { return s.Cold }, 3},
	{"Warm visit: auth state known", millis, func(s Sample) float64 { return s.Warm }, 1.5},
	{"Callback to signed in", millis, func(s Sample) float64 { return s.Callback }, 1.5},
	{"Cold visit: module in hand", millis, func(s Sample) float64 { return s.ColdSteps.InHand }, 0},
	{"Cold visit: module compiled", millis, func(s Sample) float64 {
		return s.ColdSteps.Compiled
	}, 0},
	{"Cold visit: module running", millis, func(s Sample) float64 {
		return s.ColdSteps.Running
	}, 0},
	{"Warm visit: module in hand", millis, func(s Sample) float64 { return s.WarmSteps.InHand }, 0},
	{"Warm visit: module compiled", millis, func(s Sample) float64 {
		return s.WarmSteps.Compiled
	}, 0},
	{"Warm visit: module running", millis, func(s Sample) float64 {
		return s.WarmSteps.Running
	}, 0},
	{"Callback: module running", millis, func(s Sample) float64 {
		return s.CallbackSteps.Running
	}, 0},
	{"Code, raw", byteCount, func(s Sample) float64 { return bytesOf(s.Code.Raw) }, 0},
	{"Code, gzip -9", byteCount, func(s Sample) float64 { return bytesOf(s.Code.Gzip) }, 0},
	{"Code, brotli -q 11", byteCount, func(s Sample) float64 { return bytesOf(s.Code.Brotli) }, 0},
	{"Code and calls, raw", byteCount, func(s Sample) float64 {
		return bytesOf(s.Code.Add(s.Calls).Raw)
	}, 0},
	{"Code and calls, brotli -q 11", byteCount, func(s Sample) float64 {
		return bytesOf(s.Code.Add(s.Calls).Brotli)
	}, 0},
	{"On the wire, as served", byteCount, func(s Sample) float64 { return bytesOf(s.Wire) }, 0},
	{"JS heap in use, signed in", byteCount, func(s Sample) float64 {
		return bytesOf(s.JSHeap)
	}, 0},
	{"WebAssembly memory, signed in", byteCount, func(s Sample) float64 {
		return bytesOf(s.Wasm)
	}, 0},
}

// bytesOf is a byte count as a figure; a negative count is one the run
// could not take.
func bytesOf(n int64) float64 {
	if n < 0 {
		return math.NaN()
	}
	return float64(n)
}
