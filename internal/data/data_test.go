package data

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/period"
)

var asOf = date.Date{Year: 2024, Month: 4, Day: 9}

func load(files map[string]string) (*Set, *diag.List) {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	errs := &diag.List{}
	s := Load(fsys, "", errs)
	s.Validate(asOf, errs)
	return s, errs
}

const goodPlan = `title: Kế hoạch
decision: 829/QĐ-BCĐ
issued: 2024-02-06
tasks:
  - id: T01
    title: Chỉ thị
    owner: Văn phòng Bộ
    kind: scheduled
    due: 2024-03-31
    updates:
      - {date: 2024-02-11, status: in-progress, progress: 50}
      - {date: 2024-02-14, status: done, note: xong}
  - id: T02
    title: Thường xuyên
    kind: recurring
`

const goodMetric = `title: Hồ sơ
unit: hồ sơ
kind: flow
period: quarter
target: {value: 1000, by: 2024-12-31}
values:
  - {period: 2024-Q1, value: 20, approx: over}
  - {period: 2023-Q4, value: 10}
`

func TestLoadGood(t *testing.T) {
	s, errs := load(map[string]string{
		"content/data/plans/ke-hoach-829.yaml":        goodPlan,
		"content/data/metrics/records-digitized.yaml": goodMetric,
	})
	if errs.Len() != 0 {
		t.Fatalf("errors: %v", errs)
	}
	p := s.Plans["ke-hoach-829"]
	if p == nil || p.File != "content/data/plans/ke-hoach-829.yaml" || len(p.Tasks) != 2 {
		t.Fatalf("plan = %+v", p)
	}
	if u := p.Tasks[0].Updates[1]; u.Status != Done || u.Date.String() != "2024-02-14" || u.Note != "xong" {
		t.Errorf("update = %+v", u)
	}
	if *p.Tasks[0].Updates[0].Progress != 50 {
		t.Errorf("progress not read")
	}
	m := s.Metrics["records-digitized"]
	if m.Kind != Flow || m.Period != period.Quarter || m.Target.Value != 1000 {
		t.Fatalf("metric = %+v", m)
	}
	if got := m.Values[0].Period.String(); got != "2023-Q4" {
		t.Errorf("values not sorted by period: first is %s", got)
	}
	v, ok := m.Find(period.Period{Kind: period.Quarter, Year: 2024, Month: 1})
	if !ok || v.Value != 20 || v.Approx != Over {
		t.Errorf("Find = %+v, %v", v, ok)
	}
	if _, ok := m.Find(period.Period{Kind: period.Quarter, Year: 2022, Month: 1}); ok {
		t.Error("Find found a missing period")
	}
	if got := strings.Join(s.MetricIDs(), ","); got != "records-digitized" {
		t.Errorf("MetricIDs = %s", got)
	}
}

