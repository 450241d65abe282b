package view

import (
	"fmt"

	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/urls"
)

// EmbedView is what an embed page shows (templates/embed.html): one chart
// without the site's header, menu and footer, sized for an <iframe> on
// another site, with its one-line summary, a link back to the full page
// and the source of the data.
type EmbedView struct {
	Figure  *Figure
	Title   string
	Summary string
	// Page is the site-relative full page the embed comes from.
	Page              string
	Source, SourceURL string
}

// MetricEmbed is the embed page of metric id's chart: the metric page's
// chart, drawn the same way (the page's query may narrow it, as a chart
// shortcode's options do; see chart-tools.js).
func (b *Builder) MetricEmbed(id string) (*EmbedView, error) {
	m, ok := b.data.Metrics[id]
	if !ok {
		return nil, fmt.Errorf("no metric %q", id)
	}
	f, err := b.metricChart(m)
	if err != nil {
		return nil, err
	}
	e := &EmbedView{Figure: f.citing(urls.Metric(id)), Title: m.Title, Page: urls.Metric(id)}
	if latest, ok := derive.Latest(m, b.asOf); ok {
		e.Summary = b.L.T("metric.latest") + " (" + b.L.Period(latest.Period) + "): " + b.Value(m, latest, false)
	}
	if m.Source != nil {
		e.Source, e.SourceURL = m.Source.Name, m.Source.URL
	}
	return e, nil
}

// PlanEmbed is the embed page of plan id: its progress over time, or its
// tasks by status when it has no history yet.
func (b *Builder) PlanEmbed(id string) (*EmbedView, error) {
	p, ok := b.data.Plans[id]
	if !ok {
		return nil, fmt.Errorf("no plan %q", id)
	}
	base, _, err := b.planBase(id)
	if err != nil {
		return nil, err
	}
	f := base.History
	if f == nil {
		f = base.Breakdown
	}
	title := p.Title
	if p.Decision != "" {
		title = p.Decision + " – " + p.Title
	}
	return &EmbedView{Figure: f.citing(urls.Plan(id, "")), Title: title, Summary: b.PlanDescription(id), Page: urls.Plan(id, ""), Source: p.Owner}, nil
}
