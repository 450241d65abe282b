// Package chart draws bantin's charts as HTML fragments: a <div> and a
// <script type="application/json"> data block that our own html/template
// layout places in a page which loads assets/echarts/echarts.min.js and
// assets/charts.js (the theme's chart start-up) with defer. No chart writes
// executable script: the pages' Content-Security-Policy allows only the
// site's own script files.
//
// Why a package of its own: the charts are the one place where content
// (metric titles, period labels, series names) is written into a script
// element, and go-echarts, which builds the ECharts option for us, writes
// that option without HTML escaping and turns any string containing its
// function marker "__f__" into raw code when it renders a snippet. Render
// closes both holes (content goes through placeholders, the block is
// HTML-escaped JSON, go-echarts' snippet is not used), gives every chart a
// content-derived id (go-echarts would pick a random one, which breaks
// byte-identical builds), carries the site's number format (2,7 triệu) to
// charts.js, and keeps the markup accessible (role="img" with the title as
// its name).
//
// The package knows nothing of metrics or plans: callers fill a neutral
// Spec. The same Spec always renders to the same bytes.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Type names a kind of chart. The values are the words a shortcode or a
// front-matter field uses (type="bar"), so callers can convert directly.
type Type string

// The chart types bantin draws. They cover time series (Line, Bar), parts
// of a whole over time (StackedBar: plan tasks by status per period) and
// parts of a whole at one moment (Donut: tasks by status today).
const (
	Line       Type = "line"
	Bar        Type = "bar"
	StackedBar Type = "stacked-bar"
	Donut      Type = "donut"
)

// Series is one named row of values, one per category. For a Donut the one
// series holds the slice values and Categories name the slices.
type Series struct {
	Name string
	// Values holds one value per category. Values must be finite; a period
	// without a value is marked in Missing, not written as 0.
	Values []float64
	// Missing is optional; where it is true the value is absent and the
	// chart shows a gap (no point, no bar, no slice), never a 0.
	Missing []bool
	// Color is an optional CSS colour (#rgb, #rrggbb, #rrggbbaa, rgb(...),
	// hsl(...) or a colour name) for this series; by default the series
	// takes the next colour of Spec.Colors or Palette. A Donut colours its
	// slices with Spec.Colors instead.
	Color string
}

// Target is a goal drawn as a horizontal dashed line across a Line, Bar or
// StackedBar chart, labelled "Label: value". The value axis is stretched to
// show it when the data stay below it, so the distance to the goal is seen.
type Target struct {
	Value float64
	Label string
}

// NumberFormat says how the chart writes numbers on its value axis, in its
// tooltips and on its target line, so they read like the site's text does
// (2,7 triệu / 2.7 million; 746.000; 96,5%).
type NumberFormat struct {
	// Decimal is the decimal mark ("," in Vietnamese, "." in English);
	// Group separates thousands ("." / ","; empty for none).
	Decimal, Group string
	// Scales are the words for large numbers, largest first. A value from
	// the smallest factor up is divided by the largest factor it reaches and
	// written with at most three significant digits and the word; smaller
	// values are written in full with at most two decimals.
	Scales []Scale
	// Unit is appended to every value: directly when it is "%" (96,5%),
	// after a space otherwise (2,7 triệu hồ sơ). Empty for none.
	Unit string
}

// Scale is one word for a large number: Factor 1e6, Word "triệu".
type Scale struct {
	Factor float64
	Word   string
}

