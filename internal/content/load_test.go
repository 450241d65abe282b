package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"

	"github.com/bantin/bantin/internal/diag"
)

// outcome is what loading one file of testdata/adversarial must give:
// errors (each a prefix of one reported error, position included, in
// order), or an accepted article with the given slug.
type outcome struct {
	errs []string
	slug string
}

func accepted(slug string) outcome   { return outcome{slug: slug} }
func refused(errs ...string) outcome { return outcome{errs: errs} }

// adversarial lists every file of testdata/adversarial/content/articles
// (plus the links and special files the test adds, see specialEntries) with
// its expected outcome. Paths are relative to content/articles.
var adversarial = map[string]outcome{
	"valid.md": accepted("bai-hop-le"),
	// A byte order mark at the start is accepted and ignored; a second one
	// is a character before "---".
	"bom.md":       accepted("co-bom"),
	"bom-twice.md": refused("bom-twice.md:1:1: missing front matter"),
	// CRLF and lone CR (old Mac) line endings are normalised, and errors
	// keep the line numbers an editor shows.
	"crlf.md":          accepted("xuong-dong-crlf"),
	"crlf-error.md":    refused(`crlf-error.md:4:1: author: unknown key "author"`),
	"lone-cr.md":       accepted("xuong-dong-cr"),
	"lone-cr-error.md": refused(`lone-cr-error.md:3:1: author: unknown key "author"`),
	"mixed-cr.md":      refused(`mixed-cr.md:4:1: author: unknown key "author"`),
	// Invalid UTF-8 and NUL, in the front matter or the body, at the first
	// bad byte; columns count characters.
	"invalid-utf8-body.md":  refused("invalid-utf8-body.md:8:5: invalid UTF-8 (byte 0xff)"),
	"invalid-utf8-front.md": refused("invalid-utf8-front.md:2:10: invalid UTF-8 (byte 0xea)"),
	"latin1.md":             refused("latin1.md:2:11: invalid UTF-8 (byte 0xe9)"),
	"truncated-rune.md":     refused("truncated-rune.md:6:2: invalid UTF-8 (byte 0xe1)"),
	"nul-body.md":           refused("nul-body.md:6:3: NUL byte"),
	"nul-front.md":          refused("nul-front.md:2:11: NUL byte"),
	// YAML forbids tabs for indentation, not as the space after a colon.
	"tab-indent.md":      refused("tab-indent.md:5:1: invalid YAML: found character that cannot start any token"),
	"tab-after-colon.md": accepted("tab-sau-dau-hai-cham"),
	// Limits (limits.go), each at its key or item.
	"tags-many.md":       refused("tags-many.md:4:7: tags: 2000 tags; an article may have at most 50"),
	"tags-51.md":         refused("tags-51.md:5:3: tags: 51 tags; an article may have at most 50"),
	"tags-50.md":         accepted("nam-muoi-the"),
	"tag-long.md":        refused("tag-long.md:6:5: tags[1]: the tag is 300 characters long; at most 100"),
	"tag-100.md":         accepted("the-mot-tram-ky-tu"),
	"tag-empty-slug.md":  refused(`tag-empty-slug.md:4:12: tags[1]: tag "!!!" has no letters or digits`),
	"title-long.md":      refused("title-long.md:2:8: title: the title is 10000 characters long; at most 500"),
	"title-500.md":       accepted(strings.Repeat("a", 99)),
	"title-long-slug.md": accepted("ban-chi-dao-chuyen-doi-so-ban-chi-dao-chuyen-doi-so-ban-chi-dao-chuyen-doi-so-ban-chi-dao-chuyen-doi"),
	"slug-long.md":       refused("slug-long.md:4:7: slug: the slug is 299 characters long; at most 100"),
	"slug-100.md":        accepted(strings.Repeat("a", 100)),
	// Slugs that would leave the output directory or collide on
	// case-insensitive file systems.
	"slug-dotdot.md":    refused(`slug-dotdot.md:4:7: slug: "../../etc" is not a valid slug`),
	"slug-absolute.md":  refused(`slug-absolute.md:4:7: slug: "/etc/passwd" is not a valid slug`),
	"slug-uppercase.md": refused(`slug-uppercase.md:4:7: slug: "Ket-Qua" is not a valid slug`),
	"plan-dotdot.md":    refused(`plan-dotdot.md:4:7: plan: "../x" is not a plan id`),
	// Dates that do not exist.
	"date-impossible.md": refused(`date-impossible.md:3:7: date: "2024-02-30" is not a date`),
	"date-not-leap.md":   refused(`date-not-leap.md:3:7: date: "2023-02-29" is not a date`),
	"date-month-13.md":   refused(`date-month-13.md:3:7: date: "2024-13-01" is not a date`),
	"date-leap.md":       accepted("nam-nhuan"),
	// Front matter shape.
	"empty.md":             refused("empty.md:1:1: missing front matter"),
	"no-front-matter.md":   refused("no-front-matter.md:1:1: missing front matter"),
	"unclosed.md":          refused("unclosed.md:1:1: missing front matter"),
	"duplicate-key.md":     refused(`duplicate-key.md:3:1: title: key "title" is already defined at line 2`),
	"front-not-mapping.md": refused("front-not-mapping.md:2:1: expected a mapping"),
	"no-final-newline.md":  accepted("khong-xuong-dong-cuoi"),
	"unsafe-source.md":     refused(`unsafe-source.md:4:9: source.url: "javascript:alert(1)" is not an http(s) URL`),
	// Aliases are not expanded under unknown keys: eight errors, no blow-up.
	"alias-bomb.md": refused(
		`alias-bomb.md:4:1: x0: unknown key`, `alias-bomb.md:5:1: x1: unknown key`,
		`alias-bomb.md:6:1: x2: unknown key`, `alias-bomb.md:7:1: x3: unknown key`,
		`alias-bomb.md:8:1: x4: unknown key`, `alias-bomb.md:9:1: x5: unknown key`,
		`alias-bomb.md:10:1: x6: unknown key`, `alias-bomb.md:11:1: x7: unknown key`),
	// Not Markdown: ignored, like images next to articles.
	"not-markdown.txt": {},
}

