package yamlx

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
)

type origin struct {
	Name string `yaml:"name" yamlx:"required"`
	URL  string `yaml:"url"`
}

type doc struct {
	Meta   Meta
	Title  string         `yaml:"title" yamlx:"required"`
	Count  int            `yaml:"count"`
	Share  float64        `yaml:"share"`
	Draft  bool           `yaml:"draft"`
	Tags   []string       `yaml:"tags"`
	Date   date.Date      `yaml:"date"`
	Source *origin        `yaml:"source"`
	Extra  map[string]int `yaml:"extra"`
}

func decode(t *testing.T, src string, offset int) (doc, []string) {
	t.Helper()
	var errs diag.List
	var d doc
	DecodeFile("f.yaml", []byte(src), offset, &d, &errs)
	var msgs []string
	for _, e := range errs.Errors() {
		msgs = append(msgs, e.Error())
	}
	return d, msgs
}

func TestDecodeValid(t *testing.T) {
	d, errs := decode(t, "title: Bản tin\ncount: 3\nshare: 96.5\ndraft: true\ntags: [a, b]\ndate: 2024-04-09\nsource: {name: Bộ Công an}\nextra: {x: 1}\n", 0)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d.Title != "Bản tin" || d.Count != 3 || d.Share != 96.5 || !d.Draft || len(d.Tags) != 2 ||
		d.Date.String() != "2024-04-09" || d.Source.Name != "Bộ Công an" || d.Extra["x"] != 1 {
		t.Errorf("decoded %+v", d)
	}
	if got := d.Meta.At("share"); got.Line != 3 || got.Col != 8 {
		t.Errorf("Meta.At(share) = %v", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		offset    int
		want      []string
	}{
		{"unknown key with suggestion", "title: x\ntitel: y\n", 0,
			[]string{`f.yaml:2:1: titel: unknown key "titel" (did you mean "title"?)`}},
		{"wrong types, all reported", "title: x\ncount: many\nshare: [1]\ndraft: yes please\n", 0,
			[]string{
				`f.yaml:2:8: count: expected a whole number, got "many"`,
				`f.yaml:3:8: share: expected a number, got a list`,
				`f.yaml:4:8: draft: expected true or false, got "yes please"`,
			}},
		{"missing required, nested", "source: {url: x}\n", 0,
			[]string{
				`f.yaml:1:1: title: required key "title" is missing`,
				`f.yaml:1:9: source.name: required key "name" is missing`,
			}},
		{"null required", "title:\n", 0, []string{`f.yaml:1:7: title: required key "title" has no value`}},
		{"duplicate key", "title: a\ntitle: b\n", 0, []string{`f.yaml:2:1: title: key "title" is already defined at line 1`}},
		{"bad date", "title: a\ndate: 2024-02-30\n", 0, []string{`f.yaml:2:7: date: "2024-02-30" is not a date (want YYYY-MM-DD)`}},
		{"offset lines", "title: a\ncount: x\n", 1, []string{`f.yaml:3:8: count: expected a whole number, got "x"`}},
		{"syntax error", "title: [a\n", 0, []string{"f.yaml:"}},
		{"list element path", "title: a\ntags: [a, [b]]\n", 0, []string{`f.yaml:2:11: tags[1]: expected text, got a list`}},
		{"lone trailing separator", "title: a\n---\n", 0, nil},
		{"bad byte, offset lines", "title: a\x00\n", 1, []string{`f.yaml:2:9: a NUL byte`}},
		{"syntax error, offset lines", "count: 1\ntitle: [a\n", 2, []string{`f.yaml:4: invalid YAML: did not find expected ',' or ']'`}},
		{"second document, offset lines", "title: a\n---\ncount: 1\n", 1, []string{`f.yaml:3:1: a second YAML document`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := decode(t, tt.src, tt.offset)
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors %q, want %q", len(errs), errs, tt.want)
			}
			for i := range errs {
				if !strings.HasPrefix(errs[i], tt.want[i]) {
					t.Errorf("error %d = %q, want %q", i, errs[i], tt.want[i])
				}
			}
		})
	}
}

