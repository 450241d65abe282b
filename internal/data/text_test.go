package data

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
)

const (
	planFile   = "content/data/plans/ke-hoach.yaml"
	metricFile = "content/data/metrics/ho-so.yaml"
)

// bilingualPlan gives every human text of a plan per language, and some
// in one language only.
const bilingualPlan = `title: {vi: Kế hoạch năm 2024, en: Plan for 2024}
decision: 829/QĐ-BCĐ
issued: 2024-02-06
owner: {vi: Bộ Công an, en: Ministry of Public Security}
summary: Tóm tắt
source: {name: {vi: Bộ Công an, en: Ministry of Public Security}}
tasks:
  - id: T01
    title:
      vi: Chỉ thị
      en: Directive
    owner: Văn phòng Bộ
    note: {en: Done early}
    kind: scheduled
    due: 2024-03-31
    updates:
      - {date: 2024-02-14, status: done, note: {vi: xong, en: done}}
`

const bilingualMetric = `title: {vi: Hồ sơ được số hóa, en: Records digitized}
description: {vi: Mô tả, en: Description}
unit: {vi: hồ sơ, en: records}
kind: flow
period: quarter
values:
  - period: 2023-Q4
    value: 30
    revisions:
      - {date: 2024-02-01, value: 31, note: {en: revised}}
  - {period: 2024-Q1, value: 20, note: {vi: hơn 20, en: over 20}}
`

func loadLangs(t *testing.T, files map[string]string, langs []string) (*Set, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	errs := &diag.List{}
	s := Load(fsys, "", errs)
	s.ApplyLanguages(langs, errs)
	s.Validate(asOf, errs)
	var msgs []string
	for _, e := range errs.Errors() {
		msgs = append(msgs, e.Error())
	}
	return s, msgs
}

// TestTextPerLanguage: each field keeps the default language's text, and
// the ...In methods give the others, falling back to the default.
func TestTextPerLanguage(t *testing.T) {
	for _, langs := range [][]string{{"vi", "en"}, {"en", "vi"}} {
		s, errs := loadLangs(t, map[string]string{planFile: bilingualPlan, metricFile: bilingualMetric}, langs)
		if len(errs) > 0 {
			t.Fatalf("%v: %s", langs, strings.Join(errs, "\n"))
		}
		p, m := s.Plans["ke-hoach"], s.Metrics["ho-so"]
		task := &p.Tasks[0]
		def := langs[0]
		tests := []struct {
			name, field string
			in          func(string) string
			vi, en      string
		}{
			{"plan title", p.Title, p.TitleIn, "Kế hoạch năm 2024", "Plan for 2024"},
			{"plan owner", p.Owner, p.OwnerIn, "Bộ Công an", "Ministry of Public Security"},
			{"plan summary (plain)", p.Summary, p.SummaryIn, "Tóm tắt", "Tóm tắt"},
			{"plan source", p.Source.Name, p.Source.NameIn, "Bộ Công an", "Ministry of Public Security"},
			{"task title", task.Title, task.TitleIn, "Chỉ thị", "Directive"},
			{"task owner (plain)", task.Owner, task.OwnerIn, "Văn phòng Bộ", "Văn phòng Bộ"},
			{"update note", task.Updates[0].Note, task.Updates[0].NoteIn, "xong", "done"},
			{"metric title", m.Title, m.TitleIn, "Hồ sơ được số hóa", "Records digitized"},
			{"metric description", m.Description, m.DescriptionIn, "Mô tả", "Description"},
			{"metric unit", m.Unit, m.UnitIn, "hồ sơ", "records"},
			{"value note", m.Values[1].Note, m.Values[1].NoteIn, "hơn 20", "over 20"},
			{"value note (none)", m.Values[0].Note, m.Values[0].NoteIn, "", ""},
		}
		for _, tt := range tests {
			want := map[string]string{"vi": tt.vi, "en": tt.en}
			if tt.field != want[def] {
				t.Errorf("%v: %s field = %q, want the default language's %q", langs, tt.name, tt.field, want[def])
			}
			for _, lang := range []string{"vi", "en"} {
				if got := tt.in(lang); got != want[lang] {
					t.Errorf("%v: %s in %s = %q, want %q", langs, tt.name, lang, got, want[lang])
				}
			}
		}
		// An optional text may leave out even the default language: its
		// pages show none, the others' their own.
		if got := task.NoteIn("en"); got != "Done early" {
			t.Errorf("%v: task note in en = %q", langs, got)
		}
		if r := &m.Values[0].Revisions[0]; r.NoteIn("en") != "revised" || r.NoteIn("vi") != r.Note {
			t.Errorf("%v: revision note in en = %q, in vi %q", langs, r.NoteIn("en"), r.NoteIn("vi"))
		}
		if def == "vi" && (task.Note != "" || task.NoteIn("vi") != "") {
			t.Errorf("task note in vi = %q (field %q), want none", task.NoteIn("vi"), task.Note)
		}
	}
}

