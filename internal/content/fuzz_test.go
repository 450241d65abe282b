package content

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/shortcode"
	"github.com/bantin/bantin/internal/slug"
)

// fuzzFile is the name the fuzz targets give the article, as Load would.
const fuzzFile = "content/articles/2024-04-09-fuzz.md"

// fuzzSeeds are articles written the way editors write them, and the ways
// they go wrong; the committed corpus under testdata/fuzz adds hostile ones.
var fuzzSeeds = []string{
	"---\ntitle: \"Kiến nghị đơn giản hóa thủ tục\"\ndate: 2024-04-09\ntags: [Đề án 06, chuyển đổi số]\nsource: {name: Bộ Công an, url: https://bocongan.gov.vn/}\n---\n\nĐoạn đầu {{< metric \"records-digitized\" \"2024-Q1\" >}}.\n",
	"---\ntitle: x\ndate: 2024-04-09T15:00:00+07:00\nslug: ban-tin\nplan: ke-hoach-829\ndraft: true\n---\n{{< progress \"ke-hoach-829\" >}}\n",
	"\ufeff---\r\ntitle: BOM và CRLF\r\ndate: 2024-02-29\r\n---\r\n## Kiến nghị\r\n",
	"---\ntitle: x\ndate: 2024-02-30\nslug: ../../etc\ntags: [\"!!!\"]\nsource: {name: a, url: javascript:alert(1)}\n---\n",
	"---\ntitle: [a]\ndate: {}\nunknown: 1\n---\n",
	"---\ntitle: x\n",
	"no front matter\n",
	"---\n---\n",
	"---\ntitle: x\ndate: 2024-04-09\n...\n{{< missing \"x\" >}} [a](javascript:alert(1)) <script>alert(1)</script>\n",
}

// lines is an upper bound on the number of lines of src as any editor
// counts them: "\n", "\r\n" and a lone "\r" each end a line.
func lines(src []byte) int {
	return 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) - bytes.Count(src, []byte("\r\n"))
}

// wholeFile reports whether an error is about the file as a whole, the
// only kind that may come without a line.
func wholeFile(e *diag.Error) bool {
	return strings.Contains(e.Msg, "larger than")
}

// checkErrors checks that every error of a run names file and, unless it is
// about the whole file, a line within it (from line min on) and a column.
func checkErrors(t *testing.T, errs *diag.List, file string, src []byte, min int) {
	t.Helper()
	n := lines(src)
	for _, e := range errs.Errors() {
		switch {
		case e.Pos.File != file:
			t.Fatalf("error %q names file %q, want %q", e, e.Pos.File, file)
		case e.Msg == "":
			t.Fatalf("error at %v has no message", e.Pos)
		case wholeFile(e):
		case e.Pos.Line < min || e.Pos.Line > n:
			t.Fatalf("error %q: line %d is outside lines %d..%d of the file", e, e.Pos.Line, min, n)
		case e.Pos.Col < 0:
			t.Fatalf("error %q: negative column", e)
		}
	}
}

// FuzzParse feeds arbitrary files to the article parser. It must never
// panic; it either returns an article and reports nothing, or returns nil
// and reports at least one error that names the file and a line of it. A
// returned article is one the build can publish: a valid slug of at most
// MaxSlugLen bytes (a safe directory name), at most MaxTags tags, a
// non-blank title, a date that matches its time in the
// site's zone, unique tag slugs, an http(s) source, and a body that is
// exactly the file's text from BodyLine on, so positions of shortcodes in
// the body map back to the right line.
//
//	go test ./internal/content -run '^$' -fuzz '^FuzzParse$'
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	loc := time.FixedZone("ICT", 7*3600)
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs diag.List
		a := Parse(fuzzFile, bytes.Clone(src), loc, &errs)
		checkErrors(t, &errs, fuzzFile, src, 1)
		if a == nil {
			if errs.Len() == 0 {
				t.Fatalf("no article and no error for %q", src)
			}
			return
		}
		if errs.Len() != 0 {
			t.Fatalf("an article and errors at once: %v", errs.Error())
		}
		checkArticle(t, a, src, loc)

		var again diag.List
		b := Parse(fuzzFile, bytes.Clone(src), loc, &again)
		if b == nil || b.Slug != a.Slug || !b.Time.Equal(a.Time) || !bytes.Equal(b.Body, a.Body) {
			t.Fatalf("a second parse of the same file differs: %+v vs %+v (%v)", a, b, again.Error())
		}
		// A build that let the source go reads the body again with Body.
		body, line, ok := Body(bytes.Clone(src))
		if !ok || !bytes.Equal(body, a.Body) || line != a.BodyLine {
			t.Fatalf("Body(%q) = %q, line %d, %v; Parse gave %q, line %d", src, body, line, ok, a.Body, a.BodyLine)
		}
	})
}

