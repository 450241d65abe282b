package view

import (
	"fmt"
	"html/template"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/urls"
)

// Figures as they were published. A bulletin shows each figure as known
// on its own date (derive.ValueAsOf), so it keeps what it printed; when
// the figure was revised after that date, a small note says so and links
// to the metric page, whose revision history lists every figure a value
// has had.

// RevisionsID is the id of the revision history on a metric page, which
// the "revised later" notes of bulletins link to.
const RevisionsID = "revisions"

// VersionRow is one figure a value has had, formatted.
type VersionRow struct {
	Date, Value, Note string
	First             bool // the figure as first published
	Basis             *BasisView
}

// RevisionGroup is the history of one revised value.
type RevisionGroup struct {
	Period   string
	Versions []VersionRow // oldest first; the last is the figure in force
}

// revisionGroups lists the history of every value of m revised by the
// build's date, in period order; nil when none was.
func (b *Builder) revisionGroups(m *data.Metric) []RevisionGroup {
	var out []RevisionGroup
	for _, v := range m.Values {
		h := derive.History(v, b.asOf)
		if len(h) < 2 {
			continue
		}
		g := RevisionGroup{Period: b.L.Period(v.Period)}
		for _, x := range h {
			row := VersionRow{Date: b.L.Date(x.Date), Value: b.Value(m, data.Value{Value: x.Value, Approx: x.Approx}, true), Note: x.Note, First: x.Revision == nil}
			if x.Revision != nil {
				row.Basis = b.basisView(x.Revision.Basis)
			}
			g.Versions = append(g.Versions, row)
		}
		out = append(out, g)
	}
	return out
}

// revisedNote is the note after a figure a bulletin printed that was
// revised after the bulletin's date: "(revised later to 2,75 triệu)",
// linking from the page at pagePath to the metric's revision history.
func (b *Builder) revisedNote(pagePath string, m *data.Metric, k derive.KnownValue) []byte {
	if !k.RevisedLater() {
		return nil
	}
	later := data.Value{Value: k.Later.Value, Approx: k.Later.Approx}
	href := render.Rel(pagePath, urls.Metric(m.ID)) + "#" + RevisionsID
	text := b.L.Tf("metric.revisedlater", b.Value(m, later, false))
	title := b.L.Tf("metric.revisedon", b.L.Date(k.Later.Date))
	return []byte(fmt.Sprintf(` <small class="revised">(<a href="%s" title="%s">%s</a>)</small>`,
		template.HTMLEscapeString(href), template.HTMLEscapeString(title), template.HTMLEscapeString(text)))
}