// TestTextErrors: errors in the mapping form at their key or value, and
// the site's languages checked once they are known.
func TestTextErrors(t *testing.T) {
	const head = "decision: x\nissued: 2024-02-06\n"
	tests := []struct {
		name  string
		plan  string
		langs []string
		want  []string
	}{
		{
			"a language the site does not have", "title: {vi: A, fr: B}\n" + head, []string{"vi", "en"},
			[]string{`content/data/plans/ke-hoach.yaml:1:16: title.fr: "fr" is not one of the site's languages (vi, en, in content/site.yaml)`},
		},
		{
			"English on a site in Vietnamese only", "title:\n  vi: A\n  en: B\n" + head, []string{"vi"},
			[]string{`content/data/plans/ke-hoach.yaml:3:3: title.en: "en" is not one of the site's languages (vi, in content/site.yaml)`},
		},
		{
			"the default language missing", "title: {en: B}\n" + head, []string{"vi", "en"},
			[]string{`content/data/plans/ke-hoach.yaml:1:8: title: no text in vi, the site's default language: give vi: (the other languages fall back to it)`},
		},
		{
			"the default is English", "title: {vi: B}\nowner: {vi: B}\n" + head, []string{"en", "vi"},
			[]string{`content/data/plans/ke-hoach.yaml:1:8: title: no text in en, the site's default language: give en: (the other languages fall back to it)`},
		},
		{
			"a language twice", "title: {vi: A, vi: B}\n" + head, []string{"vi", "en"},
			[]string{`content/data/plans/ke-hoach.yaml:1:16: title.vi: language "vi" is already given at line 1`},
		},
		{
			"a list", "title: [A, B]\n" + head, []string{"vi"},
			[]string{`content/data/plans/ke-hoach.yaml:1:8: title: expected text, or a mapping of languages to texts ({vi: ..., en: ...}), got a list`},
		},
		{
			"a nested value", "title: {vi: A, en: [B]}\n" + head, []string{"vi", "en"},
			[]string{`content/data/plans/ke-hoach.yaml:1:20: title.en: expected text, got a list`},
		},
		{
			"an empty language", "title: {vi: A, en: }\n" + head, []string{"vi", "en"},
			[]string{`content/data/plans/ke-hoach.yaml:1:20: title.en: no text: give one, or leave the language out to fall back to the default language`},
		},
		{
			"an empty mapping", "title: {}\n" + head, []string{"vi", "en"},
			[]string{`content/data/plans/ke-hoach.yaml:1:8: title: no text: give the text, or a mapping of languages to texts ({vi: ..., en: ...})`},
		},
		{
			"a task's title in a task", head + "tasks:\n  - {id: T1, kind: recurring, title: {vi: A, de: B}}\n", []string{"vi", "en"},
			[]string{
				`content/data/plans/ke-hoach.yaml:1:1: title: required key "title" is missing`,
				`content/data/plans/ke-hoach.yaml:4:46: tasks[0].title.de: "de" is not one of the site's languages (vi, en, in content/site.yaml)`,
			},
		},
		{
			"the required title null", "title:\n" + head, []string{"vi"},
			[]string{`content/data/plans/ke-hoach.yaml:1:7: title: required key "title" has no value`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := loadLangs(t, map[string]string{planFile: tt.plan}, tt.langs)
			if !slices.Equal(errs, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTextBeforeLanguages: until the site's languages are applied, the
// plain field holds the mapping's vi text (the default of a site that
// names no languages), so code that never calls ApplyLanguages still
// reads a title.
func TestTextBeforeLanguages(t *testing.T) {
	s, errs := load(map[string]string{planFile: "title: {en: Plan, vi: Kế hoạch}\nissued: 2024-02-06\n", metricFile: "title: {en: Records}\nkind: flow\nperiod: year\nvalues: [{period: 2023, value: 1}]\n"})
	if errs.Len() > 0 {
		t.Fatal(errs.Error())
	}
	if got := s.Plans["ke-hoach"].Title; got != "Kế hoạch" {
		t.Errorf("title = %q, want the vi text", got)
	}
	if got := s.Metrics["ho-so"].Title; got != "Records" {
		t.Errorf("title = %q, want the only text", got)
	}
}

// TestApplyLanguagesAgain: applying again with other languages (site.yaml
// edited) moves the plain fields to the new default.
func TestApplyLanguagesAgain(t *testing.T) {
	s, errs := loadLangs(t, map[string]string{metricFile: bilingualMetric}, []string{"vi", "en"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := s.Metrics["ho-so"]
	var list diag.List
	s.ApplyLanguages([]string{"en", "vi"}, &list)
	if list.Len() > 0 || m.Title != "Records digitized" || m.Unit != "records" || m.Values[1].Note != "over 20" {
		t.Errorf("after en first: %q, %q, %v", m.Title, m.Unit, list.Error())
	}
	s.ApplyLanguages([]string{"vi", "en"}, &list)
	if m.Title != "Hồ sơ được số hóa" || m.Values[1].Note != "hơn 20" {
		t.Errorf("back to vi first: %q, %q", m.Title, m.Values[1].Note)
	}
}

// TestTextFieldsAreTheLanguages: the mapping form the JSON Schemas
// describe lists exactly the languages bantin supports.
func TestTextFieldsAreTheLanguages(t *testing.T) {
	typ := Text{}.MappingType()
	var keys []string
	for i := range typ.NumField() {
		keys = append(keys, typ.Field(i).Tag.Get("yaml"))
	}
	if !slices.Equal(keys, locale.Supported()) {
		t.Errorf("textFields has %q, locale supports %q", keys, locale.Supported())
	}
	if typ.Kind() != reflect.Struct {
		t.Errorf("MappingType is a %s", typ.Kind())
	}
	tx := Text{tr: []translation{{lang: "vi", text: "A"}, {lang: "en", text: "B"}}}
	if !tx.PerLanguage() || !slices.Equal(tx.Languages(), []string{"vi", "en"}) {
		t.Errorf("PerLanguage %v, Languages %q", tx.PerLanguage(), tx.Languages())
	}
	if (Text{}).PerLanguage() {
		t.Error("the zero Text is per language")
	}
}
