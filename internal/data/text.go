package data

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/yamlx"
)

// Text is a human text of the data (a title, a unit, a note) that may be
// given in each of the site's languages:
//
//	title: Hồ sơ được số hóa                          # the default language's text
//	title: {vi: Hồ sơ được số hóa, en: Records digitized}
//
// The model keeps, beside each such field, a plain string field holding
// the default language's text (Plan.Title beside Plan.TitleText), so the
// code that reads the data in one language is unchanged; the pages of
// another language ask for it with the owner's ...In(lang) methods
// (Plan.TitleIn). A language the mapping leaves out falls back to the
// default language's text. Which languages a site has is known only once
// site.yaml is read, so Set.ApplyLanguages checks the mapping's keys
// against them and sets the plain fields to the site's default language.
type Text struct {
	plain string        // the plain form, as written; "" for the mapping form
	tr    []translation // the mapping form, in the order written; nil for the plain form
	line  int32         // where the value is, for errors after decoding
	col   int32
}

// translation is one language's text of a Text.
type translation struct {
	lang, text string
	line, col  int32 // the language's key
}

// Get returns the text written for lang in the mapping form, and whether
// there is one. The plain form has none: its text is the default
// language's, in the plain field beside it.
func (t Text) Get(lang string) (string, bool) {
	for _, x := range t.tr {
		if x.lang == lang {
			return x.text, true
		}
	}
	return "", false
}

// PerLanguage reports whether the text was given as a mapping of languages.
func (t Text) PerLanguage() bool { return t.tr != nil }

// Languages lists the languages the mapping form gives, in the order written.
func (t Text) Languages() []string {
	out := make([]string, len(t.tr))
	for i, x := range t.tr {
		out[i] = x.lang
	}
	return out
}

// in returns the text for lang, or def (the default language's, which
// the plain field beside it holds) when the text has none for lang.
func (t Text) in(lang, def string) string {
	if s, ok := t.Get(lang); ok {
		return s
	}
	return def
}

// initial is what the plain field holds once the file is decoded, before
// the site's languages are known: the plain form, or the mapping's "vi"
// (the default language of a site that names none), else its first text.
// ApplyLanguages then sets it to the site's default language.
func (t Text) initial() string {
	if t.tr == nil {
		return t.plain
	}
	if s, ok := t.Get("vi"); ok {
		return s
	}
	return t.tr[0].text
}

// textFields is the mapping form of a Text, for the JSON Schemas (package
// schema), which describe the languages bantin supports; a test holds it
// to locale.Supported.
type textFields struct {
	Vi string `yaml:"vi"`
	En string `yaml:"en"`
}

// MappingType is the type the mapping form of a Text decodes like, for
// the JSON Schemas.
func (Text) MappingType() reflect.Type { return reflect.TypeFor[textFields]() }

// UnmarshalYAMLNode accepts text (any scalar, as written) or a mapping of
// language codes to texts. Each problem inside the mapping is reported at
// its own key or value.
func (t *Text) UnmarshalYAMLNode(n *yaml.Node) error {
	*t = Text{line: int32(n.Line), col: int32(n.Column)}
	switch n.Kind {
	case yaml.ScalarNode:
		t.plain = n.Value
		return nil
	case yaml.SequenceNode:
		return errors.New("expected text, or a mapping of languages to texts ({vi: ..., en: ...}), got a list")
	case yaml.MappingNode:
	default:
		return errors.New("expected text, or a mapping of languages to texts ({vi: ..., en: ...})")
	}
	if len(n.Content) == 0 {
		return errors.New("no text: give the text, or a mapping of languages to texts ({vi: ..., en: ...})")
	}
	var errs []error
	t.tr = make([]translation, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if k.Kind != yaml.ScalarNode {
			errs = append(errs, &yamlx.NodeError{Node: k, Err: errors.New("a language code (vi, en) is expected as the key")})
			continue
		}
		lang := k.Value
		if prev := slices.IndexFunc(t.tr, func(x translation) bool { return x.lang == lang }); prev >= 0 {
			errs = append(errs, &yamlx.NodeError{Node: k, Sub: lang, Err: fmt.Errorf("language %q is already given at line %d", lang, t.tr[prev].line)})
			continue
		}
		switch {
		case v.Kind != yaml.ScalarNode:
			errs = append(errs, &yamlx.NodeError{Node: v, Sub: lang, Err: fmt.Errorf("expected text, got %s", yamlx.Describe(v))})
			continue
		case v.Tag == "!!null" || strings.TrimSpace(v.Value) == "":
			errs = append(errs, &yamlx.NodeError{Node: v, Sub: lang, Err: errors.New("no text: give one, or leave the language out to fall back to the default language")})
			continue
		}
		t.tr = append(t.tr, translation{lang: lang, text: v.Value, line: int32(k.Line), col: int32(k.Column)})
	}
	if len(t.tr) == 0 {
		t.tr = nil
	}
	return errors.Join(errs...)
}

