package schema

import (
	"bytes"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/yamlx"
)

// root is the repository, which is also the example site.
const root = "../.."

// compiled compiles every generated schema with a JSON Schema validator,
// which also checks each against the draft 2020-12 meta-schema.
func compiled(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	files, err := All()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := c.AddResource(f.Name, doc); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	for _, f := range files {
		s, err := c.Compile(f.Name)
		if err != nil {
			t.Fatalf("%s does not compile as a draft 2020-12 schema: %v", f.Name, err)
		}
		out[f.Name] = s
	}
	return out
}

// toJSON turns a YAML node into the value a JSON Schema validator judges,
// as yaml-language-server does: numbers, booleans and null by their YAML
// type, everything else (text, dates, timestamps) as text. budget bounds
// the values an alias may expand to; ok is false past it.
func toJSON(n *yaml.Node, budget *int) (v any, ok bool) {
	if *budget--; *budget < 0 {
		return nil, false
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return map[string]any{}, true
		}
		return toJSON(n.Content[0], budget)
	case yaml.AliasNode:
		return toJSON(n.Alias, budget)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if _, dup := m[k]; dup {
				continue // a YAML error the loader reports; JSON has one value per key
			}
			if m[k], ok = toJSON(n.Content[i+1], budget); !ok {
				return nil, false
			}
		}
		return m, true
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			if s[i], ok = toJSON(c, budget); !ok {
				return nil, false
			}
		}
		return s, true
	}
	switch n.Tag {
	case "!!null":
		return nil, true
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b, true
		}
	case "!!int", "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f, true
		}
	}
	return n.Value, true
}

// schemaVerdict validates src (one YAML document) against the schema for
// doc; err is nil when it is valid. judged is false when the YAML does not
// parse (the loader then rejects it for that) or expands past any size a
// schema could be asked to judge.
func schemaVerdict(t *testing.T, schemas map[string]*jsonschema.Schema, doc Doc, src []byte) (err error, judged bool) {
	t.Helper()
	n, perr := yamlx.Parse("x.yaml", src, 0)
	if perr != nil {
		return nil, false
	}
	budget := 1_000_000
	v, ok := toJSON(n, &budget)
	if !ok {
		return nil, false
	}
	return schemas[doc.Name].Validate(v), true
}

var (
	siteDoc   = Docs[0]
	planDoc   = Docs[1]
	metricDoc = Docs[2]
	frontDoc  = Docs[3]
)

// farAsOf is the day the loader judges against: after every date in the
// repository, so no value is "in the future".
var farAsOf = date.Date{Year: 2100, Month: 1, Day: 1}

// loaderVerdict loads src as the loader loads a file of kind doc; extra
// holds sibling files (a metric's CSV), by name. err is nil when the
// loader accepts it.
func loaderVerdict(doc Doc, src []byte, extra map[string][]byte) error {
	errs := &diag.List{}
	switch doc.Name {
	case siteDoc.Name:
		site.Load(fstest.MapFS{site.File: {Data: src}}, "", errs)
	case planDoc.Name, metricDoc.Name:
		dir := data.PlansDir
		if doc.Name == metricDoc.Name {
			dir = data.MetricsDir
		}
		fsys := fstest.MapFS{dir + "/x.yaml": {Data: src}}
		for name, b := range extra {
			fsys[dir+"/"+name] = &fstest.MapFile{Data: b}
		}
		data.Load(fsys, "", errs).Validate(farAsOf, errs)
	case frontDoc.Name:
		content.Parse("x.md", src, time.UTC, errs)
	}
	return errs.Err()
}

