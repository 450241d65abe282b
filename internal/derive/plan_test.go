package derive

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
)

// testPlan is a small plan whose tasks cover every case:
//
//	T1 scheduled, B, due 03-31: in progress 02-11, done 03-20 (on time)
//	T2 scheduled, A, due 05-31: done 03-01, reopened 03-10, done 06-15 (late)
//	T3 recurring, A: done 02-20
//	T4 scheduled, no owner, due 06-30: cancelled 03-05
//	T5 scheduled, B, due 02-29: no update (overdue from 03-01)
//	T6 scheduled, A, due 03-31: in progress 03-01, done 04-10 (late)
func testPlan(t testing.TB) *data.Plan {
	t1 := up(t, "2024-02-11", data.InProgress, "bắt đầu")
	t1.Progress = ptr(50)
	return &data.Plan{
		ID:     "ke-hoach",
		Issued: day(t, "2024-02-06"),
		Owner:  "Ban Chỉ đạo",
		Tasks: []data.Task{
			{ID: "T1", Owner: "B", Kind: data.Scheduled, Due: day(t, "2024-03-31"), Updates: []data.Update{
				t1, up(t, "2024-03-20", data.Done, "xong")}},
			{ID: "T2", Owner: "A", Kind: data.Scheduled, Due: day(t, "2024-05-31"), Updates: []data.Update{
				up(t, "2024-03-01", data.Done, ""), up(t, "2024-03-10", data.InProgress, "mở lại"), up(t, "2024-06-15", data.Done, "")}},
			{ID: "T3", Owner: "A", Kind: data.Recurring, Updates: []data.Update{
				up(t, "2024-02-20", data.Done, "")}},
			{ID: "T4", Kind: data.Scheduled, Due: day(t, "2024-06-30"), Updates: []data.Update{
				up(t, "2024-03-05", data.Cancelled, "")}},
			{ID: "T5", Owner: "B", Kind: data.Scheduled, Due: day(t, "2024-02-29")},
			{ID: "T6", Owner: "A", Kind: data.Scheduled, Due: day(t, "2024-03-31"), Updates: []data.Update{
				up(t, "2024-03-01", data.InProgress, ""), up(t, "2024-04-10", data.Done, "")}},
		},
	}
}

func TestTaskStateAsOf(t *testing.T) {
	p := testPlan(t)
	zero := date.Date{}
	tests := []struct {
		task     int
		asOf     string
		status   data.Status
		since    string
		note     string
		progress *float64
		overdue  bool
		doneOn   string
		onTime   bool
	}{
		{0, "2024-02-10", data.NotStarted, "", "", nil, false, "", false},
		{0, "2024-02-11", data.InProgress, "2024-02-11", "bắt đầu", ptr(50), false, "", false},
		{0, "2024-03-19", data.InProgress, "2024-02-11", "bắt đầu", ptr(50), false, "", false},
		{0, "2024-03-20", data.Done, "2024-03-20", "xong", nil, false, "2024-03-20", true},
		{0, "2024-12-31", data.Done, "2024-03-20", "xong", nil, false, "2024-03-20", true},
		{1, "2024-03-05", data.Done, "2024-03-01", "", nil, false, "2024-03-01", true},
		{1, "2024-03-10", data.InProgress, "2024-03-10", "mở lại", nil, false, "", false},
		{1, "2024-05-31", data.InProgress, "2024-03-10", "mở lại", nil, false, "", false},
		{1, "2024-06-01", data.InProgress, "2024-03-10", "mở lại", nil, true, "", false},
		{1, "2024-06-15", data.Done, "2024-06-15", "", nil, false, "2024-06-15", false},
		{2, "2024-02-19", data.NotStarted, "", "", nil, false, "", false},
		{2, "2024-02-21", data.Done, "2024-02-20", "", nil, false, "2024-02-20", true},
		{3, "2024-07-02", data.Cancelled, "2024-03-05", "", nil, false, "", false},
		{4, "2024-02-29", data.NotStarted, "", "", nil, false, "", false},
		{4, "2024-03-01", data.NotStarted, "", "", nil, true, "", false},
		{5, "2024-04-01", data.InProgress, "2024-03-01", "", nil, true, "", false},
		{5, "2024-04-10", data.Done, "2024-04-10", "", nil, false, "2024-04-10", false},
	}
	for _, tt := range tests {
		task := &p.Tasks[tt.task]
		t.Run(task.ID+"@"+tt.asOf, func(t *testing.T) {
			got := taskAsOf(task, day(t, tt.asOf))
			if got.Task != task {
				t.Errorf("Task = %p, want %p", got.Task, task)
			}
			if got.Status != tt.status {
				t.Errorf("Status = %q, want %q", got.Status, tt.status)
			}
			wantDay := func(s string) date.Date {
				if s == "" {
					return zero
				}
				return day(t, s)
			}
			if got.Since != wantDay(tt.since) {
				t.Errorf("Since = %v, want %v", got.Since, tt.since)
			}
			if got.Note != tt.note {
				t.Errorf("Note = %q, want %q", got.Note, tt.note)
			}
			if (got.Progress == nil) != (tt.progress == nil) || got.Progress != nil && *got.Progress != *tt.progress {
				t.Errorf("Progress = %v, want %v", got.Progress, tt.progress)
			}
			if got.Overdue != tt.overdue {
				t.Errorf("Overdue = %v, want %v", got.Overdue, tt.overdue)
			}
			if got.DoneOn != wantDay(tt.doneOn) {
				t.Errorf("DoneOn = %v, want %v", got.DoneOn, tt.doneOn)
			}
			if got.OnTime != tt.onTime {
				t.Errorf("OnTime = %v, want %v", got.OnTime, tt.onTime)
			}
		})
	}
}

