package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/output"
)

// TestLinksThatCannotBreak builds testdata/links, whose article b.md links
// to every kind of output the site has — another article (with and without
// its final slash, through a heading's and a footnote's anchor, with a
// query), the home page, a root-absolute path and full URLs under the base
// URL, open data, the feed, a topic's page and feed, a static image, a
// static file with Vietnamese letters and spaces in its name (as written
// and percent-encoded), a theme asset, its own heading and the page
// frame's #main — and to things outside the site that are not checked
// (another host, another port, mailto:, tel:, a path outside the base
// path). None of those is an error. Then it links to what does not exist:
// every one of those is reported, at once, at its line and column, with
// the text `link to "…" does not resolve to a page of the site` (image:
// "a file of the site"; for an anchor, which ids the page has), and a cover
// and a site image that name no file are errors at their keys.
func TestLinksThatCannotBreak(t *testing.T) {
	dir := filepath.Join("testdata", "links")
	want := readExpect(t, dir)
	_, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, output.NewMemory())
	if err == nil {
		t.Fatalf("the build succeeded, want:\n%s", strings.Join(want, "\n"))
	}
	got := strings.Split(relativeErrors(err, dir), "\n")
	if !slices.Equal(got, want) {
		t.Errorf("errors differ\n got:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), lineDiff(got, want))
	}
}

// TestLinkCheckInCheckRun: bantin check (Load, which on errors reports
// everything it can) lists the broken links together with an error of
// another stage, not one stage at a time.
func TestLinkCheckWithOtherErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "links"))); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/articles/c.md", "---\ntitle: Lỗi\ndate: 2024-04-31\n---\n")
	_, err := Load(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
	if err == nil {
		t.Fatal("no error")
	}
	text := relativeErrors(err, dir)
	for _, want := range []string{
		`content/articles/c.md:3:7: date: "2024-04-31" is not a date`,
		`content/articles/b.md:21:16: link to "../bai-khong-co/" does not resolve to a page of the site`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("errors lack %q:\n%s", want, text)
		}
	}
}

// TestLinksFollowEdits: in the preview, a link that breaks because its
// target was removed is reported, and fixing it (here: restoring the
// target) clears the error; renaming a heading breaks the anchor that
// named it. The check runs over the graph of every update.
func TestLinksFollowEdits(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "content/site.yaml", "title: x\nbaseURL: https://x.gov.vn/\n")
	writeFile(t, dir, "content/articles/a.md", "---\ntitle: Đích\ndate: 2024-04-01\n---\n## Mục một\n")
	writeFile(t, dir, "content/articles/b.md", "---\ntitle: Nguồn\ndate: 2024-04-02\n---\nXem [đích](../dich/#muc-mot).\n")
	s, err := Open(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := s.RenderInto(context.Background(), mem); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		do      func() []string
		wantErr string
	}{
		{"heading renamed", func() []string {
			return replaceIn(t, dir, "content/articles/a.md", "## Mục một", "## Mục hai")
		}, `b.md:5:5: link to "../dich/#muc-mot" does not resolve to a page of the site: articles/dich/ has no heading or anchor with the id "muc-mot" (ids there: muc-hai)`},
		{"heading back", func() []string {
			return replaceIn(t, dir, "content/articles/a.md", "## Mục hai", "## Mục một")
		}, ""},
		{"target removed", func() []string {
			return remove(t, dir, "content/articles/a.md")
		}, `b.md:5:5: link to "../dich/#muc-mot" does not resolve to a page of the site`},
		{"target back", func() []string {
			return writeFile(t, dir, "content/articles/a.md", "---\ntitle: Đích\ndate: 2024-04-01\n---\n## Mục một\n")
		}, ""},
	}
	for _, st := range steps {
		next := mem.Clone()
		_, err := s.Update(context.Background(), st.do(), next)
		switch {
		case st.wantErr == "" && err != nil:
			t.Errorf("%s: %v", st.name, err)
		case st.wantErr != "" && (err == nil || !strings.Contains(err.Error(), st.wantErr)):
			t.Errorf("%s: error %v, want %q", st.name, err, st.wantErr)
		case err == nil:
			mem = next
		}
	}
}

