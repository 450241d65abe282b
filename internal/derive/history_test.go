package derive

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
)

// planHistoryByDay is PlanHistory by its definition: the plan's counts
// worked out afresh on each of its days. PlanHistory must give the same
// series while doing work in proportion to the tasks' days only.
func planHistoryByDay(p *data.Plan, asOf date.Date) []HistoryPoint {
	start := historyStart(p, asOf) // where the series starts is the same rule; how it is counted is not
	var days []date.Date
	for i := range p.Tasks {
		days = append(days, taskDays(&p.Tasks[i], start, asOf)...)
	}
	days = append(days, start, asOf)
	slices.SortFunc(days, date.Date.Compare)
	days = slices.Compact(days)
	var h []HistoryPoint
	for _, d := range days {
		h = append(h, HistoryPoint{Date: d, Counts: PlanAsOf(p, d).All})
	}
	return h
}

// randomPlan makes a plan of n tasks with up to five updates each, some
// moving the deadline, over 2023–2024.
func randomPlan(r *rand.Rand, n int, issued bool) *data.Plan {
	base := date.Date{Year: 2023, Month: 1, Day: 1}
	p := &data.Plan{ID: "p"}
	if issued {
		p.Issued = base.AddDays(r.IntN(200))
	}
	statuses := []data.Status{data.NotStarted, data.InProgress, data.Done, data.Cancelled, ""}
	for i := range n {
		t := data.Task{ID: fmt.Sprint("T", i), Title: "t", Owner: fmt.Sprint("o", r.IntN(3)), Kind: data.Scheduled}
		if r.IntN(4) == 0 {
			t.Kind = data.Recurring
		} else {
			t.Due = base.AddDays(r.IntN(700))
		}
		d := base.AddDays(r.IntN(100))
		for range r.IntN(6) {
			d = d.AddDays(r.IntN(90))
			u := data.Update{Date: d, Status: statuses[r.IntN(len(statuses))]}
			if t.Kind == data.Scheduled && (u.Status == "" || r.IntN(5) == 0) {
				u.Due = d.AddDays(1 + r.IntN(300))
			}
			if u.Status == "" && u.Due.IsZero() {
				u.Status = data.InProgress
			}
			t.Updates = append(t.Updates, u)
		}
		p.Tasks = append(p.Tasks, t)
	}
	return p
}

func TestPlanHistorySweepMatchesDayByDay(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		p := randomPlan(r, r.IntN(12), i%2 == 0)
		asOf := date.Date{Year: 2023, Month: 1, Day: 1}.AddDays(r.IntN(800))
		got, want := PlanHistory(p, asOf), planHistoryByDay(p, asOf)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("plan %d as of %v:\n got %+v\nwant %+v", i, asOf, got, want)
		}
	}
}

// TestPlanHistoryLinear counts the task states PlanHistory works out: in
// proportion to the tasks, not to tasks times days (it was quadratic: each
// of the plan's days counted every task again).
func TestPlanHistoryLinear(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	asOf := date.Date{Year: 2025, Month: 1, Day: 1}
	for _, n := range []int{100, 1000, 4000} {
		p := randomPlan(r, n, true)
		updates := 0
		for _, t := range p.Tasks {
			updates += len(t.Updates)
		}
		steps := 0
		for i := range p.Tasks {
			steps += len(taskDays(&p.Tasks[i], p.Issued, asOf))
		}
		if limit := 2*n + 2*updates; steps > limit {
			t.Errorf("%d tasks, %d updates: %d task states, want at most %d", n, updates, steps, limit)
		}
		if h := PlanHistory(p, asOf); len(h) == 0 || h[len(h)-1].Counts.Total != n {
			t.Errorf("%d tasks: last point %+v", n, h[len(h)-1])
		}
	}
}
