package derive

import (
	"cmp"
	"slices"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
)

// Counts are the tasks of a plan, or of part of it, by status as of a day.
// Overdue and DoneOnTime overlap the status counts: an overdue task is also
// counted as not started or in progress, a task done on time also as done.
// Moved, Moves and OverdueOriginal overlap them too.
type Counts struct {
	Total, Done, InProgress, NotStarted, Cancelled, Overdue, DoneOnTime int

	// OverdueOriginalOnly counts the open tasks past their original
	// deadline but not past the one in force: overdue but for a move.
	// Overdue + OverdueOriginalOnly is the overdue count had no deadline
	// moved later (a deadline moved earlier and missed is in Overdue).
	OverdueOriginalOnly int

	// Moved counts the tasks whose deadline has moved at least once by the
	// day ("N deadlines moved"); Moves counts the moves themselves.
	Moved, Moves int
}

// ShareDone is the percentage (0–100) of tasks done, out of the tasks that
// were not cancelled; 0 when no task is left after taking those out.
func (c Counts) ShareDone() float64 { return c.share(c.Done) }

// ShareDoneOnTime is the percentage (0–100) of tasks done on time (see
// TaskState.OnTime), out of the tasks that were not cancelled; 0 when no task
// is left after taking those out.
func (c Counts) ShareDoneOnTime() float64 { return c.share(c.DoneOnTime) }

func (c Counts) share(n int) float64 {
	d := c.Total - c.Cancelled
	if d <= 0 {
		return 0
	}
	return float64(n) * 100 / float64(d)
}

// Of returns the number of tasks in status s (0 for an unknown status).
func (c Counts) Of(s data.Status) int {
	switch s {
	case data.Done:
		return c.Done
	case data.InProgress:
		return c.InProgress
	case data.NotStarted:
		return c.NotStarted
	case data.Cancelled:
		return c.Cancelled
	}
	return 0
}

func (c *Counts) add(t TaskState) { c.tally(t, 1) }

// tally adds task state t to the counts with sign 1, or takes it out with
// sign -1 (PlanHistory moves a task from its old state to its new one).
func (c *Counts) tally(t TaskState, sign int) {
	c.Total += sign
	switch t.Status {
	case data.Done:
		c.Done += sign
	case data.InProgress:
		c.InProgress += sign
	case data.Cancelled:
		c.Cancelled += sign
	default:
		c.NotStarted += sign
	}
	if t.Overdue {
		c.Overdue += sign
	}
	if t.OnTime {
		c.DoneOnTime += sign
	}
	if t.Deadline.OverdueOriginal && !t.Overdue {
		c.OverdueOriginalOnly += sign
	}
	if n := len(t.Deadline.Moves); n > 0 {
		c.Moved += sign
		c.Moves += n * sign
	}
}

// TaskState is one task as it stood on a day.
type TaskState struct {
	Task *data.Task

	// Status is the status of the latest update on or before the day that
	// gives one (an update that only moves the deadline keeps the status
	// before it); NotStarted when there is none.
	Status data.Status

	// Progress, Since and Note come from that latest update with a status:
	// its progress (a copy, nil when not given), its date and its note.
	// Since is zero and Note empty when there is none yet. A move's own
	// note is in Deadline.Moves.
	Progress *float64
	Since    date.Date
	Note     string

	// Due is the deadline in force on the day: Task.Due, or where the last
	// move on or before the day put it. Zero for a recurring task.
	Due date.Date

	// Deadline is the task's deadline history as of the day.
	Deadline Deadline

	// Overdue is set for a scheduled task whose deadline in force (Due) is
	// before the day and that is neither done nor cancelled: a task whose
	// deadline moved later is not overdue until the new day has passed.
	// Deadline.OverdueOriginal measures against the original deadline.
	Overdue bool

	// DoneOn is the day the task was first reported done in the run of
	// "done" updates that still stands on the day: a task reopened and done
	// again counts from the second time. Zero when the task is not done.
	DoneOn date.Date

	// OnTime is set for a done task that is recurring, that has no due day,
	// or that was done on or before its deadline in force on the day (Due).
	OnTime bool
}

