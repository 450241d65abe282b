package derive

import (
	"slices"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// Figures as they were published.
//
// A value may be revised after it is published (data.Value.Revisions).
// Every page shows the figure as known on its own date, so a bulletin
// keeps what it printed: the functions ending in AsOf take that date.
//
// The model records when a revision was made but not when a value was
// first published. A value is taken as known from the last day of its
// period (KnownFrom): a bulletin of 09/4/2024 knows the first quarter's
// figure but not the second's, even when the second is in the file by the
// time the site is built. (Latest, older than revisions, counts a period
// from its first day instead, and is kept as it was.) Revisions are dated
// after their period ends, which Validate checks, so a revision is always
// later than the figure it replaces.

// KnownFrom returns the day value v is taken as first known: the last day
// of its period.
func KnownFrom(v data.Value) date.Date { return v.Period.End() }

// revisionAsOf returns the revision of v in force on day: the latest dated
// on or before day (of two on one day, the later in the file); nil when
// there is none and the first figure stands. It does not rely on the
// revisions being in order, so it is right on data not yet validated.
func revisionAsOf(v data.Value, day date.Date) *data.Revision {
	var in *data.Revision
	for i := range v.Revisions {
		r := &v.Revisions[i]
		if !r.Date.After(day) && (in == nil || !r.Date.Before(in.Date)) {
			in = r
		}
	}
	return in
}

// lastRevision returns the latest revision of v; nil when none.
func lastRevision(v data.Value) *data.Revision {
	var last *data.Revision
	for i := range v.Revisions {
		if r := &v.Revisions[i]; last == nil || !r.Date.Before(last.Date) {
			last = r
		}
	}
	return last
}

// revised returns v with the figure, qualifier and note of revision r;
// v itself when r is nil. The period, the place in the file and the
// revisions are kept, so the result can be looked up again.
func revised(v data.Value, r *data.Revision) data.Value {
	if r != nil {
		v.Value, v.Approx, v.Note = r.Value, r.Approx, r.Note
	}
	return v
}

// knownOn returns v as known on day.
func knownOn(v data.Value, day date.Date) data.Value { return revised(v, revisionAsOf(v, day)) }

// latestKnown returns v with its latest revision applied.
func latestKnown(v data.Value) data.Value { return revised(v, lastRevision(v)) }

// KnownValue is one value of a metric as known on a day.
type KnownValue struct {
	// Value is the value as known on the day: its figure, qualifier and
	// note are those of the revision in force, or as first published.
	Value data.Value

	// Original is the value as first published (as typed, with its
	// revisions).
	Original data.Value

	// Revision is the revision in force on the day; nil when the first
	// figure stands.
	Revision *data.Revision

	// Later is the latest revision dated after the day (and on or before
	// the "now" asked for); nil when the figure was not revised since. A
	// page prints "revised later to Later.Value" and links to the metric.
	Later *data.Revision
}

// RevisedLater reports whether the figure was revised after the day.
func (k KnownValue) RevisedLater() bool { return k.Later != nil }

// ValueAsOf returns the value of m for period p as known on day: the first
// figure when day is before the first revision, else the latest revision
// on or before day. now bounds the revisions looked at for Later (the
// build's as-of date); the zero date means no bound. It returns false when
// m has no value for p. The period need not be known by day (see
// KnownFrom): a shortcode names its period, and gets its first figure.
func ValueAsOf(m *data.Metric, p period.Period, day, now date.Date) (KnownValue, bool) {
	v, ok := m.Find(p)
	if !ok {
		return KnownValue{}, false
	}
	k := KnownValue{Original: v, Revision: revisionAsOf(v, day)}
	k.Value = revised(v, k.Revision)
	for i := range v.Revisions {
		r := &v.Revisions[i]
		if r.Date.After(day) && (now.IsZero() || !r.Date.After(now)) && (k.Later == nil || !r.Date.Before(k.Later.Date)) {
			k.Later = r
		}
	}
	return k, true
}

// knownBy returns the values of m known by day (KnownFrom on or before
// it), in period order, each as known on day.
func knownBy(m *data.Metric, day date.Date) []data.Value {
	var vs []data.Value
	for _, v := range sorted(m) {
		if !KnownFrom(v).After(day) {
			vs = append(vs, knownOn(v, day))
		}
	}
	return vs
}

// SeriesAsOf returns the series of m as known on day: the values known by
// then (see KnownFrom), each with the figure known then, and running
// totals of flows made of those figures, so a page's changes and totals
// are the ones its readers could have read that day.
func SeriesAsOf(m *data.Metric, day date.Date) []Point {
	return seriesOf(m.Kind, knownBy(m, day))
}

// LatestAsOf returns the value of m for the last period known by day (see
// KnownFrom), as known on day; false when none is.
func LatestAsOf(m *data.Metric, day date.Date) (data.Value, bool) {
	vs := knownBy(m, day)
	if len(vs) == 0 {
		return data.Value{}, false
	}
	return vs[len(vs)-1], true
}

// ChangeOnAsOf is ChangeOn with both values as known on day. Like
// ValueAsOf it does not ask whether the periods were known by day: a
// shortcode names them.
func ChangeOnAsOf(m *data.Metric, p period.Period, basis Basis, day date.Date) (Change, error) {
	return changeOn(m, p, basis, func(v data.Value) data.Value { return knownOn(v, day) })
}

// TargetOfAsOf is TargetOf over the values known by day (see KnownFrom),
// as known on day.
func TargetOfAsOf(m *data.Metric, day date.Date) (TargetStatus, bool) {
	if m.Target == nil {
		return TargetStatus{}, false
	}
	return targetOf(m, knownBy(m, day))
}

// Version is one figure a value has had: the first published, or a
// revision.
type Version struct {
	// Date is when the figure was published: the revision's date, or for
	// the first figure the day it is taken as known (KnownFrom).
	Date   date.Date
	Value  float64
	Approx data.Approx
	Note   string

	// Revision is the revision; nil for the first figure. Its Basis is
	// the document behind it.
	Revision *data.Revision
}

// History returns every figure value v has had by now, oldest first: the
// first published, then each revision dated on or before now (the zero
// date: all). It is the revision history a metric page lists.
func History(v data.Value, now date.Date) []Version {
	h := []Version{{Date: KnownFrom(v), Value: v.Value, Approx: v.Approx, Note: v.Note}}
	for _, r := range sortedRevisions(v) {
		if now.IsZero() || !r.Date.After(now) {
			h = append(h, Version{Date: r.Date, Value: r.Value, Approx: r.Approx, Note: r.Note, Revision: r})
		}
	}
	return h
}

// sortedRevisions returns pointers to v's revisions in date order (file
// order within a day), whether or not the file listed them in order.
func sortedRevisions(v data.Value) []*data.Revision {
	rs := make([]*data.Revision, len(v.Revisions))
	for i := range v.Revisions {
		rs[i] = &v.Revisions[i]
	}
	slices.SortStableFunc(rs, func(a, b *data.Revision) int { return a.Date.Compare(b.Date) })
	return rs
}
