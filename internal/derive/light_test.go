package derive

import (
	"reflect"
	"testing"

	"github.com/bantin/bantin/internal/data"
)

// lightPlan is issued 2024-01-01; L1–L3 are due 2024-06-30, 181 days later.
//
//	L1 A: in progress 02-01 at 50%
//	L2 A: in progress 05-31 at 90%
//	L3 B: no update; moved on its due day 06-30 → 08-31
//	L4 B: due 12-31, moved 02-01 → 2025-01-31 and 03-01 → 2025-02-28
//	L5 -: recurring
//	L6 A: starts 09-01, due 12-31
//	L7 A: due 03-31, done 03-31 (on time)
//	L8 B: due 03-31, done 04-01 (late)
//	L9 -: due 03-31, cancelled 03-15
func lightPlan(t testing.TB) *data.Plan {
	l1 := up(t, "2024-02-01", data.InProgress, "")
	l1.Progress = ptr(50)
	l2 := up(t, "2024-05-31", data.InProgress, "")
	l2.Progress = ptr(90)
	due := day(t, "2024-06-30")
	return &data.Plan{ID: "lights", Issued: day(t, "2024-01-01"), Tasks: []data.Task{
		{ID: "L1", Owner: "A", Kind: data.Scheduled, Due: due, Updates: []data.Update{l1}},
		{ID: "L2", Owner: "A", Kind: data.Scheduled, Due: due, Updates: []data.Update{l2}},
		{ID: "L3", Owner: "B", Kind: data.Scheduled, Due: due, Updates: []data.Update{move(t, "2024-06-30", "2024-08-31", "")}},
		{ID: "L4", Owner: "B", Kind: data.Scheduled, Due: day(t, "2024-12-31"), Updates: []data.Update{
			move(t, "2024-02-01", "2025-01-31", ""), move(t, "2024-03-01", "2025-02-28", "")}},
		{ID: "L5", Kind: data.Recurring},
		{ID: "L6", Owner: "A", Kind: data.Scheduled, Start: day(t, "2024-09-01"), Due: day(t, "2024-12-31")},
		{ID: "L7", Owner: "A", Kind: data.Scheduled, Due: day(t, "2024-03-31"), Updates: []data.Update{up(t, "2024-03-31", data.Done, "")}},
		{ID: "L8", Owner: "B", Kind: data.Scheduled, Due: day(t, "2024-03-31"), Updates: []data.Update{up(t, "2024-04-01", data.Done, "")}},
		{ID: "L9", Kind: data.Scheduled, Due: day(t, "2024-03-31"), Updates: []data.Update{up(t, "2024-03-15", data.Cancelled, "")}},
	}}
}

func intp(n int) *int { return &n }

