package derive

import (
	"cmp"
	"slices"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// LineKind is what a line of changes reports.
type LineKind string

// The kinds of change, in the order ChangesBetween lists them.
const (
	LineDone    LineKind = "done"    // a task done in the window
	LineOverdue LineKind = "overdue" // a task overdue at the end of the window that was not at its start
	LineMoved   LineKind = "moved"   // a deadline moved in the window
	LineNew     LineKind = "new"     // a metric value whose period ended in the window
	LineRevised LineKind = "revised" // a metric value revised in the window
)

// LineKinds lists every kind in the order ChangesBetween sorts them.
var LineKinds = []LineKind{LineDone, LineOverdue, LineMoved, LineNew, LineRevised}

// ChangeLine is one thing that changed between two days, with the figures
// needed to print it. Which fields are set depends on Kind.
type ChangeLine struct {
	Kind LineKind

	// Date is the day the change took effect: the day the task was
	// reported done, the day it became overdue (Deadline.OverdueSince),
	// the day of the move, the last day of the value's period (see
	// KnownFrom), or the day of the revision.
	Date date.Date

	// For task lines (done, overdue, moved): the plan and the task.
	Plan *data.Plan
	Task *data.Task

	// Due is the deadline in force at the end of the window (done,
	// overdue). OnTime: a done task was done on or before it.
	// DaysOverdue: how many days past it the end of the window is.
	Due         date.Date
	OnTime      bool
	DaysOverdue int

	// Move is the move (moved lines).
	Move Move

	// For metric lines (new, revised): the metric and the period.
	Metric *data.Metric
	Period period.Period

	// Value is the value as known at the end of the window (new), or as
	// the revision made it (revised).
	Value data.Value

	// Before is the value as known the day before the revision (revised),
	// and Revision the revision itself.
	Before   data.Value
	Revision *data.Revision

	// Change is the change of a new value on the period before, both as
	// known at the end of the window; nil when that period has no value.
	Change *Change
}

// ChangesBetween returns what changed in set after day from and up to and
// including day to, the window (from, to]: the window of a bulletin that
// follows one dated from. The zero from means "since the beginning".
//
//   - done: tasks reported done in the window (the run of "done" that
//     stands at to began in it), each with whether it was on time;
//   - overdue: tasks overdue at to whose run of overdue days began in the
//     window (Deadline.OverdueSince): a task overdue at from, then done,
//     then reopened in the window is overdue anew;
//   - moved: deadline moves dated in the window;
//   - new: metric values whose period ended in the window, as known at to,
//     with their change on the period before;
//   - revised: revisions dated in the window, with the figure before and
//     after, except those of values that are new in the same window:
//     readers of the bulletin dated from never saw the first figure, and
//     the new line already gives the figure known at to.
//
// Lines are ordered by kind (as in LineKinds), then by date, then by plan
// or metric id, then by the task's place in the plan or by period (and a
// task's or a value's own order); the order never depends on map order.
// It takes time in proportion to the size of the set.
func ChangesBetween(set *data.Set, from, to date.Date) []ChangeLine {
	in := func(d date.Date) bool { return d.After(from) && !d.After(to) }
	type keyed struct {
		ChangeLine
		id  string
		pos int // the task's place in the plan
	}
	var ls []keyed
	for _, id := range set.PlanIDs() {
		p := set.Plans[id]
		for i := range p.Tasks {
			t := &p.Tasks[i]
			now := taskAsOf(t, to)
			base := ChangeLine{Plan: p, Task: t, Due: now.Due}
			if now.Status == data.Done && in(now.DoneOn) {
				l := base
				l.Kind, l.Date, l.OnTime = LineDone, now.DoneOn, now.OnTime
				ls = append(ls, keyed{l, id, i})
			}
			if now.Overdue && in(now.Deadline.OverdueSince) {
				l := base
				l.Kind, l.Date, l.DaysOverdue = LineOverdue, now.Deadline.OverdueSince, now.Deadline.DaysOverdue
				ls = append(ls, keyed{l, id, i})
			}
			for _, m := range now.Deadline.Moves {
				if in(m.Date) {
					l := base
					l.Kind, l.Date, l.Move = LineMoved, m.Date, m
					ls = append(ls, keyed{l, id, i})
				}
			}
		}
	}
	for _, id := range set.MetricIDs() {
		m := set.Metrics[id]
		for i, v := range sorted(m) {
			isNew := in(KnownFrom(v))
			if isNew {
				l := ChangeLine{Kind: LineNew, Date: KnownFrom(v), Metric: m, Period: v.Period, Value: knownOn(v, to)}
				if c, err := ChangeOnAsOf(m, v.Period, Prev, to); err == nil {
					l.Change = &c
				}
				ls = append(ls, keyed{l, id, i})
				continue
			}
			for _, r := range sortedRevisions(v) {
				if in(r.Date) {
					l := ChangeLine{Kind: LineRevised, Date: r.Date, Metric: m, Period: v.Period,
						Value: revised(v, r), Before: knownOn(v, r.Date.AddDays(-1)), Revision: r}
					ls = append(ls, keyed{l, id, i})
				}
			}
		}
	}
	rank := func(k LineKind) int { return slices.Index(LineKinds, k) }
	// Stable: lines equal in every key (two moves of one task on one day,
	// two revisions of one value) keep the order they were found in.
	slices.SortStableFunc(ls, func(a, b keyed) int {
		return cmp.Or(
			cmp.Compare(rank(a.Kind), rank(b.Kind)),
			a.Date.Compare(b.Date),
			cmp.Compare(a.id, b.id),
			cmp.Compare(a.pos, b.pos))
	})
	out := make([]ChangeLine, len(ls))
	for i, l := range ls {
		out[i] = l.ChangeLine
	}
	return out
}