func TestTaskStateRobust(t *testing.T) {
	tests := []struct {
		name    string
		task    data.Task
		asOf    string
		status  data.Status
		since   string
		note    string
		doneOn  string
		overdue bool
		onTime  bool
	}{
		{
			name: "updates out of order are taken by date",
			task: data.Task{Kind: data.Scheduled, Due: day(t, "2024-12-31"), Updates: []data.Update{
				up(t, "2024-04-10", data.Done, "b"), up(t, "2024-03-01", data.InProgress, "a")}},
			asOf: "2024-03-05", status: data.InProgress, since: "2024-03-01", note: "a",
		},
		{
			name: "out of order, later date wins",
			task: data.Task{Kind: data.Scheduled, Due: day(t, "2024-12-31"), Updates: []data.Update{
				up(t, "2024-04-10", data.Done, "b"), up(t, "2024-03-01", data.InProgress, "a")}},
			asOf: "2024-05-01", status: data.Done, since: "2024-04-10", note: "b", doneOn: "2024-04-10", onTime: true,
		},
		{
			name: "same day, later in file wins",
			task: data.Task{Kind: data.Recurring, Updates: []data.Update{
				up(t, "2024-03-01", data.InProgress, "a"), up(t, "2024-03-01", data.Done, "b")}},
			asOf: "2024-03-01", status: data.Done, since: "2024-03-01", note: "b", doneOn: "2024-03-01", onTime: true,
		},
		{
			name: "done reported twice counts from the first",
			task: data.Task{Kind: data.Scheduled, Due: day(t, "2024-03-02"), Updates: []data.Update{
				up(t, "2024-03-01", data.Done, "a"), up(t, "2024-03-05", data.Done, "b")}},
			asOf: "2024-04-01", status: data.Done, since: "2024-03-05", note: "b", doneOn: "2024-03-01", onTime: true,
		},
		{
			name: "scheduled without due is never overdue and done on time",
			task: data.Task{Kind: data.Scheduled, Updates: []data.Update{up(t, "2024-03-01", data.Done, "")}},
			asOf: "2024-04-01", status: data.Done, since: "2024-03-01", doneOn: "2024-03-01", onTime: true,
		},
		{
			name: "recurring is never overdue",
			task: data.Task{Kind: data.Recurring, Due: day(t, "2024-01-01")},
			asOf: "2024-04-01", status: data.NotStarted,
		},
		{
			name: "done on the due day is on time",
			task: data.Task{Kind: data.Scheduled, Due: day(t, "2024-03-01"), Updates: []data.Update{up(t, "2024-03-01", data.Done, "")}},
			asOf: "2024-03-01", status: data.Done, since: "2024-03-01", doneOn: "2024-03-01", onTime: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := taskAsOf(&tt.task, day(t, tt.asOf))
			opt := func(s string) date.Date {
				if s == "" {
					return date.Date{}
				}
				return day(t, s)
			}
			want := TaskState{Task: &tt.task, Status: tt.status, Since: opt(tt.since), Note: tt.note,
				DoneOn: opt(tt.doneOn), Overdue: tt.overdue, OnTime: tt.onTime,
				Deadline: Deadline{Overdue: tt.overdue, OverdueOriginal: tt.overdue}}
			if tt.task.Kind == data.Scheduled { // no task here moves its deadline: it stays the one typed
				want.Due, want.Deadline.Original, want.Deadline.Current = tt.task.Due, tt.task.Due, tt.task.Due
			}
			if tt.overdue {
				want.Deadline.DaysOverdue = tt.task.Due.DaysUntil(day(t, tt.asOf))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestProgressIsACopy(t *testing.T) {
	p := testPlan(t)
	s := PlanAsOf(p, day(t, "2024-03-01"))
	*s.Tasks[0].Progress = 99
	if *p.Tasks[0].Updates[0].Progress != 50 {
		t.Errorf("changing a derived progress changed the model")
	}
}

func TestCounts(t *testing.T) {
	p := testPlan(t)
	tests := []struct {
		asOf          string
		want          Counts
		share, onTime float64
	}{
		{"2024-02-01", Counts{Total: 6, NotStarted: 6}, 0, 0},
		{"2024-03-01", Counts{Total: 6, Done: 2, InProgress: 2, NotStarted: 2, Overdue: 1, DoneOnTime: 2}, 100.0 * 2 / 6, 100.0 * 2 / 6},
		{"2024-04-09", Counts{Total: 6, Done: 2, InProgress: 2, NotStarted: 1, Cancelled: 1, Overdue: 2, DoneOnTime: 2}, 40, 40},
		{"2024-07-01", Counts{Total: 6, Done: 4, NotStarted: 1, Cancelled: 1, Overdue: 1, DoneOnTime: 2}, 80, 40},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			s := PlanAsOf(p, day(t, tt.asOf))
			if s.All != tt.want {
				t.Errorf("All = %+v, want %+v", s.All, tt.want)
			}
			if !near(s.All.ShareDone(), tt.share) {
				t.Errorf("ShareDone = %v, want %v", s.All.ShareDone(), tt.share)
			}
			if !near(s.All.ShareDoneOnTime(), tt.onTime) {
				t.Errorf("ShareDoneOnTime = %v, want %v", s.All.ShareDoneOnTime(), tt.onTime)
			}
			if s.AsOf != day(t, tt.asOf) || s.Plan != p || len(s.Tasks) != len(p.Tasks) {
				t.Errorf("PlanStatus header wrong: %v %p %d", s.AsOf, s.Plan, len(s.Tasks))
			}
			for i, ts := range s.Tasks {
				if ts.Task != &p.Tasks[i] {
					t.Errorf("Tasks[%d] is %s, want plan order", i, ts.Task.ID)
				}
			}
		})
	}
}

func TestCountsShares(t *testing.T) {
	tests := []struct {
		name          string
		c             Counts
		share, onTime float64
	}{
		{"empty", Counts{}, 0, 0},
		{"all cancelled", Counts{Total: 2, Cancelled: 2}, 0, 0},
		{"cancelled excluded", Counts{Total: 5, Done: 2, DoneOnTime: 1, Cancelled: 1, NotStarted: 2}, 50, 25},
		{"all done", Counts{Total: 3, Done: 3, DoneOnTime: 3}, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.ShareDone(); !near(got, tt.share) {
				t.Errorf("ShareDone = %v, want %v", got, tt.share)
			}
			if got := tt.c.ShareDoneOnTime(); !near(got, tt.onTime) {
				t.Errorf("ShareDoneOnTime = %v, want %v", got, tt.onTime)
			}
		})
	}
}

func TestCountsOf(t *testing.T) {
	c := Counts{Total: 10, Done: 1, InProgress: 2, NotStarted: 3, Cancelled: 4, Overdue: 5, DoneOnTime: 6}
	tests := []struct {
		s    data.Status
		want int
	}{
		{data.Done, 1}, {data.InProgress, 2}, {data.NotStarted, 3}, {data.Cancelled, 4}, {"unknown", 0},
	}
	for _, tt := range tests {
		if got := c.Of(tt.s); got != tt.want {
			t.Errorf("Of(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestByKindAndOwner(t *testing.T) {
	p := testPlan(t)
	s := PlanAsOf(p, day(t, "2024-04-09"))
	wantKind := map[data.TaskKind]Counts{
		data.Scheduled: {Total: 5, Done: 1, InProgress: 2, NotStarted: 1, Cancelled: 1, Overdue: 2, DoneOnTime: 1},
		data.Recurring: {Total: 1, Done: 1, DoneOnTime: 1},
	}
	if !reflect.DeepEqual(s.ByKind, wantKind) {
		t.Errorf("ByKind = %+v\nwant %+v", s.ByKind, wantKind)
	}
	wantOwner := []OwnerCounts{
		{"A", Counts{Total: 3, Done: 1, InProgress: 2, Overdue: 1, DoneOnTime: 1}},
		{"B", Counts{Total: 2, Done: 1, NotStarted: 1, Overdue: 1, DoneOnTime: 1}},
		{"", Counts{Total: 1, Cancelled: 1}},
	}
	if !reflect.DeepEqual(s.ByOwner, wantOwner) {
		t.Errorf("ByOwner = %+v\nwant %+v", s.ByOwner, wantOwner)
	}

	empty := PlanAsOf(&data.Plan{}, day(t, "2024-04-09"))
	if len(empty.ByKind) != len(data.TaskKinds) || len(empty.ByOwner) != 0 || len(empty.Tasks) != 0 {
		t.Errorf("empty plan: %+v", empty)
	}
}

func ids(ts []TaskState) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Task.ID)
	}
	return strings.Join(s, " ")
}

func TestTaskOrders(t *testing.T) {
	p := testPlan(t)
	tests := []struct {
		asOf            string
		owner, byStatus string
	}{
		{"2024-04-09", "T2 T3 T6 T1 T5 T4", "T1 T3 T6 T2 T5 T4"},
		{"2024-06-01", "T2 T3 T6 T1 T5 T4", "T1 T3 T6 T2 T5 T4"},
		{"2024-02-01", "T2 T3 T6 T1 T5 T4", "T1 T2 T3 T4 T5 T6"},
		{"2024-03-01", "T2 T3 T6 T1 T5 T4", "T2 T3 T1 T6 T5 T4"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			s := PlanAsOf(p, day(t, tt.asOf))
			if got := ids(s.TasksByOwner()); got != tt.owner {
				t.Errorf("TasksByOwner = %s, want %s", got, tt.owner)
			}
			if got := ids(s.TasksByStatus()); got != tt.byStatus {
				t.Errorf("TasksByStatus = %s, want %s", got, tt.byStatus)
			}
			if got := ids(s.Tasks); got != "T1 T2 T3 T4 T5 T6" {
				t.Errorf("sorting changed Tasks: %s", got)
			}
		})
	}
}

