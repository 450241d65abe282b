package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bantin/bantin/internal/diag"
)

func TestFileLang(t *testing.T) {
	tests := []struct{ file, key, lang string }{
		{"content/articles/ban-tin.md", "content/articles/ban-tin", ""},
		{"content/articles/ban-tin.en.md", "content/articles/ban-tin", "en"},
		{"content/articles/2024/ban-tin.vi.md", "content/articles/2024/ban-tin", "vi"},
		{"content/articles/ban-tin.fr.md", "content/articles/ban-tin", "fr"},
		// Not a language: not two lowercase letters, or nothing before it.
		{"content/articles/bao-cao.v2.md", "content/articles/bao-cao.v2", ""},
		{"content/articles/bao-cao.EN.md", "content/articles/bao-cao.EN", ""},
		{"content/articles/bao-cao.eng.md", "content/articles/bao-cao.eng", ""},
		{"content/articles/.en.md", "content/articles/.en", ""},
		{"en.md", "en", ""},
		{"a.b.en.md", "a.b", "en"},
		{`site\content\articles\x.en.md`, `site\content\articles\x`, "en"},
	}
	for _, tt := range tests {
		key, lang := fileLang(tt.file)
		if key != tt.key || lang != tt.lang {
			t.Errorf("fileLang(%q) = %q, %q; want %q, %q", tt.file, key, lang, tt.key, tt.lang)
		}
	}
}

// article parses a small article named file, dated day (2024-04-dd).
func article(t *testing.T, file, title string, day int, extra string) *Article {
	t.Helper()
	src := fmt.Sprintf("---\ntitle: %s\ndate: 2024-04-%02d\n%s---\nBody.\n", title, day, extra)
	var errs diag.List
	a := Parse(file, []byte(src), time.UTC, &errs)
	if a == nil {
		t.Fatalf("%s: %v", file, errs.Error())
	}
	return a
}

