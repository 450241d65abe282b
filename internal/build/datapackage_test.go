package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/view"
)

// profiles are the Data Package specification's own JSON Schemas, as the
// npm registry's datapackage package ships them (testdata/datapackage-
// profiles/README.md), by the URL they are published at.
var profiles = map[string]string{
	"https://specs.frictionlessdata.io/schemas/data-package.json":         "data-package.json",
	"https://specs.frictionlessdata.io/schemas/tabular-data-package.json": "tabular-data-package.json",
}

// compileProfiles compiles every profile once.
func compileProfiles(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for u, file := range profiles {
		f, err := os.Open(filepath.Join("testdata", "datapackage-profiles", file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := c.AddResource(u, doc); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for u := range profiles {
		s, err := c.Compile(u)
		if err != nil {
			t.Fatalf("compiling %s: %v", u, err)
		}
		out[u] = s
	}
	return out
}

// validateProfiles checks a datapackage.json against every profile.
func validateProfiles(schemas map[string]*jsonschema.Schema, b []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	for _, u := range slices.Sorted(func(yield func(string) bool) {
		for k := range schemas {
			if !yield(k) {
				return
			}
		}
	}) {
		if err := schemas[u].Validate(inst); err != nil {
			return fmt.Errorf("against %s: %v", path.Base(u), err)
		}
	}
	return nil
}

// pkg is datapackage.json as the tests read it back.
type pkg struct {
	Profile   string `json:"profile"`
	Name      string `json:"name"`
	Licenses  []PackageLicense
	Resources []struct {
		Name, Path, Format, Mediatype, Encoding string
		Schema                                  view.TableSchema
	} `json:"resources"`
}

// table is a CSV file read back: its rows below the header.
type table struct {
	header []string
	rows   [][]string
}

var (
	reNumber  = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	reInteger = regexp.MustCompile(`^-?[0-9]+$`)
	reYear    = regexp.MustCompile(`^[0-9]{4}$`)
)

// checkCSV checks a CSV file against its Table Schema: RFC 4180 framing
// (CRLF line ends, quoting that a strict reader accepts, the same number
// of fields on every line), UTF-8 without a byte-order mark, a header of
// the schema's field names in order, each value of its field's type and
// within its constraints (a missing value only where allowed), unique
// columns and the primary key unique. It returns every problem found.
func checkCSV(b []byte, s view.TableSchema) (table, []string) {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if !utf8.Valid(b) {
		bad("not UTF-8")
	}
	if bytes.HasPrefix(b, []byte("\uFEFF")) {
		bad("starts with a byte-order mark")
	}
	if n, crlf := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); n != crlf || !bytes.HasSuffix(b, []byte("\r\n")) {
		bad("line ends are not all CRLF (%d LF, %d CRLF)", n, crlf)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(s.Fields)
	recs, err := r.ReadAll()
	if err != nil {
		bad("%v", err)
		return table{}, probs
	}
	if len(recs) == 0 {
		bad("no header row")
		return table{}, probs
	}
	var names []string
	for _, f := range s.Fields {
		names = append(names, f.Name)
	}
	tb := table{header: recs[0], rows: recs[1:]}
	if !slices.Equal(tb.header, names) {
		bad("header %v, schema fields %v", tb.header, names)
		return tb, probs
	}
	for i, f := range s.Fields {
		seen := map[string]int{}
		for j, row := range tb.rows {
			v, line := row[i], j+2
			if slices.Contains(s.MissingValues, v) {
				if f.Constraints != nil && f.Constraints.Required {
					bad("line %d: %s is required", line, f.Name)
				}
				continue
			}
			if msg := checkValue(f, v); msg != "" {
				bad("line %d: %s: %q %s", line, f.Name, v, msg)
			}
			if f.Constraints != nil && f.Constraints.Unique {
				if first, dup := seen[v]; dup {
					bad("line %d: %s %q is also on line %d (unique)", line, f.Name, v, first)
				}
				seen[v] = line
			}
		}
	}
	if len(s.PrimaryKey) > 0 {
		var idx []int
		for _, k := range s.PrimaryKey {
			i := slices.Index(names, k)
			if i < 0 {
				bad("primary key %q is not a field", k)
				return tb, probs
			}
			idx = append(idx, i)
		}
		seen := map[string]int{}
		for j, row := range tb.rows {
			var key []string
			for _, i := range idx {
				key = append(key, row[i])
			}
			k := strings.Join(key, "\x00")
			if first, dup := seen[k]; dup {
				bad("line %d: primary key %v is also on line %d", j+2, key, first)
			}
			seen[k] = j + 2
		}
	}
	return tb, probs
}

// checkValue checks one present value against its field's type and
// constraints; "" when it is good.
func checkValue(f view.Field, v string) string {
	var num float64
	isNum := false
	switch f.Type {
	case "string":
		if f.Format == "uri" {
			if u, err := url.Parse(v); err != nil || !u.IsAbs() {
				return "is not an absolute URI"
			}
		}
	case "number":
		if !reNumber.MatchString(v) {
			return "is not a number with a '.' decimal mark and no grouping"
		}
		num, _ = strconv.ParseFloat(v, 64)
		isNum = true
	case "integer":
		if !reInteger.MatchString(v) {
			return "is not an integer"
		}
		num, _ = strconv.ParseFloat(v, 64)
		isNum = true
	case "boolean":
		if v != "true" && v != "false" {
			return "is not true or false"
		}
	case "date":
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return "is not a date (YYYY-MM-DD)"
		}
	case "yearmonth":
		if _, err := time.Parse("2006-01", v); err != nil {
			return "is not a year and month (YYYY-MM)"
		}
	case "year":
		if !reYear.MatchString(v) {
			return "is not a year"
		}
	default:
		return "has a type (" + f.Type + ") this check does not know"
	}
	c := f.Constraints
	if c == nil {
		return ""
	}
	if len(c.Enum) > 0 && !slices.Contains(c.Enum, v) {
		return fmt.Sprintf("is not one of %v", c.Enum)
	}
	if c.Pattern != "" && !regexp.MustCompile(`^(?:`+c.Pattern+`)$`).MatchString(v) {
		return "does not match " + c.Pattern
	}
	if isNum && c.Minimum != nil && num < *c.Minimum {
		return fmt.Sprintf("is below the minimum %v", *c.Minimum)
	}
	if isNum && c.Maximum != nil && num > *c.Maximum {
		return fmt.Sprintf("is above the maximum %v", *c.Maximum)
	}
	return ""
}

// checkPackage checks a built site's datapackage.json: it validates
// against the specification's profiles, every resource is a relative path
// to a file the site has, every CSV keeps its schema, and every foreign
// key points at a row that exists. It returns the package read back.
func checkPackage(t *testing.T, schemas map[string]*jsonschema.Schema, mem *output.Memory) pkg {
	t.Helper()
	b, ok := mem.Get("datapackage.json")
	if !ok {
		t.Fatal("no datapackage.json")
	}
	if err := validateProfiles(schemas, b); err != nil {
		t.Errorf("datapackage.json does not validate %v", err)
	}
	var p pkg
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	tables := map[string]table{}
	for _, r := range p.Resources {
		if path.IsAbs(r.Path) || strings.Contains(r.Path, "..") || strings.Contains(r.Path, "://") {
			t.Errorf("%s: path %q is not relative to the package", r.Name, r.Path)
		}
		if r.Format != "csv" || r.Mediatype != "text/csv" || r.Encoding != "utf-8" {
			t.Errorf("%s: format %q, mediatype %q, encoding %q", r.Name, r.Format, r.Mediatype, r.Encoding)
		}
		data, ok := mem.Get(r.Path)
		if !ok {
			t.Errorf("%s: the site has no %s", r.Name, r.Path)
			continue
		}
		tb, probs := checkCSV(data, r.Schema)
		for _, pr := range probs {
			t.Errorf("%s: %s", r.Path, pr)
		}
		tables[r.Name] = tb
	}
	for _, r := range p.Resources {
		for _, fk := range r.Schema.ForeignKeys {
			from, to := tables[r.Name], tables[fk.Reference.Resource]
			if len(fk.Fields) != 1 || len(fk.Reference.Fields) != 1 {
				t.Errorf("%s: a foreign key of several fields; the check reads one", r.Name)
				continue
			}
			fi, ti := slices.Index(from.header, fk.Fields[0]), slices.Index(to.header, fk.Reference.Fields[0])
			if fi < 0 || ti < 0 {
				t.Errorf("%s: foreign key %v → %s %v names no column", r.Name, fk.Fields, fk.Reference.Resource, fk.Reference.Fields)
				continue
			}
			keys := map[string]bool{}
			for _, row := range to.rows {
				keys[row[ti]] = true
			}
			for j, row := range from.rows {
				if !keys[row[fi]] {
					t.Errorf("%s line %d: %s %q is not in %s", r.Path, j+2, fk.Fields[0], row[fi], fk.Reference.Resource)
				}
			}
		}
	}
	return p
}

// TestDataPackage builds sites and checks their open-data catalogue: it
// validates against the Data Package specification's JSON Schemas, lists
// one resource for each metric's CSV and each plan's tasks and moves, and
// every CSV keeps its Table Schema.
func TestDataPackage(t *testing.T) {
	schemas := compileProfiles(t)
	today := date.Today(time.UTC)
	tests := []struct {
		name, dir string
		asOf      date.Date
		license   bool
	}{
		{"example site", "../..", today, true},
		{"open-data site", "testdata/opendata", asOf, true},
		{"test site", "testdata/site", asOf, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{SiteDir: tt.dir, AsOf: tt.asOf, Theme: bantin.Theme()}
			mem := output.NewMemory()
			if _, err := Build(opts, mem); err != nil {
				t.Fatal(err)
			}
			p := checkPackage(t, schemas, mem)
			if p.Profile != "tabular-data-package" || p.Name == "" {
				t.Errorf("profile %q, name %q", p.Profile, p.Name)
			}
			if (len(p.Licenses) > 0) != tt.license {
				t.Errorf("licenses %v; want a licence: %v", p.Licenses, tt.license)
			}
			s, err := Load(opts)
			if err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for _, id := range s.Data.MetricIDs() {
				want = append(want, "metrics/"+id+".csv")
			}
			for _, id := range s.Data.PlanIDs() {
				want = append(want, "plans/"+id+".csv", "plans/"+id+"/moves.csv")
				if _, ok := mem.Get("plans/" + id + ".json"); !ok {
					t.Errorf("no plans/%s.json", id)
				}
			}
			for _, r := range p.Resources {
				got = append(got, r.Path)
			}
			if !slices.Equal(got, want) {
				t.Errorf("resources %v, want %v", got, want)
			}
			again := output.NewMemory()
			if _, err := Build(opts, again); err != nil {
				t.Fatal(err)
			}
			sameOutput(t, "a second build", again, mem)
		})
	}
}

// TestCatalogueChecksCatch feeds the checks above broken files, so that a
// catalogue that passes them is known to have been checked.
func TestCatalogueChecksCatch(t *testing.T) {
	schemas := compileProfiles(t)
	good := `{"profile": "tabular-data-package", "name": "x", "resources": [{"profile": "tabular-data-resource", "name": "metric-a", "path": "metrics/a.csv", "schema": {"fields": [{"name": "period", "type": "string"}]}}]}`
	if err := validateProfiles(schemas, []byte(good)); err != nil {
		t.Fatalf("a valid package was refused: %v", err)
	}
	for _, bad := range []struct{ name, json string }{
		{"no resources", `{"profile": "tabular-data-package", "name": "x", "resources": []}`},
		{"upper-case name", strings.Replace(good, `"name": "x"`, `"name": "Tiến độ"`, 1)},
		{"licence name with a space", strings.Replace(good, `"resources"`, `"licenses": [{"name": "CC BY"}], "resources"`, 1)},
		{"unknown field type", strings.Replace(good, `"type": "string"`, `"type": "text"`, 1)},
		{"resource without schema", `{"profile": "tabular-data-package", "name": "x", "resources": [{"profile": "tabular-data-resource", "name": "a", "path": "a.csv"}]}`},
	} {
		if err := validateProfiles(schemas, []byte(bad.json)); err == nil {
			t.Errorf("%s: validated", bad.name)
		}
	}

	s := view.TableSchema{
		MissingValues: []string{""},
		PrimaryKey:    []string{"id"},
		Fields: []view.Field{
			{Name: "id", Type: "string", Constraints: &view.Constraints{Required: true}},
			{Name: "day", Type: "date"},
			{Name: "n", Type: "integer"},
			{Name: "share", Type: "number", Constraints: &view.Constraints{Minimum: new(0.0), Maximum: new(100.0)}},
			{Name: "ok", Type: "boolean"},
			{Name: "q", Type: "string", Constraints: &view.Constraints{Pattern: `[0-9]{4}-Q[1-4]`}},
			{Name: "light", Type: "string", Constraints: &view.Constraints{Enum: []string{"red", "green"}}},
			{Name: "m", Type: "yearmonth"},
			{Name: "y", Type: "year"},
		},
	}
	const head = "id,day,n,share,ok,q,light,m,y\r\n"
	if _, probs := checkCSV([]byte(head+"a,2024-02-29,3,96.5,true,2024-Q1,red,2024-02,2024\r\nb,,,,,,,,\r\n"), s); len(probs) > 0 {
		t.Fatalf("a good table was refused: %v", probs)
	}
	for _, tt := range []struct{ name, csv, want string }{
		{"LF line ends", strings.ReplaceAll(head+"a,,,,,,,,\r\n", "\r\n", "\n"), "line ends"},
		{"byte-order mark", "\uFEFF" + head, "byte-order mark"},
		{"header", "id,date,n,share,ok,q,light,m,y\r\n", "header"},
		{"short row", head + "a,2024-01-01\r\n", "wrong number of fields"},
		{"bare quote", head + "a\"b,,,,,,,,\r\n", "bare \""},
		{"required", head + ",,,,,,,,\r\n", "id is required"},
		{"impossible date", head + "a,2023-02-29,,,,,,,\r\n", "is not a date"},
		{"integer", head + "a,,3.5,,,,,,\r\n", "is not an integer"},
		{"grouped number", head + "a,,,\"1,5\",,,,,\r\n", "is not a number"},
		{"maximum", head + "a,,,100.5,,,,,\r\n", "above the maximum"},
		{"boolean", head + "a,,,,yes,,,,\r\n", "is not true or false"},
		{"pattern, anchored", head + "a,,,,,x2024-Q1,,,\r\n", "does not match"},
		{"enum", head + "a,,,,,,amber,,\r\n", "is not one of"},
		{"yearmonth", head + "a,,,,,,,2024-13,\r\n", "year and month"},
		{"year", head + "a,,,,,,,,24\r\n", "is not a year"},
		{"primary key", head + "a,,,,,,,,\r\na,,,,,,,,\r\n", "primary key [a] is also on line 2"},
	} {
		_, probs := checkCSV([]byte(tt.csv), s)
		if !strings.Contains(strings.Join(probs, "\n"), tt.want) {
			t.Errorf("%s: problems %q, want one with %q", tt.name, probs, tt.want)
		}
	}
}

// TestPlanExports checks the plan files of the open-data site byte for
// byte: the tasks as of the build date with their lights (under the
// site's rules, overridden by the plan's), the ledger of moves with each
// form of basis, and RFC 4180 quoting.
func TestPlanExports(t *testing.T) {
	mem := output.NewMemory()
	if _, err := Build(Options{SiteDir: "testdata/opendata", AsOf: asOf, Theme: bantin.Theme()}, mem); err != nil {
		t.Fatal(err)
	}
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	tests := []struct{ path, want string }{
		{"plans/ke-hoach-1.csv", crlf(`id,title,owner,kind,due_original,due_current,moves,days_moved,status,since,progress,overdue,light,light_reason,basis,as_of
T1,Ban hành chỉ thị,Văn phòng Bộ,scheduled,2024-02-28,2024-02-28,0,0,done,2024-02-11,,false,green,done-on-time,Quyết định 1/QĐ-BCĐ,2024-06-30
T2,"Xây dựng cơ sở dữ liệu, giai đoạn 1",Cục Cảnh sát,scheduled,2024-03-31,2024-08-31,2,153,in-progress,2024-05-20,70.5,false,amber,moved,,2024-06-30
T3,Tuyên truyền thường xuyên,,recurring,,,0,,in-progress,2024-01-20,,false,grey,recurring,,2024-06-30
T4,Nhiệm vụ bị hủy,Văn phòng Bộ,scheduled,2024-06-30,2024-06-30,0,0,cancelled,2024-03-01,,false,grey,cancelled,,2024-06-30
T5,Nhiệm vụ hoàn thành muộn,Văn phòng Bộ,scheduled,2024-03-31,2024-03-31,0,0,done,2024-04-10,,false,amber,done-late,,2024-06-30
T6,Nhiệm vụ chưa đến lúc bắt đầu,,scheduled,2024-12-31,2024-12-31,0,0,not-started,,,false,grey,not-yet-started,,2024-06-30
`)},
		{"plans/ke-hoach-1/moves.csv", crlf(`task,date,from,to,days,basis,basis_date,basis_by,basis_url,note
T2,2024-03-20,2024-03-31,2024-05-31,61,Công văn 123/BCA-V01,,,,"lùi hạn, lần 1"
T2,2024-05-20,2024-05-31,2024-08-31,92,Công văn 456/BCA-V01,2024-05-18,Bộ Công an,https://x.gov.vn/cv-456?a=1&b=2,lùi hạn lần 2
`)},
		// The plan's own rules make a task done late red.
		{"plans/ke-hoach-2.csv", crlf(`id,title,owner,kind,due_original,due_current,moves,days_moved,status,since,progress,overdue,light,light_reason,basis,as_of
A,Nhiệm vụ A,,scheduled,2024-04-30,2024-04-30,0,0,done,2024-05-02,,false,red,done-late,,2024-06-30
`)},
		{"plans/ke-hoach-2/moves.csv", crlf("task,date,from,to,days,basis,basis_date,basis_by,basis_url,note\n")},
		{"metrics/thang.csv", crlf("period,value,unit,approx,note\n2024-01,1000,hồ sơ,,\n2024-02,2000,hồ sơ,,\"hai dòng:\nmột, hai\"\n2024-04,4000,hồ sơ,over,\n")},
		{"metrics/ngay.csv", crlf("period,value,unit,approx,note\n2024-04-08,120000,lượt,,\n2024-04-09,125000.5,lượt,about,\"khoảng 125 nghìn, \"\"ước tính\"\"\"\n")},
	}
	for _, tt := range tests {
		if got := get(t, mem, tt.path); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.path, got, tt.want)
		}
	}

	var plan struct {
		AsOf  string `json:"as_of"`
		Rules struct {
			AmberWithinDays int    `json:"amber_within_days"`
			DoneLate        string `json:"done_late"`
		} `json:"status_rules"`
		Basis struct{ Doc, Date, By string }
		Tasks []struct {
			ID, Light string
			History   []struct {
				Date, Status, Due, Note string
				Progress                *float64
				Basis                   *struct{ Doc, Date, By, URL string }
			}
		}
		Moves []struct {
			Task, Date, From, To string
			Days                 int
		}
	}
	if err := json.Unmarshal([]byte(get(t, mem, "plans/ke-hoach-1.json")), &plan); err != nil {
		t.Fatal(err)
	}
	if plan.AsOf != "2024-06-30" || plan.Rules.AmberWithinDays != 45 || plan.Rules.DoneLate != "amber" || plan.Basis.Doc != "1/QĐ-BCĐ" || plan.Basis.Date != "2024-01-15" {
		t.Errorf("plan: as of %q, rules %+v, basis %+v", plan.AsOf, plan.Rules, plan.Basis)
	}
	if len(plan.Tasks) != 6 || plan.Tasks[1].ID != "T2" || plan.Tasks[1].Light != "amber" {
		t.Fatalf("tasks %+v", plan.Tasks)
	}
	h := plan.Tasks[1].History
	if len(h) != 4 || h[0].Status != "in-progress" || *h[0].Progress != 40 ||
		h[1].Due != "2024-05-31" || h[1].Status != "" || h[1].Basis.Doc != "Công văn 123/BCA-V01" ||
		h[2].Due != "2024-08-31" || h[2].Basis.URL != "https://x.gov.vn/cv-456?a=1&b=2" || h[2].Basis.By != "Bộ Công an" ||
		h[3].Status != "in-progress" || *h[3].Progress != 70.5 {
		t.Errorf("T2's history: %+v", h)
	}
	if len(plan.Moves) != 2 || plan.Moves[1].From != "2024-05-31" || plan.Moves[1].To != "2024-08-31" || plan.Moves[1].Days != 92 {
		t.Errorf("moves in the JSON: %+v", plan.Moves)
	}
}

