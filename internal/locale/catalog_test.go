package locale

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/diag"
)

// theme is a small theme with the UI strings of both languages.
func theme(vi, en string) fstest.MapFS {
	return fstest.MapFS{
		"i18n/vi.yaml": {Data: []byte(vi)},
		"i18n/en.yaml": {Data: []byte(en)},
	}
}

const (
	themeVI = "list.page: Trang %d/%d\nmetric.latest: Số liệu mới nhất\nnav.home: Trang chủ\n"
	themeEN = "list.page: Page %d of %d\nmetric.latest: Latest value\nnav.home: Home\n"
)

// errorLines returns the messages of a LoadCatalog error, one per error.
func errorLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var list *diag.List
	if !errors.As(err, &list) {
		t.Fatalf("error is not a *diag.List: %v", err)
	}
	var out []string
	for _, e := range list.Errors() {
		out = append(out, e.Error())
	}
	return out
}

func TestLoadCatalogTheme(t *testing.T) {
	tests := []struct {
		name   string
		theme  fstest.MapFS
		errors []string
	}{
		{"both languages", theme(themeVI, themeEN), nil},
		{
			"a key missing in en",
			theme(themeVI, "list.page: Page %d of %d\nnav.home: Home\n"),
			[]string{`templates/i18n/en.yaml: missing key "metric.latest" (vi.yaml has it)`},
		},
		{
			"a key missing in vi",
			theme("list.page: Trang %d/%d\nnav.home: Trang chủ\n", themeEN),
			[]string{`templates/i18n/vi.yaml: missing key "metric.latest" (en.yaml has it)`},
		},
		{
			"a file missing",
			fstest.MapFS{"i18n/vi.yaml": {Data: []byte(themeVI)}},
			[]string{"templates/i18n/en.yaml: missing: the theme has no UI strings for en"},
		},
		{
			"verbs differ between languages",
			theme(themeVI, "list.page: Page %d\nmetric.latest: Latest value\nnav.home: Home %s\n"),
			[]string{
				`templates/i18n/en.yaml:1:12: key "list.page" takes %d, but vi.yaml's takes %d, %d: every language takes the same values`,
				`templates/i18n/en.yaml:3:11: key "nav.home" takes %s, but vi.yaml's takes no values: every language takes the same values`,
			},
		},
		{
			"a verb of another kind",
			theme(themeVI, "list.page: Page %s of %d\nmetric.latest: Latest value\nnav.home: Home\n"),
			[]string{`templates/i18n/en.yaml:1:12: key "list.page" takes %s, %d, but vi.yaml's takes %d, %d: every language takes the same values`},
		},
		{
			"values reordered by index, width and %% are allowed",
			theme("a: '%[2]s của %[1]s: 100%%'\nb: '%02d'\n", "a: '%s: %s, 100%'\nb: '%d'\n"),
			nil,
		},
		{
			"duplicate key and empty text",
			theme("a: x\na: y\nb: ''\nc:\n", "a: x\nb: y\nc: z\n"),
			[]string{
				`templates/i18n/vi.yaml:2:1: key "a" is already defined at line 1`,
				`templates/i18n/vi.yaml:3:4: key "b" is empty: give a text, or leave the key out`,
				`templates/i18n/vi.yaml:4:1: key "c" has no text`,
			},
		},
		{
			"nested keys",
			theme("nav:\n  home: Trang chủ\n", "nav: x\n"),
			[]string{`templates/i18n/vi.yaml:2:3: key "nav": expected text, got a mapping (keys are written whole, as in nav.home: Trang chủ)`},
		},
		{
			"not a mapping",
			theme("- a\n", "a: x\n"),
			[]string{`templates/i18n/vi.yaml:1:1: expected a mapping of UI keys to texts (nav.home: Trang chủ), got a list`},
		},
		{
			"invalid YAML",
			theme("a: [x\n", "a: x\n"),
			nil, // checked below: positioned by yamlx
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadCatalog(tt.theme, nil, "")
			got := errorLines(t, err)
			if tt.name == "invalid YAML" {
				if len(got) != 1 || !strings.HasPrefix(got[0], "templates/i18n/vi.yaml:") || !strings.Contains(got[0], "invalid YAML") {
					t.Fatalf("errors = %q, want one positioned invalid YAML", got)
				}
				return
			}
			if !slices.Equal(got, tt.errors) {
				t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errors, "\n"))
			}
			if err == nil && c == nil {
				t.Fatal("no catalogue and no error")
			}
		})
	}
}

