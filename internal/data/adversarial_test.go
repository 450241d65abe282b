package data

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/period"
)

// TestAdversarialFiles loads each file under testdata/plans and
// testdata/metrics as the only plan or metric of a site and checks the
// errors it must give: place (file:line:col) and message, all of them.
func TestAdversarialFiles(t *testing.T) {
	long := strings.Repeat("a", 101)
	tests := []struct {
		file string // under testdata
		want []string
	}{
		{"plans/due-empty.yaml", []string{`plans/due-empty.yaml:7:9: tasks[0].due: task T1 is scheduled but its due date is empty`}},
		{"plans/due-tilde.yaml", []string{`plans/due-tilde.yaml:7:10: tasks[0].due: task T1 is scheduled but its due date is empty`}},
		{"plans/task-id-empty.yaml", []string{`plans/task-id-empty.yaml:4:9: tasks[0].id: task id is empty`}},
		{"plans/source-url-javascript.yaml", []string{`plans/source-url-javascript.yaml:3:24: source.url: "javascript:alert(1)" is not a web address`}},
		{"plans/progress-nan.yaml", []string{`plans/progress-nan.yaml:8:59: tasks[0].updates[0].progress: expected a finite number, got ".nan"`}},
		{"plans/second-document.yaml", []string{`plans/second-document.yaml:3:1: a second YAML document starts here`}},
		{"plans/" + long + ".yaml", []string{`plans/` + long + `.yaml: file name is 101 characters before .yaml; an id is at most 100`}},
		{"metrics/source-url-javascript-mixed-case.yaml", []string{`metrics/source-url-javascript-mixed-case.yaml:6:8: source.url: "JavaScript:alert(1)" is not a web address`}},
		{"metrics/source-url-file.yaml", []string{`metrics/source-url-file.yaml:4:24: source.url: "file:///etc/passwd" is not a web address`}},
		{"metrics/value-nan.yaml", []string{`metrics/value-nan.yaml:5:27: values[0].value: expected a finite number, got ".NaN"`}},
		{"metrics/value-inf.yaml", []string{`metrics/value-inf.yaml:5:27: values[0].value: expected a finite number, got ".inf"`}},
		{"metrics/value-minus-inf.yaml", []string{`metrics/value-minus-inf.yaml:5:27: values[0].value: expected a finite number, got "-.inf"`}},
		{"metrics/target-inf.yaml", []string{`metrics/target-inf.yaml:4:17: target.value: expected a finite number, got ".inf"`}},
		{"metrics/values-empty-list.yaml", []string{`metrics/values-empty-list.yaml:4:9: values: no values: a metric needs at least one`}},
		{"metrics/values-null.yaml", []string{`metrics/values-null.yaml:4:8: values: no values: a metric needs at least one`}},
		{"metrics/values-missing.yaml", []string{`metrics/values-missing.yaml:1:1: values: required key "values" is missing`}},
		{"metrics/unclosed-list.yaml", []string{`metrics/unclosed-list.yaml:7: invalid YAML: did not find expected ',' or ']'`}},
		{"metrics/nul-byte.yaml", []string{`metrics/nul-byte.yaml:5:38: a NUL byte (U+0000) is not allowed in YAML`}},
		{"metrics/deep-nesting.yaml", []string{`metrics/deep-nesting.yaml:4:108: values are nested more than 100 levels deep`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			dir := PlansDir
			if strings.HasPrefix(tt.file, "metrics/") {
				dir = MetricsDir
			}
			fsys := fstest.MapFS{path.Join(dir, path.Base(tt.file)): {Data: src}}
			var errs diag.List
			Load(fsys, "", &errs).Validate(asOf, &errs)
			got := errs.Errors()
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), errs.Error())
			}
			for i, w := range tt.want {
				if g := strings.TrimPrefix(got[i].Error(), "content/data/"); !strings.HasPrefix(g, w) {
					t.Errorf("error %d:\n got %s\nwant %s", i, g, w)
				}
			}
		})
	}
}