// TestDataIndexPage checks the data/ page: every dataset with its formats,
// the licence, the catalogue, in both languages; and the footer's link
// to it.
func TestDataIndexPage(t *testing.T) {
	if !slices.Contains(render.Pages, "data.html") {
		t.Fatal("render.Pages does not list data.html, so the data/ page is not made: add it there (the open-data catalogue's wiring)")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/opendata")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		want []string
	}{
		{"vi", []string{"<h1>Dữ liệu mở</h1>", `href="../datapackage.json"`, "Danh mục dữ liệu (datapackage.json)",
			`Giấy phép: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">Giấy phép CC BY 4.0</a> (CC-BY-4.0)`,
			`<a href="../metrics/ngay/">Lượt truy cập trong ngày</a>`, `<a href="../metrics/ngay.csv" download>CSV</a>`, `<a href="../metrics/ngay.json" download>JSON</a>`,
			`<a href="../plans/ke-hoach-1.csv" download>CSV</a>`, `<a href="../plans/ke-hoach-1.json" download>JSON</a>`,
			`<a href="../plans/ke-hoach-1/moves.csv" download>Thời hạn điều chỉnh (CSV)</a>`, `<a href="../plans/ke-hoach-2/moves.csv" download>`,
			`<a href="https://dichvucong.gov.vn/">Cổng dịch vụ công</a>`, "Tình hình các kế hoạch tính đến 30/6/2024."}},
		{"en", []string{"<h1>Open data</h1>", "Data catalogue (datapackage.json)", "Licence: <a", "Moved deadlines (CSV)", "Plans as of 30 June 2024."}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if tt.lang == "en" {
				replaceIn(t, dir, "content/site.yaml", "language: vi", "language: en")
			}
			mem := output.NewMemory()
			if _, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, mem); err != nil {
				t.Fatal(err)
			}
			page := get(t, mem, "data/index.html")
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("data page lacks %s", w)
				}
			}
			if home := get(t, mem, "index.html"); !strings.Contains(home, `href="data/"`) {
				t.Error("the footer does not link to data/")
			}
		})
	}
	// Without a licence the page says none is declared, and claims none.
	replaceIn(t, dir, "content/site.yaml", "license: {name: CC-BY-4.0, title: \"Giấy phép CC BY 4.0\"}\n", "")
	mem := output.NewMemory()
	if _, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, mem); err != nil {
		t.Fatal(err)
	}
	if page := get(t, mem, "data/index.html"); !strings.Contains(page, "The site has not declared a licence") || strings.Contains(page, `rel="license"`) {
		t.Error("a site without a licence: the data page does not say so")
	}
	if dp := get(t, mem, "datapackage.json"); strings.Contains(dp, `"licenses"`) {
		t.Error("a site without a licence: datapackage.json claims one")
	}
}
