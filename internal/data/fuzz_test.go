package data

import (
	"bytes"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
)

// fuzzAsOf is the day the fuzz targets validate against.
var fuzzAsOf = date.Date{Year: 2024, Month: 4, Day: 9}

// fuzzPrefix is how the user named the site directory; every error must
// carry it, so that the path printed is one the user can open.
const fuzzPrefix = "site"

// loadOne loads a site holding the single file name (relative to the site)
// with content src, and validates it.
func loadOne(name string, src []byte) (*Set, *diag.List) {
	fsys := fstest.MapFS{name: &fstest.MapFile{Data: src}}
	errs := &diag.List{}
	s := Load(fsys, fuzzPrefix, errs)
	s.Validate(fuzzAsOf, errs)
	return s, errs
}

// fuzzLines is an upper bound on the number of lines of src as any editor
// counts them: "\n", "\r\n" and a lone "\r" each end a line.
func fuzzLines(src []byte) int {
	return 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) - bytes.Count(src, []byte("\r\n"))
}

// checkFileErrors checks that every error names the file, as the user
// named it, and a line within it unless it is about the whole file.
func checkFileErrors(t *testing.T, errs *diag.List, file string, src []byte) {
	t.Helper()
	n := fuzzLines(src)
	for _, e := range errs.Errors() {
		switch {
		case e.Pos.File != file:
			t.Fatalf("error %q names file %q, want %q", e, e.Pos.File, file)
		case e.Msg == "":
			t.Fatalf("error at %v has no message", e.Pos)
		case strings.Contains(e.Msg, "larger than"):
		case e.Pos.Line < 1 || e.Pos.Line > n:
			t.Fatalf("error %q: line %d is outside lines 1..%d of the file", e, e.Pos.Line, n)
		case e.Pos.Col < 0:
			t.Fatalf("error %q: negative column", e)
		}
	}
}