// TestLightOf covers each rule at its boundary days: the day the amber
// window opens, the due day, the day after, a move on the due day.
func TestLightOf(t *testing.T) {
	p := lightPlan(t)
	def := DefaultRules()
	original := RulesFrom(nil, &data.StatusRules{OverdueAgainst: data.OriginalDue})
	lateRed := RulesFrom(&data.StatusRules{DoneLate: data.Red}, nil)
	noMoves := RulesFrom(&data.StatusRules{AmberMovedMoreThan: intp(5)}, nil)
	tests := []struct {
		task   int
		asOf   string
		rules  Rules
		light  Light
		reason Reason
	}{
		// L1, 50% done: 31 days left is outside the window, 30 inside
		// (151 of 181 days elapsed, 83% > 50%).
		{0, "2024-05-30", def, Green, ReasonOnTrack},
		{0, "2024-05-31", def, Amber, ReasonBehind},
		{0, "2024-06-30", def, Amber, ReasonBehind}, // the due day: not yet overdue
		{0, "2024-07-01", def, Red, ReasonOverdue},  // the day after
		// L2, 90% done: ahead of the 83% elapsed; on the due day 100% have.
		{1, "2024-05-31", def, Green, ReasonOnTrack},
		{1, "2024-06-11", def, Green, ReasonOnTrack}, // 162/181 = 89.5% elapsed
		{1, "2024-06-12", def, Amber, ReasonBehind},  // 163/181 = 90.1%
		{1, "2024-06-30", def, Amber, ReasonBehind},
		// L3, moved on its due day: no report of progress, so behind in the
		// window on the day before; the move takes effect on the due day.
		{2, "2024-06-29", def, Amber, ReasonBehind},
		{2, "2024-06-30", def, Green, ReasonOnTrack},
		{2, "2024-07-01", def, Green, ReasonOnTrack},
		{2, "2024-09-01", def, Red, ReasonOverdue},
		{2, "2024-07-01", original, Red, ReasonOverdue}, // against the first deadline
		// L4, moved twice: amber; with a higher limit, on track.
		{3, "2024-02-01", def, Green, ReasonOnTrack},
		{3, "2024-03-01", def, Amber, ReasonMoved},
		{3, "2024-03-01", noMoves, Green, ReasonOnTrack},
		{3, "2025-01-01", original, Red, ReasonOverdue},
		// L5 recurring, L9 cancelled: grey.
		{4, "2024-06-30", def, Grey, ReasonRecurring},
		{8, "2024-03-14", def, Amber, ReasonBehind},
		{8, "2024-03-15", def, Grey, ReasonCancelled},
		{8, "2024-12-31", def, Grey, ReasonCancelled},
		// L6 starts 09-01: grey before, judged from then.
		{5, "2024-08-31", def, Grey, ReasonNotStarted},
		{5, "2024-09-01", def, Green, ReasonOnTrack},
		{5, "2024-12-01", def, Amber, ReasonBehind},
		// L7 done on its due day, L8 the day after.
		{6, "2024-03-31", def, Green, ReasonDoneOnTime},
		{6, "2024-12-31", def, Green, ReasonDoneOnTime},
		{7, "2024-03-31", def, Amber, ReasonBehind},
		{7, "2024-04-01", def, Amber, ReasonDoneLate},
		{7, "2024-04-01", lateRed, Red, ReasonDoneLate},
	}
	for _, tt := range tests {
		task := &p.Tasks[tt.task]
		t.Run(task.ID+"@"+tt.asOf, func(t *testing.T) {
			asOf := day(t, tt.asOf)
			l := LightOf(p, taskAsOf(task, asOf), asOf, tt.rules)
			if l.Light != tt.light || l.Reason != tt.reason || l.Task != task {
				t.Errorf("light %s (%s), want %s (%s); %+v", l.Light, l.Reason, tt.light, tt.reason, l)
			}
		})
	}
}

// TestLightFigures checks the figures a light reports: due, days left,
// start, time elapsed, progress.
func TestLightFigures(t *testing.T) {
	p := lightPlan(t)
	asOf := day(t, "2024-05-31")
	l := LightOf(p, taskAsOf(&p.Tasks[0], asOf), asOf, DefaultRules())
	if l.Due != day(t, "2024-06-30") || l.DaysLeft != 30 || l.Start != p.Issued || !l.HasElapsed || !near(l.Elapsed, 100.0*151/181) || l.Progress != 50 {
		t.Errorf("L1 = %+v", l)
	}
	asOf = day(t, "2024-08-01")
	l = LightOf(p, taskAsOf(&p.Tasks[5], asOf), asOf, DefaultRules())
	if l.Start != day(t, "2024-09-01") || l.Elapsed != 0 || l.DaysLeft != 152 {
		t.Errorf("L6 before its start = %+v", l)
	}
	l = LightOf(p, taskAsOf(&p.Tasks[0], day(t, "2024-08-01")), day(t, "2024-08-01"), DefaultRules())
	if l.Elapsed != 100 || l.DaysLeft != -32 {
		t.Errorf("L1 past due = %+v", l)
	}
	noStart := &data.Plan{Tasks: []data.Task{{ID: "X", Kind: data.Scheduled, Due: day(t, "2024-06-30")}}}
	l = LightOf(noStart, taskAsOf(&noStart.Tasks[0], day(t, "2024-06-20")), day(t, "2024-06-20"), DefaultRules())
	if l.HasElapsed || l.Light != Green {
		t.Errorf("without a start, no time elapsed can be measured, and no amber for it: %+v", l)
	}
}