func checkArticle(t *testing.T, a *Article, src []byte, loc *time.Location) {
	t.Helper()
	if a.File != fuzzFile {
		t.Fatalf("article file %q", a.File)
	}
	if !slug.Valid(a.Slug) || len(a.Slug) > MaxSlugLen {
		t.Fatalf("article slug %q is not valid or longer than %d bytes", a.Slug, MaxSlugLen)
	}
	if u := a.URL(); u != "articles/"+a.Slug+"/" {
		t.Fatalf("article URL %q for slug %q", u, a.Slug)
	}
	if strings.TrimSpace(a.Front.Title) == "" {
		t.Fatalf("article with a blank title %q", a.Front.Title)
	}
	if a.Date.IsZero() || date.Of(a.Time) != a.Date || a.Time.Location() != loc {
		t.Fatalf("article date %v, time %v (%v): the day must be the time's day in the site's zone", a.Date, a.Time, a.Time.Location())
	}
	if a.Front.Plan != "" && !slug.Valid(a.Front.Plan) {
		t.Fatalf("article plan id %q is not valid", a.Front.Plan)
	}
	if s := a.Front.Source; s != nil && s.URL != "" && !safeURLForTest(s.URL) {
		t.Fatalf("article source URL %q is not http(s)", s.URL)
	}
	if len(a.Tags) > MaxTags {
		t.Fatalf("article with %d tags, more than %d", len(a.Tags), MaxTags)
	}
	seen := map[string]bool{}
	for _, tag := range a.Tags {
		if !slug.Valid(tag.Slug) || len(tag.Slug) > MaxSlugLen || seen[tag.Slug] {
			t.Fatalf("tags %+v: slug %q invalid or repeated", a.Tags, tag.Slug)
		}
		seen[tag.Slug] = true
	}

	// The body is the file's text from line BodyLine on, lines counted as
	// editors, YAML and CommonMark count them: a leading byte order mark
	// left out, "\r\n" and a lone "\r" each ending a line.
	norm := bytes.TrimPrefix(src, []byte("\ufeff"))
	norm = bytes.ReplaceAll(norm, []byte("\r\n"), []byte("\n"))
	norm = bytes.ReplaceAll(norm, []byte("\r"), []byte("\n"))
	ls := bytes.Split(norm, []byte("\n"))
	if a.BodyLine < 3 || a.BodyLine > len(ls)+1 {
		t.Fatalf("body line %d outside 3..%d", a.BodyLine, len(ls)+1)
	}
	if closing := string(bytes.TrimRight(ls[a.BodyLine-2], " \t")); closing != "---" && closing != "..." {
		t.Fatalf("line %d before the body is %q, not the end of the front matter", a.BodyLine-1, closing)
	}
	var want []byte
	if a.BodyLine <= len(ls) {
		want = bytes.Join(ls[a.BodyLine-1:], []byte("\n"))
	}
	if !bytes.Equal(a.Body, want) {
		t.Fatalf("body %q is not the file from line %d on (%q)", a.Body, a.BodyLine, want)
	}
}

