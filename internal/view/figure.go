package view

import (
	"html/template"
	"net/url"
	"strconv"

	"github.com/bantin/bantin/internal/chart"
)

// Figure is a chart with the table of its data, which every chart is
// followed by: readers without JavaScript or a screen see the same numbers.
// Every chart can also leave the site (issue 12): the figure carries what
// its toolbar offers — the data files, a citation, the embed snippet —
// and the sentence that describes it.
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

	// Description is the chart's text alternative, one sentence from the
	// data (package describe), printed under the chart in the paragraph
	// DescID that the chart's element names with aria-describedby.
	Description, DescID string
	// Name is the file name, without extension, the chart's PNG and SVG
	// downloads take ("records-digitized").
	Name string
	// Cite is what a citation of the chart says; nil for none.
	Cite *Cite
	// Embed is the chart's embed page; nil when it has none.
	Embed *Embed
}

// Cite is a chart's citation, in the page's language: the title, the
// publisher (the site, which the template names), the source of the data,
// the page's address and the date the data is as of — the latest period
// or update in the data, never the day of the build.
type Cite struct {
	Title, Source string
	AsOf          string
	// Page is the site-relative page to cite; empty for the page the
	// chart is on (an embed page cites the full page instead).
	Page string
}

// citing is a copy of f whose citation names page: an embed page shows
// the figure its full page shares (made once per build), and cites that
// page, while the full page's figure goes on citing itself.
func (f *Figure) citing(page string) *Figure {
	c := *f
	if f.Cite != nil {
		cite := *f.Cite
		cite.Page = page
		c.Cite = &cite
	}
	return &c
}

// Embed is a chart's embed page and the size of the <iframe> that shows it.
type Embed struct {
	// URL is the site-relative embed page; Query the options that make it
	// draw the same picture as this chart ("?from=2023-Q1&type=bar"),
	// which the embed page's script applies; empty for the default.
	URL, Query string
	Title      string
	Height     int // of the iframe, in CSS pixels
}

// Src is the embed page with its options, relative to the site root.
func (e *Embed) Src() string { return e.URL + e.Query }

// embedChrome is what an embed page shows beside its chart: the title,
// the one-line summary, the link back and the source.
const embedChrome = 150

// figure draws spec; the caller adds the table.
func (b *Builder) figure(spec chart.Spec) (*Figure, error) {
	frag, err := chart.Render(spec)
	if err != nil {
		return nil, err
	}
	f := &Figure{ID: spec.ID, Title: spec.Title, Element: frag.Element, Data: frag.Data, Description: spec.Description}
	if spec.Description != "" {
		f.DescID = chart.DescID(spec.ID)
	}
	return f, nil
}

// embedOf is the embed of a chart of height h (0: the default) at url,
// with the options o that the embed page applies.
func embedOf(url, title string, h int, o chartOpts) *Embed {
	if h == 0 {
		h = chart.DefaultHeight
	}
	return &Embed{URL: url, Query: o.query(), Title: title, Height: h + embedChrome}
}

// query writes the options a chart shortcode was given as the query of
// its embed page, in a fixed order so the same options give the same
// bytes: "?type=bar&from=2023-Q1&to=2024-Q4&height=400".
func (o chartOpts) query() string {
	v := url.Values{}
	var keys []string
	add := func(k, val string) {
		if val != "" {
			keys = append(keys, k)
			v.Set(k, val)
		}
	}
	add("type", string(o.typ))
	if !o.from.IsZero() {
		add("from", o.from.String())
	}
	if !o.to.IsZero() {
		add("to", o.to.String())
	}
	if o.height != 0 {
		add("height", strconv.Itoa(o.height))
	}
	if len(keys) == 0 {
		return ""
	}
	q := "?"
	for i, k := range keys {
		if i > 0 {
			q += "&"
		}
		q += k + "=" + url.QueryEscape(v.Get(k))
	}
	return q
}

// Snippet is the HTML another site pastes to show the chart: an <iframe>
// of the embed page at page (its absolute URL, to which Snippet adds the
// options of Query), as wide as its column and as
// tall as the chart with its summary and links. Every value is escaped for
// an attribute, so a title with quotes cannot break the code.
func (e *Embed) Snippet(page string) string {
	return `<iframe src="` + template.HTMLEscapeString(page+e.Query) + `" title="` + template.HTMLEscapeString(e.Title) +
		`" width="100%" height="` + strconv.Itoa(e.Height) + `" style="border:0" loading="lazy"></iframe>`
}