func TestElapsed(t *testing.T) {
	tests := []struct {
		start, due, day string
		want            float64
	}{
		{"2024-01-01", "2024-01-11", "2024-01-01", 0},
		{"2024-01-01", "2024-01-11", "2024-01-06", 50},
		{"2024-01-01", "2024-01-11", "2024-01-11", 100},
		{"2024-01-01", "2024-01-11", "2024-02-01", 100},
		{"2024-01-01", "2024-01-11", "2023-12-01", 0},
		{"2024-01-11", "2024-01-01", "2024-01-05", 0},   // due before start, not started
		{"2024-01-11", "2024-01-01", "2024-01-11", 100}, // no time was given
		{"2024-01-11", "2024-01-11", "2024-01-11", 100},
	}
	for _, tt := range tests {
		if got := elapsed(day(t, tt.start), day(t, tt.due), day(t, tt.day)); !near(got, tt.want) {
			t.Errorf("elapsed(%s, %s, %s) = %v, want %v", tt.start, tt.due, tt.day, got, tt.want)
		}
	}
}

func TestRulesFrom(t *testing.T) {
	site := &data.StatusRules{AmberWithinDays: intp(45), DoneLate: data.Red}
	plan := &data.StatusRules{AmberWithinDays: intp(0), OverdueAgainst: data.OriginalDue}
	tests := []struct {
		name       string
		site, plan *data.StatusRules
		want       Rules
	}{
		{"defaults", nil, nil, Rules{AmberWithinDays: 30, AmberMovedMoreThan: 1, OverdueAgainst: data.CurrentDue, DoneLate: Amber}},
		{"empty declarations", &data.StatusRules{}, &data.StatusRules{}, DefaultRules()},
		{"site", site, nil, Rules{AmberWithinDays: 45, AmberMovedMoreThan: 1, OverdueAgainst: data.CurrentDue, DoneLate: Red}},
		{"plan over site, key by key", site, plan, Rules{AmberWithinDays: 0, AmberMovedMoreThan: 1, OverdueAgainst: data.OriginalDue, DoneLate: Red}},
		{"plan alone", nil, plan, Rules{AmberWithinDays: 0, AmberMovedMoreThan: 1, OverdueAgainst: data.OriginalDue, DoneLate: Amber}},
	}
	for _, tt := range tests {
		if got := RulesFrom(tt.site, tt.plan); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestLightsOf counts lights for the plan and per owner, in the order of
// PlanStatus.ByOwner.
func TestLightsOf(t *testing.T) {
	p := lightPlan(t)
	st := PlanAsOf(p, day(t, "2024-06-30"))
	pl := LightsOf(st, DefaultRules())
	if len(pl.Tasks) != len(p.Tasks) || pl.Rules != DefaultRules() {
		t.Fatalf("%d lights", len(pl.Tasks))
	}
	var got []Light
	for i, l := range pl.Tasks {
		if l.Task != &p.Tasks[i] {
			t.Errorf("Tasks[%d] is %s: not in plan order", i, l.Task.ID)
		}
		got = append(got, l.Light)
	}
	want := []Light{Amber, Amber, Green, Amber, Grey, Grey, Green, Amber, Grey}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lights %v, want %v", got, want)
	}
	if pl.All != (LightCounts{Amber: 4, Green: 2, Grey: 3}) || pl.All.Total() != 9 || pl.All.Of(Amber) != 4 || pl.All.Of("blue") != 0 {
		t.Errorf("All = %+v", pl.All)
	}
	wantOwners := []OwnerLights{
		{"A", LightCounts{Amber: 2, Green: 1, Grey: 1}},
		{"B", LightCounts{Amber: 2, Green: 1}},
		{"", LightCounts{Grey: 2}},
	}
	if !reflect.DeepEqual(pl.ByOwner, wantOwners) {
		t.Errorf("ByOwner = %+v\nwant %+v", pl.ByOwner, wantOwners)
	}
	for i, o := range st.ByOwner {
		if pl.ByOwner[i].Owner != o.Owner || pl.ByOwner[i].Counts.Total() != o.Counts.Total {
			t.Errorf("owner %d: %q with %d lights, status has %q with %d tasks", i, pl.ByOwner[i].Owner, pl.ByOwner[i].Counts.Total(), o.Owner, o.Counts.Total)
		}
	}
}
