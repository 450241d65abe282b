package data

import (
	"fmt"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/yamlx"
)

// loadTestdata loads testdata/<file> as the only plan or metric of a site,
// validated as of asOf, and returns its errors with "content/data/" cut.
func loadTestdata(t *testing.T, file string) (*Set, []string) {
	t.Helper()
	src, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	dir := PlansDir
	if strings.HasPrefix(file, "metrics/") {
		dir = MetricsDir
	}
	var errs diag.List
	s := Load(fstest.MapFS{path.Join(dir, path.Base(file)): {Data: src}}, "", &errs)
	s.Validate(asOf, &errs)
	var got []string
	for _, e := range errs.Errors() {
		got = append(got, strings.TrimPrefix(e.Error(), "content/data/"))
	}
	return s, got
}

// TestMoveBasisRevisionErrors checks every error of moved deadlines, bases,
// revisions and status rules: each at its file:line:col, with its path, and
// no error more. Each want is a prefix of the error at that place in the
// sorted list.
func TestMoveBasisRevisionErrors(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"plans/move-recurring.yaml", []string{
			`plans/move-recurring.yaml:8:33: tasks[0].updates[0].due: task T1 is recurring and has no deadline to move`,
		}},
		{"plans/move-same-due.yaml", []string{
			`plans/move-same-due.yaml:9:33: tasks[0].updates[0].due: due 2024-03-31 is already the deadline of task T1 (its due:)`,
			`plans/move-same-due.yaml:11:54: tasks[0].updates[2].due: due 2024-05-31 is already the deadline of task T1 (moved there on 2024-03-01)`,
		}},
		{"plans/update-no-status.yaml", []string{
			`plans/update-no-status.yaml:9:9: tasks[0].updates[0].status: required key "status" is missing (only an update that moves the deadline`,
			`plans/update-no-status.yaml:10:36: tasks[0].updates[1].status: required key "status" has no value`,
			`plans/update-no-status.yaml:11:33: tasks[0].updates[2].due: due is empty`,
			`plans/update-no-status.yaml:12:33: tasks[0].updates[3].due: "2024-02-30" is not a date`,
			`plans/update-no-status.yaml:13:55: tasks[0].updates[4].progress: progress needs a status in the same update`,
		}},
		{"plans/basis-bad.yaml", []string{
			`plans/basis-bad.yaml:3:8: basis: expected the document's number as text, or a mapping {doc, date, by, url}, got a list`,
			`plans/basis-bad.yaml:9:30: tasks[0].basis.dat: unknown key "dat" (did you mean "date"?)`,
			`plans/basis-bad.yaml:9:52: tasks[0].basis.url: "javascript:alert(1)" is not a web address`,
			`plans/basis-bad.yaml:11:52: tasks[0].updates[0].basis: basis is empty`,
			`plans/basis-bad.yaml:12:52: tasks[0].updates[1].basis.doc: required key "doc" is missing`,
			`plans/basis-bad.yaml:12:75: tasks[0].updates[1].basis.date: "2024-02-31" is not a date`,
			`plans/basis-bad.yaml:13:55: tasks[0].updates[2].basis.doc: doc is empty`,
		}},
		{"plans/start-after-due.yaml", []string{
			`plans/start-after-due.yaml:7:12: tasks[0].start: task T1 starts on 2024-04-01, after its due date 2024-03-31`,
		}},
		{"plans/status-rules-bad.yaml", []string{
			`plans/status-rules-bad.yaml:4:22: status-rules.amber-within-days: -5 is out of range`,
			`plans/status-rules-bad.yaml:5:26: status-rules.amber-moved-more-than: 2000 is out of range`,
			`plans/status-rules-bad.yaml:6:20: status-rules.overdue-against: "latest" is not a deadline to measure against (want current or original)`,
			`plans/status-rules-bad.yaml:7:14: status-rules.done-late: "purple" is not a light (want red, amber, green or grey)`,
			`plans/status-rules-bad.yaml:8:3: status-rules.amber-days: unknown key "amber-days"`,
		}},
		{"metrics/revisions-bad.yaml", []string{
			`metrics/revisions-bad.yaml:8:16: values[0].revisions[0].date: revision dated 2024-03-15 is not after the period 2024-Q1 ends (2024-03-31)`,
			`metrics/revisions-bad.yaml:9:16: values[0].revisions[1].date: revision dated 2024-03-31 is not after the period 2024-Q1 ends (2024-03-31)`,
			`metrics/revisions-bad.yaml:10:35: values[0].revisions[2].value: 101 is outside 0..100`,
			`metrics/revisions-bad.yaml:11:16: values[0].revisions[3].date: a second revision dated 2024-04-01 (first at line 10)`,
			`metrics/revisions-bad.yaml:12:16: values[0].revisions[4].date: revision dated 2024-03-20 is not after the period 2024-Q1 ends`,
			`metrics/revisions-bad.yaml:12:16: values[0].revisions[4].date: revision of 2024-03-20 comes after one dated 2024-04-01: list revisions in date order`,
			`metrics/revisions-bad.yaml:13:16: values[0].revisions[5].date: revision dated 2024-05-01 is after the build's as-of date 2024-04-09`,
			`metrics/revisions-bad.yaml:14:16: values[0].revisions[6].date: revision of 2024-04-02 comes after one dated 2024-05-01`,
			`metrics/revisions-bad.yaml:14:35: values[0].revisions[6].value: expected a finite number, got ".nan"`,
		}},
		{"metrics/revision-basis-target.yaml", []string{
			`metrics/revision-basis-target.yaml:4:62: target.basis.url: "ftp://x/nq1.pdf" is not a web address`,
			`metrics/revision-basis-target.yaml:9:58: values[0].revisions[0].basis.colour: unknown key "colour" (known keys: doc, date, by, url)`,
			`metrics/revision-basis-target.yaml:10:9: values[0].revisions[1].value: required key "value" is missing`,
			`metrics/revision-basis-target.yaml:10:28: values[0].revisions[1].valeu: unknown key "valeu" (did you mean "value"?)`,
		}},
		{"plans/moves-and-bases.yaml", nil},
		{"metrics/revised.yaml", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, got := loadTestdata(t, tt.file)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("error %d:\n got %s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

// TestLoadMovesAndBases checks what a valid file gives: both forms of a
// basis, moves with and without a status, a task's start, a plan's rules.
func TestLoadMovesAndBases(t *testing.T) {
	s, errs := loadTestdata(t, "plans/moves-and-bases.yaml")
	if len(errs) != 0 {
		t.Fatal(strings.Join(errs, "\n"))
	}
	p := s.Plans["moves-and-bases"]
	if b := p.Basis; b == nil || b.Doc != "829/QĐ-BCĐ" || b.Date.String() != "2024-02-06" || b.By != "Ban Chỉ đạo" || b.URL != "https://example.gov.vn/829.pdf" {
		t.Errorf("plan basis = %+v", b)
	}
	if r := p.StatusRules; r == nil || r.AmberWithinDays == nil || *r.AmberWithinDays != 14 || r.AmberMovedMoreThan != nil || r.DoneLate != Red || r.OverdueAgainst != "" {
		t.Errorf("plan status rules = %+v", r)
	}
	task := p.Tasks[0]
	if task.Basis == nil || task.Basis.Doc != "Kế hoạch 829, mục 3" || !task.Basis.Date.IsZero() || task.Start.String() != "2024-03-01" {
		t.Errorf("task = %+v, basis %+v", task, task.Basis)
	}
	u1, u2 := task.Updates[1], task.Updates[2]
	if !u1.MovesDeadline() || u1.Due.String() != "2024-09-30" || u1.Status != "" || u1.Basis.Doc != "Công văn 123/BCA-V01" || u1.Note != "chờ kinh phí" {
		t.Errorf("move without status = %+v", u1)
	}
	if u2.Due.String() != "2024-12-31" || u2.Status != InProgress || u2.Basis.Doc != "456/BCA-V01" || u2.Basis.Date.String() != "2024-03-29" {
		t.Errorf("move with status = %+v, basis %+v", u2, u2.Basis)
	}
	if task.Updates[0].MovesDeadline() || task.Updates[0].Basis != nil {
		t.Errorf("a plain update moves the deadline or cites a basis: %+v", task.Updates[0])
	}
	if pos := u2.Basis.Meta.At("doc"); pos.Line != 17 || pos.File != "content/data/plans/moves-and-bases.yaml" || u2.Basis.Meta.Field("doc") != "tasks[0].updates[2].basis.doc" {
		t.Errorf("basis keeps no position: %v %s", pos, u2.Basis.Meta.Field("doc"))
	}
}

// TestLoadRevisions checks revisions as read: in date order, with their
// own qualifier and note, and the first published value left as typed.
func TestLoadRevisions(t *testing.T) {
	s, errs := loadTestdata(t, "metrics/revised.yaml")
	if len(errs) != 0 {
		t.Fatal(strings.Join(errs, "\n"))
	}
	m := s.Metrics["revised"]
	if m.Target.Basis == nil || m.Target.Basis.Doc != "Nghị quyết 1" {
		t.Errorf("target basis = %+v", m.Target.Basis)
	}
	v := m.Values[1] // sorted: 2023-Q4 first
	if v.Period.String() != "2024-Q1" || v.Value != 2700000 || v.Approx != Over || v.Note != "hơn 2,7 triệu" || len(v.Revisions) != 2 {
		t.Fatalf("value = %+v", v)
	}
	r0, r1 := v.Revisions[0], v.Revisions[1]
	if r0.Date != (date.Date{Year: 2024, Month: 4, Day: 1}) || r0.Value != 2710000 || r0.Approx != About || r0.Note != "" || r0.Basis != nil {
		t.Errorf("revision 0 = %+v", r0)
	}
	if r1.Value != 2750000 || r1.Approx != Exact || r1.Note != "số liệu chính thức" || r1.Basis == nil || r1.Basis.Doc != "Báo cáo 77/BC-BCA" {
		t.Errorf("revision 1 = %+v", r1)
	}
}

// TestBasisAliasBomb guards the separate decoding of basis mappings: a
// thousand aliases of one mapping with two thousand unknown keys report
// the mapping's problems once (at the anchor, for its first use), not a
// thousand times.
func TestBasisAliasBomb(t *testing.T) {
	const keys, uses = 2000, 1000
	var b strings.Builder
	b.WriteString("title: P\nissued: 2024-01-01\nbasis: &big {doc: A")
	for i := range keys {
		fmt.Fprintf(&b, ", k%d: 1", i)
	}
	b.WriteString("}\ntasks:\n")
	for i := range uses {
		fmt.Fprintf(&b, "  - {id: T%d, title: A, kind: recurring, basis: *big}\n", i)
	}
	var errs diag.List
	s := Load(fstest.MapFS{PlansDir + "/p.yaml": {Data: []byte(b.String())}}, "", &errs)
	// One per unknown key, up to the per-file cap, then one line saying so.
	if n := errs.Len(); n != yamlx.MaxErrors+1 {
		t.Fatalf("%d errors, want %d (the first %d unknown keys and a note)", n, yamlx.MaxErrors+1, yamlx.MaxErrors)
	}
	if first := errs.Errors()[0].Error(); !strings.HasPrefix(first, `content/data/plans/p.yaml:3:22: basis.k0: unknown key "k0"`) {
		t.Errorf("first error = %s", first)
	}
	p := s.Plans["p"]
	if last := p.Tasks[uses-1].Basis; last == nil || last.Doc != "A" || last.Meta.Field("doc") != fmt.Sprintf("tasks[%d].basis.doc", uses-1) {
		t.Errorf("an aliased basis = %+v", last)
	}
}

// TestFuzzSeedsValid keeps the fuzz seeds of moves and revisions valid, so
// fuzzing starts from files that reach the checks made on valid data.
func TestFuzzSeedsValid(t *testing.T) {
	for name, src := range map[string]string{
		PlansDir + "/p.yaml":   fuzzMovesSeed,
		MetricsDir + "/m.yaml": fuzzRevisionsSeed,
	} {
		if _, errs := loadOne(name, []byte(src)); errs.Len() != 0 {
			t.Errorf("%s: %v", name, errs)
		}
	}
}
