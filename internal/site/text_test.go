package site

import (
	"testing"
)

// TestTextPerLanguage: title, description and copyright take the default
// language's text as a plain string (the older form, still valid) or a
// mapping of languages to texts; a language the mapping leaves out falls
// back to the default language's text.
func TestTextPerLanguage(t *testing.T) {
	const base = "baseURL: https://x/\n"
	type texts struct{ title, description, copyright string }
	tests := []struct {
		name   string
		src    string
		vi, en texts
	}{
		{
			"plain strings are the default language's, in every language",
			"title: Tiến độ\ndescription: Mô tả\ncopyright: Bộ Công an\nlanguages: [vi, en]\n",
			texts{"Tiến độ", "Mô tả", "Bộ Công an"}, texts{"Tiến độ", "Mô tả", "Bộ Công an"},
		},
		{
			"a mapping gives each language its text",
			"title: {vi: Tiến độ, en: Progress}\ndescription: {vi: Mô tả, en: About}\ncopyright: {vi: Bộ Công an, en: Ministry}\nlanguages: [vi, en]\n",
			texts{"Tiến độ", "Mô tả", "Bộ Công an"}, texts{"Progress", "About", "Ministry"},
		},
		{
			"a block mapping, and a language left out falls back",
			"title:\n  vi: Tiến độ\n  en: Progress\ndescription: {vi: Mô tả}\ncopyright: Bộ Công an\nlanguages: [vi, en]\n",
			texts{"Tiến độ", "Mô tả", "Bộ Công an"}, texts{"Progress", "Mô tả", "Bộ Công an"},
		},
		{
			"English the default: the plain fields are English",
			"title: {vi: Tiến độ, en: Progress}\ncopyright: {en: Ministry}\nlanguages: [en, vi]\n",
			texts{"Tiến độ", "", "Ministry"}, texts{"Progress", "", "Ministry"},
		},
		{
			"an optional text may leave the default language out",
			"title: Tiến độ\ndescription: {en: About}\nlanguages: [vi, en]\n",
			texts{"Tiến độ", "", ""}, texts{"Tiến độ", "About", ""},
		},
		{
			"one language, language: alone",
			"title: {en: Progress}\nlanguage: en\n",
			texts{"Progress", "", ""}, texts{"Progress", "", ""},
		},
		{
			"a number or a boolean is text as typed",
			"title: 2024\ncopyright: {vi: true, en: 06}\nlanguages: [vi, en]\n",
			texts{"2024", "", "true"}, texts{"2024", "", "06"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := load(base + tt.src)
			if errs != "" {
				t.Fatal(errs)
			}
			for _, w := range []struct {
				lang string
				want texts
			}{{"vi", tt.vi}, {"en", tt.en}} {
				got := texts{c.TitleIn(w.lang), c.DescriptionIn(w.lang), c.CopyrightIn(w.lang)}
				if got != w.want {
					t.Errorf("in %s: %+v, want %+v", w.lang, got, w.want)
				}
			}
			def := tt.vi
			if c.Language == "en" {
				def = tt.en
			}
			if got := (texts{c.Title, c.Description, c.Copyright}); got != def {
				t.Errorf("plain fields %+v, want the default language's %+v", got, def)
			}
		})
	}
}

// TestTextErrors: each mistake in a text given per language is reported
// at its own key or value, in the words of the data's texts (data.Text).
func TestTextErrors(t *testing.T) {
	const base = "baseURL: https://x/\n"
	tests := []struct{ name, src, want string }{
		{
			"a language the site does not have",
			"languages: [vi, en]\ntitle: {vi: Tiến độ, fr: Progrès}\n",
			`content/site.yaml:3:22: title.fr: "fr" is not one of the site's languages (vi, en, in languages:)`,
		},
		{
			"English on a site of Vietnamese only",
			"title: Tiến độ\ncopyright:\n  vi: Bộ Công an\n  en: Ministry\n",
			`content/site.yaml:5:3: copyright.en: "en" is not one of the site's languages (vi, in languages:)`,
		},
		{
			"an unsupported language on a site of one",
			"language: en\ntitle: {en: Progress, de: Fortschritt}\n",
			`content/site.yaml:3:23: title.de: "de" is not one of the site's languages (en, in languages:)`,
		},
		{
			"the title without the default language",
			"languages: [vi, en]\ntitle: {en: Progress}\n",
			`content/site.yaml:3:8: title: no text in vi, the site's default language: give vi: (the other languages fall back to it)`,
		},
		{
			"an empty mapping",
			"title: {}\n",
			`content/site.yaml:2:8: title: no text: give the text, or a mapping of languages to texts ({vi: ..., en: ...})`,
		},
		{
			"a list",
			"title: [Tiến độ, Progress]\n",
			`content/site.yaml:2:8: title: expected text, or a mapping of languages to texts ({vi: ..., en: ...}), got a list`,
		},
		{
			"a language with no text",
			"languages: [vi, en]\ntitle: {vi: Tiến độ, en: ~}\n",
			`content/site.yaml:3:26: title.en: no text: give one, or leave the language out to fall back to the default language`,
		},
		{
			"a language twice",
			"languages: [vi, en]\ntitle: Tiến độ\ndescription:\n  vi: Mô tả\n  vi: Mô tả khác\n",
			`content/site.yaml:6:3: description.vi: language "vi" is already given at line 5`,
		},
		{
			"a mapping as a language's text",
			"languages: [vi, en]\ntitle: {vi: Tiến độ, en: {text: Progress}}\n",
			`content/site.yaml:3:26: title.en: expected text, got a mapping`,
		},
		{
			"the title null",
			"title: ~\n",
			`content/site.yaml:2:8: title: required key "title" has no value`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := load(base + tt.src)
			if c != nil || errs != tt.want {
				t.Errorf("config %v, errors:\n%s\nwant:\n%s", c != nil, errs, tt.want)
			}
		})
	}
}
