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
	return b.Tiles(ids), plans
}