// The texts of each part of the model in a language. Each falls back to
// the default language's text, the plain field, when the data gives none
// in lang.

// TitleIn returns the plan's title in lang.
func (p *Plan) TitleIn(lang string) string { return p.TitleText.in(lang, p.Title) }

// SummaryIn returns the plan's summary in lang.
func (p *Plan) SummaryIn(lang string) string { return p.SummaryText.in(lang, p.Summary) }

// OwnerIn returns the plan's owner in lang.
func (p *Plan) OwnerIn(lang string) string { return p.OwnerText.in(lang, p.Owner) }

// TitleIn returns the task's title in lang.
func (t *Task) TitleIn(lang string) string { return t.TitleText.in(lang, t.Title) }

// OwnerIn returns the task's owner in lang.
func (t *Task) OwnerIn(lang string) string { return t.OwnerText.in(lang, t.Owner) }

// NoteIn returns the task's note in lang.
func (t *Task) NoteIn(lang string) string { return t.NoteText.in(lang, t.Note) }

// NoteIn returns the update's note in lang.
func (u *Update) NoteIn(lang string) string { return u.NoteText.in(lang, u.Note) }

// TitleIn returns the metric's title in lang.
func (m *Metric) TitleIn(lang string) string { return m.TitleText.in(lang, m.Title) }

// DescriptionIn returns the metric's description in lang.
func (m *Metric) DescriptionIn(lang string) string {
	return m.DescriptionText.in(lang, m.Description)
}

// UnitIn returns the metric's unit in lang.
func (m *Metric) UnitIn(lang string) string { return m.UnitText.in(lang, m.Unit) }

// NoteIn returns the value's note in lang.
func (v *Value) NoteIn(lang string) string { return v.NoteText.in(lang, v.Note) }

// NoteIn returns the revision's note in lang.
func (r *Revision) NoteIn(lang string) string { return r.NoteText.in(lang, r.Note) }

// NameIn returns the source's name in lang.
func (s *Source) NameIn(lang string) string { return s.NameText.in(lang, s.Name) }

// FinishYAML fills the plain fields from the texts just decoded.
func (p *Plan) FinishYAML() {
	p.Title, p.Summary, p.Owner = p.TitleText.initial(), p.SummaryText.initial(), p.OwnerText.initial()
}

// FinishYAML fills the plain fields from the texts just decoded.
func (t *Task) FinishYAML() {
	t.Title, t.Owner, t.Note = t.TitleText.initial(), t.OwnerText.initial(), t.NoteText.initial()
}

// FinishYAML fills the plain field from the text just decoded.
func (u *Update) FinishYAML() { u.Note = u.NoteText.initial() }

// FinishYAML fills the plain fields from the texts just decoded.
func (m *Metric) FinishYAML() {
	m.Title, m.Description, m.Unit = m.TitleText.initial(), m.DescriptionText.initial(), m.UnitText.initial()
}

// FinishYAML fills the plain field from the text just decoded.
func (v *Value) FinishYAML() { v.Note = v.NoteText.initial() }

// FinishYAML fills the plain field from the text just decoded.
func (r *Revision) FinishYAML() { r.Note = r.NoteText.initial() }