func TestPlanHistory(t *testing.T) {
	p := testPlan(t)
	early := testPlan(t)
	early.Tasks[2].Updates[0].Date = day(t, "2024-01-15") // done before the plan was issued
	noIssue := testPlan(t)
	noIssue.Issued = date.Date{}
	tests := []struct {
		name  string
		plan  *data.Plan
		asOf  string
		dates string
	}{
		{"up to asOf", p, "2024-04-12",
			"2024-02-06 2024-02-11 2024-02-20 2024-03-01 2024-03-05 2024-03-10 2024-03-20 2024-04-01 2024-04-10 2024-04-12"},
		{"asOf on an update", p, "2024-03-05", "2024-02-06 2024-02-11 2024-02-20 2024-03-01 2024-03-05"},
		{"asOf on the issue day", p, "2024-02-06", "2024-02-06"},
		{"asOf before the issue day", p, "2024-01-01", "2024-01-01"},
		{"update before issue shows on issue day", early, "2024-03-01", "2024-02-06 2024-02-11 2024-03-01"},
		{"no issue day starts at first update", noIssue, "2024-02-20", "2024-02-11 2024-02-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := PlanHistory(tt.plan, day(t, tt.asOf))
			var got []string
			for _, pt := range h {
				got = append(got, pt.Date.String())
				if want := PlanAsOf(tt.plan, pt.Date).All; pt.Counts != want {
					t.Errorf("%s: counts %+v, want %+v", pt.Date, pt.Counts, want)
				}
			}
			if g := strings.Join(got, " "); g != tt.dates {
				t.Errorf("dates = %s\nwant    %s", g, tt.dates)
			}
		})
	}

	h := PlanHistory(p, day(t, "2024-04-12"))
	wantSome := map[string]Counts{
		"2024-02-06": {Total: 6, NotStarted: 6},
		"2024-03-01": {Total: 6, Done: 2, InProgress: 2, NotStarted: 2, Overdue: 1, DoneOnTime: 2},
		"2024-04-01": {Total: 6, Done: 2, InProgress: 2, NotStarted: 1, Cancelled: 1, Overdue: 2, DoneOnTime: 2},
		"2024-04-12": {Total: 6, Done: 3, InProgress: 1, NotStarted: 1, Cancelled: 1, Overdue: 1, DoneOnTime: 2},
	}
	for _, pt := range h {
		if want, ok := wantSome[pt.Date.String()]; ok && pt.Counts != want {
			t.Errorf("%s: counts %+v, want %+v", pt.Date, pt.Counts, want)
		}
	}
}
