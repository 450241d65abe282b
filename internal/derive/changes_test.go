package derive

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// changesSet holds movedPlan as "p", a plan "q" with a task reopened after
// its deadline, and revisedMetric as "rec".
func changesSet(t testing.TB) *data.Set {
	s := data.NewSet()
	s.Plans["p"] = movedPlan(t)
	s.Plans["q"] = &data.Plan{ID: "q", Issued: day(t, "2024-01-01"), Tasks: []data.Task{
		{ID: "Q1", Kind: data.Scheduled, Due: day(t, "2024-03-31"), Updates: []data.Update{
			up(t, "2024-03-20", data.Done, ""), up(t, "2024-05-01", data.InProgress, "mở lại")}},
	}}
	s.Metrics["rec"] = revisedMetric(t)
	return s
}

// lineText prints a line with the figures that matter for its kind.
func lineText(l ChangeLine) string {
	switch l.Kind {
	case LineDone:
		return fmt.Sprintf("done %s %s/%s ontime=%v", l.Date, l.Plan.ID, l.Task.ID, l.OnTime)
	case LineOverdue:
		return fmt.Sprintf("overdue %s %s/%s due=%s days=%d", l.Date, l.Plan.ID, l.Task.ID, l.Due, l.DaysOverdue)
	case LineMoved:
		return fmt.Sprintf("moved %s %s/%s %s→%s", l.Date, l.Plan.ID, l.Task.ID, l.Move.From, l.Move.To)
	case LineNew:
		s := fmt.Sprintf("new %s %s/%s=%g", l.Date, l.Metric.ID, l.Period, l.Value.Value)
		if l.Change != nil {
			s += fmt.Sprintf(" %+g", l.Change.Abs)
		}
		return s
	case LineRevised:
		return fmt.Sprintf("revised %s %s/%s %g→%g", l.Date, l.Metric.ID, l.Period, l.Before.Value, l.Value.Value)
	}
	return "?"
}

