package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/search"
	"github.com/bantin/bantin/internal/urls"
)

// edit is one change an editor makes to a site: it rewrites files under
// dir and returns the paths it touched, relative to dir.
type edit struct {
	name string
	do   func(t *testing.T, dir string) []string
}

func writeFile(t *testing.T, dir, rel, text string) []string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{rel}
}

func replaceIn(t *testing.T, dir, rel, old, new string) []string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", rel, old)
	}
	return writeFile(t, dir, rel, strings.Replace(string(b), old, new, 1))
}

func remove(t *testing.T, dir, rel string) []string {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
	return []string{rel}
}

// editSequence is what an editor does to testdata/site over a session.
func editSequence() []edit {
	const a = "content/articles/a.md"
	return []edit{
		{"article text", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, a, "so với cùng kỳ.", "so với cùng kỳ năm trước.")
		}},
		{"article title", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, a, "Số hóa hồ sơ quý I/2024", "Số hóa hồ sơ quý I năm 2024")
		}},
		{"article tags", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, a, "tags: [Chuyển đổi số, Đề án 06]", "tags: [Chuyển đổi số, Dịch vụ công]")
		}},
		{"article date", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, a, "date: 2024-04-09", "date: 2023-01-02")
		}},
		{"article added", func(t *testing.T, dir string) []string {
			return writeFile(t, dir, "content/articles/new/moi.md", "---\ntitle: Bài mới\ndate: 2024-06-01\ntags: [Mới]\n---\n\nCó {{< metric \"ty-le\" \"2024-Q1\" >}} trực tuyến.\n")
		}},
		{"metric value", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/metrics/ho-so.yaml", "value: 2700000", "value: 2750000")
		}},
		{"plan update", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/plans/ke-hoach-1.yaml", "{date: 2024-02-11, status: done}", "{date: 2024-02-12, status: done, note: muộn một ngày}")
		}},
		{"plan deadline moved", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/plans/ke-hoach-1.yaml", "{date: 2024-02-01, status: in-progress, progress: 40}", "{date: 2024-02-01, status: in-progress, progress: 40}\n      - {date: 2024-03-25, due: 2024-04-30, basis: \"Công văn 1/X\", note: \"lùi hạn, lần 1\"}")
		}},
		{"licence declared", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/site.yaml", "perPage: 2", "perPage: 2\nlicense: CC-BY-4.0")
		}},
		{"article deleted", func(t *testing.T, dir string) []string {
			return remove(t, dir, "content/articles/b.md")
		}},
		{"article broken then fixed", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, a, `{{< metric "ty-le" "2024-Q1" >}}`, `{{< metric "ty-le" "2024-Q2" >}}`)
		}},
		{"metric gains the missing value", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/metrics/ty-le.yaml", "value: 96.5}", "value: 96.5}\n  - {period: 2024-Q2, value: 97}")
		}},
		{"static added", func(t *testing.T, dir string) []string {
			return writeFile(t, dir, "content/static/files/moi.txt", "mới\n")
		}},
		{"static removed", func(t *testing.T, dir string) []string {
			return remove(t, dir, "content/static/files/note.txt")
		}},
		{"template", func(t *testing.T, dir string) []string {
			b, err := fs.ReadFile(bantin.Theme(), "404.html")
			if err != nil {
				t.Fatal(err)
			}
			return writeFile(t, dir, "templates/404.html", string(b)+"{{/* a site's own copy */}}<!-- custom -->\n")
		}},
		{"settings", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/site.yaml", "perPage: 2", "perPage: 3")
		}},
		// What changes.xml and the changes shortcode show (issue 13).
		{"changes article added", func(t *testing.T, dir string) []string {
			return writeFile(t, dir, "content/articles/thay-doi.md", "---\ntitle: Thay đổi\ndate: 2024-06-20\n---\n\nSố hóa {{< metric \"ho-so\" \"2024-Q1\" >}}.\n\n{{< changes since=\"previous\" >}}\n")
		}},
		{"deadline moved", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/plans/ke-hoach-1.yaml", "      - {date: 2024-05-10, status: done}",
				"      - {date: 2024-04-15, due: 2024-06-30, basis: \"Công văn 1/X\"}\n      - {date: 2024-05-10, status: done}")
		}},
		{"metric revised", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/metrics/ho-so.yaml", `note: "hơn 2,7 triệu"}`, `note: "hơn 2,7 triệu", revisions: [{date: 2024-06-25, value: 2800000}]}`)
		}},
		{"previous bulletin redated", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/articles/c.md", "date: 2024-02-01", "date: 2024-06-10")
		}},
		{"previous bulletin removed", func(t *testing.T, dir string) []string {
			return remove(t, dir, "content/articles/c.md")
		}},
	}
}

