package view

// Home returns the metric tiles and plan summaries of the home page: the
// metrics named in site.yaml's homeMetrics (all when it is empty), and
// every plan as of the build date.
func (b *Builder) Home() ([]Tile, []PlanSummary) {
	ids := b.cfg.HomeMetrics
	if len(ids) == 0 {
		ids = b.data.MetricIDs()
	}
	var plans []PlanSummary
	for _, id := range b.data.PlanIDs() {
		plans = append(plans, b.Summary(id, b.asOf))
	}
	return b.metricTiles(ids), plans
}

// Pages lists the plan and metric pages and the open-data files.
func (b *Builder) Pages(newPage NewPage) []Output {
	var out []Output
	var plans []PlanSummary
	for _, id := range b.data.PlanIDs() {
		plans = append(plans, b.Summary(id, b.asOf))
		for _, s := range planSorts {
			pg := newPage(PlanURL(id)+s.path, b.data.Plans[id].Title, "plans")
			out = append(out, Output{Path: pg.Path, Template: "plan.html", Page: pg, Prepare: func() error {
				v, err := b.PlanView(id, s.path)
				pg.Data, pg.Charts = v, true
				return err
			}})
		}
	}
	idx := newPage("plans/", b.L.T("nav.plans"), "plans")
	idx.Data = plans
	out = append(out, Output{Path: "plans/", Template: "plans.html", Page: idx})

	for _, id := range b.data.MetricIDs() {
		m := b.data.Metrics[id]
		pg := newPage(MetricURL(id), m.Title, "metrics")
		pg.Description = m.Description
		out = append(out,
			Output{Path: pg.Path, Template: "metric.html", Page: pg, Prepare: func() error {
				v, err := b.MetricView(id)
				pg.Data, pg.Charts = v, true
				return err
			}},
			Output{Path: "metrics/" + id + ".csv", Bytes: func() ([]byte, error) { return CSV(m) }},
			Output{Path: "metrics/" + id + ".json", Bytes: func() ([]byte, error) { return JSON(m) }},
		)
	}
	midx := newPage("metrics/", b.L.T("nav.metrics"), "metrics")
	midx.Data = b.metricTiles(b.data.MetricIDs())
	out = append(out, Output{Path: "metrics/", Template: "metrics.html", Page: midx})
	return out
}
