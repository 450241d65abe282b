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
		s.Metrics[id].validate(asOf, errs)
	}
	for _, m := range s.unlistedMetrics {
		m.validate(asOf, errs)
	}
}

func (p *Plan) validate(asOf date.Date, errs *diag.List) {
	p.Source.validate(errs)
	p.Basis.validate(p.at(p.Meta.At("basis")), p.Meta.Field("basis"), errs)
	p.StatusRules.Validate(errs)
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
	if !t.Start.IsZero() && !t.Due.IsZero() && t.Start.After(t.Due) {
		errs.Errorf(p.at(t.Meta.At("start")), t.Meta.Field("start"), "task %s starts on %s, after its due date %s", t.ID, t.Start, t.Due)
	}
	t.Basis.validate(p.at(t.Meta.At("basis")), t.Meta.Field("basis"), errs)
	var last date.Date
	due, dueSince := t.Due, date.Date{} // the deadline in force, and the update that set it
	for j := range t.Updates {
		u := &t.Updates[j]
		if u.Progress != nil && (*u.Progress < 0 || *u.Progress > 100) {
			errs.Errorf(p.at(u.Meta.At("progress")), u.Meta.Field("progress"), "progress %g is outside 0..100", *u.Progress)
		}
		u.Basis.validate(p.at(u.Meta.At("basis")), u.Meta.Field("basis"), errs)
		t.validateMove(p, u, &due, &dueSince, errs)
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

// validateMove checks an update's status and deadline together: the status
// is required unless the update moves the deadline, and a move needs a
// deadline to move (a scheduled task) and a new day. due is the deadline in
// force before u, set by the update dated dueSince (zero: the task's own);
// a valid move updates both. Updates out of date order are reported by the
// caller; moves are followed in file order, which is then date order.
func (t *Task) validateMove(p *Plan, u *Update, due, dueSince *date.Date, errs *diag.List) {
	if u.Meta.Pos.Line == 0 {
		return // not a mapping: decoding said so
	}
	switch {
	case u.Meta.IsNull("due"):
		errs.Errorf(p.at(u.Meta.At("due")), u.Meta.Field("due"), "due is empty: write the new deadline (due: YYYY-MM-DD), or leave the key out")
	case u.Meta.Has("due") && !u.Meta.Has("status") && u.Progress != nil:
		// A move alone keeps the status and progress before it; a new
		// progress figure would be dropped without a word.
		errs.Errorf(p.at(u.Meta.At("progress")), u.Meta.Field("progress"), "progress needs a status in the same update (add status: in-progress), or give it in an update of its own")
	case u.Meta.Has("due"):
		// A move, which needs no status; or a malformed date, which
		// decoding reported.
	case !u.Meta.Has("status"):
		errs.Errorf(p.at(u.Meta.Pos), u.Meta.Field("status"), "required key \"status\" is missing (only an update that moves the deadline, with due:, may leave it out)")
	case u.Meta.IsNull("status"):
		errs.Errorf(p.at(u.Meta.At("status")), u.Meta.Field("status"), "required key \"status\" has no value")
	}
	if u.Due.IsZero() {
		return
	}
	switch {
	case t.Kind == Recurring:
		errs.Errorf(p.at(u.Meta.At("due")), u.Meta.Field("due"), "task %s is recurring and has no deadline to move: remove due, or make the task kind: scheduled", t.ID)
	case t.Kind != Scheduled || due.IsZero():
		// No kind or no deadline: reported with the task.
	case u.Due == *due && dueSince.IsZero():
		errs.Errorf(p.at(u.Meta.At("due")), u.Meta.Field("due"), "due %s is already the deadline of task %s (its due:): a move must change the deadline", u.Due, t.ID)
	case u.Due == *due:
		errs.Errorf(p.at(u.Meta.At("due")), u.Meta.Field("due"), "due %s is already the deadline of task %s (moved there on %s): a move must change the deadline", u.Due, t.ID, *dueSince)
	default:
		*due, *dueSince = u.Due, u.Date
	}
}

func (m *Metric) validate(asOf date.Date, errs *diag.List) {
	if m.Meta.Pos.File == "" {
		return // the file did not parse as a mapping: decoding said why, and there is nothing to check
	}
	m.Source.validate(errs)
	// A metric without values has no page to show; saying so here points at
	// the file, where later stages could only name an output page.
	switch {
	case len(m.Values) > 0:
	case m.fromCSV:
		// The CSV file said why it gave no values, or values: why it could
		// not be read.
	case m.Meta.IsNull("values") || m.Meta.Has("values"):
		errs.Errorf(m.Meta.At("values"), m.Meta.Field("values"), "no values: a metric needs at least one, such as - {period: 2024-Q1, value: 1}")
	default:
		errs.Errorf(m.Meta.Pos, m.Meta.Field("values"), "required key \"values\" is missing: a metric needs at least one value")
	}
	if m.Target != nil && m.Kind == Ratio && m.Target.Meta.Has("value") && (m.Target.Value < 0 || m.Target.Value > 100) {
		errs.Errorf(m.Target.Meta.At("value"), m.Target.Meta.Field("value"), "target %g of a ratio is outside 0..100", m.Target.Value)
	}
	if m.Target != nil {
		m.Target.Basis.validate(m.Target.Meta.At("basis"), m.Target.Meta.Field("basis"), errs)
	}
	seen := map[string]*Value{}
	valid := true
	for i := range m.Values {
		v := &m.Values[i]
		if m.Kind == Ratio && v.Meta.Has("value") && (v.Value < 0 || v.Value > 100) {
			errs.Errorf(v.Meta.At("value"), v.Meta.Field("value"), "%g is outside 0..100, but %s is a ratio (a share in percent)", v.Value, m.ID)
		}
		m.validateRevisions(v, asOf, errs)
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

// validateRevisions checks the revisions of v: each in range like the
// value, dated after v's period ends (a figure cannot be corrected before
// it can have been published: see derive, which takes a value as known
// from the end of its period), no later than the build's as-of date (like
// updates), in date order and at most one per day, so "the value known on
// a day" is never ambiguous.
func (m *Metric) validateRevisions(v *Value, asOf date.Date, errs *diag.List) {
	seen := map[date.Date]*Revision{}
	var last date.Date
	for i := range v.Revisions {
		r := &v.Revisions[i]
		r.Basis.validate(r.Meta.At("basis"), r.Meta.Field("basis"), errs)
		if m.Kind == Ratio && r.Meta.Has("value") && (r.Value < 0 || r.Value > 100) {
			errs.Errorf(r.Meta.At("value"), r.Meta.Field("value"), "%g is outside 0..100, but %s is a ratio (a share in percent)", r.Value, m.ID)
		}
		if r.Date.IsZero() {
			continue // missing or malformed: decoding said so
		}
		if !v.Period.IsZero() && !r.Date.After(v.Period.End()) {
			errs.Errorf(r.Meta.At("date"), r.Meta.Field("date"), "revision dated %s is not after the period %s ends (%s): a figure is revised after it is published", r.Date, v.Period, v.Period.End())
		}
		if !asOf.IsZero() && r.Date.After(asOf) {
			errs.Errorf(r.Meta.At("date"), r.Meta.Field("date"), "revision dated %s is after the build's as-of date %s", r.Date, asOf)
		}
		switch first, dup := seen[r.Date]; {
		case dup:
			errs.Errorf(r.Meta.At("date"), r.Meta.Field("date"), "a second revision dated %s (first at line %d): give one revision per day", r.Date, first.Meta.At("date").Line)
		case !last.IsZero() && r.Date.Before(last):
			errs.Errorf(r.Meta.At("date"), r.Meta.Field("date"), "revision of %s comes after one dated %s: list revisions in date order", r.Date, last)
		}
		if _, dup := seen[r.Date]; !dup {
			seen[r.Date] = r
		}
		if r.Date.After(last) {
			last = r.Date
		}
	}
}

// validate checks that a source's link is a web address: it is shown as a
// link on public pages, so "javascript:" or "file:" must not get through.
func (s *Source) validate(errs *diag.List) {
	if s == nil || !s.Meta.Has("url") || s.Meta.IsNull("url") {
		return
	}
	if !isWebAddress(s.URL) {
		errs.Errorf(s.Meta.At("url"), s.Meta.Field("url"), "%q is not a web address: a source link starts with https:// or http://", s.URL)
	}
}

// isWebAddress reports whether s is an absolute http or https address with
// a host: the only links bantin puts on public pages.
func isWebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) && u.Host != ""
}

// isBlank reports whether s holds nothing but white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