// TestDirectoryEntries checks that what sits in the data directories is
// read only when it is a regular file: links, sub-directories and special
// files are errors, never followed or skipped in silence.
func TestDirectoryEntries(t *testing.T) {
	good := &fstest.MapFile{Data: []byte("title: M\nkind: flow\nperiod: year\nvalues: [{period: 2024, value: 1}]\n")}
	fsys := fstest.MapFS{
		MetricsDir + "/good.yaml":        good,
		MetricsDir + "/linked.yaml":      {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
		MetricsDir + "/linked-dir":       {Data: []byte("/etc"), Mode: fs.ModeSymlink},
		MetricsDir + "/pipe.yaml":        {Mode: fs.ModeNamedPipe},
		MetricsDir + "/sock":             {Mode: fs.ModeSocket},
		MetricsDir + "/archive/old.yaml": good,
		MetricsDir + "/README.md":        {Data: []byte("notes")},
		MetricsDir + "/.gitkeep":         {},
		PlansDir + "/big.yaml":           {Data: []byte("title: P\nissued: 2024-01-01\n#" + strings.Repeat("x", 16<<20))},
	}
	var errs diag.List
	s := Load(fsys, "", &errs)
	want := strings.Join([]string{
		"content/data/metrics/archive: is a directory; content/data/metrics holds files only (sub-directories are not read)",
		"content/data/metrics/linked-dir: is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)",
		"content/data/metrics/linked.yaml: is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)",
		"content/data/metrics/pipe.yaml: is not a regular file (a named pipe); bantin reads only regular files",
		"content/data/metrics/sock: is not a regular file (a socket); bantin reads only regular files",
		"content/data/plans/big.yaml: is 16.0 MiB, larger than the 16 MiB limit for this kind of file",
	}, "\n")
	if got := errs.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if ids := strings.Join(s.MetricIDs(), ","); ids != "good" {
		t.Errorf("metrics = %s, want good", ids)
	}
}

// TestLoadIsDeterministic loads many broken files in parallel, again and
// again and with one or two workers: the set and the error report must not
// depend on which worker finishes first, and a duplicate id is always
// blamed on the later file name.
func TestLoadIsDeterministic(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 60 {
		fsys[fmt.Sprintf("%s/m%02d.yaml", MetricsDir, i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "title: M\nkind: flow\nperiod: year\nvalues:\n  - {period: 2024, value: x%d}\n", i)}
		fsys[fmt.Sprintf("%s/p%02d.yaml", PlansDir, i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "title: P\nissued: 2024-13-%02d\n", i)}
	}
	fsys[MetricsDir+"/m07.yml"] = &fstest.MapFile{Data: []byte("title: Dup\nkind: flow\nperiod: year\nvalues: [{period: 2024, value: 1}]\n")}
	fsys[PlansDir+"/p03.yml"] = &fstest.MapFile{Data: []byte("title: Dup\nissued: 2024-01-01\n")}
	run := func() (string, string) {
		var errs diag.List
		s := Load(fsys, "", &errs)
		s.Validate(asOf, &errs)
		return errs.Error(), s.Metrics["m07"].File + " " + s.Plans["p03"].File
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	wantErrs, wantFiles := run()
	if n := strings.Count(wantErrs, "\n") + 1; n != 122 {
		t.Fatalf("want 122 errors, got %d:\n%s", n, wantErrs)
	}
	if !strings.Contains(wantErrs, `content/data/metrics/m07.yml: metric id "m07" is already used by content/data/metrics/m07.yaml`) ||
		!strings.Contains(wantErrs, `content/data/plans/p03.yml: plan id "p03" is already used by content/data/plans/p03.yaml`) ||
		wantFiles != "content/data/metrics/m07.yaml content/data/plans/p03.yaml" {
		t.Fatalf("duplicates not blamed on the later name: %s\n%s", wantFiles, wantErrs)
	}
	runtime.GOMAXPROCS(2)
	for range 20 {
		if gotErrs, gotFiles := run(); gotErrs != wantErrs || gotFiles != wantFiles {
			t.Fatalf("a parallel load differs from a sequential one:\n%s\n%s", gotErrs, gotFiles)
		}
	}
}

// dailyMetric returns a metric file of n consecutive days from 1990-01-01,
// listed newest first so Validate must sort it.
func dailyMetric(n int) []byte {
	var b strings.Builder
	b.WriteString("title: Lượt truy cập\nkind: flow\nperiod: day\nvalues:\n")
	first := period.Period{Kind: period.Day, Year: 1990, Month: 1, Day: 1}
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "  - {period: %s, value: %d}\n", first.Add(i), i)
	}
	return []byte(b.String())
}

