package bench

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// The chart's panels: which figures share a scale.
var panels = []struct {
	title   string
	figures []string
}{
	{"Time, ms: median, the range of the runs, and the target (dashed)", []string{
		"Cold visit: auth state known", "Warm visit: auth state known", "Callback to signed in",
	}},
	{"Bytes the sign-in needs, brotli -q 11, kB", []string{
		"Code, brotli -q 11", "Code and calls, brotli -q 11",
	}},
	{"Memory once signed in, kB", []string{
		"JS heap in use, signed in", "WebAssembly memory, signed in",
	}},
}

// barColors are the pages' colours: the peer first, then ours.
var barColors = []string{"#8a8f98", "#1f5fbf", "#78a6e8", "#b5cdf0"}

const (
	chartWidth = 760
	labelWidth = 230
	barsWidth  = 420
	barHeight  = 14
	barGap     = 3
	groupGap   = 12
	titleSpace = 28
	panelGap   = 18
)

// WriteChart draws the report as an SVG of horizontal bars: one panel per
// kind of figure, one group per figure, one bar per page.
func (r Report) WriteChart(w io.Writer) error {
	pages := append([]Page{r.Peer}, r.Ours...)
	rows := make(map[string]row)
	for _, rw := range r.rows() {
		rows[rw.figure.name] = rw
	}

	var body strings.Builder
	y := 16
	for i, p := range pages {
		x := labelWidth + i*150
		fmt.Fprintf(&body, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/>`+
			`<text x="%d" y="%d">%s</text>`+"\n",
			x, y-10, barColors[i%len(barColors)], x+16, y, html.EscapeString(p.Name))
	}
	y += panelGap

	for _, panel := range panels {
		fmt.Fprintf(&body, `<text x="0" y="%d" font-weight="bold">%s</text>`+"\n",
			y+titleSpace/2, html.EscapeString(panel.title))
		y += titleSpace
		scale := panelScale(panel.figures, rows)
		for _, name := range panel.figures {
			rw := rows[name]
			summaries := append([]Summary{rw.peer}, rw.ours...)
			groupHeight := len(summaries)*(barHeight+barGap) - barGap
			fmt.Fprintf(&body, `<text x="0" y="%d">%s</text>`+"\n",
				y+groupHeight/2+4, html.EscapeString(name))
			drawTarget(&body, y, groupHeight, rw, scale)
			for i, s := range summaries {
				drawBar(&body, y, s, scale, rw.figure.unit, barColors[i%len(barColors)])
				y += barHeight + barGap
			}
			y += groupGap
		}
		y += panelGap
	}

	_, err := fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" `+
		`viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n"+
		`<rect width="100%%" height="100%%" fill="white"/>`+"\n%s</svg>\n",
		chartWidth, y, chartWidth, y, body.String())
	return err
}

// drawBar draws one page's median as a bar, its range as a line across the
// bar's end, and the median as text.
func drawBar(b *strings.Builder, y int, s Summary, scale float64, u unit, color string) {
	if s.N == 0 || math.IsNaN(s.Median) {
		fmt.Fprintf(b, `<text x="%d" y="%d" fill="#666">n/a</text>`+"\n",
			labelWidth, y+barHeight-3)
		return
	}
	length := s.Median * scale
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`+"\n",
		labelWidth, y, length, barHeight, color)
	if s.Min != s.Max {
		fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#222"/>`+"\n",
			labelWidth+s.Min*scale, labelWidth+s.Max*scale, y+barHeight/2, y+barHeight/2)
	}
	end := math.Max(length, s.Max*scale)
	fmt.Fprintf(b, `<text x="%.1f" y="%d">%s</text>`+"\n",
		float64(labelWidth)+end+6, y+barHeight-3, html.EscapeString(u.format(s.Median)))
}

// drawTarget marks where the target puts ours: the peer's median
// times the allowed ratio.
func drawTarget(b *strings.Builder, y, height int, rw row, scale float64) {
	if rw.figure.target == 0 || rw.peer.N == 0 {
		return
	}
	x := float64(labelWidth) + rw.peer.Median*rw.figure.target*scale
	fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#c0392b" `+
		`stroke-dasharray="3 2"/>`+"\n", x, x, y-2, y+height+2)
}

// panelScale is pixels per unit, so the panel's longest bar or range fills
// the bars' width.
func panelScale(names []string, rows map[string]row) float64 {
	longest := 0.0
	for _, name := range names {
		rw := rows[name]
		for _, s := range append([]Summary{rw.peer}, rw.ours...) {
			if s.N > 0 {
				longest = math.Max(longest, s.Max)
			}
		}
		if rw.figure.target > 0 && rw.peer.N > 0 {
			longest = math.Max(longest, rw.peer.Median*rw.figure.target)
		}
	}
	if longest == 0 {
		return 0
	}
	return barsWidth / longest
}