// frontMatter returns the YAML between an article's two "---" lines.
func frontMatter(md []byte) ([]byte, bool) {
	md = bytes.ReplaceAll(md, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(md, []byte("---\n"))
	if !ok {
		return nil, false
	}
	if bytes.HasPrefix(rest, []byte("---\n")) {
		return nil, true
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, false
	}
	return rest[:i+1], true
}

// docOf says which schema describes a file of the repository, by where
// it lies: a site's own layout, or the testdata folders of the loaders.
func docOf(rel string) (Doc, bool) {
	rel = filepath.ToSlash(rel)
	switch {
	case strings.HasPrefix(rel, "internal/scaffold/site/"), strings.HasPrefix(rel, "internal/yamlx/"),
		strings.Contains(rel, "/fuzz/"), strings.HasPrefix(rel, "public/"), strings.Contains(rel, "node_modules/"):
		return Doc{}, false // templates, generic YAML, fuzz corpora, output
	case strings.HasSuffix(rel, ".md"):
		if strings.Contains(rel, "content/articles/") {
			return frontDoc, true
		}
	case !strings.HasSuffix(rel, ".yaml") && !strings.HasSuffix(rel, ".yml"):
	case strings.HasSuffix(rel, "content/site.yaml"), strings.HasPrefix(rel, "internal/site/testdata/"):
		return siteDoc, true
	case strings.Contains(rel, "data/plans/"), strings.HasPrefix(rel, "internal/data/testdata/plans/"):
		return planDoc, true
	case strings.Contains(rel, "data/metrics/"), strings.HasPrefix(rel, "internal/data/testdata/metrics/"):
		return metricDoc, true
	}
	return Doc{}, false
}

// TestRepositoryFilesAgree takes every site settings file, plan, metric
// and article of the repository (the example site, the test sites, the
// loaders' testdata, adversarial ones included) through the generated
// schema and through the loader. The schema must never reject what the
// loader accepts (an editor would flag a good file), and every example
// file must pass both. What only the loader can see (a day that does not
// exist, periods out of order, an unknown time zone) it rejects alone.
func TestRepositoryFilesAgree(t *testing.T) {
	schemas := compiled(t)
	var both, loaderOnly, checked, examples int
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." || rel == "public" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		doc, ok := docOf(rel)
		if !ok || !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() > 1<<20 {
			return nil // sizes past what a schema is asked to judge; the loaders' own tests cover them
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var lerr error
		yamlSrc := src
		if doc.Name == frontDoc.Name {
			lerr = loaderVerdict(doc, src, nil)
			var ok bool
			if yamlSrc, ok = frontMatter(src); !ok {
				return nil // no front matter to judge; the loader says so
			}
		} else {
			lerr = loaderVerdict(doc, src, siblingCSVs(filepath.Dir(p)))
		}
		serr, judged := schemaVerdict(t, schemas, doc, yamlSrc)
		if !judged {
			if lerr == nil {
				t.Errorf("%s: the schema test could not read a file the loader accepts", rel)
			}
			return nil
		}
		checked++
		rel = filepath.ToSlash(rel)
		example := strings.HasPrefix(rel, "content/") || strings.HasPrefix(rel, "internal/build/testdata/site/")
		if example {
			examples++
		}
		switch {
		case serr != nil && lerr == nil:
			t.Errorf("%s: the loader accepts it, the schema %s rejects it:\n%v", rel, doc.Name, serr)
		case example && (serr != nil || lerr != nil):
			t.Errorf("%s: an example file is rejected:\nschema: %v\nloader: %v", rel, serr, lerr)
		case serr != nil:
			both++
		case lerr != nil:
			loaderOnly++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if examples < 10 {
		t.Errorf("only %d example files checked; the walk missed the example site", examples)
	}
	if checked < 50 {
		t.Errorf("only %d files checked; the walk missed the repository's YAML", checked)
	}
	t.Logf("%d files checked: %d rejected by both, %d by the loader alone (what a schema cannot see)", checked, both, loaderOnly)
}

// siblingCSVs reads the CSV files beside a metric, which its values: may name.
func siblingCSVs(dir string) map[string][]byte {
	out := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".csv") {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				out[e.Name()] = b
			}
		}
	}
	return out
}

