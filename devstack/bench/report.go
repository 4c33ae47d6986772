package bench

import "time"

// Page is one page's runs.
type Page struct {
	Name    string
	Samples []Sample
}

// Report is a whole bench: the peer's runs, and ours on each page measured
// against it.
type Report struct {
	Peer Page
	Ours []Page

	Runs    int
	Started time.Time
	// Setting says where it ran: browser, machine, what was served.
	Setting []string
}

// row is one figure across the pages.
type row struct {
	figure figure
	peer   Summary
	ours   []Summary
}

// rows sums up every figure of the report.
func (r Report) rows() []row {
	rows := make([]row, 0, len(figures))
	for _, f := range figures {
		rw := row{figure: f, peer: summarize(r.Peer, f)}
		for _, p := range r.Ours {
			rw.ours = append(rw.ours, summarize(p, f))
		}
		rows = append(rows, rw)
	}
	return rows
}

func summarize(p Page, f figure) Summary {
	values := make([]float64, len(p.Samples))
	for i, s := range p.Samples {
		values[i] = f.of(s)
	}
	return Summarize(values)
}