// taskAsOf returns the state of task t on day asOf. Updates are taken by
// date, not by their place in the file, and only those dated on or before
// asOf count; of two updates on the same day the later in the file wins.
func taskAsOf(t *data.Task, asOf date.Date) TaskState {
	s := TaskState{Task: t, Status: data.NotStarted}
	var buf [16]*data.Update // a task has a few updates: none allocated for it
	upto := buf[:0]
	for i := range t.Updates {
		if u := &t.Updates[i]; !u.Date.After(asOf) {
			upto = append(upto, u)
		}
	}
	slices.SortStableFunc(upto, func(a, b *data.Update) int { return a.Date.Compare(b.Date) })
	scheduled := t.Kind == data.Scheduled
	d := Deadline{}
	if scheduled {
		d.Original, d.Current = t.Due, t.Due
	}
	// The overdue run: the days between updates are segments in which the
	// status and the deadline stand still; run is the first day of the
	// overdue days that reach the end of the last segment looked at, and
	// runOn says that day was overdue. The first segment starts with
	// time (the zero date) and the task not started.
	var run, segStart date.Date
	runOn := false
	segment := func(end date.Date) {
		open := s.Status != data.Done && s.Status != data.Cancelled
		if !open || !scheduled || d.Current.IsZero() || !end.After(d.Current) {
			runOn = false
			return
		}
		start := d.Current.AddDays(1)
		if start.Before(segStart) {
			start = segStart
		}
		if start != segStart || !runOn {
			run = start
		}
		runOn = true
	}
	for _, u := range upto {
		if u.Date != segStart {
			segment(u.Date.AddDays(-1))
			segStart = u.Date
		}
		// A move counts only when there is a deadline to move and it
		// changes it; Validate reports the others.
		if scheduled && !u.Due.IsZero() && !d.Current.IsZero() && u.Due != d.Current {
			d.Moves = append(d.Moves, Move{Date: u.Date, From: d.Current, To: u.Due,
				Days: d.Current.DaysUntil(u.Due), Basis: u.Basis, Note: u.Note, Update: u})
			d.Current = u.Due
		}
		if u.Status == "" {
			continue
		}
		if u.Status == data.Done {
			if s.Status != data.Done {
				s.DoneOn = u.Date
			}
		} else {
			s.DoneOn = date.Date{}
		}
		s.Status = u.Status
		s.Since = u.Date
		s.Note = u.Note
		s.Progress = nil
		if u.Progress != nil {
			p := *u.Progress
			s.Progress = &p
		}
	}
	if s.Status == "" {
		s.Status = data.NotStarted
	}
	segment(asOf)
	if !d.Original.IsZero() {
		d.DaysMoved = d.Original.DaysUntil(d.Current)
	}
	open := s.Status != data.Done && s.Status != data.Cancelled
	d.Overdue = open && scheduled && !d.Current.IsZero() && d.Current.Before(asOf)
	d.OverdueOriginal = open && scheduled && !d.Original.IsZero() && d.Original.Before(asOf)
	if d.Overdue {
		d.DaysOverdue = d.Current.DaysUntil(asOf)
		d.OverdueSince = run
	}
	s.Due, s.Deadline, s.Overdue = d.Current, d, d.Overdue
	s.OnTime = s.Status == data.Done &&
		(t.Kind == data.Recurring || s.Due.IsZero() || !s.DoneOn.After(s.Due))
	return s
}

// OwnerCounts are the counts of the tasks of one owner.
type OwnerCounts struct {
	Owner  string // the task's own owner; empty when the task names none
	Counts Counts
}

// PlanStatus is a plan as it stood on a day.
type PlanStatus struct {
	Plan *data.Plan
	AsOf date.Date

	// Tasks holds the state of every task, in plan order.
	Tasks []TaskState

	// All counts every task.
	All Counts

	// ByKind counts the tasks of each kind; every kind of data.TaskKinds
	// has an entry, zero when the plan has no such task.
	ByKind map[data.TaskKind]Counts

	// ByOwner counts the tasks of each owner named by a task, sorted by
	// owner name (byte order, so the result does not depend on a locale),
	// with tasks that name no owner last under the empty name. The plan's
	// own owner is not substituted: pages label the empty name themselves.
	ByOwner []OwnerCounts
}

// PlanAsOf returns plan p as it stood on day asOf.
func PlanAsOf(p *data.Plan, asOf date.Date) PlanStatus {
	s := PlanStatus{Plan: p, AsOf: asOf, ByKind: map[data.TaskKind]Counts{}, Tasks: make([]TaskState, 0, len(p.Tasks))}
	for _, k := range data.TaskKinds {
		s.ByKind[k] = Counts{}
	}
	owners := map[string]*Counts{}
	for i := range p.Tasks {
		t := taskAsOf(&p.Tasks[i], asOf)
		s.Tasks = append(s.Tasks, t)
		s.All.add(t)
		k := s.ByKind[t.Task.Kind]
		k.add(t)
		s.ByKind[t.Task.Kind] = k
		c, ok := owners[t.Task.Owner]
		if !ok {
			c = &Counts{}
			owners[t.Task.Owner] = c
		}
		c.add(t)
	}
	for o, c := range owners {
		s.ByOwner = append(s.ByOwner, OwnerCounts{Owner: o, Counts: *c})
	}
	slices.SortFunc(s.ByOwner, func(a, b OwnerCounts) int { return compareOwners(a.Owner, b.Owner) })
	return s
}