// TestLinkCheckLinear: the check costs a constant number of lookups per
// link, whatever the size of the site: 2,000 articles, each linking to the
// one before it (through a heading), to a static-free path and to a
// missing page, make exactly the lookups counted below — a check that
// scanned the outputs per link would make millions. No clock is read.
func TestLinkCheckLinear(t *testing.T) {
	const n = 2000
	dir := t.TempDir()
	writeFile(t, dir, "content/site.yaml", "title: x\nbaseURL: https://x.gov.vn/tien-do/\n")
	for i := range n {
		body := fmt.Sprintf("## Phần %d\n\n[trước](../bai-%d/#phan-%d) [chủ](../../) [mất](../khong-co-%d/)\n", i, max(i-1, 0), max(i-1, 0), i)
		writeFile(t, dir, fmt.Sprintf("content/articles/%04d.md", i), fmt.Sprintf("---\ntitle: Bài %d\ndate: 2024-01-01\n---\n%s", i, body))
	}
	s, err := Open(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	s.renderArticles(context.Background(), nil)
	linkLookups.Store(0)
	_, err = s.graph()
	if err == nil || strings.Count(err.Error(), "does not resolve") != n {
		t.Fatalf("want %d broken links, got %v", n, err)
	}
	// Per link: a page link is found on its first lookup ("x/" → x/index.html);
	// a missing one costs one. Nothing else is looked up (no cover, no image).
	if got := linkLookups.Load(); got != 3*n {
		t.Errorf("%d lookups for %d links, want %d", got, 3*n, 3*n)
	}
}

// TestCacheKeepsLinks: a disk build that takes an article's rendering from
// the cache must still know its links, or a link broken by the removal of
// its target would pass unseen until the linking article changed. This
// needs cachedArticle (cache.go) to carry Links and Anchors; until it does,
// the test says so and skips.
func TestCacheKeepsLinks(t *testing.T) {
	if _, ok := reflect.TypeOf(cachedArticle{}).FieldByName("Links"); !ok {
		t.Skip("cache.go's cachedArticle does not keep Article.Links and Anchors yet: see links.go's report to the lead")
	}
	dir := t.TempDir()
	writeFile(t, dir, "content/site.yaml", "title: x\nbaseURL: https://x.gov.vn/\n")
	writeFile(t, dir, "content/articles/a.md", "---\ntitle: Đích\ndate: 2024-04-01\n---\n## Mục một\n")
	writeFile(t, dir, "content/articles/b.md", "---\ntitle: Nguồn\ndate: 2024-04-02\n---\nXem [đích](../dich/#muc-mot).\n")
	opts := Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, opts, out)
	replaceIn(t, dir, "content/articles/a.md", "## Mục một", "## Mục hai")
	tx, err := output.Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	_, err = Build(opts, tx)
	if err == nil || !strings.Contains(err.Error(), `link to "../dich/#muc-mot" does not resolve`) {
		t.Errorf("a build from the cache: error %v, want the broken anchor", err)
	}
}

// bilingualLinkSite writes a site of two languages whose English bulletin
// links, as a translation's links are written (as if its page were at the
// root, like its original's), to pages of its own edition and to files
// every edition shares. The Vietnamese bulletin and its translation have
// one slug, so the two pages differ only by their edition's prefix.
func bilingualLinkSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "content/site.yaml", "title: x\nbaseURL: https://x.gov.vn/tien-do/\nlanguages: [vi, en]\n")
	writeFile(t, dir, "content/data/metrics/ho-so.yaml", "title: {vi: Hồ sơ, en: Records}\nunit: hồ sơ\nkind: flow\nperiod: quarter\nvalues:\n  - {period: 2024-Q1, value: 2700000}\n")
	writeFile(t, dir, "content/static/files/note.txt", "note\n")
	writeFile(t, dir, "content/articles/a.md", "---\ntitle: Đích\nslug: dich\ndate: 2024-04-01\n---\n## Mục một\n")
	writeFile(t, dir, "content/articles/a.en.md", "---\ntitle: Target\nslug: dich\ndate: 2024-04-01\n---\n## Part one\n")
	writeFile(t, dir, "content/articles/b.md", "---\ntitle: Chỉ tiếng Việt\ndate: 2024-04-02\n---\nXem [đích](../dich/#muc-mot).\n")
	writeFile(t, dir, "content/articles/c.md", "---\ntitle: Nguồn\ndate: 2024-04-03\n---\nXem [đích](../dich/#muc-mot).\n")
	writeFile(t, dir, "content/articles/c.en.md", "---\ntitle: Source\ndate: 2024-04-03\n---\n"+
		"[ok page](../dich/#part-one) [ok metric](../../metrics/ho-so/) [ok home](../../)\n"+ // line 5: in the edition
		"[ok csv](../../metrics/ho-so.csv) [ok file](../../files/note.txt) [ok own](#main)\n"+ // line 6: shared, at the root
		"[missing](../khong-co/) [vi only](../chi-tieng-viet/)\n"+ // line 7
		"[vi anchor](../dich/#muc-mot) [no anchor](../dich/#khong-co)\n") // line 8
	return dir
}

