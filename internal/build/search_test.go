package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/search"
	"github.com/bantin/bantin/internal/urls"
)

// searchIndex produces the site's search index through its graph nodes
// (searchNodes), by file name under search/.
func searchIndex(t testing.TB, s *Site) map[string][]byte {
	t.Helper()
	g := graph.New(0)
	if err := s.searchNodes(g); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, n := range g.Nodes() {
		if n.Kind != graph.Search {
			continue
		}
		b, err := n.Produce()
		if err != nil {
			t.Fatalf("%s: %v", n.Path, err)
		}
		name, ok := strings.CutPrefix(n.Path, urls.SearchFile(""))
		if !ok {
			t.Fatalf("index file %s outside %s", n.Path, urls.Search())
		}
		files[name] = b
	}
	return files
}

// transfer is what a browser fetches for queries, gzip-compressed as a
// web server sends it.
type transfer struct {
	files   map[string][]byte
	fetched map[string]bool
	bytes   int // gzip
	raw     int // as stored
}

func (tr *transfer) fetch(name string) ([]byte, error) {
	b, ok := tr.files[name]
	if !ok {
		return nil, fmt.Errorf("no index file %s", name)
	}
	if !tr.fetched[name] {
		tr.fetched[name] = true
		tr.bytes += gzipSize(b)
		tr.raw += len(b)
	}
	return b, nil
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// lateAsOf is after every date of the example site and of cmd/sitegen's sites.
var lateAsOf = date.Date{Year: 2026, Month: 1, Day: 1}

func loadSite(t testing.TB, dir string, asOf date.Date) *Site {
	t.Helper()
	s, err := Load(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	// Rendered as a build renders it: the articles' sources are let go
	// after, so the index reads them again.
	if _, err := s.Render(output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSearchExample searches the example site's index: folded and
// accented queries, numbers as written, figures from shortcodes as they
// read, plans and tasks; nothing of a chart is in the index.
func TestSearchExample(t *testing.T) {
	s := loadSite(t, "../..", lateAsOf)
	files := searchIndex(t, s)
	r, err := search.Open((&transfer{files: files, fetched: map[string]bool{}}).fetch)
	if err != nil {
		t.Fatal(err)
	}
	const (
		q1     = "articles/ban-chi-dao-chuyen-doi-so-bo-cong-an-danh-gia-ket-qua-quy-i-2024/"
		bcd57  = "articles/ban-chi-dao-57-cua-bo-cong-an-hop-phien-thu-nhat/"
		plan   = "plans/ke-hoach-829/"
		task01 = "plans/ke-hoach-829/#task-T01"
	)
	for _, tt := range []struct {
		q     string
		first []string // the first results, in order
		also  []string // among the results
	}{
		{q: "chuyen doi so", first: []string{q1, plan}, also: []string{bcd57}},
		{q: "chuyển đổi số", first: []string{q1, plan}, also: []string{bcd57}},
		{q: "de an 06", also: []string{q1, bcd57, task01}},
		{q: "Đề án 06", also: []string{q1, bcd57, task01}},
		{q: "dich vu cong", also: []string{q1, bcd57}},
		{q: "96,5", also: []string{q1, "metrics/online-share/"}},           // a figure of a shortcode
		{q: "746.000", also: []string{q1}},                                 // a figure of a shortcode
		{q: "2,7 triệu", also: []string{q1, "metrics/records-digitized/"}}, // a figure as it reads
		{q: "829/QĐ-BCĐ", also: []string{q1, plan}},                        // the plan's decision
		{q: "Luật Căn cước", also: []string{q1, "plans/ke-hoach-829/#task-T02"}},
	} {
		hits, _, err := r.Search(tt.q, 100)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.URL)
		}
		if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
			t.Errorf("%q: results %q, want first %q", tt.q, got, tt.first)
		}
		for _, u := range tt.also {
			if !slices.Contains(got, u) {
				t.Errorf("%q: results %q, want %s among them", tt.q, got, u)
			}
		}
	}
	for name, b := range files {
		for _, bad := range []string{"echarts", "<script", "<figure", "chart-canvas", "{{<"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("search/%s has %q: only text is indexed", name, bad)
			}
		}
	}
	// Nothing of a chart: its table's caption is on no other page.
	if hits, _, _ := r.Search("Bảng số liệu của biểu đồ ", 10); len(hits) > 0 {
		t.Errorf("a chart's table is indexed: %+v", hits[0].URL)
	}
}

