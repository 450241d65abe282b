package yamlx

import (
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
)

type source struct {
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
	Source *source        `yaml:"source"`
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