// safeURLForTest restates the rule for source links: http or https only.
func safeURLForTest(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// markerResolver resolves every shortcode to a marker element naming its
// place in the order of resolution, and fails for the name "missing", so
// the fuzz target can find each resolved figure in the HTML.
type markerResolver struct{ n int }

func (r *markerResolver) Resolve(a *Article, n *shortcode.Node) ([]byte, bool, error) {
	if n.Call.Name == "missing" {
		return nil, false, errors.New(`no metric "x"`)
	}
	r.n++
	return []byte(fmt.Sprintf("<sc-fuzz-%d></sc-fuzz-%d>", r.n, r.n)), n.Call.Name == "chart", nil
}

// dangerous matches what must never reach a page from an article written
// without unsafeHTML: script-capable elements and event handler attributes.
// Script URLs are checked by scriptURL.
var dangerous = regexp.MustCompile(`(?i)<(script|iframe|object|embed|style|svg|math|form|base|meta|link)\b|<[a-z][a-z0-9-]*(\s+[a-z-]+(="[^"]*")?)*\s+on[a-z]+\s*=`)

// urlAttr finds the link and image addresses of rendered HTML.
var urlAttr = regexp.MustCompile(`(?i)\s(href|src)="([^"]*)"`)

// scriptURL returns the first address in h that a browser would run as
// script: entities decoded and the tabs, line breaks and leading controls
// browsers ignore taken out, as a browser reads the attribute.
func scriptURL(h string) string {
	for _, m := range urlAttr.FindAllStringSubmatch(h, -1) {
		u := strings.Map(func(r rune) rune {
			if r <= ' ' {
				return -1
			}
			return r
		}, html.UnescapeString(m[2]))
		u = strings.ToLower(u)
		for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.HasPrefix(u, scheme) && !strings.HasPrefix(u, "data:image/") {
				return m[0]
			}
		}
	}
	return ""
}

// FuzzRender parses and renders arbitrary articles with the build's
// Markdown settings (raw HTML off). Rendering must never panic; every error
// must point into the body (from BodyLine to the last line of the file);
// without errors, every resolved shortcode appears exactly once in the
// HTML (no figure is dropped or duplicated), the summary is one line of
// plain text, and nothing that could run script gets through.
//
//	go test ./internal/content -run '^$' -fuzz '^FuzzRender$'
func FuzzRender(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("---\ntitle: x\ndate: 2024-04-09\n---\n# {{< metric \"a\" >}}\n\n| {{< m \"x\\|y\" >}} | b |\n|---|---|\n| {{< chart \"c\" >}} | d |\n\nx[^1] ![{{< m >}}](/i.png)\n\n[^1]: {{< m >}}\n"))
	f.Add([]byte("---\ntitle: x\ndate: 2024-04-09\n---\n<img src=x onerror=alert(1)>\n\n[x](JaVaScRiPt:alert(1)) [y](jav&#x61;script:alert(1)) ![z](javascript:alert(1))\n\n<https://a.b/<script>>\n"))
	md := NewMarkdown(false)
	loc := time.UTC
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs diag.List
		a := Parse(fuzzFile, src, loc, &errs)
		if a == nil {
			return // FuzzParse covers files that do not parse
		}
		r := &markerResolver{}
		md.Render(a, r, &errs)
		checkErrors(t, &errs, fuzzFile, src, a.BodyLine)
		if errs.Len() != 0 {
			return
		}
		h := a.HTML
		for i := 1; i <= r.n; i++ {
			if c := strings.Count(h, fmt.Sprintf("<sc-fuzz-%d>", i)); c != 1 {
				t.Fatalf("resolved shortcode %d appears %d times in %q", i, c, h)
			}
		}
		if strings.Count(h, "<sc-fuzz-") != r.n {
			t.Fatalf("%d shortcodes resolved, HTML has %d markers: %q", r.n, strings.Count(h, "<sc-fuzz-"), h)
		}
		if m := dangerous.FindString(h); m != "" {
			t.Fatalf("HTML carries %q from an article without unsafeHTML:\n%s", m, h)
		}
		if m := scriptURL(h); m != "" {
			t.Fatalf("HTML carries the script address %q:\n%s", m, h)
		}
		if a.Front.Summary == "" && (a.Summary != strings.TrimSpace(a.Summary) || strings.ContainsAny(a.Summary, "\n\r\t")) {
			t.Fatalf("summary %q is not one line of trimmed text", a.Summary)
		}
	})
}