// TestBadInputsAgree: a table of inputs, each judged by the schema and by
// the loader. Where a schema can see the mistake (an unknown or missing
// key, a wrong type, a value not in the list) both reject it; where only
// the loader can ("semantic"), the schema accepts and the loader rejects;
// never the other way round.
func TestBadInputsAgree(t *testing.T) {
	schemas := compiled(t)
	const (
		both     = "both reject"
		semantic = "loader only"
		valid    = "both accept"
	)
	const plan = "title: Kế hoạch\nissued: 2024-02-06\ntasks:\n  - {id: T01, title: Chỉ thị, kind: scheduled, due: 2024-03-31, updates: [{date: 2024-02-11, status: done}]}\n"
	const metric = "title: Hồ sơ\nkind: flow\nperiod: quarter\nvalues:\n  - {period: 2024-Q1, value: 2700000, approx: over, note: \"hơn 2,7 triệu\"}\n"
	const front = "title: Bản tin\ndate: 2024-04-09\n"
	csv := map[string][]byte{"ho-so.csv": []byte("period,value\n2024-Q1,1\n")}
	for _, tc := range []struct {
		doc   Doc
		name  string
		yaml  string
		want  string
		extra map[string][]byte
	}{
		{siteDoc, "minimal", "title: T\nbaseURL: https://x.gov.vn/\n", valid, nil},
		{siteDoc, "every key", "title: T\nbaseURL: https://x.gov.vn/a/\nlanguage: en\ntimezone: Asia/Ho_Chi_Minh\nperPage: 5\ndescription: d\ncopyright: c\nunsafeHTML: true\nhomeMetrics: [a, b]\nstatus-rules: {amber-within-days: 10, amber-moved-more-than: 2, overdue-against: original, done-late: green}\nlicense: CC-BY-4.0\n", valid, nil},
		{siteDoc, "text written as a number", "title: 2024\nbaseURL: https://x.gov.vn/\n", valid, nil},
		{siteDoc, "unknown key", "title: T\nbaseURL: https://x.gov.vn/\ntitel: T\n", both, nil},
		{siteDoc, "missing baseURL", "title: T\n", both, nil},
		{siteDoc, "title with no value", "title:\nbaseURL: https://x.gov.vn/\n", both, nil},
		{siteDoc, "perPage as text", "title: T\nbaseURL: https://x.gov.vn/\nperPage: ten\n", both, nil},
		{siteDoc, "perPage not whole", "title: T\nbaseURL: https://x.gov.vn/\nperPage: 10.5\n", both, nil},
		{siteDoc, "unsafeHTML as text", "title: T\nbaseURL: https://x.gov.vn/\nunsafeHTML: \"yes\"\n", both, nil},
		{siteDoc, "homeMetrics not a list", "title: T\nbaseURL: https://x.gov.vn/\nhomeMetrics: {a: 1}\n", both, nil},
		{siteDoc, "unknown deadline", "title: T\nbaseURL: https://x.gov.vn/\nstatus-rules: {overdue-against: later}\n", both, nil},
		{siteDoc, "unknown light", "title: T\nbaseURL: https://x.gov.vn/\nstatus-rules: {done-late: blue}\n", both, nil},
		{siteDoc, "licence mapping", "title: T\nbaseURL: https://x.gov.vn/\nlicense: {name: CC-BY-4.0, path: https://creativecommons.org/licenses/by/4.0/, title: CC BY}\n", valid, nil},
		{siteDoc, "licence unknown key", "title: T\nbaseURL: https://x.gov.vn/\nlicense: {name: CC-BY-4.0, url: https://x}\n", both, nil},
		{siteDoc, "licence as a list", "title: T\nbaseURL: https://x.gov.vn/\nlicense: [CC-BY-4.0]\n", both, nil},
		{siteDoc, "unknown language", "title: T\nbaseURL: https://x.gov.vn/\nlanguage: fr\n", semantic, nil},
		{siteDoc, "unknown time zone", "title: T\nbaseURL: https://x.gov.vn/\ntimezone: Mars/Olympus\n", semantic, nil},
		{siteDoc, "perPage out of range", "title: T\nbaseURL: https://x.gov.vn/\nperPage: 5000\n", semantic, nil},
		{siteDoc, "relative baseURL", "title: T\nbaseURL: tien-do/\n", semantic, nil},

		{planDoc, "valid", plan, valid, nil},
		{planDoc, "every key", "title: K\ndecision: 829/QĐ-BCĐ\nissued: 2024-02-06\nowner: O\nsummary: S\nsource: {name: Bộ Công an, url: https://bocongan.gov.vn/}\nbasis: {doc: 829/QĐ-BCĐ, date: 2024-02-06, by: Bộ Công an, url: https://x.gov.vn/}\nstatus-rules: {amber-within-days: 7}\ntasks:\n  - id: T01\n    title: A\n    owner: B\n    kind: scheduled\n    start: 2024-02-10\n    due: 2024-03-31\n    note: n\n    basis: Công văn 1\n    updates:\n      - {date: 2024-02-11, status: in-progress, progress: 50, note: x}\n      - {date: 2024-03-01, due: 2024-04-30, basis: Công văn 2}\n", valid, nil},
		{planDoc, "unknown task kind", strings.Replace(plan, "kind: scheduled", "kind: sometimes", 1), both, nil},
		{planDoc, "unknown status", strings.Replace(plan, "status: done", "status: finished", 1), both, nil},
		{planDoc, "date in another form", strings.Replace(plan, "issued: 2024-02-06", "issued: 06/02/2024", 1), both, nil},
		{planDoc, "tasks not a list", "title: K\nissued: 2024-02-06\ntasks: {id: T01}\n", both, nil},
		{planDoc, "task without title", "title: K\nissued: 2024-02-06\ntasks: [{id: T01, kind: recurring}]\n", both, nil},
		{planDoc, "empty task", "title: K\nissued: 2024-02-06\ntasks: [~]\n", both, nil},
		{planDoc, "progress as text", strings.Replace(plan, "status: done", "status: done, progress: half", 1), both, nil},
		{planDoc, "basis with an unknown key", "title: K\nissued: 2024-02-06\nbasis: {doc: 1, dat: 2024-01-01}\n", both, nil},
		{planDoc, "basis as a list", "title: K\nissued: 2024-02-06\nbasis: [1]\n", both, nil},
		{planDoc, "a day that does not exist", strings.Replace(plan, "issued: 2024-02-06", "issued: 2024-02-30", 1), semantic, nil},
		{planDoc, "scheduled task without due", strings.Replace(plan, "due: 2024-03-31, ", "", 1), semantic, nil},
		{planDoc, "duplicate task id", plan + "  - {id: T01, title: B, kind: recurring}\n", semantic, nil},

		{metricDoc, "valid", metric, valid, nil},
		{metricDoc, "values in a CSV file", "title: Hồ sơ\nkind: flow\nperiod: quarter\nvalues: ho-so.csv\n", valid, csv},
		{metricDoc, "a year as a number", "title: H\nkind: stock\nperiod: year\nvalues: [{period: 2024, value: 1}]\n", valid, nil},
		{metricDoc, "every key", "title: H\ndescription: D\nunit: hồ sơ\nkind: ratio\nperiod: month\nsource: {name: S}\ntarget: {value: 90, by: 2025-12-31, basis: NQ 1}\nvalues:\n  - period: 2024-01\n    value: 50\n    revisions: [{date: 2024-03-01, value: 51, approx: about, note: n, basis: {doc: CV 1}}]\n", valid, nil},
		{metricDoc, "CSV outside the folder", "title: H\nkind: flow\nperiod: quarter\nvalues: ../ho-so.csv\n", both, csv},
		{metricDoc, "CSV in a sub-folder", "title: H\nkind: flow\nperiod: quarter\nvalues: csv/ho-so.csv\n", both, nil},
		{metricDoc, "values naming another file", "title: H\nkind: flow\nperiod: quarter\nvalues: ho-so.xlsx\n", both, nil},
		{metricDoc, "values a number", "title: H\nkind: flow\nperiod: quarter\nvalues: 5\n", both, nil},
		{metricDoc, "values missing", "title: H\nkind: flow\nperiod: quarter\n", both, nil},
		{metricDoc, "values null", "title: H\nkind: flow\nperiod: quarter\nvalues:\n", both, nil},
		{metricDoc, "unknown period kind", strings.Replace(metric, "period: quarter", "period: weekly", 1), both, nil},
		{metricDoc, "unknown metric kind", strings.Replace(metric, "kind: flow", "kind: level", 1), both, nil},
		{metricDoc, "quarter 5", strings.Replace(metric, "2024-Q1", "2024-Q5", 1), both, nil},
		{metricDoc, "month 13", "title: H\nkind: flow\nperiod: month\nvalues: [{period: 2024-13, value: 1}]\n", both, nil},
		{metricDoc, "decimal comma", strings.Replace(metric, "value: 2700000", "value: 2,7", 1), both, nil},
		{metricDoc, "not a number", strings.Replace(metric, "value: 2700000", "value: .nan", 1), both, nil},
		{metricDoc, "unknown qualifier", strings.Replace(metric, "approx: over", "approx: roughly", 1), both, nil},
		{metricDoc, "value missing", "title: H\nkind: flow\nperiod: quarter\nvalues: [{period: 2024-Q1}]\n", both, nil},
		{metricDoc, "missing CSV file", "title: H\nkind: flow\nperiod: quarter\nvalues: ho-so.csv\n", semantic, nil},
		{metricDoc, "empty list", "title: H\nkind: flow\nperiod: quarter\nvalues: []\n", semantic, nil},
		{metricDoc, "period of another kind", strings.Replace(metric, "2024-Q1", "2024-04", 1), semantic, nil},
		{metricDoc, "ratio over 100", "title: H\nkind: ratio\nperiod: year\nvalues: [{period: 2024, value: 101}]\n", semantic, nil},

		{frontDoc, "valid", front, valid, nil},
		{frontDoc, "every key", front + "summary: S\ntags: [Chuyển đổi số, Đề án 06]\nslug: ban-tin\ndraft: false\nplan: ke-hoach-829\nsource: {name: Bộ Công an, url: https://bocongan.gov.vn/}\n", valid, nil},
		{frontDoc, "missing date", "title: Bản tin\n", both, nil},
		{frontDoc, "draft as text", front + "draft: \"false\"\n", both, nil},
		{frontDoc, "tags not a list", front + "tags: {a: 1}\n", both, nil},
		{frontDoc, "source without a name", front + "source: {url: https://x.gov.vn/}\n", both, nil},
		{frontDoc, "unknown key", front + "tag: [a]\n", both, nil},
		{frontDoc, "a date in another form", "title: Bản tin\ndate: 09/04/2024\n", semantic, nil},
	} {
		t.Run(tc.doc.Name+"/"+tc.name, func(t *testing.T) {
			src := []byte(tc.yaml)
			var lerr error
			if tc.doc.Name == frontDoc.Name {
				lerr = loaderVerdict(tc.doc, []byte("---\n"+tc.yaml+"---\n\nNội dung.\n"), nil)
			} else {
				lerr = loaderVerdict(tc.doc, src, tc.extra)
			}
			serr, judged := schemaVerdict(t, schemas, tc.doc, src)
			if !judged {
				t.Fatal("the YAML does not parse")
			}
			got := map[[2]bool]string{{true, true}: both, {false, true}: semantic, {false, false}: valid, {true, false}: "schema only"}[[2]bool{serr != nil, lerr != nil}]
			if got != tc.want {
				t.Errorf("%s, want %s\nschema: %v\nloader: %v", got, tc.want, serr, lerr)
			}
		})
	}
}

