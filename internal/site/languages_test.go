package site

import (
	"slices"
	"testing"
)

// TestLanguages: languages: lists the site's languages, the default
// first; the older language: alone still means one language, and the two
// keys must agree when both are written.
func TestLanguages(t *testing.T) {
	const head = "title: x\nbaseURL: https://x/\n"
	tests := []struct {
		name     string
		src      string
		language string
		langs    []string
		err      string
	}{
		{"neither key", "", "vi", []string{"vi"}, ""},
		{"language alone", "language: en\n", "en", []string{"en"}, ""},
		{"languages", "languages: [vi, en]\n", "vi", []string{"vi", "en"}, ""},
		{"English first", "languages: [en, vi]\n", "en", []string{"en", "vi"}, ""},
		{"both, agreeing", "language: vi\nlanguages: [vi, en]\n", "vi", []string{"vi", "en"}, ""},
		{"languages left empty", "languages:\n", "vi", []string{"vi"}, ""},
		{"languages null with language", "language: en\nlanguages: ~\n", "en", []string{"en"}, ""},
		{
			"both, disagreeing", "language: en\nlanguages: [vi, en]\n", "", nil,
			`content/site.yaml:3:11: language: "en" is not the first of languages (vi, en), the site's default: leave language: out, or make it the first of languages`,
		},
		{
			"an unsupported code", "languages: [vi, fr]\n", "", nil,
			`content/site.yaml:3:17: languages[1]: "fr" is not a supported language (want vi or en)`,
		},
		{
			"a code in capitals", "languages:\n  - VI\n", "", nil,
			`content/site.yaml:4:5: languages[0]: "VI" is not a supported language (want vi or en)`,
		},
		{
			"a language twice", "languages: [vi, en, vi]\n", "", nil,
			`content/site.yaml:3:21: languages[2]: "vi" is already listed (languages[0])`,
		},
		{
			"an empty list", "languages: []\n", "", nil,
			`content/site.yaml:3:12: languages: languages is empty: list the site's languages, the default first (e.g. [vi, en])`,
		},
		{
			"not a list", "languages: vi\n", "", nil,
			`content/site.yaml:3:12: languages: expected a list, got "vi"`,
		},
		{
			"language unsupported", "language: fr\n", "", nil,
			`content/site.yaml:3:11: language: "fr" is not a supported language (want vi or en)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := load(head + tt.src)
			if errs != tt.err {
				t.Fatalf("errors:\n%s\nwant:\n%s", errs, tt.err)
			}
			if tt.err != "" {
				return
			}
			if c.Language != tt.language || !slices.Equal(c.Languages, tt.langs) {
				t.Errorf("Language %q, Languages %q; want %q, %q", c.Language, c.Languages, tt.language, tt.langs)
			}
		})
	}
}