// TestChangesBetween covers windows (from, to] at their edges: a change on
// from is left out, one on to is in.
func TestChangesBetween(t *testing.T) {
	s := changesSet(t)
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2024-03-31", "2024-07-15", []string{
			"done 2024-04-15 p/M2 ontime=true",
			"overdue 2024-05-01 p/M3 due=2024-04-30 days=76",
			"overdue 2024-05-01 q/Q1 due=2024-03-31 days=106", // reopened after its deadline: from then
			"moved 2024-06-30 p/M1 2024-06-30→2024-09-30",
			"new 2024-06-30 rec/2024-Q2=3.1e+06 +350000", // its 07-15 revision is not listed again
			"revised 2024-07-15 rec/2024-Q1 2.7e+06→2.75e+06",
		}},
		{"2024-04-14", "2024-04-15", []string{"done 2024-04-15 p/M2 ontime=true"}},
		{"2024-04-15", "2024-04-30", nil},
		{"2024-04-30", "2024-05-01", []string{
			"overdue 2024-05-01 p/M3 due=2024-04-30 days=1",
			"overdue 2024-05-01 q/Q1 due=2024-03-31 days=31",
		}},
		{"2024-07-15", "2024-07-15", nil},
		{"2024-07-15", "2024-10-04", []string{
			"overdue 2024-10-01 p/M1 due=2024-09-30 days=4",
			"revised 2024-10-01 rec/2024-Q1 2.75e+06→2.76e+06",
		}},
		{"2024-07-15", "2024-10-31", []string{
			"done 2024-10-05 p/M1 ontime=false",
			"revised 2024-10-01 rec/2024-Q1 2.75e+06→2.76e+06",
		}},
		// Since the beginning: M1's moves, its 03-20 one included; Q1 and
		// the first quarters are new, each with its change where the
		// period before has a value.
		{"", "2024-03-31", []string{
			"done 2024-03-20 q/Q1 ontime=true",
			"moved 2024-03-20 p/M1 2024-03-31→2024-06-30",
			"moved 2024-03-20 p/M2 2024-05-31→2024-04-30",
			"new 2023-12-31 rec/2023-Q4=2e+06",
			"new 2024-03-31 rec/2024-Q1=2.7e+06 +700000",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.from+"/"+tt.to, func(t *testing.T) {
			var from date.Date
			if tt.from != "" {
				from = day(t, tt.from)
			}
			var got []string
			for _, l := range ChangesBetween(s, from, day(t, tt.to)) {
				got = append(got, lineText(l))
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tt.want, "\n"); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
}

// TestChangeLineFigures checks the figures a line carries beyond its text.
func TestChangeLineFigures(t *testing.T) {
	s := changesSet(t)
	ls := ChangesBetween(s, day(t, "2024-03-31"), day(t, "2024-07-15"))
	rv := ls[len(ls)-1]
	if rv.Kind != LineRevised || rv.Revision == nil || rv.Revision.Note != "số liệu chính thức" || rv.Before.Approx != data.Over || rv.Value.Approx != data.Exact {
		t.Errorf("revised line = %+v", rv)
	}
	nw := ls[len(ls)-2]
	if nw.Kind != LineNew || nw.Change.From.Value != 2_750_000 || nw.Metric != s.Metrics["rec"] {
		t.Errorf("new line: change from %+v", nw.Change)
	}
	mv := ls[3]
	if mv.Kind != LineMoved || mv.Move.Days != 92 || mv.Due != day(t, "2024-09-30") {
		t.Errorf("moved line = %+v", mv)
	}
}

// TestChangesBetweenLarge runs over a generated set of 200 plans of 50
// tasks and 200 metrics of 40 quarters: every task and value is looked at
// a bounded number of times, so the line count is exact and the run is
// linear (see BenchmarkChangesBetween for its cost).
func TestChangesBetweenLarge(t *testing.T) {
	s := largeSet(t, 200, 50, 200, 40)
	ls := ChangesBetween(s, day(t, "2024-01-01"), day(t, "2024-12-31"))
	// Per task: done 2024-02-01 (in), moved 2024-03-01 (in). Per metric:
	// the four quarters of 2024 are new.
	if want := 200*50*2 + 200*4; len(ls) != want {
		t.Fatalf("%d lines, want %d", len(ls), want)
	}
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		if slicesIndex(a.Kind) > slicesIndex(b.Kind) || (a.Kind == b.Kind && a.Date.After(b.Date)) {
			t.Fatalf("lines %d and %d out of order: %s, %s", i-1, i, lineText(a), lineText(b))
		}
	}
}

func slicesIndex(k LineKind) int {
	for i, x := range LineKinds {
		if x == k {
			return i
		}
	}
	return -1
}

func largeSet(t testing.TB, plans, tasks, metrics, quarters int) *data.Set {
	s := data.NewSet()
	for i := range plans {
		p := &data.Plan{ID: fmt.Sprintf("p%04d", i), Issued: day(t, "2023-01-01")}
		for j := range tasks {
			p.Tasks = append(p.Tasks, data.Task{ID: fmt.Sprintf("T%d", j), Kind: data.Scheduled, Due: day(t, "2025-06-30"), Updates: []data.Update{
				up(t, "2023-06-01", data.InProgress, ""), move(t, "2024-03-01", "2025-12-31", ""), up(t, "2024-02-01", data.Done, "")}})
		}
		s.Plans[p.ID] = p
	}
	for i := range metrics {
		m := &data.Metric{ID: fmt.Sprintf("m%04d", i), Kind: data.Flow, Period: period.Quarter}
		q := per(t, "2015-Q1")
		for k := range quarters {
			m.Values = append(m.Values, data.Value{Period: q.Add(k), Value: float64(k)})
		}
		s.Metrics[m.ID] = m
	}
	return s
}

func BenchmarkChangesBetween(b *testing.B) {
	s := largeSet(b, 100, 50, 100, 40)
	from, to := day(b, "2024-01-01"), day(b, "2024-12-31")
	b.ResetTimer()
	for range b.N {
		ChangesBetween(s, from, to)
	}
}