// bilingualEdits is what an editor does to testdata/bilingual, a site in
// two languages: translations edited, added and removed, texts of the
// data given per language.
func bilingualEdits() []edit {
	const en = "content/articles/a.en.md"
	return []edit{
		{"translation text", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, en, "were digitized", "have been digitized")
		}},
		{"translation title", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, en, `title: "Records digitized in Q1 2024"`, `title: "Records digitized, Q1 2024"`)
		}},
		{"translation added", func(t *testing.T, dir string) []string {
			return writeFile(t, dir, "content/articles/b.en.md", "---\ntitle: A dangerous title\ndate: 2024-03-01\ntags: [Project 06, New topic]\n---\n\nText with {{< metric \"ty-le\" \"2024-Q1\" >}} online.\n")
		}},
		{"translation tags", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/articles/c.en.md", "tags: [Project 06]", "tags: [Project 06, Digital transformation]")
		}},
		{"original title", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/articles/c.md", "title: Bản tin thứ ba", "title: Bản tin số ba")
		}},
		{"metric title in English", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/metrics/ho-so.yaml", "en: Records digitized}", "en: Digitized records}")
		}},
		{"task title in English", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/plans/ke-hoach-1.yaml", "en: Issue the directive}", "en: Issue a directive}")
		}},
		{"title becomes per language", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/data/metrics/ty-le.yaml", "title: Tỷ lệ hồ sơ trực tuyến", "title: {vi: Tỷ lệ hồ sơ trực tuyến, en: Online share}")
		}},
		{"translation removed", func(t *testing.T, dir string) []string {
			return remove(t, dir, en)
		}},
		{"original removed", func(t *testing.T, dir string) []string {
			return remove(t, dir, "content/articles/c.md")
		}},
		{"original restored", func(t *testing.T, dir string) []string {
			return writeFile(t, dir, "content/articles/c.md", "---\ntitle: Bản tin thứ ba\ndate: 2024-02-01\nslug: ban-tin-3\n---\n\nĐoạn văn đầu tiên.\n")
		}},
		{"translation of a translated bulletin's slug", func(t *testing.T, dir string) []string {
			return replaceIn(t, dir, "content/articles/c.en.md", "slug: third-bulletin", "slug: bulletin-3")
		}},
		{"UI string of one language", func(t *testing.T, dir string) []string {
			return writeFile(t, dir, "templates/i18n/en.yaml", "nav.plans: Programmes\n")
		}},
		{"translation added back", func(t *testing.T, dir string) []string {
			return writeFile(t, dir, en, "---\ntitle: Records digitized\ndate: 2024-04-09\ntags: [Project 06]\n---\n\n{{< metric \"ho-so\" \"2024-Q1\" >}} were digitized.\n\n{{< changes since=\"previous\" >}}\n")
		}},
	}
}

// fixtures are the sites the incremental tests edit, with their edits.
var fixtures = []struct {
	dir   string
	edits func() []edit
}{
	{"testdata/site", editSequence},
	{"testdata/bilingual", bilingualEdits},
}

// TestIncrementalEqualsFull applies a sequence of edits to a site, each
// followed by an incremental Update, and checks after every step that the
// in-memory output is byte-identical to a clean build of the same sources:
// same files, same bytes, nothing stale left behind.
func TestIncrementalEqualsFull(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.dir, func(t *testing.T) { incrementalEqualsFull(t, f.dir, f.edits()) })
	}
}

func incrementalEqualsFull(t *testing.T, fixture string, edits []edit) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	opts := Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
	s, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := s.RenderInto(context.Background(), mem); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		changed := e.do(t, dir)
		next := mem.Clone()
		st, err := s.Update(context.Background(), changed, next)
		full := output.NewMemory()
		_, ferr := Build(opts, full)
		if (err == nil) != (ferr == nil) {
			t.Fatalf("%s: incremental error %v, full build error %v", e.name, err, ferr)
		}
		if err != nil {
			if err.Error() != ferr.Error() {
				t.Errorf("%s: incremental errors\n%v\nfull build errors\n%v", e.name, err, ferr)
			}
			continue // the last good output stays, as in serve
		}
		mem = next
		sameOutput(t, e.name, mem, full)
		t.Logf("%s: %d of %d files rendered", e.name, st.Rendered, st.Files)
	}
}

