package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/search"
	"github.com/bantin/bantin/internal/slug"
)

// largeArticles is the size of the generated site, and largeBudget what
// one query may transfer on it (gzip, in bytes). The budgets are
// 60 KB at 100 bulletins and 300 KB at 10,000; 1,000 is held to 120 KB.
const (
	largeArticles = 1000
	largeBudget   = 120 << 10
)

// TestSearchLargeSite searches a generated site of 1,000 bulletins
// (cmd/sitegen) in headless Chromium, from a cold cache for every query,
// with the index served gzip-compressed as a web server sends it. The
// queries and the page each must rank first are read from the generated
// Markdown: a bulletin's title as written (with its accents), another's
// title folded to ASCII in lower case (each chosen so that no other title
// holds all its words), and a number as a table writes it ("345.678") that
// is in one bulletin only; and words most bulletins have, whose shards
// are the largest, for the measure alone. For each query the bytes the search page
// fetched under search/ (the manifest, the shards of the query's words,
// the document files of the results shown) are taken from the browser's
// resource timing — and must equal what the server sent — and held to
// largeBudget; they are logged, so the figure can be reported.
func TestSearchLargeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and builds a site of 1,000 bulletins and drives a browser; skipped with -short")
	}
	chrome := findChrome(t)
	start := time.Now()
	dir := generateSite(t, "-articles", strconv.Itoa(largeArticles))
	arts := generatedArticles(t, dir)
	opts := build.Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
	s, err := build.Load(opts)
	if err != nil {
		t.Fatalf("loading the generated site: %v", err)
	}
	mem := output.NewMemory()
	if _, err := s.Render(mem); err != nil {
		t.Fatalf("building the generated site: %v", err)
	}
	basePath := s.Config.BasePath()
	t.Logf("%d bulletins generated and built in %v", len(arts), time.Since(start).Round(time.Millisecond))

	queries := largeQueries(t, arts, mem)
	srv := newGzipServer(t, mem, basePath)
	siteURL := srv.URL + basePath

	ev := &events{host: strings.TrimPrefix(srv.URL, "http://")}
	bctx := launch(t, chrome, 60*time.Second, ev.listen)

	for _, tt := range queries {
		ev.reset()
		srv.reset()
		// A new document for each query, and no-store on every response:
		// nothing of the previous query is in memory or in the cache.
		if err := chromedp.Do(bctx, chromedp.Navigate(siteURL+"search/?q="+url.QueryEscape(tt.q))); err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		settled := waitFor(bctx, `(() => { const s = document.getElementById("search-status");
		  return document.readyState === "complete" && !!s && /kết quả/.test(s.textContent) && document.getElementById("search-q").value === `+jsString(tt.q)+` })()`, 15*time.Second)
		r, err := chromedp.Run(bctx, chromedp.Evaluate[searchReport](searchReportJS))
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if !settled {
			t.Errorf("%q (%s): no results after 15 s: status %q", tt.q, tt.what, r.Status)
			continue
		}
		if len(r.Links) == 0 || tt.first != "" && r.Links[0] != siteURL+tt.first {
			t.Errorf("%q (%s): results %q, want %s first", tt.q, tt.what, r.Links[:min(3, len(r.Links))], siteURL+tt.first)
		}
		if r.Marks == 0 {
			t.Errorf("%q (%s): no word highlighted in the results", tt.q, tt.what)
		}
		fetched, err := chromedp.Run(bctx, chromedp.Evaluate[[]resourceEntry](indexResourcesJS))
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		browserBytes, files := 0, make([]string, 0, len(fetched))
		for _, e := range fetched {
			browserBytes += e.Encoded
			files = append(files, strings.TrimPrefix(e.Name, siteURL+"search/"))
		}
		sent := srv.indexBytes()
		t.Logf("%-45q %-22s %6.1f KB gzip in %d files (%s)", tt.q, tt.what, float64(browserBytes)/1024, len(files), strings.Join(files, " "))
		switch {
		case len(fetched) == 0:
			t.Errorf("%q: the browser's resource timing lists no index file: the measure is broken", tt.q)
		case browserBytes != sent:
			t.Errorf("%q: the browser counts %d bytes of index files, the server sent %d: the measure is broken", tt.q, browserBytes, sent)
		case browserBytes > largeBudget:
			t.Errorf("%q: %.1f KB gzip transferred for the index, over the budget of %d KB at %d bulletins", tt.q, float64(browserBytes)/1024, largeBudget>>10, largeArticles)
		}
		for _, e := range ev.takeErrors() {
			t.Errorf("%q: %s", tt.q, e)
		}
	}
	if missing := srv.missing(); len(missing) > 0 {
		t.Errorf("the server answered 404 for: %s", strings.Join(missing, ", "))
	}
	t.Logf("done in %v", time.Since(start).Round(time.Millisecond))
}