func TestPublishLanguages(t *testing.T) {
	const dir = "content/articles/"
	type in struct {
		file, title string
		day         int
		extra       string
	}
	tests := []struct {
		name   string
		langs  []string
		drafts bool
		files  []in
		want   []string // "lang file" of each published article, in order
		errors []string
	}{
		{
			name:  "an article and its translation",
			langs: []string{"vi", "en"},
			files: []in{
				{"ban-tin.en.md", "Steering committee meets", 9, ""},
				{"ban-tin.md", "Ban Chỉ đạo họp", 9, ""},
				{"khac.md", "Bản tin khác", 10, ""},
			},
			want: []string{"vi khac.md", "vi ban-tin.md", "en ban-tin.en.md"},
		},
		{
			name:  "the default language's code written out",
			langs: []string{"vi", "en"},
			files: []in{
				{"ban-tin.en.md", "Meeting", 9, ""},
				{"ban-tin.vi.md", "Cuộc họp", 9, ""},
			},
			want: []string{"vi ban-tin.vi.md", "en ban-tin.en.md"}, // same time: by slug
		},
		{
			name:  "English first",
			langs: []string{"en", "vi"},
			files: []in{
				{"report.md", "Report", 9, ""},
				{"report.vi.md", "Báo cáo", 9, ""},
			},
			want: []string{"vi report.vi.md", "en report.md"},
		},
		{
			name:  "a translation without its original",
			langs: []string{"vi", "en"},
			files: []in{{"mo-coi.en.md", "Orphan", 9, ""}, {"ban-tin.md", "Bản tin", 9, ""}},
			want:  []string{"vi ban-tin.md"},
			errors: []string{
				"content/articles/mo-coi.en.md: a translation without its original: there is no content/articles/mo-coi.md (the vi version) to translate, or it has errors",
			},
		},
		{
			name:  "a language the site does not have",
			langs: []string{"vi"},
			files: []in{{"ban-tin.en.md", "Meeting", 9, ""}, {"ban-tin.md", "Cuộc họp", 9, ""}, {"x.fr.md", "Réunion", 9, ""}},
			want:  []string{"vi ban-tin.md"},
			errors: []string{
				`content/articles/ban-tin.en.md: the file name gives the language "en", which is not one of the site's languages (vi): add it to languages: in content/site.yaml, or rename the file (a dot and two letters before .md mark a translation)`,
				`content/articles/x.fr.md: the file name gives the language "fr", which is not one of the site's languages (vi): add it to languages: in content/site.yaml, or rename the file (a dot and two letters before .md mark a translation)`,
			},
		},
		{
			name:  "two files for one language",
			langs: []string{"vi", "en"},
			files: []in{{"ban-tin.md", "Cuộc họp", 9, ""}, {"ban-tin.vi.md", "Cuộc họp khác", 9, ""}},
			want:  []string{"vi ban-tin.md"},
			errors: []string{
				"content/articles/ban-tin.vi.md: content/articles/ban-tin.md is already the vi version of this article: an article has one file per language",
			},
		},
		{
			name:  "one slug in two languages",
			langs: []string{"vi", "en"},
			files: []in{{"a.en.md", "X", 9, "slug: hop\n"}, {"a.md", "Y", 9, "slug: hop\n"}},
			want:  []string{"en a.en.md", "vi a.md"},
		},
		{
			name:  "one slug twice in one language",
			langs: []string{"vi", "en"},
			files: []in{{"a.en.md", "X", 9, "slug: hop\n"}, {"a.md", "Y", 9, ""}, {"b.en.md", "Z", 9, "slug: hop\n"}, {"b.md", "W", 9, ""}},
			want:  []string{"en a.en.md", "vi b.md", "vi a.md"},
			errors: []string{
				`content/articles/b.en.md:4:7: slug "hop" is already used by content/articles/a.en.md: two articles cannot share a URL; set slug: in one of them`,
			},
		},
		{
			name:  "a draft original takes its translation along",
			langs: []string{"vi", "en"},
			files: []in{{"a.en.md", "X", 9, ""}, {"a.md", "Y", 9, "draft: true\n"}, {"b.en.md", "Z", 9, "draft: true\n"}, {"b.md", "W", 9, ""}},
			want:  []string{"vi b.md"},
		},
		{
			name:   "drafts asked for",
			langs:  []string{"vi", "en"},
			drafts: true,
			files:  []in{{"a.en.md", "X", 9, ""}, {"a.md", "Y", 9, "draft: true\n"}},
			want:   []string{"en a.en.md", "vi a.md"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var articles []*Article
			for _, f := range tt.files {
				articles = append(articles, article(t, dir+f.file, f.title, f.day, f.extra))
			}
			var errs diag.List
			out := PublishLanguages(articles, tt.langs, tt.drafts, &errs)
			var got []string
			for _, a := range out {
				got = append(got, a.Lang+" "+strings.TrimPrefix(a.File, dir))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("published %q, want %q", got, tt.want)
			}
			var msgs []string
			for _, e := range errs.Errors() {
				msgs = append(msgs, e.Error())
			}
			if !slices.Equal(msgs, tt.errors) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tt.errors, "\n"))
			}
			// Publishing again (as serve does after each edit) gives the same.
			var again diag.List
			if out2 := PublishLanguages(articles, tt.langs, tt.drafts, &again); !slices.Equal(out, out2) || again.Len() != errs.Len() {
				t.Errorf("a second PublishLanguages differs")
			}
		})
	}
}

func TestTranslations(t *testing.T) {
	langs := []string{"vi", "en"}
	in := []*Article{
		article(t, "content/articles/a.en.md", "A en", 9, ""),
		article(t, "content/articles/a.md", "A vi", 9, ""),
		article(t, "content/articles/b.md", "B vi", 8, ""),
	}
	var errs diag.List
	out := PublishLanguages(in, langs, false, &errs)
	if errs.Len() > 0 {
		t.Fatal(errs.Error())
	}
	g := Translations(out, langs)
	if len(g) != 2 {
		t.Fatalf("%d groups, want 2", len(g))
	}
	a := g[in[0].TranslationKey]
	if len(a) != 2 || a[0] != in[1] || a[1] != in[0] || a[0].Lang != "vi" || a[1].Lang != "en" {
		t.Errorf("group of a: %v", a)
	}
	if b := g[in[2].TranslationKey]; len(b) != 1 || b[0] != in[2] {
		t.Errorf("group of b: %v", b)
	}
	if in[0].Slug != "a-en" || in[1].Slug != "a-vi" {
		t.Errorf("a translation's slug comes from its own title: %q, %q", in[0].Slug, in[1].Slug)
	}
}