func sameOutput(t *testing.T, step string, got, want *output.Memory) {
	t.Helper()
	gp, wp := got.Paths(), want.Paths()
	if !slices.Equal(gp, wp) {
		for _, p := range wp {
			if _, ok := got.Get(p); !ok {
				t.Errorf("%s: incremental output lacks %s", step, p)
			}
		}
		for _, p := range gp {
			if _, ok := want.Get(p); !ok {
				t.Errorf("%s: incremental output has stale %s", step, p)
			}
		}
	}
	for _, p := range wp {
		g, _ := got.Get(p)
		w, _ := want.Get(p)
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a full build:\n%s", step, p, firstDiff(g, w))
		}
	}
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("incremental …%q\nfull        …%q", a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
}

// TestIncrementalRendersLittle checks that an edit to one article's text
// re-renders that article's page and not the rest of the site.
func TestIncrementalRendersLittle(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	s, err := Open(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	full, err := s.RenderInto(context.Background(), mem)
	if err != nil {
		t.Fatal(err)
	}
	changed := replaceIn(t, dir, "content/articles/c.md", "bản tin thứ ba.", "bản tin thứ ba, sửa lại.\n\nĐoạn thứ hai mới.")
	st, err := s.Update(context.Background(), changed, mem.Clone())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("full: %d files; after editing one article: %v", full.Rendered, st.Changed)
	// The search index holds every bulletin's words: it is made again
	// whole (the preview makes it after the pages: DeferSearch).
	pages := slices.DeleteFunc(slices.Clone(st.Changed), func(p string) bool { return strings.HasPrefix(p, urls.Search()) })
	if len(pages) == 0 || len(pages) > 4 || len(pages) == len(st.Changed) {
		t.Errorf("editing one article rendered %v; want that article's page, the lists and feed only if its summary shows there, and the search index", st.Changed)
	}
	st, err = s.Update(context.Background(), changed, mem.Clone())
	if err != nil {
		t.Fatal(err)
	}
	if st.Rendered != 0 {
		t.Errorf("saving the same bytes again rendered %v", st.Changed)
	}
}

// onceSink fails when a path is written twice, as the disk sink does.
type onceSink struct {
	*output.Memory
	mu   sync.Mutex
	seen map[string]bool
}

func (s *onceSink) WriteFile(rel string, b []byte) error {
	s.mu.Lock()
	dup := s.seen[rel]
	s.seen[rel] = true
	s.mu.Unlock()
	if dup {
		return fmt.Errorf("%s written twice", rel)
	}
	return s.Memory.WriteFile(rel, b)
}

// TestOneShotRenderMatchesIncremental: a build (articles streamed to the
// sink as soon as they render, sources let go) writes each file once and
// the same bytes as a render kept for incremental updates.
func TestOneShotRenderMatchesIncremental(t *testing.T) {
	opts := Options{SiteDir: "testdata/site", AsOf: asOf, Theme: bantin.Theme()}
	oneShotMatchesKept(t, opts)
	s2, _ := Load(opts)
	s2.Render(output.NewMemory())
	if _, err := s2.Render(output.NewMemory()); err == nil {
		t.Error("a site rendered once rendered again, with its articles let go")
	}
}

// TestOneShotWritesSearchFilesEarly: on a site of enough bulletins that
// whole document files of the index are written while the bulletins
// render (searchFill.write), the one-shot build still writes every file
// once, and the same bytes as a render kept for incremental updates, which
// makes the index whole at the end; so does a build to disk, in both
// languages' editions.
func TestOneShotWritesSearchFilesEarly(t *testing.T) {
	for _, fixture := range []string{"testdata/site", "testdata/bilingual"} {
		t.Run(fixture, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
				t.Fatal(err)
			}
			for i := range 3*search.Chunk + 5 {
				writeFile(t, dir, fmt.Sprintf("content/articles/gen-%02d.md", i), fmt.Sprintf("---\ntitle: Bản tin số %d\ndate: 2024-03-%02d\ntags: [Chuyển đổi số]\n---\n\nHồ sơ thứ %d đã được số hóa; tỷ lệ 96,5%%.\n", i, i%28+1, i))
				if strings.Contains(fixture, "bilingual") { // and in English, under en/
					writeFile(t, dir, fmt.Sprintf("content/articles/gen-%02d.en.md", i), fmt.Sprintf("---\ntitle: Bulletin %d\ndate: 2024-03-%02d\n---\n\nRecord %d was digitised.\n", i, i%28+1, i))
				}
			}
			opts := Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
			early := searchEarly.Load()
			kept := oneShotMatchesKept(t, opts)
			want := int64(3)
			if strings.Contains(fixture, "bilingual") {
				want = 6 // 3 in each edition
			}
			if n := searchEarly.Load() - early; n < want {
				t.Errorf("%d document files written early, want at least %d", n, want)
			}
			out := filepath.Join(t.TempDir(), "public")
			buildTo(t, opts, out)
			sameOutput(t, "disk", diskTree(t, out), kept)
		})
	}
}

