package build

import (
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/view"
)

// embedTemplate is the shared template (templates/embed.html) an embed
// page is rendered with: a whole document of its own, without base.html's
// page frame.
const embedTemplate = "embed"

// embedNodes makes the embed pages: embed/metrics/<id>/ for every metric
// and embed/plans/<id>/ for every plan, each the chart alone for an
// <iframe> on another site (issue 12). An embed page shows what its full
// page's chart shows, so it has the same inputs: the settings (language,
// base URL, as-of date), the theme, and its one data file. They are
// Hidden pages: an embed is not a page of the site to list in the sitemap.
func (s *Site) embedNodes(figures *view.Builder) []*graph.Node {
	var nodes []*graph.Node
	for _, id := range s.Data.MetricIDs() {
		m := s.Data.Metrics[id]
		nodes = append(nodes, s.embedNode("embed:metric:"+id, urls.EmbedMetric(id), m.Title, "metrics",
			[]graph.Input{s.siteInput(), s.themeInput(), s.dataInput("metric:" + id)},
			func() (*view.EmbedView, error) { return figures.MetricEmbed(id) }))
	}
	for _, id := range s.Data.PlanIDs() {
		p := s.Data.Plans[id]
		nodes = append(nodes, s.embedNode("embed:plan:"+id, urls.EmbedPlan(id), p.Title, "plans",
			[]graph.Input{s.siteInput(), s.themeInput(), s.dataInput("plan:" + id)},
			func() (*view.EmbedView, error) { return figures.PlanEmbed(id) }))
	}
	return nodes
}

func (s *Site) embedNode(key, url, title, section string, in []graph.Input, make func() (*view.EmbedView, error)) *graph.Node {
	return &graph.Node{Path: urls.File(url), Kind: graph.Hidden, Key: key, Inputs: in, Produce: func() ([]byte, error) {
		v, err := make()
		if err != nil {
			return nil, err
		}
		pg := s.page(url, title, section)
		pg.Charts = true
		return s.renderer.Fragment(embedTemplate, pg, v)
	}}
}
