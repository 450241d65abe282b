package view

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/period"
)

// loadPlan reads one plan from YAML, as the loader does, and fails the
// test on any error.
func loadPlan(t *testing.T, src string) *data.Plan {
	t.Helper()
	errs := &diag.List{}
	set := data.Load(fstest.MapFS{"content/data/plans/p.yaml": {Data: []byte(src)}}, "", errs)
	set.Validate(date.Date{Year: 2030, Month: 1, Day: 1}, errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return set.Plans["p"]
}

// TestPlanJSONHistory: the history is every update up to the as-of day,
// same-day updates in file order, as derive reads them; later updates,
// and moves after the day, are not in the file of that day.
func TestPlanJSONHistory(t *testing.T) {
	p := loadPlan(t, `title: P
issued: 2024-01-01
tasks:
  - id: T
    title: T
    kind: scheduled
    due: 2024-03-31
    updates:
      - {date: 2024-02-01, status: in-progress, progress: 10}
      - {date: 2024-03-01, status: in-progress, progress: 50}
      - {date: 2024-03-01, due: 2024-04-30, basis: {doc: CV 1, by: Bộ}}
      - {date: 2024-05-01, status: done}
`)
	tests := []struct {
		asOf      date.Date
		wantDates []string
		wantMoves int
		wantDue   string
	}{
		{date.Date{Year: 2024, Month: 2, Day: 15}, []string{"2024-02-01"}, 0, "2024-03-31"},
		{date.Date{Year: 2024, Month: 3, Day: 1}, []string{"2024-02-01", "2024-03-01", "2024-03-01"}, 1, "2024-04-30"},
		{date.Date{Year: 2024, Month: 6, Day: 1}, []string{"2024-02-01", "2024-03-01", "2024-03-01", "2024-05-01"}, 1, "2024-04-30"},
	}
	for _, tt := range tests {
		b, err := PlanJSON(p, tt.asOf, derive.DefaultRules())
		if err != nil {
			t.Fatal(err)
		}
		var j jsonPlan
		if err := json.Unmarshal(b, &j); err != nil {
			t.Fatal(err)
		}
		var dates []string
		for _, u := range j.Tasks[0].History {
			dates = append(dates, u.Date)
		}
		if !slices.Equal(dates, tt.wantDates) || len(j.Moves) != tt.wantMoves || j.Tasks[0].DueCurrent != tt.wantDue || j.AsOf != tt.asOf.String() {
			t.Errorf("as of %s: history %v, %d moves, due %s; want %v, %d, %s", tt.asOf, dates, len(j.Moves), j.Tasks[0].DueCurrent, tt.wantDates, tt.wantMoves, tt.wantDue)
		}
		if len(dates) >= 3 {
			h := j.Tasks[0].History
			if *h[1].Progress != 50 || h[2].Due != "2024-04-30" || h[2].Status != "" || h[2].Basis == nil || h[2].Basis.By != "Bộ" {
				t.Errorf("as of %s: same-day updates %+v %+v", tt.asOf, h[1], h[2])
			}
		}
	}
}

// TestSchemasMatchFiles: each CSV writer's header is its schema's field
// names, and the period column is typed by the metric's period.
func TestSchemasMatchFiles(t *testing.T) {
	L, err := locale.New("vi")
	if err != nil {
		t.Fatal(err)
	}
	p := loadPlan(t, "title: P\nissued: 2024-01-01\ntasks: []\n")
	day := date.Date{Year: 2024, Month: 6, Day: 30}
	header := func(b []byte, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(b), "\r\n")
		return first
	}
	names := func(s TableSchema) string {
		var n []string
		for _, f := range s.Fields {
			n = append(n, f.Name)
			if f.Description == "" || strings.HasPrefix(f.Description, "data.field.") {
				t.Errorf("field %s has no description (%q)", f.Name, f.Description)
			}
		}
		return strings.Join(n, ",")
	}
	for _, k := range []struct {
		kind period.Kind
		typ  string
	}{{period.Day, "date"}, {period.Month, "yearmonth"}, {period.Quarter, "string"}, {period.Year, "year"}} {
		m := &data.Metric{ID: "m", Title: "M", Kind: data.Ratio, Period: k.kind}
		s := MetricSchema(m, L)
		if got := header(CSV(m)); got != names(s) {
			t.Errorf("metric CSV header %q, schema %q", got, names(s))
		}
		if s.Fields[0].Type != k.typ || s.Fields[1].Unit != "%" || *s.Fields[1].Constraints.Maximum != 100 {
			t.Errorf("%v: period type %s, value %+v", k.kind, s.Fields[0].Type, s.Fields[1])
		}
	}
	if got, want := header(PlanCSV(p, day, derive.DefaultRules())), names(PlanSchema(L)); got != want {
		t.Errorf("plan CSV header %q, schema %q", got, want)
	}
	if got, want := header(MovesCSV(p, day)), names(MovesSchema("plan-p", L)); got != want {
		t.Errorf("moves CSV header %q, schema %q", got, want)
	}
	if _, err := writeCSV(planColumns, func(row func(...string)) { row("only one") }); err == nil {
		t.Error("a row of the wrong width was written")
	}
}

// TestPlanExportsGrowLinearly: four times the tasks (each with a moved
// deadline) cost about four times the allocations, not sixteen: no step
// of the exports is quadratic in the plan's size.
func TestPlanExportsGrowLinearly(t *testing.T) {
	allocs := func(n int) float64 {
		var b strings.Builder
		b.WriteString("title: P\nissued: 2024-01-01\ntasks:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - id: T%d\n    title: \"Nhiệm vụ %d, có dấu phẩy\"\n    owner: Đơn vị %d\n    kind: scheduled\n    due: 2024-03-31\n    updates:\n      - {date: 2024-02-01, status: in-progress, progress: 10}\n      - {date: 2024-03-01, due: 2024-04-30, basis: CV %d}\n", i, i, i%7, i)
		}
		p := loadPlan(t, b.String())
		day := date.Date{Year: 2024, Month: 6, Day: 30}
		return testing.AllocsPerRun(2, func() {
			PlanCSV(p, day, derive.DefaultRules())
			PlanJSON(p, day, derive.DefaultRules())
			MovesCSV(p, day)
		})
	}
	small, large := allocs(250), allocs(1000)
	if ratio := large / small; ratio > 6 {
		t.Errorf("allocations grew %.1f times for 4 times the tasks (%v → %v)", ratio, small, large)
	}
}