// oneShotMatchesKept builds opts once (Build: articles streamed to the
// sink as they render) and checks that every file is written once, with
// the bytes of a render kept for incremental updates, which it returns.
func oneShotMatchesKept(t *testing.T, opts Options) *output.Memory {
	t.Helper()
	once := &onceSink{Memory: output.NewMemory(), seen: map[string]bool{}}
	if _, err := Build(opts, once); err != nil {
		t.Fatal(err)
	}
	s, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	kept := output.NewMemory()
	if _, err := s.RenderInto(context.Background(), kept); err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "one-shot", once.Memory, kept)
	return kept
}

// TestAllErrorsAtOnce: a data error does not hide the shortcode errors of
// the articles; one run reports both.
func TestAllErrorsAtOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	replaceIn(t, dir, "content/data/metrics/ty-le.yaml", "value: 96.5}", "value: 196.5}")
	replaceIn(t, dir, "content/articles/a.md", `{{< metric "ho-so" "2024-Q1" >}}`, `{{< metric "ho-so" "2029-Q1" >}}`)
	_, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, output.NewMemory())
	if err == nil {
		t.Fatal("built")
	}
	for _, want := range []string{"ty-le.yaml:7:30: values[1].value", "a.md:9:11: metric: metric ho-so has no value for 2029-Q1"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

// diskTree reads every file of a built output but the marker.
func diskTree(t *testing.T, dir string) *output.Memory {
	t.Helper()
	m := output.NewMemory()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m.WriteFile(filepath.ToSlash(rel), b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func buildTo(t *testing.T, opts Options, out string) Stats {
	t.Helper()
	s, err := Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := output.Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.RenderContext(context.Background(), tx)
	if err != nil {
		tx.Abort()
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestDiskBuildsEqualFull follows the same edits with builds to disk,
// each reusing what the previous one stored (the output graph's stamps,
// the articles' rendering), and checks after each that public/ holds
// exactly what a clean build of the same sources makes; and that a build
// with nothing changed renders nothing.
func TestDiskBuildsEqualFull(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.dir, func(t *testing.T) { diskBuildsEqualFull(t, f.dir, f.edits()) })
	}
}

func diskBuildsEqualFull(t *testing.T, fixture string, edits []edit) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	opts := Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, opts, out)
	if st := buildTo(t, opts, out); st.Rendered != 0 {
		t.Errorf("a build with no change rendered %v", st.Changed)
	}
	for _, e := range edits {
		e.do(t, dir)
		if _, err := Build(opts, output.NewMemory()); err != nil {
			continue // a step that breaks the site: no build, as from the CLI
		}
		st := buildTo(t, opts, out)
		clean := filepath.Join(t.TempDir(), "public")
		full := buildTo(t, opts, clean)
		sameOutput(t, e.name, diskTree(t, out), diskTree(t, clean))
		t.Logf("%s: %d of %d outputs rendered (a clean build: %d)", e.name, st.Rendered, st.Files, full.Rendered)
		if st := buildTo(t, opts, out); st.Rendered != 0 {
			t.Errorf("%s: the build after it, with no change, rendered %v", e.name, st.Changed)
		}
	}
}