// TestFindLargeDailyMetric loads a daily series of 40,000 values (over a
// century) and looks every day up, as a metric page does row by row. Find
// answers from the index Validate built, not by scanning.
func TestFindLargeDailyMetric(t *testing.T) {
	const n = 40_000
	var errs diag.List
	s := Load(fstest.MapFS{MetricsDir + "/visits.yaml": {Data: dailyMetric(n)}}, "", &errs)
	s.Validate(date.Date{Year: 2200, Month: 1, Day: 1}, &errs)
	if errs.Len() != 0 {
		t.Fatal(errs.Error())
	}
	m := s.Metrics["visits"]
	if len(m.index.at) != n || m.index.stale(m.Values) {
		t.Fatalf("Validate left no index of the %d values (%d entries)", n, len(m.index.at))
	}
	p := period.Period{Kind: period.Day, Year: 1990, Month: 1, Day: 1}
	for i := range n {
		v, ok := m.Find(p)
		if !ok || v.Value != float64(i) || v.Period != p || m.Values[i].Period != p {
			t.Fatalf("Find(%s) = %v, %v; want value %d at position %d", p, v, ok, i, i)
		}
		p = p.Next()
	}
	if _, ok := m.Find(p); ok {
		t.Errorf("Find(%s) found a day past the series", p)
	}
	if _, ok := m.Find(period.Period{Kind: period.Month, Year: 1990, Month: 1}); ok {
		t.Error("Find found a month in a daily series")
	}
}

// TestFindWithoutValidate covers metrics built in code (as derive's tests
// do) and values changed after a lookup: Find stays right.
func TestFindWithoutValidate(t *testing.T) {
	y := func(year int) period.Period { return period.Period{Kind: period.Year, Year: year} }
	m := &Metric{Values: []Value{{Period: y(2024), Value: 2}, {Period: y(2023), Value: 1}, {Period: y(2024), Value: 9}}}
	if v, ok := m.Find(y(2024)); !ok || v.Value != 2 {
		t.Errorf("Find(2024) = %v, %v; want the first listed, 2", v, ok)
	}
	m.Values = append(m.Values, Value{Period: y(2025), Value: 3})
	if v, ok := m.Find(y(2025)); !ok || v.Value != 3 {
		t.Errorf("after append, Find(2025) = %v, %v", v, ok)
	}
	m.Values[0], m.Values[1] = m.Values[1], m.Values[0]
	if v, ok := m.Find(y(2023)); !ok || v.Value != 1 {
		t.Errorf("after a swap, Find(2023) = %v, %v", v, ok)
	}
}

// BenchmarkFind looks up every day of a 40,000-day series; ns/op is per
// lookup and must not grow with the series.
func BenchmarkFind(b *testing.B) {
	var errs diag.List
	s := Load(fstest.MapFS{MetricsDir + "/visits.yaml": {Data: dailyMetric(40_000)}}, "", &errs)
	s.Validate(date.Date{Year: 2200, Month: 1, Day: 1}, &errs)
	m := s.Metrics["visits"]
	ps := make([]period.Period, len(m.Values))
	for i, v := range m.Values {
		ps[i] = v.Period
	}
	b.ResetTimer()
	for i := range b.N {
		if _, ok := m.Find(ps[i%len(ps)]); !ok {
			b.Fatal("not found")
		}
	}
}
