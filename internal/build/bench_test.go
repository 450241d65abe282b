package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/output"
)

// syntheticSite writes a site of n bulletins that quote the fixture's
// data through shortcodes, the shape of a real office's archive.
func syntheticSite(b testing.TB, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		b.Fatal(err)
	}
	articles := filepath.Join(dir, "content", "articles")
	for i := range n {
		body := fmt.Sprintf("---\ntitle: Bản tin số %d về chuyển đổi số\ndate: 2024-%02d-%02d\ntags: [chuyển đổi số, nhóm %d]\n---\n\n"+
			"Đã số hóa {{< metric \"ho-so\" \"2024-Q1\" >}}, tăng {{< change \"ho-so\" \"2024-Q1\" \"yoy\" >}}.\n\n"+
			"## Kiến nghị đơn giản hóa\n\nNội dung *bản tin* với [liên kết](https://bocongan.gov.vn/) và bảng:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"+
			"{{< progress \"ke-hoach-1\" >}}\n", i, i%12+1, i%28+1, i%20)
		if err := os.WriteFile(filepath.Join(articles, fmt.Sprintf("bai-%05d.md", i)), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkBuild measures a whole build, from reading files to rendered
// bytes in memory, of sites of growing size. Run with scripts/bench.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := syntheticSite(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, output.NewMemory()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildSiteDir builds the site in $BANTIN_BENCH_SITE (for
// example one made by cmd/sitegen) into memory, for profiling a large
// site: BANTIN_BENCH_SITE=/path go test -bench BuildSiteDir -cpuprofile cpu.out.
func BenchmarkBuildSiteDir(b *testing.B) {
	dir := os.Getenv("BANTIN_BENCH_SITE")
	if dir == "" {
		b.Skip("set BANTIN_BENCH_SITE to a site directory")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(Options{SiteDir: dir, AsOf: date.Date{Year: 2026, Month: 1, Day: 1}, Theme: bantin.Theme()}, output.NewMemory()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEditSiteDir measures what `bantin serve` does after an editor
// saves one article, or one metric, of the site in $BANTIN_BENCH_SITE:
// reload that file, render what depends on it, update the in-memory site.
// It works on a copy, so the site is not changed.
func BenchmarkEditSiteDir(b *testing.B) {
	src := os.Getenv("BANTIN_BENCH_SITE")
	if src == "" {
		b.Skip("set BANTIN_BENCH_SITE to a site directory")
	}
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	s, err := Open(Options{SiteDir: dir, AsOf: date.Date{Year: 2026, Month: 1, Day: 1}, Theme: bantin.Theme(), Drafts: true, DeferSearch: true}) // as serve opens it
	if err != nil {
		b.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := s.RenderInto(context.Background(), mem); err != nil {
		b.Fatal(err)
	}
	articles, _ := filepath.Glob(filepath.Join(dir, "content/articles/*.md"))
	metrics, _ := filepath.Glob(filepath.Join(dir, "content/data/metrics/*.yaml"))
	for _, c := range []struct {
		name string
		file string
		edit func(src []byte, i int) []byte
	}{
		{"article", articles[len(articles)/2], func(src []byte, i int) []byte {
			return append(src, fmt.Sprintf("\nMột câu sửa lần %d.\n", i)...)
		}},
		{"metric", metrics[0], func(src []byte, i int) []byte {
			return append(src, fmt.Sprintf("# sửa lần %d\n", i)...)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			orig, err := os.ReadFile(c.file)
			if err != nil {
				b.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, c.file)
			i := 0
			for b.Loop() {
				i++
				if err := os.WriteFile(c.file, c.edit(orig, i), 0o644); err != nil {
					b.Fatal(err)
				}
				next := mem.Clone()
				st, err := s.Update(context.Background(), []string{filepath.ToSlash(rel)}, next)
				if err != nil {
					b.Fatal(err)
				}
				mem = next
				b.ReportMetric(float64(st.Rendered), "outputs/op")
			}
		})
	}
}

// BenchmarkPageSiteDir renders one page of each kind of the site in
// $BANTIN_BENCH_SITE again and again — a bulletin, a page of the bulletin
// list, a topic's page, a metric and a plan — for the template work and
// allocations of one page. Cards are rendered in place (no pass shares
// them), as for a list page that shows each bulletin once.
func BenchmarkPageSiteDir(b *testing.B) {
	dir := os.Getenv("BANTIN_BENCH_SITE")
	if dir == "" {
		b.Skip("set BANTIN_BENCH_SITE to a site directory")
	}
	s, err := Open(Options{SiteDir: dir, AsOf: date.Date{Year: 2026, Month: 1, Day: 1}, Theme: bantin.Theme()})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.RenderInto(context.Background(), output.NewMemory()); err != nil {
		b.Fatal(err)
	}
	g, err := s.graph()
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"article", "articles", "tag", "metric", "plan"} {
		i := slices.IndexFunc(g.Nodes(), func(n *graph.Node) bool {
			return n.Kind == graph.Page && strings.HasPrefix(n.Key, kind+":") && n.Lend != nil
		})
		if i < 0 {
			continue // the site has no page of this kind
		}
		n := g.Nodes()[i]
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, release, err := n.Lend()
				if err != nil {
					b.Fatal(err)
				}
				release()
			}
		})
	}
}
