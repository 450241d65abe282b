package view

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"

	"github.com/bantin/bantin/internal/chart"
	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/shortcode"
)

// Resolve renders one shortcode of an article (content.Resolver). Figures
// are taken from the data, so text, tables and charts agree; they are the
// figures as known on the article's date (a later revision does not change
// what a bulletin printed, it adds a note), and the plan's progress is
// shown as of the article's date.
func (b *Builder) Resolve(a *content.Article, n *shortcode.Node) ([]byte, bool, error) {
	c := n.Call
	switch c.Name {
	case "metric":
		h, err := b.metricCode(a, c)
		return h, false, err
	case "change":
		h, err := b.changeCode(a, c)
		return h, false, err
	case "changes":
		if !n.Block {
			return nil, false, fmt.Errorf("changes must stand alone in its paragraph (put it on a line of its own with a blank line before and after)")
		}
		h, err := b.changesCode(a, c)
		return h, false, err
	case "chart":
		if !n.Block {
			return nil, false, fmt.Errorf("a chart must stand alone in its paragraph (put it on a line of its own with a blank line before and after)")
		}
		h, err := b.chartCode(a, c)
		return h, err == nil, err
	case "progress":
		if !n.Block {
			return nil, false, fmt.Errorf("progress must stand alone in its paragraph (put it on a line of its own with a blank line before and after)")
		}
		h, err := b.progressCode(a, c)
		return h, false, err
	}
	return nil, false, fmt.Errorf("unknown shortcode %q (known: change, changes, chart, metric, progress)", c.Name)
}

// args reads a call's arguments: each may be given by position or by name.
// Unknown names and surplus positional arguments are errors.
type args struct {
	c      *shortcode.Call
	names  []string // positional order
	named  []string // named-only options
	values map[string]string
}

func readArgs(c *shortcode.Call, positional []string, options ...string) (args, error) {
	a := args{c: c, names: positional, named: options, values: map[string]string{}}
	if len(c.Args) > len(positional) {
		return a, fmt.Errorf("too many arguments: %s takes %s", c.Name, strings.Join(positional, ", "))
	}
	for i, v := range c.Args {
		a.values[positional[i]] = v
	}
	known := append(append([]string{}, positional...), options...)
	var keys []string
	for k := range c.Named {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			return a, fmt.Errorf("unknown argument %q (known: %s)", k, strings.Join(known, ", "))
		}
		if _, dup := a.values[k]; dup {
			return a, fmt.Errorf("argument %q given twice", k)
		}
		a.values[k] = c.Named[k]
	}
	return a, nil
}

func (a args) get(name string) string { return a.values[name] }

func (a args) require(name string) (string, error) {
	v, ok := a.values[name]
	if !ok || v == "" {
		return "", fmt.Errorf("missing argument %q", name)
	}
	return v, nil
}

func (b *Builder) metric(id string) (*data.Metric, error) {
	m, ok := b.data.Metrics[id]
	if !ok {
		return nil, fmt.Errorf("no metric %q (metrics: %s)", id, strings.Join(b.data.MetricIDs(), ", "))
	}
	return m, nil
}

// metricValue looks up the metric and period a shortcode's "id" and
// "period" arguments name.
func (b *Builder) metricValue(a args) (*data.Metric, data.Value, error) {
	id, err := a.require("id")
	if err != nil {
		return nil, data.Value{}, err
	}
	m, err := b.metric(id)
	if err != nil {
		return nil, data.Value{}, err
	}
	ps, err := a.require("period")
	if err != nil {
		return nil, data.Value{}, err
	}
	v, err := b.value(m, ps)
	return m, v, err
}

func (b *Builder) value(m *data.Metric, ps string) (data.Value, error) {
	p, err := period.Parse(m.Period, ps)
	if err != nil {
		return data.Value{}, fmt.Errorf("metric %s: %v", m.ID, err)
	}
	v, ok := m.Find(p)
	if !ok {
		var have []string
		for _, v := range m.Values {
			have = append(have, v.Period.String())
		}
		return data.Value{}, fmt.Errorf("metric %s has no value for %s (it has %s)", m.ID, p, strings.Join(have, ", "))
	}
	return v, nil
}

// figureHTML wraps a formatted figure so that machines can read the value
// and readers can see where it comes from.
func figureHTML(value float64, text, title string) []byte {
	return []byte(fmt.Sprintf(`<data class="figure" value="%s" title="%s">%s</data>`,
		template.HTMLEscapeString(strconvFloat(value)), template.HTMLEscapeString(title), template.HTMLEscapeString(text)))
}