// TestSearchDeterministic builds the example site's index twice.
func TestSearchDeterministic(t *testing.T) {
	a, b := searchIndex(t, loadSite(t, "../..", lateAsOf)), searchIndex(t, loadSite(t, "../..", lateAsOf))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("search/%s differs between two builds", name)
		}
	}
}

// TestSearchAfterEdit checks the search version and the index after edits
// through Update (the preview): an edit to an article's words or to the
// data its figures show changes the index as a clean build makes it; an
// edit that changes no document leaves the version alone.
func TestSearchAfterEdit(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	s, err := Open(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := s.RenderInto(context.Background(), mem); err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct {
		name    string
		do      func() []string
		changes bool
	}{
		{"same bytes", func() []string {
			return replaceIn(t, dir, "content/articles/a.md", "so với cùng kỳ.", "so với cùng kỳ.")
		}, false},
		{"article text", func() []string {
			return replaceIn(t, dir, "content/articles/a.md", "so với cùng kỳ.", "so với cùng kỳ, tại Xuân Trường.")
		}, true},
		{"figure", func() []string {
			return replaceIn(t, dir, "content/data/metrics/ho-so.yaml", "value: 2700000", "value: 2750000")
		}, true},
		{"task note", func() []string {
			return replaceIn(t, dir, "content/data/plans/ke-hoach-1.yaml", "{date: 2024-02-11, status: done}", "{date: 2024-02-11, status: done, note: Phù Cừ}")
		}, true},
	} {
		before := s.searchVersion()
		if _, err := s.Update(context.Background(), e.do(), mem.Clone()); err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		if changed := s.searchVersion() != before; changed != e.changes {
			t.Errorf("%s: search version changed = %v, want %v", e.name, changed, e.changes)
		}
		got, want := searchIndex(t, s), searchIndex(t, loadSite(t, dir, asOf))
		for name := range want {
			if !bytes.Equal(got[name], want[name]) {
				t.Errorf("%s: search/%s differs from a clean build's", e.name, name)
			}
		}
	}
	r, err := search.Open((&transfer{files: searchIndex(t, s), fetched: map[string]bool{}}).fetch)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"xuan truong", "Phù Cừ", "2,75 triệu"} {
		if hits, _, err := r.Search(q, 10); err != nil || len(hits) == 0 {
			t.Errorf("%q after the edit: %v, %v", q, hits, err)
		}
	}
}

// budgetQueries are what a reader types: words folded and accented, a
// number, a figure, an unfinished word.
var budgetQueries = []string{"chuyen doi so", "Đề án 06", "dịch vụ công trực tuyến", "96,5", "hơn 2,7 triệu", "căn cư"}

// measureTransfer builds the site in dir and returns, per query, the bytes
// (gzip) a browser fetches for it from a cold cache: the manifest, the
// shards of its words and the document files of the first page of results.
func measureTransfer(t testing.TB, dir string) (per, raw map[string]int, files, total int) {
	t.Helper()
	s := loadSite(t, dir, lateAsOf)
	start := time.Now()
	index := searchIndex(t, s)
	t.Logf("%d documents indexed in %v", search.NewLayout(s.searchDocs()).Docs, time.Since(start).Round(time.Millisecond))
	for _, b := range index {
		total += len(b)
	}
	per, raw = map[string]int{}, map[string]int{}
	for _, q := range budgetQueries {
		tr := &transfer{files: index, fetched: map[string]bool{}}
		r, err := search.Open(tr.fetch)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := r.Search(q, 10); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		per[q], raw[q] = tr.bytes, tr.raw
	}
	return per, raw, len(index), total
}