// Spec is everything Render needs to draw one chart. It is independent of
// bantin's data model: callers format their period labels themselves.
type Spec struct {
	// ID names the chart in the page (the element id). Build it with ID
	// from what the chart shows, e.g. ID("metric", "online-share", "1"); it
	// must match ^[A-Za-z0-9_]+$ and be unique in its page.
	ID string
	// Title is the chart's accessible name (aria-label); it is not drawn,
	// since the page shows it as a caption.
	Title string
	Type  Type
	// Categories are the x-axis labels, already formatted ("Q1/2024"), or
	// the slice names of a Donut.
	Categories []string
	Series     []Series
	// Target is optional; Donut charts take none.
	Target *Target
	// Format is optional; when Decimal is empty the format of Lang is used.
	Format NumberFormat
	// Colors optionally replaces Palette for this chart: the series colours
	// in order, or the slice colours of a Donut (e.g. status colours).
	Colors []string
	// Height is the chart's height in CSS pixels, 320 when 0 (the theme's
	// style sheet gives .chart-canvas that height; charts.js sets any
	// other). The width is always 100% of the container, and the chart
	// follows window resizes.
	Height int
	// Lang is "vi" (the default when empty) or "en": it picks the default
	// Format, and the way a time axis writes dates.
	Lang string

	// Description is the chart's text alternative, one sentence from the
	// data (package describe). It becomes ECharts' aria description, and
	// the element points at the paragraph that prints it (DescID) with
	// aria-describedby: the caller prints it under the chart.
	Description string
	// Time makes the x axis a time axis: the Categories are then days
	// written YYYY-MM-DD and placed by date (two updates a week apart sit
	// closer than two a month apart), not evenly. Line charts only.
	Time bool
	// Keys optionally names each category the way machines do (ISO
	// periods: "2024-Q1"), one per category; the data block carries them
	// so that scripts (an embed's from/to) can pick a range.
	Keys []string
}

// DescID is the id of the paragraph that prints the description of the
// chart whose element has id id.
func DescID(id string) string { return id + "-desc" }

// Fragment is a rendered chart: Element goes where the chart is drawn and
// Data anywhere in the same page (typically right after it). Data is a
// non-executing <script type="application/json" id="ID-data"> block that
// assets/charts.js reads: the chart's height, number format, target and
// ECharts option. Both are safe to write unescaped into an html/template.
type Fragment struct {
	Element template.HTML
	Data    template.HTML
}

// DefaultHeight is the chart height in pixels when Spec.Height is 0:
// tall enough for a legend, axis labels and a target line on a phone.
const DefaultHeight = 320

// sitePalette returns the site's series colours in order. It is a function,
// not a shared slice, so nothing can change what Render uses.
//
// This file is the one place that owns the colours of charts and of the
// HTML that must agree with them (legends, status badges: the theme's
// style.css repeats the status colours as custom properties, and
// TestStyleSheetColors keeps the two equal). The colours are chosen, and
// TestPalette checks, so that every one has at least 3:1 contrast against
// the white page (WCAG 2.1, 1.4.11, non-text contrast) and every two of a
// set stay apart (CIEDE2000 ΔE ≥ MinDistance) for normal vision and as
// simulated for protanopia, deuteranopia and tritanopia (Machado, Oliveira
// and Fernandes 2009, severity 1). Colour is never the only cue: series
// are named in legends and tooltips, and every chart has its data table.
func sitePalette() []string {
	// Blue (the site's primary), amber, brown, teal, violet, crimson:
	// each prefix is also well apart, so the first two or three, which
	// most charts use, are the most distinct.
	return []string{"#0b5394", "#b68008", "#684113", "#1b9e94", "#a666fe", "#c82f5d"}
}

// Palette is the site's colours in the order series take them. It is a
// copy for callers (CSS, legends drawn in HTML): changing it does not
// change charts.
var Palette = sitePalette()

// MinDistance is the smallest colour difference (CIEDE2000) between two
// colours of one set, for every vision TestPalette simulates: about where
// two small areas of colour are told apart at a glance.
const MinDistance = 10

// statusColors are the colours of a plan's task statuses, the derived
// "overdue", and "total" (a plan's task count in the progress-over-time
// chart). Green done, blue in progress, grey not started, brown cancelled,
// orange-red overdue: the red is shifted to orange so that it stays apart
// from the green for red-green colour blindness.
var statusColors = map[string]string{
	"done":        "#2a8c4a",
	"in-progress": "#0b5394",
	"not-started": "#767676",
	"cancelled":   "#6d4c41",
	"overdue":     "#d1420a",
	"total":       "#767676",
}

