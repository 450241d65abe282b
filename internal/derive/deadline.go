package derive

import (
	"cmp"
	"slices"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
)

// Move is one change of a task's deadline, made by an update with due:.
type Move struct {
	Date     date.Date   // the update's date: from this day on, To is the deadline
	From, To date.Date   // the deadline before and after the move
	Days     int         // From.DaysUntil(To): positive when the deadline moved later
	Basis    *data.Basis // the document the update cites; nil when none
	Note     string      // the update's note
	Update   *data.Update
}

// Deadline is a scheduled task's deadline history as of a day. A public
// plan is judged by what moved, so both ends are kept: the deadline first
// set and the one in force, with each move between them.
//
// For a recurring task every field is zero: it has no deadline to move.
type Deadline struct {
	Original date.Date // the deadline first set (Task.Due)
	Current  date.Date // the deadline in force on the day

	// Moves are the moves dated on or before the day, in date order (of
	// two on one day, in file order). A move that changes nothing, or one
	// on a task without a deadline, is not counted (Validate reports it).
	Moves []Move

	// DaysMoved is the net shift, Original.DaysUntil(Current): how much
	// later (negative: earlier) the deadline in force is than the first
	// one. A deadline moved forward 60 days and back 10 has moved 50 in
	// total; each Move keeps its own Days.
	DaysMoved int

	// Overdue: the task is open (neither done nor cancelled) and the day
	// is after Current. OverdueOriginal: open and the day is after
	// Original, moved or not.
	Overdue, OverdueOriginal bool

	// DaysOverdue is how many days the day is past Current; 0 when the
	// task is not Overdue.
	DaysOverdue int

	// OverdueSince is the first day of the run of overdue days that
	// reaches the day: the day after the deadline, or the day of the
	// update that made the task overdue again (reopened after its
	// deadline, or a deadline moved earlier into the past). Zero when the
	// task is not Overdue.
	OverdueSince date.Date
}

// Moved reports whether the deadline has moved by the day.
func (d Deadline) Moved() bool { return len(d.Moves) > 0 }

// DeadlineAsOf returns the deadline history of task t as of day: the
// moves are those of updates dated on or before day, and overdue is
// measured on day. It is TaskState.Deadline; see taskAsOf for how updates
// are ordered.
func DeadlineAsOf(t *data.Task, day date.Date) Deadline {
	return taskAsOf(t, day).Deadline
}

// PlanMove is one line of a plan's ledger of moves: a move and its task.
type PlanMove struct {
	Task *data.Task
	Move
}

// MovesOf returns the ledger of moves of plan p as of day: every deadline
// move dated on or before day, ordered by date, then by the task's place
// in the plan (the order editors gave the tasks, which pages show), then
// in the task's own order. It is what the plan page lists and what
// plans/<id>/moves.csv exports.
func MovesOf(p *data.Plan, day date.Date) []PlanMove {
	type keyed struct {
		PlanMove
		task int
	}
	var ms []keyed
	for i := range p.Tasks {
		t := &p.Tasks[i]
		for _, m := range DeadlineAsOf(t, day).Moves {
			ms = append(ms, keyed{PlanMove{Task: t, Move: m}, i})
		}
	}
	// Stable: moves of one task on one day keep their order.
	slices.SortStableFunc(ms, func(a, b keyed) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.task, b.task))
	})
	out := make([]PlanMove, len(ms))
	for i, m := range ms {
		out[i] = m.PlanMove
	}
	return out
}
