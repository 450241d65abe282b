package derive

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/data"
)

// move builds an update that moves the deadline, without a status.
func move(t testing.TB, d, due, basis string) data.Update {
	u := data.Update{Date: day(t, d), Due: day(t, due), Note: "lùi hạn"}
	if basis != "" {
		u.Basis = &data.Basis{Doc: basis}
	}
	return u
}

// movedPlan has tasks whose deadlines move:
//
//	M1 scheduled, A, due 03-31: in progress 02-10 (20%), moved 03-20 → 06-30
//	   (CV 1), moved on its due day 06-30 → 09-30, done 10-05 (late)
//	M2 scheduled, B, due 05-31: moved 03-20 → 04-30 (earlier), done 04-15
//	M3 scheduled, A, due 04-30: in progress 03-01, never moved
func movedPlan(t testing.TB) *data.Plan {
	ip := up(t, "2024-02-10", data.InProgress, "bắt đầu")
	ip.Progress = ptr(20)
	return &data.Plan{ID: "p", Issued: day(t, "2024-02-01"), Tasks: []data.Task{
		{ID: "M1", Owner: "A", Kind: data.Scheduled, Due: day(t, "2024-03-31"), Updates: []data.Update{
			ip, move(t, "2024-03-20", "2024-06-30", "CV 1"), move(t, "2024-06-30", "2024-09-30", ""),
			up(t, "2024-10-05", data.Done, "xong")}},
		{ID: "M2", Owner: "B", Kind: data.Scheduled, Due: day(t, "2024-05-31"), Updates: []data.Update{
			move(t, "2024-03-20", "2024-04-30", "CV 2"), up(t, "2024-04-15", data.Done, "")}},
		{ID: "M3", Owner: "A", Kind: data.Scheduled, Due: day(t, "2024-04-30"), Updates: []data.Update{
			up(t, "2024-03-01", data.InProgress, "")}},
	}}
}