// StatusColor returns the colour of a plan task status ("done",
// "in-progress", "not-started", "cancelled", the derived "overdue", or
// "total" for a task count), so plan charts and the HTML around them
// (badges, legends) agree. ok is false for an unknown status.
func StatusColor(status string) (color string, ok bool) {
	color, ok = statusColors[status]
	return color, ok
}

// DefaultFormat returns the number format of a site language ("vi" or
// "en"), the same way the site writes figures in text. ok is false for any
// other language.
func DefaultFormat(lang string) (f NumberFormat, ok bool) {
	switch lang {
	case "vi":
		return NumberFormat{Decimal: ",", Group: ".", Scales: []Scale{
			{1e12, "nghìn tỷ"}, {1e9, "tỷ"}, {1e6, "triệu"},
		}}, true
	case "en":
		return NumberFormat{Decimal: ".", Group: ",", Scales: []Scale{
			{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"},
		}}, true
	}
	return NumberFormat{}, false
}

// ID builds a chart id from parts that identify what the chart shows
// (page kind, metric id, a counter): the parts are joined with "_" and every
// character outside [A-Za-z0-9_] becomes "_", so the same parts always give
// the same id: ID("metric", "online-share", "1") == "metric_online_share_1".
// Different parts can map to the same id ("a-b" and "a_b"); callers that
// mix such ids in one page must add a distinguishing part.
func ID(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('_')
		}
		for _, r := range p {
			if isIDRune(r) {
				b.WriteRune(r)
			} else {
				b.WriteByte('_')
			}
		}
	}
	return b.String()
}

func isIDRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

// validID reports whether id matches ^[A-Za-z0-9_]+$.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !isIDRune(r) {
			return false
		}
	}
	return true
}

// isISODay reports whether s is written YYYY-MM-DD with a month 01–12 and
// a day 01–31 (the caller formats real dates; this keeps anything else out
// of the time axis, where ECharts would read it as some other time).
func isISODay(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, r := range s {
		if i != 4 && i != 7 && (r < '0' || r > '9') {
			return false
		}
	}
	m := (s[5]-'0')*10 + s[6] - '0'
	d := (s[8]-'0')*10 + s[9] - '0'
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// validKey reports whether k may name a category for scripts: an ISO
// period or day ("2024-Q1", "2024-04-09").
func validKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !isIDRune(r) && r != '-' || r == '_' {
			return false
		}
	}
	return true
}

// validColor reports whether c is a plain CSS colour: #hex, a functional
// rgb()/rgba()/hsl()/hsla() of numbers, or a colour name. Anything else
// (quotes, markup, url(...)) is refused, so a colour cannot carry code.
func validColor(c string) bool {
	if strings.HasPrefix(c, "#") {
		h := c[1:]
		switch len(h) {
		case 3, 4, 6, 8:
		default:
			return false
		}
		for _, r := range h {
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
				return false
			}
		}
		return true
	}
	for _, fn := range []string{"rgb(", "rgba(", "hsl(", "hsla("} {
		if strings.HasPrefix(c, fn) && strings.HasSuffix(c, ")") {
			args := c[len(fn) : len(c)-1]
			if args == "" {
				return false
			}
			for _, r := range args {
				if !(r >= '0' && r <= '9' || strings.ContainsRune(".,% ", r)) {
					return false
				}
			}
			return true
		}
	}
	if c == "" || len(c) > 32 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// normalize checks s and fills its defaults. The error lists every problem
