package site

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/diag"
)

// Text is a human text of the settings (the site's title, description,
// copyright) that may be given in each of the site's languages, exactly
// as the data's texts are (data.Text):
//
//	title: Tiến độ chuyển đổi số Bộ Công an                 # the default language's
//	title: {vi: Tiến độ chuyển đổi số Bộ Công an, en: Digital transformation progress}
//
// It is a data.Text, so both files accept the same forms, report the same
// mistakes with the same words and are described by the same JSON Schema;
// it keeps beside it what the settings need and data.Text does not
// export: the plain form's text and where each language's key is. Unlike
// the data, site.yaml names its languages itself, so Load checks the keys
// against languages: at once (Config.checkTexts), and fills the plain
// field beside each Text (Config.Title) with the default language's text.
type Text struct {
	data.Text
	plain string    // the plain form, as written; "" for the mapping form
	keys  []textKey // the mapping form's keys, in the order written
	line  int       // where the value is
	col   int
}

// textKey is where one language's key of a Text is, for errors.
type textKey struct {
	lang      string
	line, col int
}

// UnmarshalYAMLNode decodes the value as data.Text does, and keeps the
// plain text and the keys' places.
func (t *Text) UnmarshalYAMLNode(n *yaml.Node) error {
	*t = Text{line: n.Line, col: n.Column}
	switch n.Kind {
	case yaml.ScalarNode:
		t.plain = n.Value
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				t.keys = append(t.keys, textKey{lang: k.Value, line: k.Line, col: k.Column})
			}
		}
	}
	return t.Text.UnmarshalYAMLNode(n)
}

// in returns the text for lang, or def (the default language's, which
// the plain field beside it holds) when the text gives none for lang.
func (t *Text) in(lang, def string) string {
	if s, ok := t.Get(lang); ok {
		return s
	}
	return def
}

// TitleIn returns the site's title in lang: the text site.yaml gives for
// lang, else the default language's (Title). The pages, feeds and
// metadata of each language's edition read the title through it.
func (c *Config) TitleIn(lang string) string { return c.TitleText.in(lang, c.Title) }

// DescriptionIn returns the site's description in lang, falling back to
// the default language's (Description).
func (c *Config) DescriptionIn(lang string) string {
	return c.DescriptionText.in(lang, c.Description)
}

// CopyrightIn returns the site's copyright line in lang, falling back to
// the default language's (Copyright).
func (c *Config) CopyrightIn(lang string) string { return c.CopyrightText.in(lang, c.Copyright) }

// checkTexts checks the texts given per language against the site's
// languages (checkLanguages has filled c.Languages) and sets each plain
// field to the default language's text, as data.Set.ApplyLanguages does
// for the data: a language the site does not have is an error at its key;
// a language left out falls back to the default language's text; the
// title, which every page shows, must give the default language, since
// every other falls back to it. An optional text (description,
// copyright) may leave it out, and is then empty in the default language.
func (c *Config) checkTexts(errs *diag.List) {
	c.Title = c.text(&c.TitleText, "title", true, errs)
	c.Description = c.text(&c.DescriptionText, "description", false, errs)
	c.Copyright = c.text(&c.CopyrightText, "copyright", false, errs)
}

func (c *Config) text(t *Text, field string, required bool, errs *diag.List) string {
	if !t.PerLanguage() || len(c.Languages) == 0 {
		return t.plain
	}
	for _, lang := range t.Languages() {
		if slices.Contains(c.Languages, lang) {
			continue
		}
		pos := diag.Pos{File: c.Meta.Pos.File, Line: t.line, Col: t.col}
		if i := slices.IndexFunc(t.keys, func(k textKey) bool { return k.lang == lang }); i >= 0 {
			pos.Line, pos.Col = t.keys[i].line, t.keys[i].col
		}
		errs.Errorf(pos, field+"."+lang, "%q is not one of the site's languages (%s, in languages:)", lang, strings.Join(c.Languages, ", "))
	}
	def := c.Languages[0]
	s, ok := t.Get(def)
	if !ok && required {
		errs.Errorf(diag.Pos{File: c.Meta.Pos.File, Line: t.line, Col: t.col}, field,
			"no text in %s, the site's default language: give %s: (the other languages fall back to it)", def, def)
	}
	return s
}
