package bench

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
)

// twoRuns is a report as two journeys of each page could leave it.
func twoRuns() Report {
	peer := Sample{Cold: 100, Warm: 40, Callback: 80, Code: Size{70000, 18000, 16000},
		JSHeap: 900000}
	ours := Sample{Cold: 290, Warm: 70, Callback: 100, Code: Size{6400000, 1700000, 1250000},
		JSHeap: 1800000, Wasm: 5767168}
	slower := ours
	slower.Cold, slower.Warm = 310, 50
	return Report{
		Peer: Page{Name: "oidc-client-ts", Samples: []Sample{peer, peer}},
		Ours: []Page{{Name: "scaiauth, direct", Samples: []Sample{ours, slower}}},
		Runs: 2,
	}
}

func TestTheTableComparesEachFigure(t *testing.T) {
	var b bytes.Buffer
	if err := twoRuns().WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2+len(figures) {
		t.Fatalf("%d lines, want a heading, a rule and %d figures:\n%s",
			len(lines), len(figures), b.String())
	}
	want := [][]string{
		{"Figure", "oidc-client-ts", "scaiauth, direct", "ours / theirs", "Target"},
		{"Cold visit: auth state known", "100.0 ms", "300.0 ms (290.0–310.0)", "3.00x, met",
			"≤ 3x"},
		{"Warm visit: auth state known", "40.0 ms", "60.0 ms (50.0–70.0)", "1.50x, met", "≤ 1.5x"},
		{"Callback to signed in", "80.0 ms", "100.0 ms", "1.25x, met", "≤ 1.5x"},
		{"Code, brotli -q 11", "16.0 kB", "1,250.0 kB", "78.12x", ""},
		{"WebAssembly memory, signed in", "0.0 kB", "5,767.2 kB", "n/a", ""},
	}
	for _, cells := range want {
		line := "| " + strings.Join(cells, " | ") + " |"
		if !slices.Contains(lines, line) {
			t.Errorf("no line %q in\n%s", line, b.String())
		}
	}
}

func TestAMissedTargetSaysSo(t *testing.T) {
	r := twoRuns()
	for i := range r.Ours[0].Samples {
		r.Ours[0].Samples[i].Callback = 121
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "1.51x, missed") {
		t.Errorf("121 ms against 80 ms is not marked as missed:\n%s", b.String())
	}
}

func TestGrouped(t *testing.T) {
	for in, want := range map[string]string{
		"0.0": "0.0", "999.5": "999.5", "1000.0": "1,000.0", "1160345.2": "1,160,345.2",
		"-2500.0": "-2,500.0", "12": "12",
	} {
		if got := grouped(in); got != want {
			t.Errorf("grouped(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTheChartIsWellFormedAndNamesRealFigures(t *testing.T) {
	known := make(map[string]bool)
	for _, f := range figures {
		known[f.name] = true
	}
	for _, p := range panels {
		for _, name := range p.figures {
			if !known[name] {
				t.Errorf("panel %q names %q, which is no figure", p.title, name)
			}
		}
	}

	var b bytes.Buffer
	if err := twoRuns().WriteChart(&b); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(&b)
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
	}
}
