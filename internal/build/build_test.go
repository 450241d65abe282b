package build

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/output"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var asOf = date.Date{Year: 2024, Month: 6, Day: 30}

func buildFixture(t *testing.T, dir string) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	if _, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, mem); err != nil {
		t.Fatalf("build %s:\n%v", dir, err)
	}
	return mem
}

func get(t *testing.T, m *output.Memory, p string) string {
	t.Helper()
	b, ok := m.Get(p)
	if !ok {
		t.Fatalf("no %s in the output (have %v)", p, m.Paths())
	}
	return string(b)
}

// TestGolden compares rendered pages of the fixture site with testdata/golden.
// Run `go test ./internal/build -update` after an intended change, and read the diff.
func TestGolden(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	pages := []string{
		"index.html",
		"articles/so-hoa-ho-so-quy-i-2024/index.html",
		"articles/index.html",
		"articles/page/2/index.html",
		"articles/page/1/index.html",
		"tags/de-an-06/index.html",
		"tags/index.html",
		"plans/ke-hoach-1/index.html",
		"plans/ke-hoach-1/by-status/index.html",
		"metrics/ho-so/index.html",
		"metrics/ho-so.csv",
		"metrics/ho-so.json",
		"plans/ke-hoach-1.csv",
		"plans/ke-hoach-1.json",
		"plans/ke-hoach-1/moves.csv",
		"datapackage.json",
		"404.html",
		"feed.xml",
		"sitemap.xml",
		"robots.txt",
	}
	for _, p := range pages {
		got := get(t, mem, p)
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(p))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s (run with -update and review the diff)", p, golden)
		}
	}
}

func TestDraftsLeftOut(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	if _, ok := mem.Get("articles/ban-nhap/index.html"); ok {
		t.Error("a draft was built without --drafts")
	}
	withDrafts := output.NewMemory()
	if _, err := Build(Options{SiteDir: "testdata/site", AsOf: asOf, Drafts: true, Theme: bantin.Theme()}, withDrafts); err != nil {
		t.Fatal(err)
	}
	if _, ok := withDrafts.Get("articles/ban-nhap/index.html"); !ok {
		t.Error("--drafts did not build the draft")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := buildFixture(t, "testdata/site"), buildFixture(t, "testdata/site")
	if strings.Join(a.Paths(), "\n") != strings.Join(b.Paths(), "\n") {
		t.Fatal("two builds wrote different files")
	}
	for _, p := range a.Paths() {
		x, _ := a.Get(p)
		y, _ := b.Get(p)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestTitleIsEscaped(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	for _, p := range mem.Paths() {
		if !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".xml") {
			continue
		}
		h := get(t, mem, p)
		if strings.Contains(h, "<script>alert") || strings.Contains(h, "<b>thẻ</b>") {
			t.Errorf("%s carries unescaped markup from the content", p)
		}
	}
	page := get(t, mem, "articles/script-alert-x-script-tieu-de-nguy-hiem/index.html")
	if !strings.Contains(page, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Tiêu đề nguy hiểm") {
		t.Error("the escaped title is not shown")
	}
}

// TestNoOtherHost checks that no page loads code, styles or fonts from
// another host: only the site's own assets. Links to sources are allowed.
func TestNoOtherHost(t *testing.T) {
	for _, dir := range []string{"testdata/site", "../.."} {
		t.Run(dir, func(t *testing.T) { noOtherHost(t, buildFixture(t, dir)) })
	}
}

func noOtherHost(t *testing.T, mem *output.Memory) {
	loads := regexp.MustCompile(`(?i)<(?:script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)\s*=\s*["']?((?:https?:)?//[^"' >]+)`)
	cssURL := regexp.MustCompile(`(?i)(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')]+)`)
	for _, p := range mem.Paths() {
		body := get(t, mem, p)
		for _, m := range loads.FindAllStringSubmatch(body, -1) {
			if strings.HasSuffix(p, ".xml") && (strings.HasPrefix(m[1], "https://x.gov.vn/tien-do/") || strings.HasPrefix(m[1], "https://example.gov.vn/tien-do/")) {
				continue // feeds and sitemaps must link with absolute URLs of the site itself
			}
			if !strings.Contains(m[0], `rel="canonical"`) && !strings.Contains(m[0], `rel="alternate"`) {
				t.Errorf("%s loads from another host: %s", p, m[1])
			}
		}
		for _, m := range cssURL.FindAllStringSubmatch(body, -1) {
			t.Errorf("%s loads from another host: %s", p, m[1])
		}
	}
}

// TestLinksResolve follows every relative href and src of every page and
// checks the target exists, as a static server at the base URL's sub-path would.
func TestLinksResolve(t *testing.T) {
	for _, dir := range []string{"testdata/site", "testdata/bilingual"} {
		t.Run(dir, func(t *testing.T) { linksResolve(t, buildFixture(t, dir)) })
	}
}

// linksResolve checks every relative link of every page of mem.
func linksResolve(t *testing.T, mem *output.Memory) {
	t.Helper()
	attr := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	for _, p := range mem.Paths() {
		if !strings.HasSuffix(p, ".html") || p == "404.html" {
			continue
		}
		for _, m := range attr.FindAllStringSubmatch(get(t, mem, p), -1) {
			link := m[1]
			if strings.Contains(link, "://") || strings.HasPrefix(link, "#") || strings.HasPrefix(link, "mailto:") || strings.HasPrefix(link, "data:") {
				continue
			}
			link, _, _ = strings.Cut(link, "#")
			link, _, _ = strings.Cut(link, "?")
			target := filepath.ToSlash(filepath.Join(filepath.Dir(p), link))
			if strings.HasSuffix(link, "/") || link == "." || link == "./" {
				target = strings.TrimPrefix(target+"/index.html", "./")
			}
			if strings.HasPrefix(target, "../") {
				t.Errorf("%s: link %q leaves the site", p, m[1])
				continue
			}
			if _, ok := mem.Get(target); !ok {
				t.Errorf("%s: link %q points at missing %s", p, m[1], target)
			}
		}
	}
	// 404.html is served at any depth: its links carry the base path.
	nf := get(t, mem, "404.html")
	if !strings.Contains(nf, `href="/tien-do/assets/style.css?v=`) || !strings.Contains(nf, `href="/tien-do/"`) {
		t.Error("404.html links do not carry the base path")
	}
}

func TestStaticCopied(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	if get(t, mem, "files/note.txt") != "tệp tĩnh\n" {
		t.Error("static file not copied as is")
	}
}

// TestUniqueIDs checks that no page uses an element id twice: chart
// scripts find their element by id, and anchors must be unambiguous.
func TestUniqueIDs(t *testing.T) {
	ids := regexp.MustCompile(`\sid="([^"]+)"`)
	for _, dir := range []string{"testdata/site", "../.."} {
		mem := buildFixture(t, dir)
		for _, p := range mem.Paths() {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			seen := map[string]bool{}
			for _, m := range ids.FindAllStringSubmatch(get(t, mem, p), -1) {
				if seen[m[1]] {
					t.Errorf("%s: id %q used twice", p, m[1])
				}
				seen[m[1]] = true
			}
		}
	}
}