const symlinkRefusal = "is a symbolic link; bantin reads only regular files inside the site"

// TestAdversarialArticles loads testdata/adversarial, with links and
// special files added in a copy (Git and module zips do not keep them
// reliably), in one Load, and checks every file's outcome and that no
// error or article comes from anywhere else: in particular nothing behind
// a link is read.
func TestAdversarialArticles(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/adversarial")); err != nil {
		t.Fatal(err)
	}
	want := map[string]outcome{}
	for name, o := range adversarial {
		want[name] = o
	}
	articles := filepath.Join(dir, "content", "articles")
	for name, o := range specialEntries(t, articles) {
		want[name] = o
	}
	for _, e := range mustReadDir(t, articles) {
		if _, ok := want[e.Name()]; !ok {
			t.Errorf("testdata file %s has no expected outcome in the table", e.Name())
		}
	}

	var errs diag.List
	arts := loadWithin(t, os.DirFS(dir), &errs)

	got := map[string][]string{}
	for _, e := range errs.Errors() {
		name, ok := strings.CutPrefix(e.Pos.File, filepath.Join("content", "articles")+string(filepath.Separator))
		if !ok {
			t.Errorf("error outside content/articles: %v", e)
			continue
		}
		got[filepath.ToSlash(name)] = append(got[filepath.ToSlash(name)], strings.TrimPrefix(e.Error(), "content/articles/"))
	}
	slugOf := map[string]string{}
	for _, a := range arts {
		slugOf[strings.TrimPrefix(filepath.ToSlash(a.File), "content/articles/")] = a.Slug
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected errors for %s: %q", name, got[name])
		}
	}
	for name := range slugOf {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected article %s (read through a link?)", name)
		}
	}
	for name, o := range want {
		t.Run(name, func(t *testing.T) {
			errs := got[name]
			if len(errs) != len(o.errs) {
				t.Fatalf("errors %q, want %q", errs, o.errs)
			}
			for i, w := range o.errs {
				if !strings.HasPrefix(errs[i], w) {
					t.Errorf("error %q, want it to start with %q", errs[i], w)
				}
			}
			if s, ok := slugOf[name]; ok != (o.slug != "") || s != o.slug {
				t.Errorf("article slug %q (loaded %v), want %q", s, ok, o.slug)
			}
			if len(o.slug) > MaxSlugLen {
				t.Errorf("expected slug longer than MaxSlugLen")
			}
		})
	}
	for _, a := range arts {
		if len(a.Body) > 0 && strings.ContainsRune(string(a.Body), '\r') {
			t.Errorf("%s: body keeps a carriage return: %q", a.File, a.Body)
		}
	}
}

