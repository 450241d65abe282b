package view

import (
	"strings"

	"github.com/bantin/bantin/internal/chart"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/urls"
)

// Stat is one labelled figure in a page's summary.
type Stat struct {
	Label, Value string
}

// ValueRow is one line of a metric's data table, formatted.
type ValueRow struct {
	Period, Value, Prev, YoY, Cumulative, Note string
}

// MetricView is what metric.html shows.
type MetricView struct {
	Metric        *data.Metric
	Unit          string
	KindLabel     string
	Stats         []Stat
	Chart         *Figure
	Rows          []ValueRow
	HasCumulative bool
	CSV, JSON     string // site-relative links to the open-data files

	// Revisions is the history of every revised value (revisions.go), and
	// TargetBasis the document that set the target; nil when none.
	Revisions   []RevisionGroup
	TargetBasis *BasisView
}

// unit is what a metric's numbers are counted in; ratios are percents.
func unit(m *data.Metric) string {
	if m.Kind == data.Ratio && m.Unit == "" {
		return "%"
	}
	return m.Unit
}

// Value formats one value of m the way the site writes figures:
// "hơn 2,7 triệu hồ sơ", "96,5%"; full writes every digit.
func (b *Builder) Value(m *data.Metric, v data.Value, full bool) string {
	return b.L.Number(v.Value, locale.NumberOpts{Full: full, Unit: unit(m), Approx: string(v.Approx)})
}

// bare formats a number of m without its unit, for table cells under a unit heading.
func (b *Builder) bare(m *data.Metric, x float64, signed bool) string {
	o := locale.NumberOpts{Signed: signed}
	if unit(m) == "%" {
		o.Unit = "%"
	}
	return b.L.Number(x, o)
}

// ChangeText formats a change: "+216 triệu" (signed, in the metric's unit
// words). A share changes by percentage points, not percent: "+6,5 điểm %"
// / "+6.5 pp", so that readers do not take it for a relative change.
func (b *Builder) ChangeText(c derive.Change) string {
	if unit(c.Metric) == "%" {
		return b.L.Number(c.Abs, locale.NumberOpts{Signed: true}) + " " + b.L.T("unit.points")
	}
	return b.bare(c.Metric, c.Abs, true)
}

// pctText formats a relative change, "+16,8%", or "" when it has no meaning.
func (b *Builder) pctText(c derive.Change) string {
	if !c.HasPct || c.Metric.Kind == data.Ratio {
		return ""
	}
	return b.L.Number(c.Pct, locale.NumberOpts{Signed: true, Unit: "%"})
}

func trend(x float64) string {
	switch {
	case x > 0:
		return "up"
	case x < 0:
		return "down"
	}
	return ""
}

// MetricView builds the page of metric id.
func (b *Builder) MetricView(id string) (*MetricView, error) {
	m := b.data.Metrics[id]
	v := &MetricView{
		Metric:    m,
		Unit:      unit(m),
		KindLabel: b.L.T("kind." + string(m.Kind)),
		CSV:       urls.MetricCSV(id),
		JSON:      urls.MetricJSON(id),
	}
	if latest, ok := derive.Latest(m, b.asOf); ok {
		v.Stats = append(v.Stats, Stat{b.L.T("metric.latest") + " (" + b.L.Period(latest.Period) + ")", b.Value(m, latest, false)})
		for _, basis := range []derive.Basis{derive.Prev, derive.YoY} {
			if c, err := derive.ChangeOn(m, latest.Period, basis); err == nil {
				text := b.ChangeText(c)
				if p := b.pctText(c); p != "" {
					text += " (" + p + ")"
				}
				v.Stats = append(v.Stats, Stat{b.L.T("metric." + string(basis)), text})
			}
		}
	}
	if ts, ok := derive.TargetOf(m, b.asOf); ok {
		v.Stats = append(v.Stats, Stat{b.L.Tf("metric.targetuntil", b.L.Date(ts.Target.By)), b.L.Number(ts.Target.Value, locale.NumberOpts{Unit: unit(m)})})
		if ts.Reached {
			v.Stats = append(v.Stats, Stat{b.L.T("metric.remaining"), b.L.T("metric.reached")})
		} else {
			v.Stats = append(v.Stats, Stat{b.L.T("metric.remaining"), b.L.Number(ts.Remaining, locale.NumberOpts{Unit: unit(m)})})
			if ts.PeriodsLeft > 0 {
				v.Stats = append(v.Stats, Stat{b.L.T("metric.pace"), b.bare(m, ts.NeededPerPeriod, false)})
			}
		}
	}
	series := derive.Series(m)
	for _, p := range series {
		row := ValueRow{Period: b.L.Period(p.Value.Period), Value: b.Value(m, p.Value, true), Note: p.Value.Note}
		if c, err := derive.ChangeOn(m, p.Value.Period, derive.Prev); err == nil {
			row.Prev = b.bare(m, c.Abs, true)
		}
		if c, err := derive.ChangeOn(m, p.Value.Period, derive.YoY); err == nil {
			row.YoY = b.bare(m, c.Abs, true)
		}
		if p.HasCumulative {
			v.HasCumulative = true
			row.Cumulative = b.bare(m, p.Cumulative, false)
		}
		v.Rows = append(v.Rows, row)
	}
	var err error
	v.Revisions = b.revisionGroups(m)
	if m.Target != nil {
		v.TargetBasis = b.basisView(m.Target.Basis)
	}
	v.Chart, err = b.metricChart(m)
	return v, err
}

func (b *Builder) format(unit string) chart.NumberFormat {
	dec, grp := b.L.Separators()
	f := chart.NumberFormat{Decimal: dec, Group: grp}
	if unit == "%" {
		f.Unit = "%"
	}
	for _, s := range b.L.Scales() {
		f.Scales = append(f.Scales, chart.Scale{Factor: s.Factor, Word: s.Word})
	}
	return f
}

// Tiles are the headlines of the metrics ids, in that order; unknown ids are left out.
func (b *Builder) Tiles(ids []string) []Tile {
	var out []Tile
	for _, id := range ids {
		if t, ok := b.Tile(id); ok {
			out = append(out, t)
		}
	}
	return out
}

// Tile is a headline figure: a metric's latest value and its change.
type Tile struct {
	Title, Value, Period, URL string
	Change, ChangeLabel       string
	Trend                     string // "up", "down" or ""
}

// Tile builds the headline of metric id as of the build date.
func (b *Builder) Tile(id string) (Tile, bool) {
	m, ok := b.data.Metrics[id]
	if !ok {
		return Tile{}, false
	}
	t := Tile{Title: m.Title, URL: urls.Metric(id)}
	latest, ok := derive.Latest(m, b.asOf)
	if !ok {
		t.Value = "–"
		return t, true
	}
	t.Value = b.Value(m, latest, false)
	t.Period = b.L.Period(latest.Period)
	for _, basis := range []derive.Basis{derive.YoY, derive.Prev} {
		if c, err := derive.ChangeOn(m, latest.Period, basis); err == nil {
			t.Change = b.ChangeText(c)
			t.ChangeLabel = strings.ToLower(b.L.T("metric." + string(basis)))
			t.Trend = trend(c.Abs)
			break
		}
	}
	return t, true
}
