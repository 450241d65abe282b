package site

import (
	"bytes"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bantin/bantin/internal/diag"
)

// FuzzLoad reads arbitrary bytes as content/site.yaml. It must never panic;
// it either returns settings and reports nothing, or returns nil and
// reports at least one error naming the file (as the user named the site
// directory) and, unless the error is about the whole file, a line of it.
// Settings that come through must be usable by every later stage: an
// absolute http(s) base URL, with no user name or password, whose path
// starts and ends with "/", under which AbsURL places every page; a named
// time zone (never the machine's); a supported language; a page size in
// range; home tiles listed once.
//
//	go test ./internal/site -run '^$' -fuzz '^FuzzLoad$'
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"title: Tiến độ chuyển đổi số\nbaseURL: https://example.gov.vn/tien-do/\nlanguage: vi\ntimezone: Asia/Ho_Chi_Minh\nperPage: 10\nunsafeHTML: false\nhomeMetrics: [records-digitized, online-share]\n",
		"title: Progress\nbaseURL: http://127.0.0.1:1313\nlanguage: en\ntimezone: UTC\n",
		"title: x\nbaseURL: https://x/?q=1#f\ntimezone: Local\nperPage: 1001\nlanguage: fr\n",
		"title: x\nbaseURL: javascript:alert(1)\ntimezone: ../../../../etc/passwd\n",
		"title: x\nbaseURL: https://x/\nhomeMetrics: [a, b, a]\nperPage: 99999999999999999999\n",
		"title: x\nbaseURL: https://x/\nlicense: CC-BY-4.0\n",
		"title: x\nbaseURL: https://x/\nlicense: {name: cc0-1.0, path: https://x/l, title: T}\n",
		"title: x\nbaseURL: https://x/\nlicense: {path: javascript:1, url: x, name: [a]}\n",
		"title: {vi: Tiến độ, en: Progress}\ndescription:\n  en: About\ncopyright: {vi: c}\nbaseURL: https://x/\nlanguages: [vi, en]\n",
		"title: {en: Progress, fr: Progrès, en: again}\nbaseURL: https://x/\ncopyright: {vi: [a], en: ~}\n",
		"",
		"---\n",
		"[]",
	} {
		f.Add([]byte(s))
	}
	const prefix = "mysite"
	file := filepath.Join(prefix, filepath.FromSlash(File))
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs diag.List
		c := Load(fstest.MapFS{File: {Data: src}}, prefix, &errs)
		lines := 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) - bytes.Count(src, []byte("\r\n"))
		for _, e := range errs.Errors() {
			switch {
			case e.Pos.File != file:
				t.Fatalf("error %q names file %q, want %q", e, e.Pos.File, file)
			case e.Msg == "":
				t.Fatalf("error at %v has no message", e.Pos)
			case strings.Contains(e.Msg, "larger than"):
			case e.Pos.Line < 1 || e.Pos.Line > lines:
				t.Fatalf("error %q: line %d is outside lines 1..%d of the file", e, e.Pos.Line, lines)
			case e.Pos.Col < 0:
				t.Fatalf("error %q: negative column", e)
			}
		}
		if c == nil {
			if errs.Len() == 0 {
				t.Fatalf("no settings and no error for %q", src)
			}
			return
		}
		if errs.Len() != 0 {
			t.Fatalf("settings and errors at once: %v", errs.Error())
		}
		checkConfig(t, c)
	})
}

func checkConfig(t *testing.T, c *Config) {
	t.Helper()
	b := c.Base
	switch {
	case b == nil:
		t.Fatal("settings without a base URL")
	case b.Scheme != "http" && b.Scheme != "https", b.Host == "", b.RawQuery != "", b.Fragment != "", b.User != nil:
		t.Fatalf("base URL %q is not an absolute http(s) URL without user, query and fragment", b.Redacted())
	case !strings.HasPrefix(c.BasePath(), "/") || !strings.HasSuffix(c.BasePath(), "/"):
		t.Fatalf("base path %q does not start and end with /", c.BasePath())
	case c.Location == nil || c.Location == time.Local:
		t.Fatalf("time zone %q gave location %v", c.Timezone, c.Location)
	case c.Language != "vi" && c.Language != "en":
		t.Fatalf("language %q", c.Language)
	case c.PerPage < 1 || c.PerPage > 1000:
		t.Fatalf("perPage %d", c.PerPage)
	}
	if l := c.License; l != nil {
		if l.Name == "" && l.Path == "" || l.Name != "" && !licenseName.MatchString(l.Name) {
			t.Fatalf("licence %+v: no name nor path, or a name the Data Package specification refuses", l)
		}
		if u, err := url.Parse(l.Path); l.Path != "" && (err != nil || u.Scheme != "http" && u.Scheme != "https") {
			t.Fatalf("licence path %q is not an http(s) address", l.Path)
		}
	}
	// A text given per language names only the site's languages, and the
	// title gives the default one, the others' fallback.
	for _, tx := range []*Text{&c.TitleText, &c.DescriptionText, &c.CopyrightText} {
		for _, lang := range tx.Languages() {
			if !slices.Contains(c.Languages, lang) {
				t.Fatalf("a text in %q, not one of the site's languages %q", lang, c.Languages)
			}
		}
	}
	if _, ok := c.TitleText.Get(c.Language); c.TitleText.PerLanguage() && (!ok || c.Title != c.TitleIn(c.Language)) {
		t.Fatalf("title %q: no text in the default language %q, or Title %q is not it", c.TitleText.Languages(), c.Language, c.Title)
	}
	seen := map[string]bool{}
	for _, id := range c.HomeMetrics {
		if seen[id] {
			t.Fatalf("homeMetrics lists %q twice", id)
		}
		seen[id] = true
	}
	for _, rel := range []string{"", "articles/kien-nghi/", "tags/de-an-06/", "feed.xml"} {
		abs := c.AbsURL(rel)
		if !strings.HasPrefix(abs, b.String()) {
			t.Fatalf("AbsURL(%q) = %q is not under the base URL %q", rel, abs, b)
		}
		u, err := url.Parse(abs)
		if err != nil || u.Host != b.Host || u.Path != c.BasePath()+rel {
			t.Fatalf("AbsURL(%q) = %q does not parse back to the page under %q (%v)", rel, abs, b, err)
		}
	}
}
