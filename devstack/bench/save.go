package bench

import (
	_ "embed"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed results.md.tmpl
var resultsText string

var results = template.Must(template.New("results").Parse(resultsText))

// ChartName is the chart's file, beside the results.
const ChartName = "results.svg"

// Save writes the report as Markdown to path, and its chart beside it.
func (r Report) Save(path string) error {
	var table strings.Builder
	if err := r.WriteMarkdown(&table); err != nil {
		return err
	}
	var doc strings.Builder
	err := results.Execute(&doc, map[string]any{
		"Runs":    r.Runs,
		"Started": r.Started.Format("2006-01-02 15:04 UTC"),
		"Table":   table.String(),
		"Setting": r.Setting,
	})
	if err != nil {
		return err
	}

	var chart strings.Builder
	if err := r.WriteChart(&chart); err != nil {
		return err
	}
	chartPath := filepath.Join(filepath.Dir(path), ChartName)
	if err := os.WriteFile(chartPath, []byte(chart.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(doc.String()), 0o644)
}