func TestLoadCatalogOverride(t *testing.T) {
	th := theme(themeVI, themeEN)
	tests := []struct {
		name   string
		site   fstest.MapFS
		want   map[string]string // "lang key" → text
		errors []string
	}{
		{
			name: "no i18n directory",
			site: fstest.MapFS{"base.html": {Data: []byte("x")}},
			want: map[string]string{"vi nav.home": "Trang chủ", "en nav.home": "Home"},
		},
		{
			name: "one key in one language",
			site: fstest.MapFS{"i18n/vi.yaml": {Data: []byte("nav.home: Trang nhất\n")}},
			want: map[string]string{
				"vi nav.home": "Trang nhất", "vi metric.latest": "Số liệu mới nhất", "vi list.page": "Trang %d/%d",
				"en nav.home": "Home",
			},
		},
		{
			name: "keys in both languages",
			site: fstest.MapFS{
				"i18n/vi.yaml": {Data: []byte("list.page: Trang %d trên %d\n")},
				"i18n/en.yaml": {Data: []byte("metric.latest: Most recent\nlist.page: 'Page %[1]d (of %[2]d)'\n")},
			},
			want: map[string]string{
				"vi list.page": "Trang %d trên %d", "en list.page": "Page %[1]d (of %[2]d)",
				"en metric.latest": "Most recent", "vi metric.latest": "Số liệu mới nhất",
			},
		},
		{
			name: "an empty file",
			site: fstest.MapFS{"i18n/en.yaml": {Data: nil}},
			want: map[string]string{"en nav.home": "Home"},
		},
		{
			name: "hidden files are not read",
			site: fstest.MapFS{"i18n/.gitkeep": {Data: nil}, "i18n/.vi.yaml.swp": {Data: []byte{0}}},
			want: map[string]string{"vi nav.home": "Trang chủ"},
		},
		{
			name:   "unknown key, with a suggestion",
			site:   fstest.MapFS{"i18n/en.yaml": {Data: []byte("nav.home: Start\nnav.hom: Start\nfooter.text: Hi\n")}},
			errors: []string{`demo/templates/i18n/en.yaml:2:1: unknown key "nav.hom" (did you mean "nav.home"?): a site can change the theme's texts, not add keys`, `demo/templates/i18n/en.yaml:3:1: unknown key "footer.text": a site can change the theme's texts, not add keys`},
		},
		{
			name:   "an override takes other values",
			site:   fstest.MapFS{"i18n/vi.yaml": {Data: []byte("nav.home: Trang chủ\nlist.page: Trang %d\n")}},
			errors: []string{`demo/templates/i18n/vi.yaml:2:12: key "list.page" takes %d, but the theme's text takes %d, %d: an override takes the same values`},
		},
		{
			name:   "a language bantin does not support",
			site:   fstest.MapFS{"i18n/fr.yaml": {Data: []byte("nav.home: Accueil\n")}},
			errors: []string{`demo/templates/i18n/fr.yaml: not a file of UI strings: demo/templates/i18n holds one file per language, named vi.yaml or en.yaml`},
		},
		{
			name:   "a .yml file",
			site:   fstest.MapFS{"i18n/vi.yml": {Data: []byte("nav.home: x\n")}},
			errors: []string{`demo/templates/i18n/vi.yml: not a file of UI strings: demo/templates/i18n holds one file per language, named vi.yaml or en.yaml`},
		},
		{
			name:   "i18n is a file",
			site:   fstest.MapFS{"i18n": {Data: []byte("x")}},
			errors: []string{`demo/templates/i18n: is not a directory: a site's UI strings are in demo/templates/i18n/<language>.yaml`},
		},
		{
			name:   "a symbolic link",
			site:   fstest.MapFS{"i18n/vi.yaml": {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}},
			errors: []string{`demo/templates/i18n/vi.yaml: is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)`},
		},
		{
			name: "errors of several files at once",
			site: fstest.MapFS{
				"i18n/vi.yaml": {Data: []byte("nav.home: [a]\n")},
				"i18n/en.yaml": {Data: []byte("nav.homes: x\n")},
			},
			errors: []string{
				`demo/templates/i18n/en.yaml:1:1: unknown key "nav.homes" (did you mean "nav.home"?): a site can change the theme's texts, not add keys`,
				`demo/templates/i18n/vi.yaml:1:11: key "nav.home": expected text, got a list (keys are written whole, as in nav.home: Trang chủ)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadCatalog(th, tt.site, "demo/templates")
			got := errorLines(t, err)
			if !slices.Equal(got, tt.errors) {
				t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errors, "\n"))
			}
			if err != nil {
				return
			}
			for lk, want := range tt.want {
				lang, key, _ := strings.Cut(lk, " ")
				l, err := c.Locale(lang)
				if err != nil {
					t.Fatal(err)
				}
				if got := l.T(key); got != want {
					t.Errorf("%s: T(%q) = %q, want %q", lang, key, got, want)
				}
			}
			if !slices.Equal(c.Keys(), []string{"list.page", "metric.latest", "nav.home"}) {
				t.Errorf("Keys() = %q", c.Keys())
			}
		})
	}
}

// TestOverrideLeavesThemeAlone: a site's texts go into its own catalogue;
// the next site loaded from the same theme sees the theme's texts.
func TestOverrideLeavesThemeAlone(t *testing.T) {
	th := theme(themeVI, themeEN)
	site := fstest.MapFS{"i18n/vi.yaml": {Data: []byte("nav.home: Trang nhất\n")}}
	a, err := LoadCatalog(th, site, "a/templates")
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadCatalog(th, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := a.Text("vi", "nav.home"); s != "Trang nhất" {
		t.Errorf("overridden: %q", s)
	}
	if s, _ := b.Text("vi", "nav.home"); s != "Trang chủ" {
		t.Errorf("theme after an override: %q", s)
	}
	if _, ok := b.Text("vi", "no.such"); ok {
		t.Error("Text found a key the theme lacks")
	}
	if _, err := a.Locale("fr"); err == nil || err.Error() != `"fr" is not a supported language (want vi or en)` {
		t.Errorf("Locale(fr) error = %v", err)
	}
}

// TestUnknownKeysBounded: a file of many wrong keys reports each, but
// looks for a suggestion only for the first few (each look compares with
// every key of the theme).
func TestUnknownKeysBounded(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		b.WriteString("nav.hom")
		b.WriteString(strings.Repeat("x", i%3))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(strings.Repeat("z", i/26))
		b.WriteString(": x\n")
	}
	_, err := LoadCatalog(theme(themeVI, themeEN), fstest.MapFS{"i18n/vi.yaml": {Data: []byte(b.String())}}, "s")
	got := errorLines(t, err)
	if len(got) != 500 {
		t.Fatalf("%d errors, want 500", len(got))
	}
	hints := 0
	for _, e := range got {
		if strings.Contains(e, "did you mean") {
			hints++
		}
	}
	if hints > maxSuggestions {
		t.Errorf("%d suggestions, want at most %d", hints, maxSuggestions)
	}
}

func TestArgs(t *testing.T) {
	tests := []struct {
		s    string
		want string
	}{
		{"plain", "no values"},
		{"100%", "no values"},
		{"100%% done", "no values"},
		{"điểm %", "no values"},
		{"Trang %d/%d", "%d, %d"},
		{"%.1f%% of %s", "%f, %s"},
		{"%[2]s of %[1]d", "%d, %s"},
		{"%[2]s then %s", "%s, %s"}, // the second verb takes argument 3
		{"%-5s|%+d|%#x|% d", "%s, %d, %x, %d"},
	}
	for _, tt := range tests {
		if got := describeArgs(tt.s); got != tt.want {
			t.Errorf("describeArgs(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	if sameArgs("%[2]s then %s", "%s %s") == "" {
		t.Error("arguments 2 and 3 taken as 1 and 2")
	}
}

func TestSupported(t *testing.T) {
	if got := Supported(); !slices.Equal(got, []string{"vi", "en"}) {
		t.Errorf("Supported() = %q", got)
	}
	for lang := range languages {
		if !IsSupported(lang) {
			t.Errorf("%s has formats but is not supported", lang)
		}
	}
	if len(languages) != len(supported) {
		t.Errorf("%d languages with formats, %d supported", len(languages), len(supported))
	}
	if IsSupported("fr") || IsSupported("") {
		t.Error("IsSupported accepts an unknown code")
	}
}