// loadWithin runs Load and fails the test, instead of hanging it, if Load
// does not return: a FIFO opened for reading blocks until a writer comes.
// The limit is a deadlock guard, far above any real run, not a timing.
func loadWithin(t *testing.T, fsys fs.FS, errs *diag.List) []*Article {
	t.Helper()
	done := make(chan []*Article, 1)
	go func() { done <- Load(fsys, "", hcm, false, errs) }()
	select {
	case arts := <-done:
		return arts
	case <-time.After(time.Minute):
		t.Fatal("Load did not return: it blocked on a special file")
		return nil
	}
}

func mustReadDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestSymlinkedArticlesDir refuses content/articles itself being a link.
func TestSymlinkedArticlesDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "real", "a.md"), []byte("---\ntitle: a\ndate: 2024-04-09\n---\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	if err := os.Symlink("../real", filepath.Join(dir, "content", "articles")); err != nil {
		t.Skipf("cannot make links here: %v", err)
	}
	var errs diag.List
	arts := loadWithin(t, os.DirFS(dir), &errs)
	want := filepath.Join("content", "articles") + ": " + symlinkRefusal
	if len(arts) != 0 || !strings.HasPrefix(errs.Error(), want) {
		t.Errorf("articles %d, errors %q; want %q", len(arts), errs.Error(), want)
	}
}

func TestArticleTooLarge(t *testing.T) {
	fsys := fstest.MapFS{
		"content/articles/big.md": {Data: append([]byte("---\ntitle: a\ndate: 2024-04-09\n---\n"), make([]byte, MaxSize)...)},
	}
	var errs diag.List
	Load(fsys, "", hcm, false, &errs)
	if want := "content/articles/big.md: is 4.0 MiB, larger than the 4 MiB limit"; !strings.HasPrefix(errs.Error(), want) {
		t.Errorf("got %q, want %q", errs.Error(), want)
	}
}