// The seeds every run starts from, besides the committed corpus: a plan
// and a metric as editors write them.
const (
	fuzzPlanSeed = `title: Kế hoạch hoạt động năm 2024
decision: 829/QĐ-BCĐ
issued: 2024-02-06
owner: Ban Chỉ đạo
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
	fuzzMetricSeed = `title: Hồ sơ
unit: hồ sơ
kind: flow
period: quarter
source: {name: Bộ Công an, url: https://bocongan.gov.vn/}
target: {value: 1000, by: 2024-12-31}
values:
  - {period: 2024-Q1, value: 20, approx: over}
  - {period: 2023-Q4, value: 10, note: ước tính}
`
)

// Seeds with moved deadlines, bases in both forms, a plan's status rules
// and revised values.
const (
	fuzzMovesSeed = `title: P
issued: 2024-01-01
basis: {doc: 829/QĐ-BCĐ, date: 2024-02-06, by: Bộ Công an, url: https://x.gov.vn/a.pdf}
status-rules: {amber-within-days: 14, amber-moved-more-than: 0, overdue-against: original, done-late: red}
tasks:
  - id: T1
    title: A
    kind: scheduled
    start: 2024-01-15
    due: 2024-03-31
    basis: Kế hoạch 829
    updates:
      - {date: 2024-02-01, due: 2024-06-30, basis: "Công văn 123/BCA-V01", note: lùi}
      - {date: 2024-03-01, status: in-progress, progress: 40, due: 2024-09-30, basis: {doc: CV 2}}
`
	fuzzRevisionsSeed = `title: M
kind: ratio
period: month
target: {value: 90, by: 2024-12-31, basis: {doc: NQ 1, url: https://x.gov.vn/}}
values:
  - period: 2024-01
    value: 50
    approx: over
    revisions:
      - {date: 2024-02-15, value: 51, note: chính thức, basis: Báo cáo 7}
      - {date: 2024-03-01, value: 52, approx: about}
`
)

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// FuzzPlan loads one plan file of arbitrary bytes through Load and
// Validate. It must never panic; every error must name the file and a line
// of it; and a plan that comes through without errors must be one the
// pages can show: listed under its id, titled, with tasks of known kinds,
// unique ids, due dates where scheduled, and histories in date order, no
// later than the as-of day, with finite progress in 0..100.
//
//	go test ./internal/data -run '^$' -fuzz '^FuzzPlan$'
func FuzzPlan(f *testing.F) {
	f.Add([]byte(fuzzPlanSeed))
	f.Add([]byte(fuzzMovesSeed))
	f.Add([]byte("title: P\nissued: 2024-01-01\ntasks:\n  - {id: T1, title: A, kind: scheduled, due: 2024-02-30}\n  - {id: T1, title: B, kind: recurring, updates: [{date: 2024-05-01, status: done, progress: .nan}]}\n"))
	const name = PlansDir + "/ke-hoach-829.yaml"
	file := filepath.Join(fuzzPrefix, name)
	f.Fuzz(func(t *testing.T, src []byte) {
		s, errs := loadOne(name, src)
		checkFileErrors(t, errs, file, src)
		if errs.Len() != 0 {
			return
		}
		p := s.Plans["ke-hoach-829"]
		switch {
		case p == nil:
			t.Fatal("no errors, yet the plan is not in the set")
		case p.ID != "ke-hoach-829" || p.File != file:
			t.Fatalf("plan id %q, file %q", p.ID, p.File)
		case p.Issued.IsZero():
			t.Fatal("a plan without an issue date passed")
		}
		ids := map[string]bool{}
		for i, task := range p.Tasks {
			if ids[task.ID] {
				t.Fatalf("task %d: id %q repeated", i, task.ID)
			}
			ids[task.ID] = true
			if task.Kind != Scheduled && task.Kind != Recurring {
				t.Fatalf("task %s: kind %q", task.ID, task.Kind)
			}
			if task.Kind == Scheduled && task.Due.IsZero() {
				t.Fatalf("scheduled task %s has no due date", task.ID)
			}
			var last date.Date
			for _, u := range task.Updates {
				if u.Date.IsZero() || u.Date.Before(last) || u.Date.After(fuzzAsOf) {
					t.Fatalf("task %s: update dated %v (after %v, as of %v)", task.ID, u.Date, last, fuzzAsOf)
				}
				last = u.Date
				if u.Progress != nil && !(finite(*u.Progress) && *u.Progress >= 0 && *u.Progress <= 100) {
					t.Fatalf("task %s: progress %v passed", task.ID, *u.Progress)
				}
				switch u.Status {
				case NotStarted, InProgress, Done, Cancelled:
				case "": // only a move may leave the status out
					if u.Due.IsZero() {
						t.Fatalf("task %s: update of %v has neither status nor due", task.ID, u.Date)
					}
				default:
					t.Fatalf("task %s: status %q", task.ID, u.Status)
				}
				if !u.Due.IsZero() && task.Kind != Scheduled {
					t.Fatalf("task %s: a %s task moved its deadline", task.ID, task.Kind)
				}
				checkBasis(t, u.Basis)
			}
			checkBasis(t, task.Basis)
			if !task.Start.IsZero() && task.Kind == Scheduled && task.Start.After(task.Due) {
				t.Fatalf("task %s starts after its due date", task.ID)
			}
		}
		checkBasis(t, p.Basis)
		if r := p.StatusRules; r != nil {
			if v := r.AmberWithinDays; v != nil && (*v < 0 || *v > MaxAmberWithinDays) {
				t.Fatalf("amber-within-days %d passed", *v)
			}
			if v := r.AmberMovedMoreThan; v != nil && (*v < 0 || *v > MaxAmberMovedMoreThan) {
				t.Fatalf("amber-moved-more-than %d passed", *v)
			}
		}
	})
}

// checkBasis fails when a basis that passed validation names no document
// or links to something other than a web page.
func checkBasis(t *testing.T, b *Basis) {
	t.Helper()
	switch {
	case b == nil:
	case strings.TrimSpace(b.Doc) == "":
		t.Fatalf("a basis without a document passed: %+v", b)
	case b.URL != "" && !isWebAddress(b.URL):
		t.Fatalf("basis link %q passed", b.URL)
	case b.node != nil:
		t.Fatalf("a basis was left undecoded")
	}
}

// FuzzMetric loads one metric file of arbitrary bytes through Load and
// Validate. It must never panic; every error must name the file and a line
// of it; and a metric that comes through without errors must be one charts
// and shortcodes can use: listed under its id, of a known kind and period,
// its values finite (a ratio's within 0..100), of the metric's period kind,
// one per period and sorted by period, so lookups and changes are sound.
//
//	go test ./internal/data -run '^$' -fuzz '^FuzzMetric$'
func FuzzMetric(f *testing.F) {
	f.Add([]byte(fuzzMetricSeed))
	f.Add([]byte(fuzzRevisionsSeed))
	f.Add([]byte("title: R\nkind: ratio\nperiod: month\ntarget: {value: 101, by: 2024-12-31}\nvalues:\n  - {period: 2024-02, value: .nan}\n  - {period: 2024-01, value: 1e400}\n  - {period: 2024-Q1, value: -.inf}\n"))
	const name = MetricsDir + "/records-digitized.yaml"
	file := filepath.Join(fuzzPrefix, name)
	f.Fuzz(func(t *testing.T, src []byte) {
		s, errs := loadOne(name, src)
		checkFileErrors(t, errs, file, src)
		if errs.Len() != 0 {
			return
		}
		m := s.Metrics["records-digitized"]
		switch {
		case m == nil:
			t.Fatal("no errors, yet the metric is not in the set")
		case m.ID != "records-digitized" || m.File != file:
			t.Fatalf("metric id %q, file %q", m.ID, m.File)
		case m.Kind != Flow && m.Kind != Stock && m.Kind != Ratio:
			t.Fatalf("metric kind %q", m.Kind)
		case m.Period.String() == "":
			t.Fatalf("metric period kind %d", m.Period)
		}
		inRange := func(x float64) bool { return finite(x) && (m.Kind != Ratio || (x >= 0 && x <= 100)) }
		if m.Target != nil && (!inRange(m.Target.Value) || m.Target.By.IsZero()) {
			t.Fatalf("target %+v passed for a %s metric", *m.Target, m.Kind)
		}
		for i, v := range m.Values {
			if !inRange(v.Value) {
				t.Fatalf("values[%d] = %v passed for a %s metric", i, v.Value, m.Kind)
			}
			if v.Period.Kind != m.Period {
				t.Fatalf("values[%d]: period %v of kind %v in a metric by %v", i, v.Period, v.Period.Kind, m.Period)
			}
			if i > 0 && m.Values[i-1].Period.Compare(v.Period) >= 0 {
				t.Fatalf("values %v then %v: not sorted, or repeated", m.Values[i-1].Period, v.Period)
			}
			if got, ok := m.Find(v.Period); !ok || got.Period != v.Period {
				t.Fatalf("Find(%v) = %v, %v", v.Period, got, ok)
			}
			switch v.Approx {
			case Exact, Over, Under, About:
			default:
				t.Fatalf("values[%d]: approx %q", i, v.Approx)
			}
			var last date.Date
			for j, r := range v.Revisions {
				switch {
				case !inRange(r.Value):
					t.Fatalf("values[%d].revisions[%d] = %v passed for a %s metric", i, j, r.Value, m.Kind)
				case !r.Date.After(v.Period.End()):
					t.Fatalf("values[%d].revisions[%d] dated %v, before %v ends", i, j, r.Date, v.Period)
				case !r.Date.After(last), r.Date.After(fuzzAsOf):
					t.Fatalf("values[%d].revisions[%d] dated %v after %v, as of %v", i, j, r.Date, last, fuzzAsOf)
				}
				last = r.Date
				checkBasis(t, r.Basis)
			}
		}
		if m.Target != nil {
			checkBasis(t, m.Target.Basis)
		}
	})
}
