package view

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/bantin/bantin/internal/chart"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/describe"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/urls"
)

// chartOpts are the choices a chart shortcode may make. The embed page of
// a metric takes the same ones (as its query, applied by the theme's
// chart-tools.js), so an article and an embed show the same picture.
type chartOpts struct {
	typ      chart.Type
	from, to period.Period
	height   int    // CSS pixels; 0 for chart.DefaultHeight
	seq      string // distinguishes several charts of one metric on a page
}

// chartEntry is a metric's chart with the default options (metricChart).
type chartEntry struct {
	once sync.Once
	f    *Figure
	err  error
}

// metricChart is metric m's chart with the default options, made once per
// build: the metric's page and its embed page show the same chart, and
// making it (the series' labels and values, its description, the chart's
// JSON) was done twice for every metric. The figure is shared: a caller
// that changes it changes a copy (Figure.citing).
func (b *Builder) metricChart(m *data.Metric) (*Figure, error) {
	e, _ := b.charts.LoadOrStore(m.ID, &chartEntry{})
	ce := e.(*chartEntry)
	ce.once.Do(func() { ce.f, ce.err = b.MetricChart(m, chartOpts{}) })
	return ce.f, ce.err
}

// MetricChart draws a metric's series: bars for flows, lines for levels
// and shares, with the target as a line. The figure carries its data
// table, its text alternative, its citation and its embed.
func (b *Builder) MetricChart(m *data.Metric, o chartOpts) (*Figure, error) {
	typ := o.typ
	if typ == "" {
		typ = chart.Line
		if m.Kind == data.Flow {
			typ = chart.Bar
		}
	}
	var cats, keys []string
	s := chart.Series{Name: m.Title}
	var rows [][]string
	var pts []describe.Point
	var last data.Value
	for _, v := range m.Values {
		if !o.from.IsZero() && v.Period.Compare(o.from) < 0 || !o.to.IsZero() && v.Period.Compare(o.to) > 0 {
			continue
		}
		label := b.L.Period(v.Period) // "Quý I/2024", as the page writes it
		cats = append(cats, label)
		keys = append(keys, v.Period.String())
		s.Values = append(s.Values, v.Value)
		rows = append(rows, []string{label, b.Value(m, v, true)})
		pt := describe.Point{Label: label, Day: v.Period.Kind == period.Day, Value: v.Value, Approx: string(v.Approx)}
		if len(pts) > 0 {
			pt.Gap = between(last.Period, v.Period)
		}
		pts = append(pts, pt)
		last = v
	}
	u := describe.Count
	if unit(m) == "%" {
		u = describe.Share
	}
	idParts := []string{"metric", m.ID}
	if o.seq != "" {
		idParts = append(idParts, o.seq)
	}
	spec := chart.Spec{
		ID:          chart.ID(idParts...),
		Title:       m.Title,
		Type:        typ,
		Categories:  cats,
		Keys:        keys,
		Series:      []chart.Series{s},
		Format:      b.format(unit(m)),
		Lang:        b.L.Lang(),
		Height:      o.height,
		Description: describe.Series(b.L, pts, u),
	}
	if m.Target != nil {
		spec.Target = &chart.Target{Value: m.Target.Value, Label: b.L.T("metric.target")}
	}
	f, err := b.figure(spec)
	if err != nil {
		return nil, fmt.Errorf("chart of metric %s: %w", m.ID, err)
	}
	f.Caption = fmt.Sprintf("%s (%s)", m.Title, unit(m))
	f.Head = []string{b.L.T("metric.period"), b.L.T("metric.value")}
	f.Rows = rows
	f.CSV, f.JSON = urls.MetricCSV(m.ID), urls.MetricJSON(m.ID)
	f.Name = m.ID
	f.Cite = &Cite{Title: m.Title}
	if m.Source != nil {
		f.Cite.Source = m.Source.Name
	}
	if len(pts) > 0 {
		f.Cite.AsOf = b.metricAsOf(m, last)
	}
	f.Embed = embedOf(urls.EmbedMetric(m.ID), m.Title, o.height, o)
	return f, nil
}

// metricAsOf is the date a metric's chart data is as of: its latest
// period shown ("Quý I/2024"), and the latest revision of a shown value
// known by the build's date when there is one ("Quý I/2024, điều chỉnh
// ngày 15/5/2024"). It comes from the data, never from the clock.
func (b *Builder) metricAsOf(m *data.Metric, last data.Value) string {
	s := b.L.Period(last.Period)
	var latest date.Date
	for _, v := range m.Values {
		for _, r := range v.Revisions {
			if !r.Date.After(b.asOf) && r.Date.After(latest) {
				latest = r.Date
			}
		}
	}
	if !latest.IsZero() && latest.After(last.Period.End()) {
		s += ", " + b.L.Tf("metric.revisedon", b.L.Date(latest))
	}
	return s
}

// between counts the periods strictly between a and b, of one kind, a
// before b: the gap in a series that skips them. It is arithmetic, not a
// walk, so a daily series that skips years costs nothing more.
func between(a, b period.Period) int {
	var n int
	switch a.Kind {
	case period.Day:
		n = a.Start().DaysUntil(b.Start())
	case period.Month:
		n = (b.Year*12 + b.Month) - (a.Year*12 + a.Month)
	case period.Quarter:
		n = (b.Year*4 + b.Month) - (a.Year*4 + a.Month)
	default:
		n = b.Year - a.Year
	}
	return max(n-1, 0)
}

// Chart heights a shortcode or an embed may ask for, in CSS pixels: enough
// for the axes and a legend, not so much that one chart fills a screen.
const (
	MinChartHeight = 160
	MaxChartHeight = 800
)

// parseHeight reads a chart's height option: a whole number of CSS pixels
// between MinChartHeight and MaxChartHeight.
func parseHeight(s string) (int, error) {
	h, err := strconv.Atoi(s)
	if err != nil || h < MinChartHeight || h > MaxChartHeight {
		return 0, fmt.Errorf("height %q is not a whole number of pixels from %d to %d", s, MinChartHeight, MaxChartHeight)
	}
	return h, nil
}