// TestNormalizeCopiesOnlyWithCR: an LF file is used in place (the body is
// a slice of the source), and normalising it allocates nothing; only a
// file with a CR is copied.
func TestNormalizeCopiesOnlyWithCR(t *testing.T) {
	src := []byte("\ufeff---\ntitle: a\ndate: 2024-04-09\n---\nbody\n")
	var errs diag.List
	a := Parse("x.md", src, hcm, &errs)
	if a == nil {
		t.Fatal(errs.Error())
	}
	if !within(a.Body, src) {
		t.Error("the body of an LF file is a copy of the source")
	}
	if n := testing.AllocsPerRun(100, func() { normalize(src) }); n != 0 {
		t.Errorf("normalize of an LF source allocates %v times", n)
	}
	tests := []struct{ in, want string }{
		{"a\nb\n", "a\nb\n"},
		{"\ufeffa\n", "a\n"},
		{"a\r\nb\r\n", "a\nb\n"},
		{"a\rb\r", "a\nb\n"},
		{"a\r\r\nb", "a\n\nb"},
		{"a\n\rb", "a\n\nb"},
		{"\r", "\n"},
		{"a\u00e9\r\n", "a\u00e9\n"},
	}
	for _, tt := range tests {
		if got := string(normalize([]byte(tt.in))); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func within(part, whole []byte) bool {
	if len(part) == 0 || len(whole) == 0 {
		return false
	}
	p, w := uintptr(unsafe.Pointer(&part[0])), uintptr(unsafe.Pointer(&whole[0]))
	return p >= w && p < w+uintptr(len(whole))
}

func TestBadByte(t *testing.T) {
	tests := []struct {
		in        string
		line, col int // 0: no bad byte
		what      string
	}{
		{"plain\ntext", 0, 0, ""},
		{"Tiếng Việt ✓ 😀\n", 0, 0, ""},
		{"\x00", 1, 1, "NUL byte"},
		{"ab\ncd\x00", 2, 3, "NUL byte"},
		{"Việt\xff", 1, 5, "invalid UTF-8 (byte 0xff)"},
		{"a\n\nViệ\xe1\xbb", 3, 4, "invalid UTF-8 (byte 0xe1)"}, // a character cut short
		{"\xed\xa0\x80", 1, 1, "invalid UTF-8 (byte 0xed)"},     // a UTF-16 surrogate
		{"\xc0\xaf", 1, 1, "invalid UTF-8 (byte 0xc0)"},         // an overlong "/"
		{"ok\xef\xbb\xbf", 0, 0, ""},                            // a BOM inside is a character
	}
	for _, tt := range tests {
		off, what := badByte([]byte(tt.in))
		if tt.line == 0 {
			if off >= 0 {
				t.Errorf("badByte(%q) = %d %q, want none", tt.in, off, what)
			}
			continue
		}
		if off < 0 {
			t.Errorf("badByte(%q) found nothing, want %d:%d", tt.in, tt.line, tt.col)
			continue
		}
		line, col := lineCol([]byte(tt.in), off)
		if line != tt.line || col != tt.col || !strings.HasPrefix(what, tt.what) {
			t.Errorf("badByte(%q) at %d:%d %q, want %d:%d %q", tt.in, line, col, what, tt.line, tt.col, tt.what)
		}
	}
}

// TestLimits checks each limit of limits.go on both sides of its bound.
func TestLimits(t *testing.T) {
	head := "---\ndate: 2024-04-09\n"
	tags := func(n int) string {
		var b strings.Builder
		b.WriteString("tags:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - thẻ %d\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name, front string
		err         string // "" when accepted
		slug        string
	}{
		{"title at the limit", "title: " + strings.Repeat("ố", MaxTitleLen) + "\n", "", strings.Repeat("o", MaxSlugLen)},
		{"title over the limit", "title: " + strings.Repeat("ố", MaxTitleLen+1) + "\n", "x.md:3:8: title: the title is 501 characters long; at most 500", ""},
		{"generated slug cut at a dash", "title: " + strings.Repeat("Kết quả ", 30) + "\n", "", strings.Repeat("ket-qua-", 12) + "ket"},
		{"explicit slug at the limit", "title: a\nslug: " + strings.Repeat("b", MaxSlugLen) + "\n", "", strings.Repeat("b", MaxSlugLen)},
		{"explicit slug over the limit", "title: a\nslug: " + strings.Repeat("b", MaxSlugLen+1) + "\n", "x.md:4:7: slug: the slug is 101 characters long; at most 100", ""},
		{"tag at the limit", "title: a\ntags: [" + strings.Repeat("đ", MaxTagLen) + "]\n", "", "a"},
		{"tag over the limit", "title: a\ntags: [ok, " + strings.Repeat("đ", MaxTagLen+1) + "]\n", "x.md:4:12: tags[1]: the tag is 101 characters long; at most 100", ""},
		{"tags at the limit", "title: a\n" + tags(MaxTags), "", "a"},
		{"tags over the limit", "title: a\n" + tags(MaxTags+1), "x.md:5:3: tags: 51 tags; an article may have at most 50", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			a := Parse("x.md", []byte(head+tt.front+"---\n"), hcm, &errs)
			if tt.err == "" {
				if a == nil {
					t.Fatalf("refused: %v", errs.Error())
				}
				if a.Slug != tt.slug || len(a.Slug) > MaxSlugLen {
					t.Errorf("slug %q, want %q", a.Slug, tt.slug)
				}
				for _, tag := range a.Tags {
					if len(tag.Slug) > MaxSlugLen {
						t.Errorf("tag slug %q is longer than %d", tag.Slug, MaxSlugLen)
					}
				}
				return
			}
			if a != nil || errs.Len() != 1 || !strings.HasPrefix(errs.Error(), tt.err) {
				t.Errorf("errors %q, want one starting with %q", errs.Error(), tt.err)
			}
		})
	}
}

// gateFS holds every opening of an article until a second one is under
// way, so Load passes only if it reads at least two files at once. A
// loader that reads one file at a time would wait forever: the gate gives
// up after a minute (a deadlock guard, not a timing) and the test fails.
// It wraps a MapFS without embedding it, so that no ReadFile method lets a
// reader get past the gate.
type gateFS struct {
	m        fstest.MapFS
	mu       sync.Mutex
	inFlight int
	overlap  chan struct{} // closed once two openings overlap
	timedOut bool
}

func (g *gateFS) ReadDir(name string) ([]fs.DirEntry, error) { return g.m.ReadDir(name) }
func (g *gateFS) Stat(name string) (fs.FileInfo, error)      { return g.m.Stat(name) }
func (g *gateFS) Lstat(name string) (fs.FileInfo, error)     { return g.m.Lstat(name) }
func (g *gateFS) ReadLink(name string) (string, error)       { return g.m.ReadLink(name) }

// open lets every reader through; g.mu is held.
func (g *gateFS) open() {
	select {
	case <-g.overlap:
	default:
		close(g.overlap)
	}
}

func (g *gateFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".md") {
		g.mu.Lock()
		g.inFlight++
		if g.inFlight == 2 {
			g.open()
		}
		g.mu.Unlock()
		select {
		case <-g.overlap:
		case <-time.After(time.Minute):
			g.mu.Lock()
			g.timedOut = true
			g.open() // fail once, not once per file
			g.mu.Unlock()
		}
		defer func() {
			g.mu.Lock()
			g.inFlight--
			g.mu.Unlock()
		}()
	}
	return g.m.Open(name)
}

// TestLoadReadsInParallel proves that Load reads article files
// concurrently (the gate needs two reads at once).
func TestLoadReadsInParallel(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	g := &gateFS{m: fstest.MapFS{}, overlap: make(chan struct{})}
	for i := range 8 {
		g.m[fmt.Sprintf("content/articles/%d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: Bài %d\ndate: 2024-04-09\n---\n", i)}
	}
	var errs diag.List
	arts := Load(g, "", hcm, false, &errs)
	if g.timedOut {
		t.Fatal("Load read the articles one at a time")
	}
	if errs.Len() != 0 || len(arts) != 8 {
		t.Fatalf("%d articles, errors %v", len(arts), errs.Error())
	}
}

// TestLoadIsDeterministic loads the same site many times in parallel: the
// articles, the errors and the file that gets each duplicate-slug error
// (always the later one by name) must be the same every time.
func TestLoadIsDeterministic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	fsys := fstest.MapFS{}
	for i := range 300 {
		src := fmt.Sprintf("---\ntitle: Bài %d\ndate: 2024-04-%02d\n---\n", i%100, 1+i%28)
		if i%7 == 0 {
			src = fmt.Sprintf("---\ntitle: Lỗi %d\ndate: 2024-04-31\n---\n", i)
		}
		fsys[fmt.Sprintf("content/articles/%03d.md", i)] = &fstest.MapFile{Data: []byte(src)}
	}
	var first string
	for run := range 20 {
		var errs diag.List
		arts := Load(fsys, "", hcm, false, &errs)
		got := errs.Error() + "\n" + strings.Join(slugs(arts), " ")
		if run == 0 {
			first = got
			// 000 … 099 own slugs bai-0 … bai-99; 100 … 299 repeat them.
			if !strings.Contains(got, `content/articles/101.md:2:8: slug "bai-1" is already used by content/articles/001.md`) ||
				!strings.Contains(got, `content/articles/201.md:2:8: slug "bai-1" is already used by content/articles/001.md`) {
				t.Fatalf("duplicate errors not on the later files:\n%s", got)
			}
			continue
		}
		if got != first {
			t.Fatalf("run %d differs from run 0", run)
		}
	}
}