// TestSchemasCompile: each schema is a valid draft 2020-12 schema,
// generating twice gives the same bytes, and the $schema is the draft.
func TestSchemasCompile(t *testing.T) {
	compiled(t)
	a, err := All()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := All()
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s: two generations differ", a[i].Name)
		}
		if !bytes.Contains(a[i].Data, []byte(`"$schema": "`+Draft+`"`)) {
			t.Errorf("%s names no draft", a[i].Name)
		}
	}
}

// TestCommittedSchemasUpToDate: the schemas in the repository's schema/
// (which the example site's YAML files name) are what bantin generates
// now. After a change to a loader's types: go run ./cmd/bantin schema.
func TestCommittedSchemasUpToDate(t *testing.T) {
	files, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(root, Dir, f.Name))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s/%s is not what bantin generates now (%v); run: go run ./cmd/bantin schema", Dir, f.Name, err)
		}
	}
}

// unknownField decodes itself, and says nothing of what it accepts.
type unknownField struct{}

func (*unknownField) UnmarshalYAMLNode(*yaml.Node) error { return nil }

// TestUnknownCustomTypeFails: a field of a type that decodes itself, with
// no rule for the schema, stops generation, so the schema cannot drift
// from the loader in silence.
func TestUnknownCustomTypeFails(t *testing.T) {
	type doc struct {
		Title string       `yaml:"title"`
		Odd   unknownField `yaml:"odd"`
	}
	_, err := Generate(Doc{Name: "x.schema.json", Type: reflect.TypeFor[doc]()})
	if err == nil || !strings.Contains(err.Error(), "odd: schema.unknownField decodes itself") {
		t.Errorf("err = %v", err)
	}
}

