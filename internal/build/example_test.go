package build

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/output"
)

// TestExampleSite builds the repository's own example site and checks that
// the bulletins quote every figure of the seed facts, drawn from the data
// through shortcodes and written the Vietnamese way.
func TestExampleSite(t *testing.T) {
	mem := output.NewMemory()
	if _, err := Build(Options{SiteDir: "../..", AsOf: asOf, Theme: bantin.Theme()}, mem); err != nil {
		t.Fatalf("the example site does not build:\n%v", err)
	}
	article := func(part string) string {
		for _, p := range mem.Paths() {
			if strings.HasPrefix(p, "articles/") && strings.Contains(p, part) && strings.HasSuffix(p, "/index.html") {
				return get(t, mem, p)
			}
		}
		t.Fatalf("no article with %q in its path", part)
		return ""
	}
	checks := []struct {
		page string
		want []string
	}{
		{article("quy-i-2024"), []string{
			"hơn 2,7 triệu hồ sơ", "hơn 109 triệu hồ sơ", "hơn 1,5 tỷ yêu cầu", "+216 triệu",
			"hơn 268 triệu yêu cầu", "hơn 21 triệu hồ sơ", "96,5%", "hơn 746.000 hồ sơ", "hơn 63.000 hồ sơ",
			"09/4/2024", "Quý I/2024", "829/QĐ-BCĐ", "Tình hình đến 09/4/2024", "<canvas", "<table",
		}},
		{article("phien-thu-nhat"), []string{"hơn 5 triệu hồ sơ", "hơn 95%", "04/6/2025"}},
		{get(t, mem, "plans/ke-hoach-829/index.html"), []string{"829/QĐ-BCĐ", "06/02/2024", "T71", "Thường xuyên"}},
		{get(t, mem, "metrics/lookup-requests/index.html"), []string{"hơn 1,5 tỷ yêu cầu", "+216 triệu", "1.284.000.000"}},
	}
	for _, c := range checks {
		page := html.UnescapeString(c.page)
		for _, w := range c.want {
			if w == "<canvas" {
				continue // drawn in the browser; the browser test checks it
			}
			if !strings.Contains(page, w) {
				t.Errorf("missing %q", w)
			}
		}
	}
	plan := get(t, mem, "plans/ke-hoach-829/index.html")
	for _, want := range []string{">71<", ">20<", ">51<"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan page lacks the count %s", want)
		}
	}
	csv := get(t, mem, "metrics/lookup-requests.csv")
	if !strings.Contains(csv, "2024-Q1,1500000000") {
		t.Errorf("CSV export lacks the machine-readable value:\n%s", csv)
	}
}

// TestShortcodeReferenceErrors checks that a shortcode naming a missing
// metric, period or plan, or a malformed one, fails the build with the
// article's file:line:col, every one of them in one run.
func TestShortcodeReferenceErrors(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "testdata/site", dir)
	bad := "---\ntitle: Sai\ndate: 2024-04-09\n---\n" +
		"Một {{< metric \"khong-co\" \"2024-Q1\" >}}.\n" +
		"Hai {{< metric \"ho-so\" \"2019-Q1\" >}}.\n" +
		"\n{{< progress \"ke-hoach-9\" >}}\n" +
		"\nBa {{< metric \"ho-so\" >}.\n" +
		"\n{{< change \"ho-so\" \"2024-Q1\" \"mom\" >}}\n"
	if err := os.WriteFile(filepath.Join(dir, "content/articles/sai.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, output.NewMemory())
	if err == nil {
		t.Fatal("the build succeeded")
	}
	msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
	for _, want := range []string{
		`content/articles/sai.md:5:5: metric: no metric "khong-co"`,
		`content/articles/sai.md:6:5: metric: metric ho-so has no value for 2019-Q1`,
		`content/articles/sai.md:8:1: progress: no plan "ke-hoach-9"`,
		`content/articles/sai.md:10:23: unexpected ">"`,
		`content/articles/sai.md:12:1: change:`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEnglishSite builds the fixture as an English site: UI strings,
// numbers and dates follow the language.
func TestEnglishSite(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "testdata/site", dir)
	cfg := filepath.Join(dir, "content/site.yaml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(src), "language: vi", "language: en", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	mem := buildFixture(t, dir)
	page := html.UnescapeString(get(t, mem, "articles/so-hoa-ho-so-quy-i-2024/index.html"))
	for _, want := range []string{`<html lang="en"`, "over 2.7 million", "Q1 2024", "9 April 2024"} {
		if !strings.Contains(page, want) {
			t.Errorf("English article lacks %q", want)
		}
	}
}