// genSite makes n articles where every other file repeats the slug of the
// one before it; with withErrors, every fourth file also has an error of
// its own front matter.
func genSite(n int, withErrors bool) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := range n {
		extra := ""
		if withErrors && i%4 == 3 {
			extra = "author: x\n"
		}
		fsys[fmt.Sprintf("content/articles/%05d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Bài số %d về chuyển đổi số\ndate: 2024-04-09\ntags: [Đề án 06, thẻ %d]\n%s---\n\nĐoạn đầu.\n", i/2, i%10, extra)}
	}
	return fsys
}

// TestLoadGrowsLinearly loads 1,000 and 5,000 generated articles with a
// duplicate slug every other file (and, in the second case, front matter
// errors too) and compares the allocations per article: work done per pair
// of articles, or per error already reported, would show as growth. It
// counts (allocations and errors), it does not time.
func TestLoadGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 6,000 articles")
	}
	for _, withErrors := range []bool{false, true} {
		t.Run(fmt.Sprintf("errors=%v", withErrors), func(t *testing.T) {
			perArticle := func(n int) (allocs, bytes float64) {
				fsys := genSite(n, withErrors)
				var errs diag.List
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				arts := Load(fsys, "", hcm, false, &errs)
				runtime.ReadMemStats(&after)
				// Either way half the files are refused: with errors, a
				// quarter for their front matter, and the other files of
				// those pairs keep their slug.
				wantErrs := n / 2
				if got := errs.Len(); got != wantErrs {
					t.Fatalf("n=%d: %d errors, want %d", n, got, wantErrs)
				}
				if len(arts)+errs.Len() != n {
					t.Fatalf("n=%d: %d articles and %d errors", n, len(arts), errs.Len())
				}
				return float64(after.Mallocs-before.Mallocs) / float64(n), float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
			}
			a1, b1 := perArticle(1000)
			a5, b5 := perArticle(5000)
			t.Logf("per article: %.0f allocations, %.0f bytes at 1,000; %.0f, %.0f at 5,000", a1, b1, a5, b5)
			if a5 > 1.25*a1 || b5 > 1.25*b1 {
				t.Errorf("allocations per article grow with the number of articles: %.0f → %.0f allocations, %.0f → %.0f bytes", a1, a5, b1, b5)
			}
		})
	}
}

