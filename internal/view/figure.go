package view

import (
	"html/template"

	"github.com/bantin/bantin/internal/chart"
)

// Figure is a chart with the table of its data, which every chart is
// followed by: readers without JavaScript or a screen see the same numbers.
type Figure struct {
	ID    string
	Title string
	// Element is where the chart is drawn; Data its non-executing JSON
	// block, which the theme's assets/charts.js reads (chart.Fragment).
	Element, Data template.HTML
	Caption       string
	Head          []string   // column headings
	Rows          [][]string // first cell of a row is its heading
	CSV, JSON     string     // site-relative download links, optional
}

// figure draws spec; the caller adds the table.
func (b *Builder) figure(spec chart.Spec) (*Figure, error) {
	frag, err := chart.Render(spec)
	if err != nil {
		return nil, err
	}
	return &Figure{ID: spec.ID, Title: spec.Title, Element: frag.Element, Data: frag.Data}, nil
}