// TestErrors covers each kind of data error: the message, where it points
// and the field path.
func TestErrors(t *testing.T) {
	metric := func(kind, per, values string) string {
		return "title: M\nkind: " + kind + "\nperiod: " + per + "\nvalues:\n" + values
	}
	plan := func(tasks string) string { return "title: P\nissued: 2024-01-01\ntasks:\n" + tasks }
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown key", map[string]string{"content/data/metrics/m.yaml": "title: M\nkind: flow\nperiod: year\ncolour: red\nvalues: [{period: 2024, value: 1}]\n"},
			[]string{`content/data/metrics/m.yaml:4:1: colour: unknown key`}},
		{"wrong type", map[string]string{"content/data/metrics/m.yaml": metric("flow", "year", "  - {period: 2024, value: nhiều}\n")},
			[]string{`content/data/metrics/m.yaml:5:27: values[0].value:`}},
		{"missing field", map[string]string{"content/data/metrics/m.yaml": "title: M\nperiod: year\nvalues: [{period: 2024, value: 1}]\n"},
			[]string{`content/data/metrics/m.yaml:1:1: kind:`}},
		{"impossible quarter", map[string]string{"content/data/metrics/m.yaml": metric("flow", "quarter", "  - {period: 2024-Q5, value: 1}\n")},
			[]string{`content/data/metrics/m.yaml:5:14: values[0].period: "2024-Q5" is not a quarter`}},
		{"impossible month", map[string]string{"content/data/metrics/m.yaml": metric("flow", "month", "  - {period: 2024-13, value: 1}\n")},
			[]string{`content/data/metrics/m.yaml:5:14: values[0].period: "2024-13" is not a month`}},
		{"period of another kind", map[string]string{"content/data/metrics/m.yaml": metric("flow", "quarter", "  - {period: 2024-04, value: 1}\n")},
			[]string{`content/data/metrics/m.yaml:5:14: values[0].period: "2024-04" is a month, but the metric counts by quarter`}},
		{"duplicate period", map[string]string{"content/data/metrics/m.yaml": metric("stock", "year", "  - {period: 2024, value: 1}\n  - {period: 2024, value: 2}\n")},
			[]string{`content/data/metrics/m.yaml:6:14: values[1].period: duplicate period 2024 (first at line 5)`}},
		{"ratio above 100", map[string]string{"content/data/metrics/m.yaml": metric("ratio", "year", "  - {period: 2024, value: 100.5}\n")},
			[]string{`content/data/metrics/m.yaml:5:27: values[0].value: 100.5 is outside 0..100`}},
		{"ratio below 0", map[string]string{"content/data/metrics/m.yaml": metric("ratio", "year", "  - {period: 2024, value: -1}\n")},
			[]string{`values[0].value: -1 is outside 0..100`}},
		{"duplicate metric id", map[string]string{
			"content/data/metrics/m.yaml": metric("stock", "year", "  - {period: 2024, value: 1}\n"),
			"content/data/metrics/m.yml":  metric("stock", "year", "  - {period: 2024, value: 1}\n")},
			[]string{`content/data/metrics/m.yml: metric id "m" is already used by content/data/metrics/m.yaml`}},
		{"bad file name", map[string]string{"content/data/metrics/Hồ sơ.yaml": metric("stock", "year", "  - {period: 2024, value: 1}\n")},
			[]string{`content/data/metrics/Hồ sơ.yaml: file name "Hồ sơ.yaml" is not a valid id`}},
		{"unknown status", map[string]string{"content/data/plans/p.yaml": plan("  - id: T1\n    title: A\n    kind: recurring\n    updates:\n      - {date: 2024-02-01, status: finished}\n")},
			[]string{`content/data/plans/p.yaml:8:36: tasks[0].updates[0].status: "finished" is not a status`}},
		{"unknown kind", map[string]string{"content/data/plans/p.yaml": plan("  - id: T1\n    title: A\n    kind: weekly\n")},
			[]string{`content/data/plans/p.yaml:6:11: tasks[0].kind: "weekly" is not a task kind`}},
		{"scheduled without due", map[string]string{"content/data/plans/p.yaml": plan("  - id: T1\n    title: A\n    kind: scheduled\n")},
			[]string{`content/data/plans/p.yaml:4:5: tasks[0]: task T1 is scheduled but has no due date`}},
		{"duplicate task id", map[string]string{"content/data/plans/p.yaml": plan("  - id: T1\n    title: A\n    kind: recurring\n  - id: T1\n    title: B\n    kind: recurring\n")},
			[]string{`content/data/plans/p.yaml:7:9: tasks[1].id: duplicate task id "T1" (first used at line 4)`}},
		{"updates out of order", map[string]string{"content/data/plans/p.yaml": plan("  - id: T1\n    title: A\n    kind: recurring\n    updates:\n      - {date: 2024-03-01, status: done}\n      - {date: 2024-02-01, status: in-progress}\n")},
			[]string{`content/data/plans/p.yaml:9:16: tasks[0].updates[1].date: update of 2024-02-01 comes after one dated 2024-03-01`}},
		{"update after as-of", map[string]string{"content/data/plans/p.yaml": plan("  - id: T1\n    title: A\n    kind: recurring\n    updates:\n      - {date: 2024-05-01, status: done}\n")},
			[]string{`content/data/plans/p.yaml:8:16: tasks[0].updates[0].date: update dated 2024-05-01 is after the build's as-of date 2024-04-09`}},
		{"progress out of range", map[string]string{"content/data/plans/p.yaml": plan("  - id: T1\n    title: A\n    kind: recurring\n    updates:\n      - {date: 2024-02-01, status: in-progress, progress: 120}\n")},
			[]string{`tasks[0].updates[0].progress: progress 120 is outside 0..100`}},
		{"impossible date", map[string]string{"content/data/plans/p.yaml": "title: P\nissued: 2024-02-30\n"},
			[]string{`content/data/plans/p.yaml:2:9: issued:`}},
		{"missing plan title", map[string]string{"content/data/plans/p.yaml": "issued: 2024-02-01\n"},
			[]string{`content/data/plans/p.yaml:1:1: title:`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := load(tt.files)
			got := errs.Error()
			if errs.Len() != len(tt.want) {
				t.Errorf("got %d errors, want %d:\n%s", errs.Len(), len(tt.want), got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
		})
	}
}

// TestAllErrorsAtOnce checks that problems in several files, of decoding
// and of validation alike, are reported in one run.
func TestAllErrorsAtOnce(t *testing.T) {
	_, errs := load(map[string]string{
		"content/data/metrics/a.yaml": "title: A\nkind: flow\nperiod: year\nvalues:\n  - {period: 2024, value: x}\n  - {period: 2024, value: 1}\n  - {period: 2024, value: 1}\n",
		"content/data/plans/p.yaml":   "title: P\nissued: 2024-01-01\nextra: 1\ntasks:\n  - {id: T1, title: A, kind: scheduled}\n",
	})
	if errs.Len() != 5 {
		t.Errorf("want 5 errors, got:\n%v", errs)
	}
}

// FuzzLoad feeds arbitrary bytes to the plan and metric loaders: whatever
// the input, they report errors and never panic.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(goodPlan))
	f.Add([]byte(goodMetric))
	f.Add([]byte("values: [{period: 2024-Q5, value: 1}, {period: *a}]"))
	f.Add([]byte("tasks:\n  - &a {id: T1, kind: scheduled, updates: [{date: 2024-13-01}]}\n  - *a\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, errs := load(map[string]string{
			"content/data/plans/p.yaml":   string(src),
			"content/data/metrics/m.yaml": string(src),
		})
		if errs.Len() == 0 && (s.Plans["p"] == nil || s.Metrics["m"] == nil) {
			t.Fatal("no errors, yet a file is missing from the set")
		}
	})
}