// TestEnumsFromLoader: every value an enum of the schemas lists, the
// loader's own decoding accepts.
func TestEnumsFromLoader(t *testing.T) {
	for _, tc := range []struct {
		typ  reflect.Type
		vals []string
	}{
		{reflect.TypeFor[data.Status](), data.Status("").Allowed()},
		{reflect.TypeFor[data.TaskKind](), data.TaskKind("").Allowed()},
		{reflect.TypeFor[data.MetricKind](), data.MetricKind("").Allowed()},
		{reflect.TypeFor[data.Approx](), data.Approx("").Allowed()},
		{reflect.TypeFor[data.Light](), data.Light("").Allowed()},
		{reflect.TypeFor[data.DueRef](), data.DueRef("").Allowed()},
	} {
		for _, v := range append(tc.vals, "bogus") {
			p := reflect.New(tc.typ).Interface().(yamlx.Unmarshaler)
			err := p.UnmarshalYAMLNode(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
			if (err == nil) != (v != "bogus") {
				t.Errorf("%s %q: err = %v", tc.typ, v, err)
			}
		}
	}
}

// TestComment: the yaml-language-server line names the schema relative to
// the file, and only for the files a schema describes.
func TestComment(t *testing.T) {
	for _, tc := range []struct{ rel, want string }{
		{"content/site.yaml", "# yaml-language-server: $schema=../schema/site.schema.json"},
		{"content/data/plans/ke-hoach-829.yaml", "# yaml-language-server: $schema=../../../schema/plan.schema.json"},
		{"content/data/metrics/ho-so.yml", "# yaml-language-server: $schema=../../../schema/metric.schema.json"},
		{"content/data/metrics/ho-so.csv", ""},
		{"content/articles/a.md", ""},
		{"content/data/plans/sub/x.yaml", ""},
	} {
		got, ok := Comment(tc.rel)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Comment(%q) = %q, %v; want %q", tc.rel, got, ok, tc.want)
		}
	}
}

// TestWrite: the schemas are written whole into a new directory, written
// again over themselves, and a non-file in their place is refused.
func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "schema")
	for range 2 {
		written, err := Write(dir)
		if err != nil || len(written) != len(Docs) {
			t.Fatalf("Write = %v, %v", written, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(Docs) {
		t.Errorf("%d entries, want %d (a temporary file left behind?)", len(entries), len(Docs))
	}
	bad := filepath.Join(t.TempDir(), "schema")
	if err := os.MkdirAll(filepath.Join(bad, Docs[0].Name), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(bad); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("Write over a directory: %v", err)
	}
}

// TestExampleSiteNamesSchemas: each YAML file of the example site starts
// with the line naming its schema, so the repository itself shows editors
// completing keys.
func TestExampleSiteNamesSchemas(t *testing.T) {
	n := 0
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		want, ok := Comment(filepath.ToSlash(rel))
		if !ok {
			return nil
		}
		n++
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if first, _, _ := bytes.Cut(src, []byte("\n")); string(first) != want {
			t.Errorf("%s starts with %q, want %q", rel, first, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3 {
		t.Errorf("only %d YAML files in the example site", n)
	}
}
