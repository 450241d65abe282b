package build

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/view"
)

// loadData reads every plan and metric, validates them together and
// records each file's version. Data files are few, and references between
// them are checked as a whole, so a change to one reloads all of them.
func (s *Site) loadData() {
	errs := &diag.List{}
	if s.dataCache == nil && !s.oneShot {
		s.dataCache = data.NewCache() // the preview reloads the data after each save of one file
	}
	s.Data = data.LoadCached(s.fsys, s.prefix, errs, s.dataCache)
	// Texts given per language ({vi: ..., en: ...}) are checked against
	// the site's languages, and the plain fields set to the default's,
	// before the rules that read them.
	s.Data.ApplyLanguages(s.Config.Languages, errs)
	s.Data.Validate(s.AsOf, errs)
	s.dataErrs = errs.Errors()
	s.applyLanguages()
	old := s.versions.data
	s.versions.data = map[string]uint64{}
	// Each file's version is the hash of its bytes, which loading took.
	var all []string
	add := func(key string, v uint64) {
		s.versions.data[key] = v
		all = append(all, fmt.Sprintf("%s=%x", key, v))
	}
	for id, p := range s.Data.Plans {
		add("plan:"+id, p.Sum)
	}
	for id, m := range s.Data.Metrics {
		add("metric:"+id, m.Sum)
	}
	slices.Sort(all)
	s.versions.all = graph.HashString(all...)
	s.noteDataVersions(old)
	// Articles whose figures come from data that changed render again.
	for _, f := range s.files {
		if f.article == nil {
			continue
		}
		for _, key := range f.article.Uses {
			if old[key] != s.versions.data[key] {
				f.rendered = false
			}
		}
	}
}

// checkRefs checks what refers across inputs: an article's plan:, the
// home page's metrics.
func (s *Site) checkRefs() {
	errs := &diag.List{}
	for _, a := range s.Articles {
		if a.Front.Plan != "" {
			if _, ok := s.Data.Plans[a.Front.Plan]; !ok {
				errs.Errorf(a.Front.Meta.At("plan"), "plan", "no plan %q (plans: %s)", a.Front.Plan, list(s.Data.PlanIDs()))
			}
		}
	}
	s.Config.CheckHomeMetrics(func(id string) bool { _, ok := s.Data.Metrics[id]; return ok }, errs)
	s.refErrs = errs.Errors()
}

func list(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

func (s *Site) siteInput() graph.Input  { return graph.Input{Key: "site", Version: s.versions.site} }
func (s *Site) themeInput() graph.Input { return graph.Input{Key: "theme", Version: s.versions.theme} }
func (s *Site) allData() graph.Input    { return graph.Input{Key: "data", Version: s.versions.all} }
func (s *Site) dataInput(key string) graph.Input {
	return graph.Input{Key: key, Version: s.versions.data[key]}
}

// dataNodes makes the plan and metric pages, their lists and the open-data files.
func (s *Site) dataNodes(figures *view.Builder) []*graph.Node {
	L := s.Locale
	var nodes []*graph.Node
	for _, id := range s.Data.PlanIDs() {
		p := s.Data.Plans[id]
		in := []graph.Input{s.siteInput(), s.themeInput(), s.dataInput("plan:" + id)}
		for _, sort := range urls.PlanSorts {
			nodes = append(nodes, s.htmlNode(graph.Page, "plan:"+id+":"+sort, urls.Plan(id, sort), p.Title, "plans", "plan.html", in, func(pg *render.Page) error {
				v, err := figures.PlanView(id, sort)
				pg.Description = figures.PlanDescription(id)
				pg.Data, pg.Charts = v, true
				return err
			}))
		}
		nodes = append(nodes, s.planDataNodes(p)...)
	}
	nodes = append(nodes, s.htmlNode(graph.Page, "plans", urls.Plans(), L.T("nav.plans"), "plans", "plans.html",
		[]graph.Input{s.siteInput(), s.themeInput(), s.allData()}, func(pg *render.Page) error {
			var plans []view.PlanSummary
			for _, id := range s.Data.PlanIDs() {
				plans = append(plans, figures.Summary(id, s.AsOf))
			}
			pg.Description = figures.PlansDescription(s.Data.PlanIDs())
			pg.Data = plans
			return nil
		}))
	for _, id := range s.Data.MetricIDs() {
		m := s.Data.Metrics[id]
		in := []graph.Input{s.siteInput(), s.themeInput(), s.dataInput("metric:" + id)}
		nodes = append(nodes,
			s.htmlNode(graph.Page, "metric:"+id, urls.Metric(id), m.Title, "metrics", "metric.html", in, func(pg *render.Page) error {
				pg.Description = figures.MetricDescription(id)
				v, err := figures.MetricView(id)
				pg.Data, pg.Charts = v, true
				return err
			}),
			&graph.Node{Path: urls.MetricCSV(id), Kind: graph.Data, Key: "metric:" + id + ":csv", Inputs: in[2:], Produce: func() ([]byte, error) { return view.CSV(m) }},
			&graph.Node{Path: urls.MetricJSON(id), Kind: graph.Data, Key: "metric:" + id + ":json", Inputs: in[2:], Produce: func() ([]byte, error) { return view.JSON(m) }},
		)
	}
	nodes = append(nodes, s.htmlNode(graph.Page, "metrics", urls.Metrics(), L.T("nav.metrics"), "metrics", "metrics.html",
		[]graph.Input{s.siteInput(), s.themeInput(), s.allData()}, func(pg *render.Page) error {
			pg.Description = figures.MetricsDescription(s.Data.MetricIDs())
			pg.Data = figures.Tiles(s.Data.MetricIDs())
			return nil
		}))
	return append(nodes, s.catalogueNodes()...)
}

// planDataNodes are plan p's open-data files: its tasks as CSV and JSON,
// and the ledger of its moved deadlines. Like the plan's page, they show
// the plan as of the build date under the site's and the plan's rules, so
// they depend on the plan's file and on the settings (which hold the
// as-of date and the site's status-rules), not on the theme.
func (s *Site) planDataNodes(p *data.Plan) []*graph.Node {
	in := []graph.Input{s.siteInput(), s.dataInput("plan:" + p.ID)}
	asOf, rules := s.AsOf, derive.RulesFrom(s.Config.StatusRules, p.StatusRules)
	return []*graph.Node{
		{Path: urls.PlanCSV(p.ID), Kind: graph.Data, Key: "plan:" + p.ID + ":csv", Inputs: in, Produce: func() ([]byte, error) { return view.PlanCSV(p, asOf, rules) }},
		{Path: urls.PlanJSON(p.ID), Kind: graph.Data, Key: "plan:" + p.ID + ":json", Inputs: in, Produce: func() ([]byte, error) { return view.PlanJSON(p, asOf, rules) }},
		{Path: urls.PlanMovesCSV(p.ID), Kind: graph.Data, Key: "plan:" + p.ID + ":moves", Inputs: in, Produce: func() ([]byte, error) { return view.MovesCSV(p, asOf) }},
	}
}
