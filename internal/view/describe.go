package view

import (
	"strings"
	"unicode/utf8"

	"github.com/bantin/bantin/internal/derive"
)

// Page descriptions (<meta name="description">): what a search engine
// shows under the title and a link preview under the link. Each is made
// from the data the page shows, in the site's language, so it says
// something true and specific ("71 nhiệm vụ, 2 đã hoàn thành…") rather
// than repeating the title; an author's own description wins where the
// data format has one (a metric's description, the site's).

// DescriptionMax is the length, in characters, a generated description is
// cut to: about what search engines show on a phone.
const DescriptionMax = 200

// PlanDescription describes plan id's page as of the build date: its
// decision and title, and how many tasks are done and overdue.
func (b *Builder) PlanDescription(id string) string {
	p, ok := b.data.Plans[id]
	if !ok {
		return ""
	}
	st := derive.PlanAsOf(p, b.asOf)
	name := p.Title
	if p.Decision != "" {
		name = p.Decision + " – " + p.Title
	}
	return Clip(b.L.Tf("desc.plan", name, st.All.Total, st.All.Done, b.L.Percent(st.All.ShareDone()), st.All.Overdue, b.L.Date(b.asOf)), DescriptionMax)
}

// PlansDescription describes the list of plans: how many, as of when,
// and their names.
func (b *Builder) PlansDescription(ids []string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if p, ok := b.data.Plans[id]; ok {
			n := p.Title
			if p.Decision != "" {
				n = p.Decision
			}
			names = append(names, n)
		}
	}
	return Clip(b.L.Tf("desc.plans", len(ids), b.L.Date(b.asOf), strings.Join(names, "; ")), DescriptionMax)
}

// MetricDescription describes metric id's page: the metric's own
// description when it has one, else its latest value and period.
func (b *Builder) MetricDescription(id string) string {
	m, ok := b.data.Metrics[id]
	if !ok {
		return ""
	}
	if d := strings.TrimSpace(m.Description); d != "" {
		return Clip(d, DescriptionMax)
	}
	if latest, ok := derive.Latest(m, b.asOf); ok {
		return Clip(b.L.Tf("desc.metric", m.Title, b.Value(m, latest, false), b.L.Period(latest.Period)), DescriptionMax)
	}
	return Clip(b.L.Tf("desc.metricempty", m.Title), DescriptionMax)
}

// MetricsDescription describes the list of metrics: how many, and their
// titles.
func (b *Builder) MetricsDescription(ids []string) string {
	titles := make([]string, 0, len(ids))
	for _, id := range ids {
		if m, ok := b.data.Metrics[id]; ok {
			titles = append(titles, m.Title)
		}
	}
	return Clip(b.L.Tf("desc.metrics", len(ids), strings.Join(titles, "; ")), DescriptionMax)
}

// Clip shortens s to at most n characters (runes), cutting at the last
// space before the limit and adding "…", so a long generated description
// ends on a whole word. Space runs are folded to one space first.
func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	// The byte offset of rune n-1: room for the "…".
	cut, count := 0, 0
	for i := range s {
		if count == n-1 {
			cut = i
			break
		}
		count++
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > 0 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:–-") + "…"
}
