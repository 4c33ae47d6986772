package bench

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// table is the report as cells: a heading line and one line per figure.
// Each of our pages gets a column and a ratio to the peer beside it.
func (r Report) table() [][]string {
	head := []string{"Figure", r.Peer.Name}
	for _, p := range r.Ours {
		head = append(head, p.Name, "ours / theirs")
	}
	head = append(head, "Target")
	cells := [][]string{head}

	for _, rw := range r.rows() {
		line := []string{rw.figure.name, rw.figure.unit.summary(rw.peer)}
		for _, s := range rw.ours {
			line = append(line, rw.figure.unit.summary(s), ratioCell(Ratio(s, rw.peer), rw.figure))
		}
		target := ""
		if rw.figure.target > 0 {
			target = "≤ " + strconv.FormatFloat(rw.figure.target, 'f', -1, 64) + "x"
		}
		cells = append(cells, append(line, target))
	}
	return cells
}

// WriteText prints the table aligned in columns, for a terminal.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, line := range r.table() {
		fmt.Fprintln(tw, strings.Join(line, "\t"))
	}
	return tw.Flush()
}

// WriteMarkdown writes the table as a Markdown table.
func (r Report) WriteMarkdown(w io.Writer) error {
	cells := r.table()
	var b strings.Builder
	for i, line := range cells {
		b.WriteString("| " + strings.Join(line, " | ") + " |\n")
		if i == 0 {
			b.WriteString(strings.Repeat("|---", len(line)) + "|\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ratioCell writes ours / theirs, and whether the target is met.
func ratioCell(ratio float64, f figure) string {
	if math.IsNaN(ratio) {
		return "n/a"
	}
	cell := strconv.FormatFloat(ratio, 'f', 2, 64) + "x"
	switch {
	case f.target == 0:
		return cell
	case ratio <= f.target:
		return cell + ", met"
	default:
		return cell + ", missed"
	}
}

// summary writes a median with the range of the runs.
func (u unit) summary(s Summary) string {
	if s.N == 0 {
		return "n/a"
	}
	median := u.format(s.Median)
	if s.Min == s.Max {
		return median
	}
	return median + " (" + u.number(s.Min) + "–" + u.number(s.Max) + ")"
}

// format writes a value with its unit.
func (u unit) format(v float64) string {
	if u == millis {
		return u.number(v) + " ms"
	}
	return u.number(v) + " kB"
}

// number writes a value in the unit without its name: milliseconds with
// one decimal, bytes as kilobytes (1000 bytes) with one decimal.
func (u unit) number(v float64) string {
	if u == byteCount {
		v /= 1000
	}
	return grouped(strconv.FormatFloat(v, 'f', 1, 64))
}

// grouped puts a comma between thousands: 1160345.2 becomes 1,160,345.2.
func grouped(number string) string {
	whole, fraction, _ := strings.Cut(number, ".")
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	var b strings.Builder
	for i, digit := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(digit)
	}
	if fraction != "" {
		return sign + b.String() + "." + fraction
	}
	return sign + b.String()
}