func TestAliasBombIsRefused(t *testing.T) {
	// Each level repeats the previous one ten times: 10^8 strings once expanded.
	src := "title: x\na: &a [x,x,x,x,x,x,x,x,x,x]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		src += name + ": &" + name + " [" + strings.Repeat("*"+prev+",", 9) + "*" + prev + "]\n"
		prev = name
	}
	var target struct {
		Title string                 `yaml:"title"`
		A     []string               `yaml:"a"`
		B     [][]string             `yaml:"b"`
		C     [][][]string           `yaml:"c"`
		D     [][][][]string         `yaml:"d"`
		E     [][][][][]string       `yaml:"e"`
		F     [][][][][][]string     `yaml:"f"`
		G     [][][][][][][]string   `yaml:"g"`
		H     [][][][][][][][]string `yaml:"h"`
	}
	var errs diag.List
	DecodeFile("bomb.yaml", []byte(src), 0, &target, &errs)
	if !strings.Contains(errs.Error(), "too many aliases") {
		t.Fatalf("alias bomb not refused: %v", errs.Error())
	}
}

// TestAdversarialFiles decodes each file under testdata, one hostile or
// broken input per file, and checks the one error it must give: where
// (file:line or file:line:col) and what.
func TestAdversarialFiles(t *testing.T) {
	tests := []struct{ file, want string }{
		// yaml.v3 names the line before an unclosed "[" (a 0-based mark).
		{"unclosed-list.yaml", `unclosed-list.yaml:6: invalid YAML: did not find expected ',' or ']' (a list opened with "[" here is not closed with "]")`},
		// On the first line yaml.v3 names the line after; the "[" is on line 1.
		{"unclosed-list-first-line.yaml", `unclosed-list-first-line.yaml:1: invalid YAML: did not find expected ',' or ']'`},
		{"unclosed-map.yaml", `unclosed-map.yaml:3: invalid YAML: did not find expected ',' or '}'`},
		// The line at fault, not the start of the mapping it breaks.
		{"bad-indent.yaml", `bad-indent.yaml:5: invalid YAML: did not find expected key`},
		{"bad-indent-list.yaml", `bad-indent-list.yaml:5: invalid YAML: did not find expected key`},
		{"tab-indent.yaml", `tab-indent.yaml:3:1: invalid YAML: found character that cannot start any token (a tab: indent YAML with spaces)`},
		{"colon-in-value.yaml", `colon-in-value.yaml:2: invalid YAML: mapping values are not allowed in this context (a value holding ": " needs quotes)`},
		{"unclosed-quote.yaml", `unclosed-quote.yaml:2: invalid YAML: found unexpected end of stream`},
		{"unknown-alias.yaml", `unknown-alias.yaml:2:11: invalid YAML: alias *missing names no anchor &missing defined before it`},
		{"invalid-utf8.yaml", `invalid-utf8.yaml:2:11: byte 0xE9 is not valid UTF-8; save the file as UTF-8`},
		{"nul-byte.yaml", `nul-byte.yaml:2:9: a NUL byte (U+0000) is not allowed in YAML`},
		{"control-char.yaml", `control-char.yaml:3:9: control character U+001B is not allowed in YAML`},
		{"multi-document.yaml", `multi-document.yaml:2:1: a second YAML document starts here`},
		{"multi-document-after-comment.yaml", `multi-document-after-comment.yaml:5:1: a second YAML document starts here`},
		{"deep-flow.yaml", `deep-flow.yaml:1:101: values are nested more than 100 levels deep`},
		{"deep-flow-beyond-yaml-limit.yaml", `deep-flow-beyond-yaml-limit.yaml:2:107: invalid YAML: values are nested more than 100 levels deep`},
		{"deep-flow-maps.yaml", `deep-flow-maps.yaml:2:404: values are nested more than 100 levels deep`},
		{"deep-block-maps.yaml", `deep-block-maps.yaml:101:101: values are nested more than 100 levels deep`},
		{"nan.yaml", `nan.yaml:2:8: share: expected a finite number, got ".nan"`},
		{"inf.yaml", `inf.yaml:2:8: share: expected a finite number, got ".inf"`},
		{"minus-inf.yaml", `minus-inf.yaml:2:8: share: expected a finite number, got "-.Inf"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var errs diag.List
			var d doc
			DecodeFile(tt.file, src, 0, &d, &errs)
			got := errs.Errors()
			if len(got) != 1 || !strings.HasPrefix(got[0].Error(), tt.want) {
				t.Errorf("got %d errors:\n%v\nwant one starting with:\n%s", len(got), errs.Error(), tt.want)
			}
		})
	}
}

// TestMetaNullsAndItems checks what Meta tells beyond positions: a key
// written empty, and where each item of a list stands.
func TestMetaNullsAndItems(t *testing.T) {
	d, errs := decode(t, "title: x\ncount: ~\nshare:\ntags:\n  - a\n  - b\ndate: null\n", 0)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for key, want := range map[string]bool{"count": true, "share": true, "date": true, "title": false, "tags": false, "draft": false} {
		if got := d.Meta.IsNull(key); got != want {
			t.Errorf("IsNull(%s) = %v, want %v", key, got, want)
		}
	}
	if got := d.Meta.Item("tags", 1); got.Line != 6 || got.Col != 5 {
		t.Errorf("Item(tags, 1) = %v, want line 6 col 5", got)
	}
	if got := d.Meta.Item("tags", 9); got != d.Meta.At("tags") {
		t.Errorf("Item past the end = %v, want the key's value %v", got, d.Meta.At("tags"))
	}
}

// TestErrorsCappedPerFile: a mapping with many unknown keys reused through
// many aliases reports the first MaxErrors and one line saying there are
// more, instead of tens of thousands of lines (and seconds of work).
func TestErrorsCappedPerFile(t *testing.T) {
	type item struct {
		Name string `yaml:"name"`
	}
	var b strings.Builder
	b.WriteString("base: &big {name: x")
	for i := range 200 {
		fmt.Fprintf(&b, ", k%d: 1", i)
	}
	b.WriteString("}\nitems: [")
	for i := range 200 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("*big")
	}
	b.WriteString("]\n")
	type withBase struct {
		Base  item   `yaml:"base"`
		Items []item `yaml:"items"`
	}
	var errs diag.List
	var v withBase
	DecodeFile("f.yaml", []byte(b.String()), 0, &v, &errs)
	if n := errs.Len(); n != MaxErrors+1 {
		t.Fatalf("%d errors, want %d", n, MaxErrors+1)
	}
	if !strings.Contains(errs.Error(), "more than 100 errors in this file") {
		t.Error("no line saying errors were left out")
	}
}

// pair decodes itself from a mapping {a, b} and reports problems inside
// it through NodeError; finished counts FinishYAML calls of its parent.
type pair struct{ a, b string }

func (p *pair) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("expected a mapping, got %q", n.Value)
	}
	var errs []error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "a":
			p.a = v.Value
		case "b":
			p.b = v.Value
		default:
			errs = append(errs, &NodeError{Node: k, Sub: k.Value, Err: fmt.Errorf("unknown key %q", k.Value)})
		}
	}
	return errors.Join(errs...)
}

type withPair struct {
	P    pair   `yaml:"p"`
	Both string `yaml:"-"`
	done int
}

func (w *withPair) FinishYAML() { w.Both, w.done = w.P.a+w.P.b, w.done+1 }

func TestNodeErrorAndFinisher(t *testing.T) {
	tests := []struct {
		src    string
		both   string
		errors []string
	}{
		{"p: {a: x, b: y}\n", "xy", nil},
		{"p: {a: x, c: 1, d: 2}\n", "x", []string{`f.yaml:1:11: p.c: unknown key "c"`, `f.yaml:1:17: p.d: unknown key "d"`}},
		{"p: z\n", "", []string{`f.yaml:1:4: p: expected a mapping, got "z"`}},
	}
	for _, tt := range tests {
		var errs diag.List
		var w withPair
		DecodeFile("f.yaml", []byte(tt.src), 0, &w, &errs)
		var got []string
		for _, e := range errs.Errors() {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != strings.Join(tt.errors, "\n") {
			t.Errorf("%q: errors %q, want %q", tt.src, got, tt.errors)
		}
		if w.Both != tt.both || w.done != 1 {
			t.Errorf("%q: FinishYAML gave %q (%d calls), want %q once", tt.src, w.Both, w.done, tt.both)
		}
	}
}