// sitegen writes a synthetic site with cmd/sitegen.
func sitegen(t testing.TB, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	cmd := exec.Command("go", append(append([]string{"run", "../../cmd/sitegen"}, args...), dir)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sitegen %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return dir
}

// TestSearchBudget measures what queries transfer on a synthetic site of
// 100 bulletins (with the data of the 10,000-bulletin benchmark: 300
// metrics, 20 plans and their tasks) and holds it to 60 KB gzip each.
// BANTIN_SEARCH_SITE=DIR measures another site instead, against
// BANTIN_SEARCH_BUDGET kilobytes (300 by default: the 10,000-bulletin case,
// see docs/performance.md).
func TestSearchBudget(t *testing.T) {
	budget := 60
	dir := os.Getenv("BANTIN_SEARCH_SITE")
	if dir == "" {
		if testing.Short() {
			t.Skip("runs cmd/sitegen; skipped with -short")
		}
		dir = sitegen(t, "-articles", "100", "-metrics", "300", "-plans", "20")
	} else {
		budget = 300
		if v := os.Getenv("BANTIN_SEARCH_BUDGET"); v != "" {
			fmt.Sscan(v, &budget)
		}
	}
	per, raw, files, total := measureTransfer(t, dir)
	t.Logf("index: %d files under search/, %d KB in all", files, total>>10)
	for _, q := range budgetQueries {
		t.Logf("%-26q %6.1f KB gzip (%6.1f KB uncompressed)", q, float64(per[q])/1024, float64(raw[q])/1024)
		if per[q] > budget<<10 {
			t.Errorf("%q transfers %.1f KB gzip, over the budget of %d KB", q, float64(per[q])/1024, budget)
		}
	}
}

func TestJoinSentences(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"T01", "Bộ Công an", "Hạn cuối năm."}, "T01. Bộ Công an. Hạn cuối năm."},
		{[]string{"Hạn cuối năm.", "Chỉ thị 04/CT-TTg"}, "Hạn cuối năm. Chỉ thị 04/CT-TTg"},
		{[]string{"Còn tiếp…", "Xong"}, "Còn tiếp… Xong"},
		{[]string{"", "  ", "A", ""}, "A"},
	} {
		if got := join(tt.in...); got != tt.want {
			t.Errorf("join(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSearchPageListsNewest checks that the search page's plain list (for
// readers without JavaScript) stops at the newest searchListMax bulletins
// and links to the list of all of them, worded with their count, so that
// a large site's search page stays small.
func TestSearchPageListsNewest(t *testing.T) {
	n := searchListMax + 20
	dir := syntheticSite(t, n)
	mem := output.NewMemory()
	if _, err := Build(Options{SiteDir: dir, AsOf: date.Date{Year: 2026, Month: 1, Day: 1}, Theme: bantin.Theme()}, mem); err != nil {
		t.Fatal(err)
	}
	page, ok := mem.Get("search/index.html")
	if !ok {
		t.Fatal("no search page")
	}
	all := string(page)
	all = all[strings.Index(all, `<div id="search-all"`):]
	all = all[:strings.Index(all, "</div>")]
	if got := strings.Count(all, `<li><a href="../articles/`); got != searchListMax {
		t.Errorf("the search page lists %d bulletins, want the newest %d", got, searchListMax)
	}
	total := n + 3 // testdata/site's own published bulletins
	if want := fmt.Sprintf(`<p><a href="../articles/">Tất cả %d bản tin →</a></p>`, total); !strings.Contains(all, want) {
		t.Errorf("the search page has no %s", want)
	}
}