// resourceEntry is one PerformanceResourceTiming of an index file.
type resourceEntry struct {
	Name    string `json:"name"`
	Encoded int    `json:"encoded"` // encodedBodySize: the body as sent, gzip
}

// indexResourcesJS lists what the page fetched from its index: every
// resource under search/ but the page itself.
const indexResourcesJS = `performance.getEntriesByType("resource")
  .filter(e => { const p = new URL(e.name).pathname; return p.includes("/search/") && !p.endsWith("/") && !p.endsWith(".html"); })
  .map(e => ({name: e.name.split("?")[0], encoded: e.encodedBodySize}))`

// largeQuery is a query and the page that must rank first for it.
type largeQuery struct {
	q, what string
	first   string // site-relative URL; "" for any, as long as there are results
}

// generatedArticle is what the test reads of a generated bulletin.
type generatedArticle struct {
	file, title, body string
	draft             bool
	keys              []string // the title's words, folded, sorted, each once
}

// generateSite writes a site with cmd/sitegen (same flags, same bytes).
func generateSite(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	cmd := exec.Command("go", append(append([]string{"run", "../../cmd/sitegen"}, args...), dir)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sitegen %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return dir
}

// generatedArticles reads the generated bulletins' titles, draft flags and
// bodies. cmd/sitegen writes front matter one key a line, the title as a
// double-quoted string.
func generatedArticles(t *testing.T, dir string) []generatedArticle {
	t.Helper()
	root := filepath.Join(dir, "content", "articles")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []generatedArticle
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(root, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		front, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		if !ok {
			t.Fatalf("%s: no front matter", e.Name())
		}
		a := generatedArticle{file: e.Name(), body: body}
		for _, line := range strings.Split(front, "\n") {
			switch {
			case strings.HasPrefix(line, "title: "):
				if a.title, err = strconv.Unquote(strings.TrimPrefix(line, "title: ")); err != nil {
					t.Fatalf("%s: title %s: %v", e.Name(), line, err)
				}
			case line == "draft: true":
				a.draft = true
			}
		}
		search.Tokens(a.title, func(tok search.Token) { a.keys = append(a.keys, tok.Key) })
		slices.Sort(a.keys)
		a.keys = slices.Compact(a.keys)
		out = append(out, a)
	}
	if len(out) != largeArticles {
		t.Fatalf("sitegen wrote %d bulletins, want %d", len(out), largeArticles)
	}
	return out
}

// tableNumber is a number of a generated table cell, grouped the
// Vietnamese way, of six digits: "345.678".
var tableNumber = regexp.MustCompile(`\| (\d{3}\.\d{3}) \|`)

// largeQueries picks the queries from the generated bulletins: two titles
// no other title contains (all their folded words), and a number only one
// bulletin's text has; each with the URL of its page.
func largeQueries(t *testing.T, arts []generatedArticle, mem *output.Memory) []largeQuery {
	t.Helper()
	pageOf := func(a generatedArticle) string {
		u := "articles/" + slug.Make(a.title) + "/"
		if _, ok := mem.Get(u + "index.html"); !ok {
			t.Fatalf("%s: no page at %s", a.file, u)
		}
		return u
	}
	// distinct: no other bulletin's title has every word of a's.
	distinct := func(a generatedArticle) bool {
		for _, o := range arts {
			if o.file != a.file && !o.draft && containsAll(o.keys, a.keys) {
				return false
			}
		}
		return true
	}
	var picked []generatedArticle
	for _, a := range arts {
		// A title with accents, so the folded query differs from it.
		if !a.draft && len(a.keys) >= 5 && search.Fold(a.title) != strings.ToLower(a.title) && distinct(a) {
			picked = append(picked, a)
			if len(picked) == 2 {
				break
			}
		}
	}
	if len(picked) < 2 {
		t.Fatalf("no two bulletins with a title no other title contains, among %d", len(arts))
	}
	queries := []largeQuery{
		{q: picked[0].title, what: "title, as written", first: pageOf(picked[0])},
		{q: search.Fold(picked[1].title), what: "title, folded", first: pageOf(picked[1])},
	}

	// A number in one bulletin only: each number of every bulletin's text
	// (drafts too) counted once per bulletin; a table's six-digit figure
	// that one bulletin has. A figure a shortcode prints or a plan or
	// metric page holds is not in the Markdown, so the index (read the
	// way assets/search.js reads it) must agree that one page has it.
	count := map[string]int{}
	where := map[string]generatedArticle{}
	for _, a := range arts {
		seen := map[string]bool{}
		search.Tokens(a.body, func(tok search.Token) {
			if !seen[tok.Key] {
				seen[tok.Key] = true
				count[tok.Key]++
				where[tok.Key] = a
			}
		})
	}
	var numbers []string
	for _, a := range arts {
		for _, m := range tableNumber.FindAllStringSubmatch(a.body, -1) {
			if count[m[1]] == 1 && !a.draft {
				numbers = append(numbers, m[1])
			}
		}
	}
	r, err := search.Open(func(name string) ([]byte, error) {
		b, ok := mem.Get("search/" + name)
		if !ok {
			return nil, fmt.Errorf("no index file search/%s", name)
		}
		return b, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range numbers {
		if _, total, err := r.Search(n, 1); err == nil && total == 1 {
			// And the words on most bulletins (the tags of the first
			// ranks, phrases of every body), whose shards are the
			// largest: measured, any first result.
			return append(queries, largeQuery{q: n, what: "number as written", first: pageOf(where[n])},
				largeQuery{q: "chuyen doi so", what: "common words, folded"},
				largeQuery{q: "Đề án 06", what: "common words, accented"},
				largeQuery{q: "dịch vụ công trực tuyến", what: "common words, accented"})
		}
	}
	t.Fatalf("none of the %d table numbers that one bulletin has is in one page of the index", len(numbers))
	return nil
}

// containsAll reports whether sorted set has every element of sorted sub.
func containsAll(set, sub []string) bool {
	for _, k := range sub {
		if _, ok := slices.BinarySearch(set, k); !ok {
			return false
		}
	}
	return true
}

// gzipServer serves a built site as newServer does, but compresses every
// response gzip when the browser accepts it, as a web server configured
// for a static site does, and forbids caching, so every query starts cold.
// It counts the compressed bytes it sends for the index files.
type gzipServer struct {
	*httptest.Server
	mu       sync.Mutex
	sent     map[string]int // bytes of body sent, by path under search/
	notFound []string
}

func newGzipServer(t *testing.T, mem *output.Memory, basePath string) *gzipServer {
	t.Helper()
	s := &gzipServer{sent: map[string]int{}}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Server = &httptest.Server{Listener: l, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, ok := strings.CutPrefix(r.URL.Path, basePath)
		file := rel
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		b, found := mem.Get(file)
		if !ok || !found || r.Method != http.MethodGet {
			s.mu.Lock()
			s.notFound = append(s.notFound, r.URL.Path)
			s.mu.Unlock()
			http.NotFound(w, r)
			return
		}
		ct := mime.TypeByExtension(path.Ext(file))
		if ct == "" {
			ct = http.DetectContentType(b)
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Cache-Control", "no-store")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(b)
			zw.Close()
			b = buf.Bytes()
			w.Header().Set("Content-Encoding", "gzip")
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
		if strings.HasPrefix(rel, "search/") && !strings.HasSuffix(file, ".html") {
			s.mu.Lock()
			s.sent[rel] += len(b)
			s.mu.Unlock()
		}
	})}}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *gzipServer) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.sent)
}

// indexBytes is what the server sent of the index since the last reset.
func (s *gzipServer) indexBytes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, b := range s.sent {
		n += b
	}
	return n
}

func (s *gzipServer) missing() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.notFound)
}
