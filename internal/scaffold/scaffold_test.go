package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/output"
)

var hcm = mustLoc("Asia/Ho_Chi_Minh")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// buildSite builds dir into memory as of day, as `bantin build` would.
func buildSite(t *testing.T, dir string, day date.Date, drafts bool) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	_, err := build.Build(build.Options{SiteDir: dir, Theme: bantin.Theme(), AsOf: day, Drafts: drafts}, mem)
	if err != nil {
		t.Fatalf("the site does not build:\n%v", err)
	}
	return mem
}

func TestNewSiteBuilds(t *testing.T) {
	// Today, and the edges of a year in the site's time zone (UTC is still
	// on the previous day at 00:30 in Hà Nội).
	for _, now := range []time.Time{
		time.Now(),
		time.Date(2027, 1, 1, 0, 30, 0, 0, hcm),
		time.Date(2026, 12, 31, 23, 59, 0, 0, hcm),
	} {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "tien-do")
			files, err := NewSite(dir, now)
			if err != nil {
				t.Fatal(err)
			}
			today := date.Of(now.In(hcm))
			article := "content/articles/" + today.String() + "-chao-mung-den-voi-ban-tin-tien-do.md"
			want := []string{
				".gitignore",
				article,
				"content/data/metrics/ho-so-truc-tuyen.yaml",
				"content/data/plans/ke-hoach-mau.yaml",
				"content/site.yaml",
				"schema/front-matter.schema.json",
				"schema/metric.schema.json",
				"schema/plan.schema.json",
				"schema/site.schema.json",
			}
			if !sort.StringsAreSorted(files) || strings.Join(files, " ") != strings.Join(want, " ") {
				t.Errorf("created %q, want %q", files, want)
			}
			if info, err := os.Stat(filepath.Join(dir, "content", "static")); err != nil || !info.IsDir() {
				t.Error("no content/static directory")
			}
			src, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(article)))
			if strings.Contains(string(src), "[[") {
				t.Errorf("unexpanded template in the article:\n%s", src)
			}

			mem := buildSite(t, dir, today, false)
			for _, p := range []string{
				"index.html",
				"articles/chao-mung-den-voi-ban-tin-tien-do/index.html",
				"plans/ke-hoach-mau/index.html",
				"metrics/ho-so-truc-tuyen/index.html",
				"metrics/ho-so-truc-tuyen.csv",
				"404.html",
			} {
				if _, ok := mem.Get(p); !ok {
					t.Errorf("the new site has no %s", p)
				}
			}
			page, _ := mem.Get("articles/chao-mung-den-voi-ban-tin-tien-do/index.html")
			// The shortcodes resolved against the data: the figure of Q4 of last year.
			if !strings.Contains(string(page), "415.000") {
				t.Error("the article does not show the metric's figure")
			}
		})
	}
}

func TestNewSiteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	os.WriteFile(keep, []byte("keep me"), 0o644)
	_, err := NewSite(dir, time.Now())
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("err = %v, want ErrNotEmpty naming the file", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("NewSite wrote into a non-empty directory: %d entries", len(entries))
	}
	if b, _ := os.ReadFile(keep); string(b) != "keep me" {
		t.Error("existing file changed")
	}

	if _, err := NewSite(keep, time.Now()); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a file as DIR: %v", err)
	}
	// An empty directory is fine.
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := NewSite(empty, time.Now()); err != nil {
		t.Errorf("empty directory: %v", err)
	}
}

func TestNewArticle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := NewSite(dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	// 20:00 UTC on 1 March is already 2 March in Hà Nội.
	now := time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)
	title := `Họp Ban Chỉ đạo: "quý I" # số 1`
	name, err := NewArticle(dir, "  "+title+"\n", now)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "content", "articles", "2026-03-02-hop-ban-chi-dao-quy-i-so-1.md")
	if name != want {
		t.Fatalf("created %s, want %s", name, want)
	}
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	errs := &diag.List{}
	a := content.Parse(name, src, hcm, errs)
	if err := errs.Err(); err != nil || a == nil {
		t.Fatalf("the front matter does not parse: %v\n%s", err, src)
	}
	if a.Front.Title != title || a.Date != (date.Date{Year: 2026, Month: 3, Day: 2}) || !a.Front.Draft || len(a.Front.Tags) != 0 {
		t.Errorf("front matter: %+v", a.Front)
	}
	if !strings.Contains(string(src), "\ndate: 2026-03-02\n") {
		t.Errorf("the date is not written plainly:\n%s", src)
	}

	// Never overwrite.
	os.WriteFile(name, []byte("edited by hand"), 0o644)
	if _, err := NewArticle(dir, title, now); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second NewArticle: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "edited by hand" {
		t.Error("an existing article was overwritten")
	}
	os.WriteFile(name, src, 0o644)

	// The draft builds with --drafts, and is left out without.
	day := date.Date{Year: 2026, Month: 3, Day: 2}
	if _, ok := buildSite(t, dir, day, true).Get("articles/hop-ban-chi-dao-quy-i-so-1/index.html"); !ok {
		t.Error("the new article is not built with drafts")
	}
	if _, ok := buildSite(t, dir, day, false).Get("articles/hop-ban-chi-dao-quy-i-so-1/index.html"); ok {
		t.Error("the new draft was published")
	}
}

func TestNewArticleErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := NewSite(dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"", "   ", "!!! ???"} {
		if _, err := NewArticle(dir, title, time.Now()); err == nil {
			t.Errorf("title %q: no error", title)
		}
	}
	// Not a site: the settings error comes back positioned.
	_, err := NewArticle(t.TempDir(), "Tiêu đề", time.Now())
	var list *diag.List
	if !errors.As(err, &list) || !strings.Contains(err.Error(), "content/site.yaml") {
		t.Errorf("not a site: %v", err)
	}
	if _, err := NewArticle(filepath.Join(dir, "missing"), "Tiêu đề", time.Now()); err == nil {
		t.Error("missing site directory: no error")
	}
}

func TestNewArticleEnglishSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := NewSite(dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "content", "site.yaml")
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(src), "language: vi", "language: en", 1)), 0o644)
	name, err := NewArticle(dir, "Quarterly review", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); !strings.Contains(string(b), "Write the bulletin here.") {
		t.Errorf("body not in the site's language:\n%s", b)
	}
}