// found (not only the first) on one line, so a content author sees them all
// and the caller can prefix it with file:line.
func normalize(s Spec) (Spec, error) {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }

	if !validID(s.ID) {
		bad("id %q must match ^[A-Za-z0-9_]+$ (build it with chart.ID)", s.ID)
	}
	if strings.TrimSpace(s.Title) == "" {
		bad("title is empty: it is the chart's accessible name")
	}
	switch s.Type {
	case Line, Bar, StackedBar, Donut:
	default:
		bad("unknown type %q (want %q, %q, %q or %q)", s.Type, Line, Bar, StackedBar, Donut)
	}
	switch s.Lang {
	case "":
		s.Lang = "vi"
	case "vi", "en":
	default:
		bad("unknown language %q (want \"vi\" or \"en\")", s.Lang)
	}
	if s.Height == 0 {
		s.Height = DefaultHeight
	} else if s.Height < 0 || s.Height > 10000 {
		bad("height %d px is out of range", s.Height)
	}
	if s.Format.Decimal == "" {
		if f, ok := DefaultFormat(s.Lang); ok {
			unit := s.Format.Unit
			s.Format = f
			s.Format.Unit = unit
		}
	}
	for i, sc := range s.Format.Scales {
		if !(sc.Factor > 0) || math.IsInf(sc.Factor, 0) {
			bad("format: scale %d (%q): factor %v must be positive and finite", i, sc.Word, sc.Factor)
		}
		if sc.Word == "" {
			bad("format: scale %d: empty word", i)
		}
		if i > 0 && !(sc.Factor < s.Format.Scales[i-1].Factor) {
			bad("format: scales must be largest first (%v after %v)", sc.Factor, s.Format.Scales[i-1].Factor)
		}
	}
	if len(s.Categories) == 0 {
		bad("no categories")
	}
	if s.Time {
		if s.Type != Line {
			bad("a time axis is for line charts, not %q", s.Type)
		}
		for i, c := range s.Categories {
			if !isISODay(c) {
				bad("category %d %q is not a day written YYYY-MM-DD (the chart has a time axis)", i+1, c)
			}
		}
	}
	if len(s.Keys) != 0 {
		if len(s.Keys) != len(s.Categories) {
			bad("%d keys for %d categories", len(s.Keys), len(s.Categories))
		}
		for i, k := range s.Keys {
			if !validKey(k) {
				bad("key %d %q must match ^[A-Za-z0-9-]+$", i+1, k)
			}
		}
	}
	if len(s.Series) == 0 {
		bad("no series")
	}
	if s.Type == Donut && len(s.Series) > 1 {
		bad("a donut takes one series, not %d", len(s.Series))
	}
	for i, se := range s.Series {
		where := fmt.Sprintf("series %d (%q)", i+1, se.Name)
		if len(se.Values) != len(s.Categories) {
			bad("%s: %d values for %d categories", where, len(se.Values), len(s.Categories))
		}
		if len(se.Missing) != 0 && len(se.Missing) != len(se.Values) {
			bad("%s: %d missing flags for %d values", where, len(se.Missing), len(se.Values))
		}
		for j, v := range se.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				if j < len(se.Missing) && se.Missing[j] {
					continue
				}
				bad("%s: value %d is %v (mark it Missing instead)", where, j+1, v)
			}
			if s.Type == Donut && v < 0 && !(j < len(se.Missing) && se.Missing[j]) {
				bad("%s: value %d is negative (%v): a donut slice cannot be", where, j+1, v)
			}
		}
		if se.Color != "" && !validColor(se.Color) {
			bad("%s: %q is not a CSS colour", where, se.Color)
		}
		if se.Color != "" && s.Type == Donut {
			bad("%s: a donut's slices take Spec.Colors, not Series.Color", where)
		}
	}
	for i, c := range s.Colors {
		if !validColor(c) {
			bad("colors[%d]: %q is not a CSS colour", i, c)
		}
	}
	if s.Target != nil {
		if s.Type == Donut {
			bad("a donut cannot show a target")
		}
		if math.IsNaN(s.Target.Value) || math.IsInf(s.Target.Value, 0) {
			bad("target value %v is not a number", s.Target.Value)
		}
	}
	if len(errs) > 0 {
		return s, fmt.Errorf("chart %q: %s", s.ID, strings.Join(errs, "; "))
	}
	return s, nil
}

// missing reports whether value j of se is absent.
func (se Series) missing(j int) bool {
	return j < len(se.Missing) && se.Missing[j]
}