func (b *Builder) metricCode(art *content.Article, c *shortcode.Call) ([]byte, error) {
	a, err := readArgs(c, []string{"id", "period"}, "format")
	if err != nil {
		return nil, err
	}
	m, v, err := b.metricValue(a)
	if err != nil {
		return nil, err
	}
	full, err := formatOption(a.get("format"))
	if err != nil {
		return nil, err
	}
	// The figure as known on the article's date, and a note when it was
	// revised since (up to the build's date).
	k, _ := derive.ValueAsOf(m, v.Period, art.Date, b.asOf)
	v = k.Value
	out := figureHTML(v.Value, b.Value(m, v, full), m.Title+" · "+b.L.Period(v.Period))
	return append(out, b.revisedNote(art.URL(), m, k)...), nil
}

func formatOption(f string) (bool, error) {
	switch f {
	case "", "short":
		return false, nil
	case "full":
		return true, nil
	}
	return false, fmt.Errorf("format %q is not known (want short or full)", f)
}

func (b *Builder) changeCode(art *content.Article, c *shortcode.Call) ([]byte, error) {
	a, err := readArgs(c, []string{"id", "period", "basis"}, "as", "format")
	if err != nil {
		return nil, err
	}
	m, v, err := b.metricValue(a)
	if err != nil {
		return nil, err
	}
	basis, err := derive.ParseBasis(a.get("basis")) // "" is the previous period
	if err != nil {
		return nil, err
	}
	ch, err := derive.ChangeOnAsOf(m, v.Period, basis, art.Date) // as the article's readers could know it
	if err != nil {
		return nil, err
	}
	full, err := formatOption(a.get("format"))
	if err != nil {
		return nil, err
	}
	title := m.Title + " · " + b.L.Period(v.Period) + " · " + b.L.T("metric."+string(basis))
	switch a.get("as") {
	case "", "value":
		text := b.L.Number(ch.Abs, locale.NumberOpts{Signed: true, Full: full})
		if unit(m) == "%" {
			text += " " + b.L.T("unit.points")
		}
		return figureHTML(ch.Abs, text, title), nil
	case "percent":
		if !ch.HasPct {
			return nil, fmt.Errorf("metric %s: no percent change from a zero value", m.ID)
		}
		return figureHTML(ch.Pct, b.L.Number(ch.Pct, locale.NumberOpts{Signed: true, Unit: "%"}), title), nil
	}
	return nil, fmt.Errorf("as %q is not known (want value or percent)", a.get("as"))
}

func (b *Builder) chartCode(art *content.Article, c *shortcode.Call) ([]byte, error) {
	// The options are the embed page's (type, from, to, height), so the
	// chart's embed snippet shows the same picture.
	a, err := readArgs(c, []string{"id"}, "type", "from", "to", "height")
	if err != nil {
		return nil, err
	}
	id, err := a.require("id")
	if err != nil {
		return nil, err
	}
	m, err := b.metric(id)
	if err != nil {
		return nil, err
	}
	o := chartOpts{seq: fmt.Sprintf("l%d", c.Line)}
	switch t := chart.Type(a.get("type")); t {
	case "", chart.Line, chart.Bar:
		o.typ = t
	default:
		return nil, fmt.Errorf("type %q is not known (want line or bar)", t)
	}
	for name, dst := range map[string]*period.Period{"from": &o.from, "to": &o.to} {
		if s := a.get(name); s != "" {
			if *dst, err = period.Parse(m.Period, s); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
		}
	}
	if !o.from.IsZero() && !o.to.IsZero() && o.to.Compare(o.from) < 0 {
		return nil, fmt.Errorf("to %s is before from %s", o.to, o.from)
	}
	if h := a.get("height"); h != "" {
		if o.height, err = parseHeight(h); err != nil {
			return nil, err
		}
	}
	f, err := b.MetricChart(m, o)
	if err != nil {
		return nil, err
	}
	if len(f.Rows) == 0 {
		return nil, fmt.Errorf("metric %s has no values in that range", m.ID)
	}
	return b.r.Fragment("figure", b.r.NewPage(art.URL(), ""), f)
}

func (b *Builder) progressCode(art *content.Article, c *shortcode.Call) ([]byte, error) {
	a, err := readArgs(c, []string{"id"}, "date")
	if err != nil {
		return nil, err
	}
	id, err := a.require("id")
	if err != nil {
		return nil, err
	}
	if _, ok := b.data.Plans[id]; !ok {
		return nil, fmt.Errorf("no plan %q (plans: %s)", id, strings.Join(b.data.PlanIDs(), ", "))
	}
	day := art.Date
	if s := a.get("date"); s != "" {
		if day, err = date.Parse(s); err != nil {
			return nil, fmt.Errorf("date: %v", err)
		}
	}
	return b.r.Fragment("progress", b.r.NewPage(art.URL(), ""), b.Summary(id, day))
}