// BenchmarkLoad loads generated sites with a duplicate slug every other
// file; allocs/article must stay flat from 1,000 to 5,000 articles.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		fsys := genSite(n, true)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var allocs uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				var errs diag.List
				Load(fsys, "", hcm, false, &errs)
				runtime.ReadMemStats(&after)
				allocs += after.Mallocs - before.Mallocs
			}
			b.ReportMetric(float64(allocs)/float64(b.N)/float64(n), "allocs/article")
		})
	}
}

// TestParseSharedList: Parse decides on its own errors only, so files
// parsed at once into one list do not reject each other.
func TestParseSharedList(t *testing.T) {
	var errs diag.List
	var wg sync.WaitGroup
	var mu sync.Mutex
	var ok []string
	for i := range 50 {
		wg.Go(func() {
			src := fmt.Sprintf("---\ntitle: Bài %d\ndate: 2024-04-09\n---\n", i)
			if i%2 == 0 {
				src = "---\ntitle: x\ndate: 2024-02-30\n---\n"
			}
			if a := Parse(fmt.Sprintf("%02d.md", i), []byte(src), hcm, &errs); a != nil {
				mu.Lock()
				ok = append(ok, a.Slug)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(ok) != 25 || errs.Len() != 25 {
		t.Errorf("%d articles, %d errors; want 25 and 25", len(ok), errs.Len())
	}
}
