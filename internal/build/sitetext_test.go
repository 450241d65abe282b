package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteTextPerLanguage: site.yaml's title, description and copyright
// given per language reach each edition in its own language — the page
// titles, the header, the footer, the sharing metadata, JSON-LD and the
// Atom feeds — while the default language's pages keep its text, and
// what the editions share (datapackage.json) is in the default language.
func TestSiteTextPerLanguage(t *testing.T) {
	const (
		viTitle = "Tiến độ thử nghiệm"
		enTitle = "Trial progress"
		viDesc  = "Trang thử nghiệm của bantin."
		enDesc  = "A trial site of bantin."
		viCopy  = "Bản quyền thử nghiệm."
		enCopy  = "Trial copyright."
	)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/bilingual")); err != nil {
		t.Fatal(err)
	}
	settings := "title: {vi: " + viTitle + ", en: " + enTitle + "}\n" +
		"description:\n  vi: " + viDesc + "\n  en: " + enDesc + "\n" +
		"copyright: {vi: " + viCopy + ", en: " + enCopy + "}\n" +
		"baseURL: https://x.gov.vn/tien-do/\nlanguages: [vi, en]\nperPage: 2\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "site.yaml"), []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
	mem := buildFixture(t, dir)

	// Where the site's text shows on every page, in the page's language.
	frame := func(title, copyright string) []string {
		return []string{
			`<a class="brand" href="`, `">` + title + `</a>`,
			`<meta property="og:site_name" content="` + title + `">`,
			`<link rel="alternate" type="application/atom+xml" title="` + title + `"`,
			"<p>" + copyright + "</p>",
		}
	}
	tests := []struct {
		page        string
		want, never []string
	}{
		{"index.html", append(frame(viTitle, viCopy), "<title>"+viTitle+"</title>"), []string{enTitle, enDesc, enCopy}},
		{"articles/so-hoa-ho-so-quy-i-2024/index.html", append(frame(viTitle, viCopy), " · "+viTitle+"</title>", `"publisher":{"@type":"Organization","name":"`+viTitle+`"`), []string{enTitle, enCopy}},
		{"en/index.html", append(frame(enTitle, enCopy), "<title>"+enTitle+"</title>"), []string{viCopy}},
		{"en/articles/records-digitized-in-q1-2024/index.html", append(frame(enTitle, enCopy), " · "+enTitle+"</title>", `"publisher":{"@type":"Organization","name":"`+enTitle+`"`), []string{viTitle, viCopy}},
		{"en/metrics/ho-so/index.html", append(frame(enTitle, enCopy), " · "+enTitle+"</title>", `"publisher":{"@type":"Organization","name":"`+enTitle+`"`), []string{viTitle, viCopy}},
		{"en/plans/ke-hoach-1/index.html", frame(enTitle, enCopy), []string{viTitle, viCopy}},
		{"feed.xml", []string{"<title>" + viTitle + "</title>", "<name>" + viTitle + "</name>"}, []string{enTitle}},
		{"en/feed.xml", []string{"<title>" + enTitle + "</title>", "<name>" + enTitle + "</name>"}, []string{viTitle}},
		{"en/changes.xml", []string{"<title>" + enTitle + " — ", "<name>" + enTitle + "</name>"}, []string{viTitle}},
		{"en/articles/index.html", frame(enTitle, enCopy), []string{viTitle}},
		{"en/index.html", []string{`<meta name="description" content="` + enDesc + `">`}, []string{viTitle, viDesc}},
		{"en/tags/project-06/feed.xml", []string{" · " + enTitle + "</title>", "<name>" + enTitle + "</name>"}, []string{viTitle}},
		{"tags/de-an-06/feed.xml", []string{" · " + viTitle + "</title>", "<name>" + viTitle + "</name>"}, []string{enTitle}},
		{"datapackage.json", []string{`"title": "` + viTitle + `"`, `"description": "` + viDesc + `"`}, []string{enTitle, enDesc}},
	}
	for _, tt := range tests {
		b := get(t, mem, tt.page)
		for _, w := range tt.want {
			if !strings.Contains(b, w) {
				t.Errorf("%s lacks %q", tt.page, w)
			}
		}
		for _, w := range tt.never {
			if strings.Contains(b, w) {
				t.Errorf("%s has %q, the other language's", tt.page, w)
			}
		}
	}
}
