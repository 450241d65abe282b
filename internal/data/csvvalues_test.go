package data

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/period"
)

// csvMetric is a metric whose values are in ho-so.csv beside it.
const csvMetric = "title: Hồ sơ\nunit: hồ sơ\nkind: ratio\nperiod: quarter\nvalues: ho-so.csv\n"

const (
	csvYAML  = MetricsDir + "/ho-so-truc-tuyen.yaml"
	csvPathT = MetricsDir + "/ho-so.csv"
	csvShow  = "content/data/metrics/ho-so.csv"
)

// TestCSVValuesErrors: every problem of a values CSV is reported at its
// own line and column of the CSV, in exact words, all of them at once.
func TestCSVValuesErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		csv  string
		want []string
	}{
		{"wrong period", "period,value\n2024-Q5,1\n", []string{
			csvShow + `:2:1: period: "2024-Q5" is not a quarter (Q1–Q4)`,
		}},
		{"not a period", "period,value\nquý 1,1\n", []string{
			csvShow + `:2:1: period: "quý 1" is not a period (want 2024-04-09, 2024-04, 2024-Q1 or 2024)`,
		}},
		{"period of another kind", "period,value\n2024-04,1\n", []string{
			csvShow + `:2:1: period: "2024-04" is a month, but the metric counts by quarter (period: quarter)`,
		}},
		{"empty period", "period,value\n,1\n", []string{
			csvShow + `:2:1: period is empty: every row needs one, such as 2024-Q1`,
		}},
		{"not a number", "period,value\n2024-Q1,96.5%\n", []string{
			csvShow + `:2:9: "96.5%" is not a number: write digits with a point as the decimal mark, such as 2750000 or 96.5 (no thousands separators, no units)`,
		}},
		{"decimal comma", "period,value\n2024-Q1,\"96,5\"\n", []string{
			csvShow + `:2:9: "96,5" is not a number: write the decimal mark as a point (96.5) and no thousands separators; a comma is not guessed at, as 2,750 is 2.75 in Vietnamese and 2750 in English`,
		}},
		{"empty value", "period,value\n2024-Q1,\n", []string{
			csvShow + `:2:9: value is empty: every row needs a number, such as 2750000 or 96.5`,
		}},
		{"out of range for a ratio", "period,value\n2024-Q1,100.5\n", []string{
			csvShow + `:2:9: value: 100.5 is outside 0..100, but ho-so-truc-tuyen is a ratio (a share in percent)`,
		}},
		{"duplicate period", "period,value\n2024-Q1,1\n2024-Q1,2\n", []string{
			csvShow + `:3:1: period: duplicate period 2024-Q1 (first at line 2)`,
		}},
		{"out of order", "period,value\n2024-Q2,1\n2024-Q1,2\n2024-Q3,3\n", []string{
			csvShow + `:3:1: period: 2024-Q1 is out of order: it comes after 2024-Q2 (line 2); rows go in period order, oldest first`,
		}},
		{"bad approx", "period,value,approx\n2024-Q1,1,hơn\n", []string{
			csvShow + `:2:11: approx: "hơn" is not a approx qualifier (want over, under or about)`,
		}},
		{"missing column", "period,value,approx,note\n2024-Q1,1\n", []string{
			csvShow + `:2:10: missing column: the row has 2 fields, the header 4 ("approx", "note" missing); an empty cell still needs its comma`,
		}},
		{"extra column", "period,value\n2024-Q1,1,over\n", []string{
			csvShow + `:2:11: extra column: the row has 3 fields, the header names 2 (period,value)`,
		}},
		{"header: unknown, misspelt, twice, missing", "Period,note,gia tri,note\n", []string{
			csvShow + `:1:1: column "Period" must be written "period" exactly (lower case, no spaces around it)`,
			csvShow + `:1:1: missing column "value": the header must name period and value (approx and note are optional)`,
			csvShow + `:1:13: unknown column "gia tri" (the columns are period, value, approx and note)`,
			csvShow + `:1:21: column "note" is named twice (first as column 2)`,
		}},
		{"semicolons", "period;value\n2024-Q1;1\n", []string{
			csvShow + `:1:1: the columns are separated by semicolons; bantin reads comma-separated CSV (export as "CSV UTF-8 (comma delimited)"), with the header period,value`,
		}},
		{"empty file", "", []string{
			csvShow + `: the file is empty: the first line names the columns, period,value (and approx,note if used)`,
		}},
		{"header only", "period,value\n", []string{
			csvShow + `:1:1: no values: the header is the only row; add one row per period, such as 2024-Q1,2700000`,
		}},
		{"bare quote", "period,value,note\n2024-Q1,1,hơn \"2,7\" triệu\n", []string{
			csvShow + `:2:15: a quote (") inside a field that does not start with one; put the whole field in quotes and double the quote inside ("")`,
		}},
		{"unclosed quote", "period,value,note\n2024-Q1,1,\"hơn\n2024-Q2,2,x\n", []string{
			csvShow + `:2:11: this quoted field is not closed (the file ends inside it)`,
		}},
		{"not UTF-8", "period,value,note\n2024-Q1,1,h\xf4n\n", []string{
			csvShow + `:2:12: byte 0xF4 is not valid UTF-8; export the sheet as "CSV UTF-8"`,
		}},
		{"columns count in characters", "period,value,note,approx\n2024-Q1,1,hơn 2,7 triệu,khoảng\n", []string{
			csvShow + `:2:25: extra column: the row has 5 fields, the header names 4 (period,value,note,approx)`,
		}},
		{"every error at once", "period,value,approx\n2024-Q1,x,\n2024-Q9,1,\n2024-Q2,1,hmm\n2024-Q3,2\n", []string{
			csvShow + `:2:9: "x" is not a number: write digits with a point as the decimal mark, such as 2750000 or 96.5 (no thousands separators, no units)`,
			csvShow + `:3:1: period: "2024-Q9" is not a quarter (Q1–Q4)`,
			csvShow + `:4:11: approx: "hmm" is not a approx qualifier (want over, under or about)`,
			csvShow + `:5:10: missing column: the row has 2 fields, the header 3 ("approx" missing); an empty cell still needs its comma`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := load(map[string]string{csvYAML: csvMetric, csvPathT: tc.csv})
			if got, want := errs.Error(), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestCSVValuesName: what values: may name. The CSV sits beside the metric;
// a name that would leave that folder, absolute or not, is refused with
// its reason at the key, and so is a file bantin does not read.
func TestCSVValuesName(t *testing.T) {
	const at = "content/data/metrics/ho-so-truc-tuyen.yaml:5:9: values: "
	for _, tc := range []struct {
		name, values string
		files        fstest.MapFS
		want         string
	}{
		{"parent", "../ho-so.csv", nil, at + `"../ho-so.csv" leaves the folder of this file; the CSV file must sit beside it, in content/data/metrics`},
		{"deep parent", "a/../../x.csv", nil, at + `"a/../../x.csv" leaves the folder of this file; the CSV file must sit beside it, in content/data/metrics`},
		{"absolute", "/etc/x.csv", nil, at + `"/etc/x.csv" is an absolute path; name a CSV file beside this one, such as ho-so.csv`},
		{"drive", "C:/x.csv", nil, at + `"C:/x.csv" is an absolute path; name a CSV file beside this one, such as ho-so.csv`},
		{"colon", "ho:so.csv", nil, at + `"ho:so.csv" contains a colon, which file names on Windows cannot; name a CSV file beside this one, such as ho-so.csv`},
		{"backslash", `sub\x.csv`, nil, at + `"sub\\x.csv" contains a backslash; name a CSV file beside this one, such as ho-so.csv`},
		{"sub-folder", "sub/x.csv", nil, at + `"sub/x.csv" is in a sub-folder; the CSV file must sit beside this one, in content/data/metrics (sub-folders are not read)`},
		{"not csv", "ho-so.txt", nil, at + `"ho-so.txt" is neither a list of values nor the name of a CSV file (like ho-so.csv)`},
		{"empty", `""`, nil, at + `values is empty: list the values, or name a CSV file beside this one, such as values: ho-so.csv`},
		{"missing", "khong-co.csv", nil, at + `content/data/metrics/khong-co.csv does not exist (the CSV file is looked for beside this one)`},
		{"symlink", "ho-so.csv", fstest.MapFS{csvPathT: {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}},
			at + "content/data/metrics/ho-so.csv is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)\n" +
				"content/data/metrics/ho-so.csv: is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)"},
		{"directory", "ho-so.csv", fstest.MapFS{csvPathT + "/x": {Data: []byte("x")}},
			at + "content/data/metrics/ho-so.csv is a directory, not a file\n" +
				"content/data/metrics/ho-so.csv: is a directory; content/data/metrics holds files only (sub-directories are not read)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{csvYAML: {Data: []byte(strings.Replace(csvMetric, "ho-so.csv", tc.values, 1))}}
			for k, v := range tc.files {
				fsys[k] = v
			}
			errs := &diag.List{}
			s := Load(fsys, "", errs)
			s.Validate(asOf, errs)
			if got := errs.Error(); got != tc.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestCSVValuesTwin: a metric kept as CSV loads to the same values as its
// YAML twin, with quoted notes holding commas and quotes, a byte order
// mark and CRLF line ends as spreadsheets write them, and empty approx
// and note cells meaning none.
func TestCSVValuesTwin(t *testing.T) {
	yamlMetric := `title: Hồ sơ
unit: hồ sơ
kind: ratio
period: quarter
values:
  - {period: 2023-Q4, value: 90}
  - {period: 2024-Q1, value: 96.5, approx: over, note: "hơn 96,5%"}
  - {period: 2024-Q2, value: 2.5e1, note: "nói ""tạm"""}
`
	csvText := "\uFEFFperiod,value,approx,note\r\n2023-Q4,90,,\r\n2024-Q1,96.5,over,\"hơn 96,5%\"\r\n2024-Q2,2.5E+01,,\"nói \"\"tạm\"\"\"\r\n"
	s, errs := load(map[string]string{
		MetricsDir + "/twin.yaml": strings.Replace(yamlMetric, `nói ""tạm""`, `nói \"tạm\"`, 1),
		csvYAML:                   csvMetric,
		csvPathT:                  csvText,
	})
	if errs.Len() != 0 {
		t.Fatalf("errors: %v", errs)
	}
	a, b := s.Metrics["twin"], s.Metrics["ho-so-truc-tuyen"]
	if len(a.Values) != 3 || len(a.Values) != len(b.Values) {
		t.Fatalf("values: %d from YAML, %d from CSV", len(a.Values), len(b.Values))
	}
	for i := range a.Values {
		x, y := a.Values[i], b.Values[i]
		if x.Period != y.Period || x.Value != y.Value || x.Approx != y.Approx || x.Note != y.Note {
			t.Errorf("value %d: YAML %v %g %q %q, CSV %v %g %q %q", i, x.Period, x.Value, x.Approx, x.Note, y.Period, y.Value, y.Approx, y.Note)
		}
	}
	if b.ValuesFile != csvShow || a.ValuesFile != "" {
		t.Errorf("ValuesFile = %q and %q", b.ValuesFile, a.ValuesFile)
	}
	if v, ok := b.Find(period.Period{Kind: period.Quarter, Year: 2024, Month: 1}); !ok || v.Value != 96.5 {
		t.Errorf("Find(2024-Q1) = %v, %v", v, ok)
	}
}

// TestCSVValuesVersion: the metric's version (Sum) and the data cache
// cover the CSV's bytes, so an edit to the CSV alone is a new version
// and is decoded again, while an unchanged pair is taken from the cache.
func TestCSVValuesVersion(t *testing.T) {
	fsys := fstest.MapFS{
		csvYAML:  {Data: []byte(csvMetric)},
		csvPathT: {Data: []byte("period,value\n2024-Q1,1\n")},
	}
	cache := NewCache()
	load := func() (*Metric, string) {
		errs := &diag.List{}
		s := LoadCached(fsys, "", errs, cache)
		s.Validate(asOf, errs)
		return s.Metrics["ho-so-truc-tuyen"], errs.Error()
	}
	first, e1 := load()
	again, e2 := load()
	if e1 != "" || e2 != "" {
		t.Fatalf("errors: %q, %q", e1, e2)
	}
	if again != first {
		t.Error("nothing changed, yet the metric was decoded again")
	}
	fsys[csvPathT] = &fstest.MapFile{Data: []byte("period,value\n2024-Q1,2\n")}
	edited, e3 := load()
	if e3 != "" {
		t.Fatalf("errors: %q", e3)
	}
	if edited == first || edited.Values[0].Value != 2 {
		t.Errorf("the CSV edit was not read: value %g", edited.Values[0].Value)
	}
	if edited.Sum == first.Sum {
		t.Error("the CSV edit left the metric's version (Sum) unchanged")
	}
	// A CSV that goes missing is an error, and its return is noticed.
	delete(fsys, csvPathT)
	if _, e := load(); !strings.Contains(e, "ho-so.csv does not exist") {
		t.Errorf("missing CSV: %q", e)
	}
	fsys[csvPathT] = &fstest.MapFile{Data: []byte("period,value\n2024-Q1,3\n")}
	if back, e := load(); e != "" || back.Values[0].Value != 3 {
		t.Errorf("the CSV's return was not noticed: %q", e)
	}
	// The same bytes split differently between the two files are another version.
	if versionOf([]byte("ab"), []byte("c")) == versionOf([]byte("a"), []byte("bc")) {
		t.Error("versionOf runs its parts together")
	}
}

// TestCSVValuesErrorCap: a CSV whose every row is wrong (a sheet exported
// in another locale) reports the first maxCSVErrors problems and says
// there are more, and a header of very many columns is handled without
// reporting each one.
func TestCSVValuesErrorCap(t *testing.T) {
	for _, tc := range []struct{ name, csv string }{
		{"rows", "period,value\n" + strings.Repeat("2024-Q1,\"1,5\"\n", 5000)},
		{"header", strings.Repeat("x,", 200000) + "period,value\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := load(map[string]string{csvYAML: csvMetric, csvPathT: tc.csv})
			if got := errs.Len(); got != maxCSVErrors+1 {
				t.Errorf("%d errors, want %d", got, maxCSVErrors+1)
			}
			if !strings.Contains(errs.Error(), "100 errors in this file; fix these first") {
				t.Errorf("the cap is not said:\n%.300s", errs.Error())
			}
		})
	}
}

// TestParseNumber: the numbers a CSV value may be, and those it may not.
func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"2750000", 2750000, true},
		{"96.5", 96.5, true},
		{"-3", -3, true},
		{" 12 ", 12, true},
		{".5", 0.5, true},
		{"2.7E+06", 2.7e6, true},
		{"96,5", 0, false},
		{"2.750.000", 0, false},
		{"2 750 000", 0, false},
		{"1e999", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"0x10", 0, false},
		{"96.5%", 0, false},
		{"", 0, false},
	} {
		got, msg := parseNumber(tc.in)
		if (msg == "") != tc.ok || got != tc.want {
			t.Errorf("parseNumber(%q) = %g, %q; want %g, ok %v", tc.in, got, msg, tc.want, tc.ok)
		}
	}
}