// TestDeadlineAsOf covers the deadline history at the days around each
// move and due day: before a move, on it, on the due day, the day after,
// and a move dated on the due day itself.
func TestDeadlineAsOf(t *testing.T) {
	p := movedPlan(t)
	tests := []struct {
		task                     int
		asOf                     string
		current                  string
		moves, daysMoved         int
		overdue, overdueOriginal bool
		daysOverdue              int
		status                   data.Status
		since, note              string
	}{
		{0, "2024-03-19", "2024-03-31", 0, 0, false, false, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		// The move's day: in force that day; the status is kept.
		{0, "2024-03-20", "2024-06-30", 1, 91, false, false, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		// The original due day, and the day after: overdue only against the original.
		{0, "2024-03-31", "2024-06-30", 1, 91, false, false, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		{0, "2024-04-01", "2024-06-30", 1, 91, false, true, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		// A move dated on the due day: the day before, the old due stands.
		{0, "2024-06-29", "2024-06-30", 1, 91, false, true, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		{0, "2024-06-30", "2024-09-30", 2, 183, false, true, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		{0, "2024-07-01", "2024-09-30", 2, 183, false, true, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		// The new due day, the day after, and later.
		{0, "2024-09-30", "2024-09-30", 2, 183, false, true, 0, data.InProgress, "2024-02-10", "bắt đầu"},
		{0, "2024-10-01", "2024-09-30", 2, 183, true, true, 1, data.InProgress, "2024-02-10", "bắt đầu"},
		{0, "2024-10-04", "2024-09-30", 2, 183, true, true, 4, data.InProgress, "2024-02-10", "bắt đầu"},
		// Done: no longer overdue against either.
		{0, "2024-10-05", "2024-09-30", 2, 183, false, false, 0, data.Done, "2024-10-05", "xong"},
		// A deadline moved earlier: negative days moved.
		{1, "2024-03-20", "2024-04-30", 1, -31, false, false, 0, data.NotStarted, "", ""},
		{1, "2024-04-14", "2024-04-30", 1, -31, false, false, 0, data.NotStarted, "", ""},
		// Never moved.
		{2, "2024-04-30", "2024-04-30", 0, 0, false, false, 0, data.InProgress, "2024-03-01", ""},
		{2, "2024-05-01", "2024-04-30", 0, 0, true, true, 1, data.InProgress, "2024-03-01", ""},
	}
	for _, tt := range tests {
		task := &p.Tasks[tt.task]
		t.Run(task.ID+"@"+tt.asOf, func(t *testing.T) {
			asOf := day(t, tt.asOf)
			d := DeadlineAsOf(task, asOf)
			if d.Original != task.Due || d.Current != day(t, tt.current) {
				t.Errorf("original %s, current %s; want %s, %s", d.Original, d.Current, task.Due, tt.current)
			}
			if len(d.Moves) != tt.moves || d.Moved() != (tt.moves > 0) || d.DaysMoved != tt.daysMoved {
				t.Errorf("%d moves, %d days moved; want %d, %d", len(d.Moves), d.DaysMoved, tt.moves, tt.daysMoved)
			}
			if d.Overdue != tt.overdue || d.OverdueOriginal != tt.overdueOriginal || d.DaysOverdue != tt.daysOverdue {
				t.Errorf("overdue %v, against original %v, %d days; want %v, %v, %d", d.Overdue, d.OverdueOriginal, d.DaysOverdue, tt.overdue, tt.overdueOriginal, tt.daysOverdue)
			}
			s := taskAsOf(task, asOf)
			if s.Due != d.Current || s.Overdue != d.Overdue || s.Status != tt.status || s.Since.String() != tt.since || s.Note != tt.note {
				t.Errorf("state: due %s overdue %v status %s since %s note %q", s.Due, s.Overdue, s.Status, s.Since, s.Note)
			}
		})
	}
}

// TestMoveFields checks what one move carries: the days either side, the
// update's basis and note.
func TestMoveFields(t *testing.T) {
	p := movedPlan(t)
	ms := DeadlineAsOf(&p.Tasks[0], day(t, "2024-12-31")).Moves
	if len(ms) != 2 {
		t.Fatalf("%d moves", len(ms))
	}
	m := ms[0]
	if m.Date != day(t, "2024-03-20") || m.From != day(t, "2024-03-31") || m.To != day(t, "2024-06-30") || m.Days != 91 ||
		m.Basis == nil || m.Basis.Doc != "CV 1" || m.Note != "lùi hạn" || m.Update != &p.Tasks[0].Updates[1] {
		t.Errorf("move = %+v", m)
	}
	if ms[1].From != m.To || ms[1].Basis != nil || ms[1].Days != 92 {
		t.Errorf("second move = %+v", ms[1])
	}
}

// TestDoneOnTimeAgainstCurrentDue: on time means by the deadline in force.
func TestDoneOnTimeAgainstCurrentDue(t *testing.T) {
	p := movedPlan(t)
	// M2's deadline moved earlier, to 04-30; done 04-15, on time.
	if s := taskAsOf(&p.Tasks[1], day(t, "2024-05-01")); !s.OnTime || s.Due != day(t, "2024-04-30") {
		t.Errorf("M2: %+v", s)
	}
	// M1 done 10-05 after its moved deadline 09-30: late.
	if s := taskAsOf(&p.Tasks[0], day(t, "2024-10-05")); s.OnTime {
		t.Errorf("M1 done late counted on time")
	}
	extended := movedPlan(t)
	extended.Tasks[0].Updates = append(extended.Tasks[0].Updates[:3], up(t, "2024-09-01", data.Done, ""))
	if s := taskAsOf(&extended.Tasks[0], day(t, "2024-09-01")); !s.OnTime {
		t.Errorf("done before the moved deadline, after the original: not on time")
	}
}

// TestMovesRobust: moves that Validate rejects change nothing here.
func TestMovesRobust(t *testing.T) {
	tests := []struct {
		name string
		task data.Task
	}{
		{"recurring", data.Task{Kind: data.Recurring, Updates: []data.Update{move(t, "2024-03-01", "2024-05-01", "")}}},
		{"to the same day", data.Task{Kind: data.Scheduled, Due: day(t, "2024-05-01"), Updates: []data.Update{move(t, "2024-03-01", "2024-05-01", "")}}},
		{"no deadline to move", data.Task{Kind: data.Scheduled, Updates: []data.Update{move(t, "2024-03-01", "2024-05-01", "")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DeadlineAsOf(&tt.task, day(t, "2024-12-31"))
			if len(d.Moves) != 0 || d.DaysMoved != 0 {
				t.Errorf("deadline = %+v", d)
			}
		})
	}
}

func TestMovesOf(t *testing.T) {
	p := movedPlan(t)
	tests := []struct {
		asOf string
		want string
	}{
		{"2024-03-19", ""},
		// Same day: plan order.
		{"2024-03-20", "2024-03-20 M1 2024-03-31→2024-06-30 CV 1; 2024-03-20 M2 2024-05-31→2024-04-30 CV 2"},
		{"2024-12-31", "2024-03-20 M1 2024-03-31→2024-06-30 CV 1; 2024-03-20 M2 2024-05-31→2024-04-30 CV 2; 2024-06-30 M1 2024-06-30→2024-09-30 -"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			var got []string
			for _, m := range MovesOf(p, day(t, tt.asOf)) {
				b := "-"
				if m.Basis != nil {
					b = m.Basis.Doc
				}
				got = append(got, fmt.Sprintf("%s %s %s→%s %s", m.Date, m.Task.ID, m.From, m.To, b))
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("ledger:\n got %s\nwant %s", g, tt.want)
			}
		})
	}
	// Plan order, not id order: a plan listing T2 before T1 keeps it.
	rev := &data.Plan{Tasks: []data.Task{
		{ID: "T2", Kind: data.Scheduled, Due: day(t, "2024-05-01"), Updates: []data.Update{move(t, "2024-03-01", "2024-06-01", "")}},
		{ID: "T1", Kind: data.Scheduled, Due: day(t, "2024-05-01"), Updates: []data.Update{move(t, "2024-03-01", "2024-07-01", "")}},
	}}
	if ms := MovesOf(rev, day(t, "2024-12-31")); len(ms) != 2 || ms[0].Task.ID != "T2" {
		t.Errorf("ledger not in plan order: %+v", ms)
	}
}

func TestCountsMoved(t *testing.T) {
	p := movedPlan(t)
	tests := []struct {
		asOf string
		want Counts
	}{
		{"2024-03-19", Counts{Total: 3, InProgress: 2, NotStarted: 1}},
		{"2024-04-01", Counts{Total: 3, InProgress: 2, NotStarted: 1, OverdueOriginalOnly: 1, Moved: 2, Moves: 2}},
		{"2024-05-01", Counts{Total: 3, InProgress: 2, Done: 1, DoneOnTime: 1, Overdue: 1, OverdueOriginalOnly: 1, Moved: 2, Moves: 2}},
		{"2024-07-01", Counts{Total: 3, InProgress: 2, Done: 1, DoneOnTime: 1, Overdue: 1, OverdueOriginalOnly: 1, Moved: 2, Moves: 3}},
		{"2024-10-01", Counts{Total: 3, InProgress: 2, Done: 1, DoneOnTime: 1, Overdue: 2, Moved: 2, Moves: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			if got := PlanAsOf(p, day(t, tt.asOf)).All; got != tt.want {
				t.Errorf("All = %+v\nwant  %+v", got, tt.want)
			}
		})
	}
}

// TestPlanHistoryMoves: the day after a moved deadline is a point of the
// history, and the day after the original one shows no new overdue task.
func TestPlanHistoryMoves(t *testing.T) {
	p := movedPlan(t)
	h := PlanHistory(p, day(t, "2024-12-31"))
	var got []string
	for _, pt := range h {
		got = append(got, fmt.Sprintf("%s:%d", pt.Date, pt.Counts.Overdue))
		if want := PlanAsOf(p, pt.Date).All; pt.Counts != want {
			t.Errorf("%s: counts %+v, want %+v", pt.Date, pt.Counts, want)
		}
	}
	want := "2024-02-01:0 2024-02-10:0 2024-03-01:0 2024-03-20:0 2024-04-01:0 2024-04-15:0 2024-05-01:1 2024-06-01:1 2024-06-30:1 2024-07-01:1 2024-10-01:2 2024-10-05:1 2024-12-31:1"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("history:\n got %s\nwant %s", g, want)
	}
}

// TestOverdueSince: the first day of the overdue run that reaches the day.
func TestOverdueSince(t *testing.T) {
	sched := func(due string, us ...data.Update) *data.Task {
		return &data.Task{ID: "T", Kind: data.Scheduled, Due: day(t, due), Updates: us}
	}
	tests := []struct {
		name  string
		task  *data.Task
		asOf  string
		since string // "" when not overdue
	}{
		{"not yet", sched("2024-03-31"), "2024-03-31", ""},
		{"the day after the deadline", sched("2024-03-31"), "2024-04-01", "2024-04-01"},
		{"long after", sched("2024-03-31", up(t, "2024-03-01", data.InProgress, ""), up(t, "2024-05-01", data.InProgress, "")), "2024-06-01", "2024-04-01"},
		{"reopened after the deadline", sched("2024-03-31", up(t, "2024-03-20", data.Done, ""), up(t, "2024-05-01", data.InProgress, "")), "2024-05-10", "2024-05-01"},
		{"done and reopened on one day while overdue", sched("2024-03-31", up(t, "2024-05-01", data.Done, ""), up(t, "2024-05-01", data.InProgress, "")), "2024-05-10", "2024-04-01"},
		{"done for a while while overdue", sched("2024-03-31", up(t, "2024-05-01", data.Done, ""), up(t, "2024-05-02", data.InProgress, "")), "2024-05-10", "2024-05-02"},
		{"moved earlier into the past", sched("2024-12-31", move(t, "2024-05-01", "2024-04-15", "")), "2024-05-10", "2024-05-01"},
		{"moved later, then overdue again", sched("2024-03-31", move(t, "2024-04-10", "2024-04-30", "")), "2024-05-03", "2024-05-01"},
		{"moved later, overdue the whole time", sched("2024-03-31", move(t, "2024-04-10", "2024-04-05", "")), "2024-04-20", "2024-04-01"},
		{"moved later after being overdue", sched("2024-03-31", move(t, "2024-04-10", "2024-06-30", "")), "2024-04-20", ""},
		{"done", sched("2024-03-31", up(t, "2024-04-05", data.Done, "")), "2024-04-20", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DeadlineAsOf(tt.task, day(t, tt.asOf))
			got := ""
			if !d.OverdueSince.IsZero() {
				got = d.OverdueSince.String()
			}
			if got != tt.since || d.Overdue != (tt.since != "") {
				t.Errorf("overdue %v since %q, want since %q", d.Overdue, got, tt.since)
			}
		})
	}
}