// compareOwners orders owner names by bytes, the empty name last.
func compareOwners(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return cmp.Compare(a, b)
}

// TasksByOwner returns the tasks ordered by owner as in ByOwner (tasks
// without an owner last), and in plan order within an owner.
func (s PlanStatus) TasksByOwner() []TaskState {
	ts := slices.Clone(s.Tasks)
	slices.SortStableFunc(ts, func(a, b TaskState) int { return compareOwners(a.Task.Owner, b.Task.Owner) })
	return ts
}

// TasksByStatus returns the tasks ordered by status as in data.Statuses;
// within a status, overdue tasks come first, then plan order.
func (s PlanStatus) TasksByStatus() []TaskState {
	ts := slices.Clone(s.Tasks)
	slices.SortStableFunc(ts, func(a, b TaskState) int {
		if c := cmp.Compare(statusRank(a.Status), statusRank(b.Status)); c != 0 {
			return c
		}
		switch {
		case a.Overdue && !b.Overdue:
			return -1
		case b.Overdue && !a.Overdue:
			return 1
		}
		return 0
	})
	return ts
}

// statusRank is the place of st in data.Statuses; unknown statuses go last.
func statusRank(st data.Status) int {
	if i := slices.Index(data.Statuses, st); i >= 0 {
		return i
	}
	return len(data.Statuses)
}

// HistoryPoint is the counts of a plan on one day.
type HistoryPoint struct {
	Date   date.Date
	Counts Counts
}

// PlanHistory returns the counts of plan p on every day its counts may have
// changed, up to asOf: the day it was issued, every update day after it, the
// day after each due day, first set or moved to (when a task not done may
// become overdue), and asOf
// itself, in order and each once. It is the series of a burn-up chart.
// Updates dated before the plan was issued show on the issue day; a plan
// without an issue day starts at its earliest update. When asOf is before
// the plan was issued, the series is asOf alone.
func PlanHistory(p *data.Plan, asOf date.Date) []HistoryPoint {
	start := historyStart(p, asOf)
	// A task's state changes only on its own days (taskDays), so the
	// counts are swept in date order, each task moved from its previous
	// state to its new one on its days: work in proportion to the tasks'
	// days, not to the plan's days times its tasks.
	type change struct {
		day  date.Date
		task int
		st   TaskState
	}
	var changes []change
	var c Counts
	for i := range p.Tasks {
		t := &p.Tasks[i]
		for _, d := range taskDays(t, start, asOf) {
			changes = append(changes, change{d, i, taskAsOf(t, d)})
		}
	}
	slices.SortStableFunc(changes, func(a, b change) int { return a.day.Compare(b.day) })
	state := make([]TaskState, len(p.Tasks))
	seen := make([]bool, len(p.Tasks))
	var h []HistoryPoint
	for i := 0; i < len(changes); {
		day := changes[i].day
		for ; i < len(changes) && changes[i].day == day; i++ {
			ch := changes[i]
			if seen[ch.task] {
				c.tally(state[ch.task], -1)
			}
			c.tally(ch.st, 1)
			state[ch.task], seen[ch.task] = ch.st, true
		}
		h = append(h, HistoryPoint{Date: day, Counts: c})
	}
	if len(h) == 0 { // a plan without tasks
		h = append(h, HistoryPoint{Date: start})
		if asOf != start {
			h = append(h, HistoryPoint{Date: asOf})
		}
	}
	return h
}

// taskDays returns the days from start to asOf on which task t's state may
// change, in order and each once: start and asOf themselves, every update
// day between them, and the day after each due day the task had (first set
// or moved to), when it may become overdue.
func taskDays(t *data.Task, start, asOf date.Date) []date.Date {
	days := []date.Date{start, asOf}
	within := func(d date.Date) bool { return d.After(start) && d.Before(asOf) }
	for _, u := range t.Updates {
		if within(u.Date) {
			days = append(days, u.Date)
		}
	}
	if t.Kind == data.Scheduled && !t.Due.IsZero() {
		if d := t.Due.AddDays(1); within(d) {
			days = append(days, d)
		}
		for _, u := range t.Updates {
			if !u.Due.IsZero() {
				if d := u.Due.AddDays(1); within(d) {
					days = append(days, d)
				}
			}
		}
	}
	slices.SortFunc(days, date.Date.Compare)
	return slices.Compact(days)
}

// historyStart is the first day of PlanHistory's series: the issue day,
// or without one the earliest update; never after asOf.
func historyStart(p *data.Plan, asOf date.Date) date.Date {
	start := p.Issued
	if start.IsZero() {
		start = asOf
		for _, t := range p.Tasks {
			for _, u := range t.Updates {
				if u.Date.Before(start) {
					start = u.Date
				}
			}
		}
	}
	if asOf.Before(start) {
		start = asOf
	}
	return start
}
