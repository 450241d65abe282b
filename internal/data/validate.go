package data

import (
	"net/url"
	"sort"
	"strings"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
)

// Validate checks what decoding alone cannot: rules that span fields,
// items or files, and dates against asOf, the day the build shows. Each
// problem goes to errs with the position of the value at fault. Problems
// decoding already reported (a missing or malformed value) are not
// reported again. Valid metric values are left sorted by period.
func (s *Set) Validate(asOf date.Date, errs *diag.List) {
	for _, id := range s.PlanIDs() {
		s.Plans[id].validate(asOf, errs)
	}
	for _, p := range s.unlistedPlans {
		p.validate(asOf, errs)
	}
	for _, id := range s.MetricIDs() {
		s.Metrics[id].validate(errs)
	}
	for _, m := range s.unlistedMetrics {
		m.validate(errs)
	}
}

func (p *Plan) validate(asOf date.Date, errs *diag.List) {
	p.Source.validate(errs)
	seen := map[string]*Task{}
	for i := range p.Tasks {
		t := &p.Tasks[i]
		if t.ID != "" {
			if first, dup := seen[t.ID]; dup {
				errs.Errorf(p.at(t.Meta.At("id")), t.Meta.Field("id"), "duplicate task id %q (first used at line %d)", t.ID, first.Meta.At("id").Line)
			} else {
				seen[t.ID] = t
			}
		}
		t.validate(p, asOf, errs)
	}
}

// at fills in the file, which decoding positions already carry; kept for
// positions built by hand.
func (p *Plan) at(pos diag.Pos) diag.Pos {
	if pos.File == "" {
		pos.File = p.File
	}
	return pos
}

func (t *Task) validate(p *Plan, asOf date.Date, errs *diag.List) {
	if t.Meta.Has("id") && !t.Meta.IsNull("id") && strings.TrimSpace(t.ID) == "" {
		errs.Errorf(p.at(t.Meta.At("id")), t.Meta.Field("id"), "task id is empty: give each task a short id such as T01")
	}
	switch {
	case t.Kind != Scheduled:
	case !t.Meta.Has("due"):
		errs.Errorf(p.at(t.Meta.Pos), t.Meta.Path, "task %s is scheduled but has no due date (add due: YYYY-MM-DD, or make it kind: recurring)", t.ID)
	case t.Meta.IsNull("due"):
		errs.Errorf(p.at(t.Meta.At("due")), t.Meta.Field("due"), "task %s is scheduled but its due date is empty (write due: YYYY-MM-DD, or make it kind: recurring)", t.ID)
	}
	var last date.Date
	for j := range t.Updates {
		u := &t.Updates[j]
		if u.Progress != nil && (*u.Progress < 0 || *u.Progress > 100) {
			errs.Errorf(p.at(u.Meta.At("progress")), u.Meta.Field("progress"), "progress %g is outside 0..100", *u.Progress)
		}
		if u.Date.IsZero() {
			continue
		}
		if !last.IsZero() && u.Date.Before(last) {
			errs.Errorf(p.at(u.Meta.At("date")), u.Meta.Field("date"), "update of %s comes after one dated %s: list updates in date order", u.Date, last)
		}
		if !asOf.IsZero() && u.Date.After(asOf) {
			errs.Errorf(p.at(u.Meta.At("date")), u.Meta.Field("date"), "update dated %s is after the build's as-of date %s", u.Date, asOf)
		}
		last = u.Date
	}
}

func (m *Metric) validate(errs *diag.List) {
	if m.Meta.Pos.File == "" {
		return // the file did not parse as a mapping: decoding said why, and there is nothing to check
	}
	m.Source.validate(errs)
	// A metric without values has no page to show; saying so here points at
	// the file, where later stages could only name an output page.
	switch {
	case len(m.Values) > 0:
	case m.Meta.IsNull("values") || m.Meta.Has("values"):
		errs.Errorf(m.Meta.At("values"), m.Meta.Field("values"), "no values: a metric needs at least one, such as - {period: 2024-Q1, value: 1}")
	default:
		errs.Errorf(m.Meta.Pos, m.Meta.Field("values"), "required key \"values\" is missing: a metric needs at least one value")
	}
	if m.Target != nil && m.Kind == Ratio && m.Target.Meta.Has("value") && (m.Target.Value < 0 || m.Target.Value > 100) {
		errs.Errorf(m.Target.Meta.At("value"), m.Target.Meta.Field("value"), "target %g of a ratio is outside 0..100", m.Target.Value)
	}
	seen := map[string]*Value{}
	valid := true
	for i := range m.Values {
		v := &m.Values[i]
		if m.Kind == Ratio && v.Meta.Has("value") && (v.Value < 0 || v.Value > 100) {
			errs.Errorf(v.Meta.At("value"), v.Meta.Field("value"), "%g is outside 0..100, but %s is a ratio (a share in percent)", v.Value, m.ID)
		}
		if v.Period.IsZero() {
			valid = false
			continue
		}
		if m.Period != 0 && v.Period.Kind != m.Period {
			errs.Errorf(v.Meta.At("period"), v.Meta.Field("period"), "%q is a %s, but the metric counts by %s (period: %s)", v.Period, v.Period.Kind, m.Period, m.Period)
			valid = false
			continue
		}
		key := v.Period.String()
		if first, dup := seen[key]; dup {
			errs.Errorf(v.Meta.At("period"), v.Meta.Field("period"), "duplicate period %s (first at line %d)", key, first.Meta.At("period").Line)
			valid = false
			continue
		}
		seen[key] = v
	}
	if valid {
		sort.SliceStable(m.Values, func(i, j int) bool { return m.Values[i].Period.Compare(m.Values[j].Period) < 0 })
	}
	m.reindex()
}

// validate checks that a source's link is a web address: it is shown as a
// link on public pages, so "javascript:" or "file:" must not get through.
func (s *Source) validate(errs *diag.List) {
	if s == nil || !s.Meta.Has("url") || s.Meta.IsNull("url") {
		return
	}
	if u, err := url.Parse(s.URL); err != nil || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) || u.Host == "" {
		errs.Errorf(s.Meta.At("url"), s.Meta.Field("url"), "%q is not a web address: a source link starts with https:// or http://", s.URL)
	}
}