// TestLinksPerEdition: an English bulletin's links are checked in the
// English edition. A link to a page the English edition lacks (one that
// does not exist at all, one only the Vietnamese edition has) and to an
// anchor the English page lacks (though its Vietnamese original has it)
// are errors at their line and column, naming the English page; links to
// the English edition's pages and to the open-data and static files at
// the root resolve.
func TestLinksPerEdition(t *testing.T) {
	dir := bilingualLinkSite(t)
	_, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, output.NewMemory())
	if err == nil {
		t.Fatal("the build succeeded, want three broken links and a broken anchor")
	}
	got := strings.Split(relativeErrors(err, dir), "\n")
	want := []string{
		`content/articles/c.en.md:7:1: link to "../khong-co/" does not resolve to a page of the site`,
		`content/articles/c.en.md:7:25: link to "../chi-tieng-viet/" does not resolve to a page of the site`,
		`content/articles/c.en.md:8:1: link to "../dich/#muc-mot" does not resolve to a page of the site: en/articles/dich/ has no heading or anchor with the id "muc-mot" (ids there: part-one)`,
		`content/articles/c.en.md:8:31: link to "../dich/#khong-co" does not resolve to a page of the site: en/articles/dich/ has no heading or anchor with the id "khong-co" (ids there: part-one)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors differ\n got:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), lineDiff(got, want))
	}
}

// TestWarnLinks: with Options.WarnLinks, the broken links and anchors of
// testdata/links are handed to it, in file order, with the messages they
// have as errors, and do not fail the build; the cover and the site image
// that name no file stay errors. On a site whose only faults are links,
// the build succeeds and writes its pages.
func TestWarnLinks(t *testing.T) {
	dir := filepath.Join("testdata", "links")
	var warned []string
	opts := Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme(), WarnLinks: func(e *diag.Error) {
		warned = append(warned, relativeErrors(e, dir))
	}}
	_, err := Build(opts, output.NewMemory())
	var wantErrs, wantWarned []string
	for _, l := range readExpect(t, dir) {
		if strings.Contains(l, "is not a file of the site") {
			wantErrs = append(wantErrs, l)
		} else {
			wantWarned = append(wantWarned, l)
		}
	}
	if err == nil || !slices.Equal(strings.Split(relativeErrors(err, dir), "\n"), wantErrs) {
		t.Errorf("errors: %v\nwant:\n%s", err, strings.Join(wantErrs, "\n"))
	}
	if !slices.Equal(warned, wantWarned) {
		t.Errorf("warnings differ\n got:\n%s\nwant:\n%s\n%s", strings.Join(warned, "\n"), strings.Join(wantWarned, "\n"), lineDiff(warned, wantWarned))
	}

	// Only links broken (the bilingual site): the build succeeds.
	dir = bilingualLinkSite(t)
	opts.SiteDir, warned = dir, nil
	mem := output.NewMemory()
	if _, err := Build(opts, mem); err != nil {
		t.Fatalf("with WarnLinks: %v", err)
	}
	if len(warned) != 4 {
		t.Errorf("%d warnings, want 4:\n%s", len(warned), strings.Join(warned, "\n"))
	}
	if _, ok := mem.Get("en/articles/source/index.html"); !ok {
		t.Error("the English bulletin with broken links was not written")
	}
}