// FinishYAML fills the plain field from the text just decoded.
func (s *Source) FinishYAML() { s.Name = s.NameText.initial() }

// ApplyLanguages checks every text given per language against the site's
// languages (langs, the default first, as site.Config.Languages has
// them) and sets each plain field to the default language's text. A
// language the site does not have is an error at its key, naming the
// site's languages. A language left out is no error: its pages show the
// default language's text. A required text (a title, a source's name)
// must give the default language, since every other falls back to it:
// its absence is an error at the mapping. An optional one (a note, a
// unit) may leave it out too, and is then empty in the default language.
//
// The build calls it once the data and the settings are loaded, before
// Validate. It may be called again with the same set (after an edit):
// fields are written only when they change, so models shared with a
// previous build are left as they are when the languages are the same.
func (s *Set) ApplyLanguages(langs []string, errs *diag.List) {
	if len(langs) == 0 {
		return
	}
	a := applier{langs: langs, errs: errs}
	plans := make([]*Plan, 0, len(s.Plans)+len(s.unlistedPlans))
	for _, id := range s.PlanIDs() {
		plans = append(plans, s.Plans[id])
	}
	plans = append(plans, s.unlistedPlans...)
	for _, p := range plans {
		a.file = p.File
		a.text(&p.TitleText, &p.Title, p.Meta.Field("title"), true)
		a.text(&p.SummaryText, &p.Summary, p.Meta.Field("summary"), false)
		a.text(&p.OwnerText, &p.Owner, p.Meta.Field("owner"), false)
		a.source(p.Source)
		for i := range p.Tasks {
			t := &p.Tasks[i]
			a.text(&t.TitleText, &t.Title, t.Meta.Field("title"), true)
			a.text(&t.OwnerText, &t.Owner, t.Meta.Field("owner"), false)
			a.text(&t.NoteText, &t.Note, t.Meta.Field("note"), false)
			for j := range t.Updates {
				u := &t.Updates[j]
				a.text(&u.NoteText, &u.Note, u.Meta.Field("note"), false)
			}
		}
	}
	metrics := make([]*Metric, 0, len(s.Metrics)+len(s.unlistedMetrics))
	for _, id := range s.MetricIDs() {
		metrics = append(metrics, s.Metrics[id])
	}
	metrics = append(metrics, s.unlistedMetrics...)
	for _, m := range metrics {
		a.file = m.File
		a.text(&m.TitleText, &m.Title, m.Meta.Field("title"), true)
		a.text(&m.DescriptionText, &m.Description, m.Meta.Field("description"), false)
		a.text(&m.UnitText, &m.Unit, m.Meta.Field("unit"), false)
		a.source(m.Source)
		for i := range m.Values {
			v := &m.Values[i]
			a.text(&v.NoteText, &v.Note, v.Meta.Field("note"), false)
			for j := range v.Revisions {
				r := &v.Revisions[j]
				a.text(&r.NoteText, &r.Note, r.Meta.Field("note"), false)
			}
		}
	}
}

// applier checks the texts of one file after another.
type applier struct {
	langs []string
	errs  *diag.List
	file  string
}

func (a *applier) source(s *Source) {
	if s != nil {
		a.text(&s.NameText, &s.Name, s.Meta.Field("name"), true)
	}
}

func (a *applier) text(t *Text, field *string, path string, required bool) {
	if t.tr == nil {
		return
	}
	def := a.langs[0]
	for _, x := range t.tr {
		if !slices.Contains(a.langs, x.lang) {
			a.errs.Errorf(diag.Pos{File: a.file, Line: int(x.line), Col: int(x.col)}, path+"."+x.lang,
				"%q is not one of the site's languages (%s, in content/site.yaml)", x.lang, strings.Join(a.langs, ", "))
		}
	}
	s, ok := t.Get(def)
	if !ok && required {
		a.errs.Errorf(diag.Pos{File: a.file, Line: int(t.line), Col: int(t.col)}, path,
			"no text in %s, the site's default language: give %s: (the other languages fall back to it)", def, def)
		return
	}
	if *field != s {
		*field = s
	}
}
