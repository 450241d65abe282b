package build

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/urls"
)

var (
	ldJSON   = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	metaProp = regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`)
	altLink  = regexp.MustCompile(`<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]*)">`)
)

// jsonLD returns the page's JSON-LD blocks, each decoded: a block that is
// not valid JSON fails the test.
func jsonLD(t *testing.T, page, h string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, m := range ldJSON.FindAllStringSubmatch(h, -1) {
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Fatalf("%s: JSON-LD that is not JSON (%v): %s", page, err, m[1])
		}
		out = append(out, v)
	}
	return out
}

// metas returns the page's <meta property|name> values by key.
func metas(h string) map[string][]string {
	out := map[string][]string{}
	for _, m := range metaProp.FindAllStringSubmatch(h, -1) {
		out[m[1]] = append(out[m[1]], html.UnescapeString(m[2]))
	}
	return out
}

// TestSharingMetadata: an article page carries Open Graph (as an article,
// with its date and tags), a Twitter card, the site's default image as an
// absolute URL under the base path, and a schema.org NewsArticle with its
// headline, dates, language, image and publisher; a metric page carries a
// schema.org Dataset whose period covered comes from its data and whose
// distribution is its CSV and JSON; other pages are websites with the
// default image.
func TestSharingMetadata(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	art := get(t, mem, "articles/so-hoa-ho-so-quy-i-2024/index.html")
	m := metas(art)
	for key, want := range map[string]string{
		"og:type":                "article",
		"og:title":               "Số hóa hồ sơ quý I/2024",
		"og:url":                 "https://x.gov.vn/tien-do/articles/so-hoa-ho-so-quy-i-2024/",
		"og:image":               "https://x.gov.vn/tien-do/assets/share.png",
		"og:locale":              "vi_VN",
		"og:site_name":           "Tiến độ thử nghiệm",
		"twitter:card":           "summary_large_image",
		"article:published_time": "2024-04-09T00:00:00+07:00",
	} {
		if got := m[key]; len(got) != 1 || got[0] != want {
			t.Errorf("article: %s = %q, want %q", key, got, want)
		}
	}
	if got := m["article:tag"]; !slices.Equal(got, []string{"Chuyển đổi số", "Đề án 06"}) {
		t.Errorf("article:tag = %q", got)
	}
	if d := m["og:description"]; len(d) != 1 || d[0] == "" {
		t.Errorf("og:description = %q", d)
	}
	ld := jsonLD(t, "article", art)
	if len(ld) != 1 {
		t.Fatalf("article: %d JSON-LD blocks", len(ld))
	}
	a := ld[0]
	for key, want := range map[string]any{
		"@type": "NewsArticle", "headline": "Số hóa hồ sơ quý I/2024", "inLanguage": "vi",
		"datePublished": "2024-04-09T00:00:00+07:00", "dateModified": "2024-04-09T00:00:00+07:00",
		"url": "https://x.gov.vn/tien-do/articles/so-hoa-ho-so-quy-i-2024/",
	} {
		if a[key] != want {
			t.Errorf("NewsArticle %s = %v, want %v", key, a[key], want)
		}
	}
	if img, _ := a["image"].([]any); len(img) != 1 || img[0] != "https://x.gov.vn/tien-do/assets/share.png" {
		t.Errorf("NewsArticle image = %v", a["image"])
	}
	if p, _ := a["publisher"].(map[string]any); p["name"] != "Tiến độ thử nghiệm" || p["@type"] != "Organization" {
		t.Errorf("NewsArticle publisher = %v", a["publisher"])
	}

	metric := get(t, mem, "metrics/ho-so/index.html")
	ld = jsonLD(t, "metric", metric)
	if len(ld) != 1 || ld[0]["@type"] != "Dataset" {
		t.Fatalf("metric: JSON-LD %v", ld)
	}
	d := ld[0]
	if d["name"] != "Hồ sơ được số hóa" || d["temporalCoverage"] != "2023-01-01/2024-03-31" || d["url"] != "https://x.gov.vn/tien-do/metrics/ho-so/" {
		t.Errorf("Dataset %v", d)
	}
	dist, _ := d["distribution"].([]any)
	var got []string
	for _, x := range dist {
		e, _ := x.(map[string]any)
		got = append(got, e["encodingFormat"].(string)+" "+e["contentUrl"].(string))
		if e["@type"] != "DataDownload" {
			t.Errorf("distribution %v", e)
		}
	}
	if want := []string{"text/csv https://x.gov.vn/tien-do/metrics/ho-so.csv", "application/json https://x.gov.vn/tien-do/metrics/ho-so.json"}; !slices.Equal(got, want) {
		t.Errorf("distribution %q, want %q", got, want)
	}
	if mm := metas(metric); mm["og:type"][0] != "website" || mm["og:image"][0] != "https://x.gov.vn/tien-do/assets/share.png" {
		t.Errorf("metric page og: %v", mm)
	}
	for _, p := range []string{"index.html", "tags/index.html", "plans/ke-hoach-1/index.html"} {
		h := get(t, mem, p)
		if len(jsonLD(t, p, h)) != 0 || metas(h)["og:type"][0] != "website" {
			t.Errorf("%s: want og:type website and no JSON-LD", p)
		}
	}
	if _, ok := mem.Get("assets/share.png"); !ok {
		t.Error("the theme's default image assets/share.png is not published")
	}
}

// TestCoverAndSiteImage: an article's cover: is its og:image and its
// NewsArticle's image (a path of the site made absolute under the base
// path, or a URL as written); site.yaml's image: replaces the theme's
// default on every other page.
func TestCoverAndSiteImage(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/static/anh/bìa.png", "png")
	writeFile(t, dir, "content/static/anh/site.png", "png")
	replaceIn(t, dir, "content/site.yaml", "perPage: 2", "perPage: 2\nimage: /anh/site.png")
	replaceIn(t, dir, "content/articles/a.md", "tags: [Chuyển đổi số, Đề án 06]", "tags: [Chuyển đổi số, Đề án 06]\ncover: anh/bìa.png")
	replaceIn(t, dir, "content/articles/c.md", "slug: ban-tin-3", "slug: ban-tin-3\ncover: https://cdn.example.gov.vn/c.jpg")
	mem := buildFixture(t, dir)
	for page, want := range map[string]string{
		"articles/so-hoa-ho-so-quy-i-2024/index.html": "https://x.gov.vn/tien-do/anh/b%C3%ACa.png",
		"articles/ban-tin-3/index.html":               "https://cdn.example.gov.vn/c.jpg",
		"index.html":                                  "https://x.gov.vn/tien-do/anh/site.png",
		"metrics/ho-so/index.html":                    "https://x.gov.vn/tien-do/anh/site.png",
	} {
		h := get(t, mem, page)
		if got := metas(h)["og:image"]; len(got) != 1 || got[0] != want {
			t.Errorf("%s: og:image %q, want %q", page, got, want)
		}
		if strings.HasPrefix(page, "articles/") {
			if img := jsonLD(t, page, h)[0]["image"].([]any); img[0] != want {
				t.Errorf("%s: NewsArticle image %v, want %q", page, img, want)
			}
		}
	}
}

// TestJSONLDHostile: the hostile site's text (</script>, quotes, U+2028,
// {{.}}) reaches every JSON-LD block as JSON strings that decode back to
// that text, and never as markup: no block can end its <script> early.
func TestJSONLDHostile(t *testing.T) {
	mem := buildFixture(t, filepath.Join("testdata", "adversarial", "hostile"))
	blocks := 0
	for _, p := range mem.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		h := get(t, mem, p)
		for _, m := range ldJSON.FindAllStringSubmatch(h, -1) {
			blocks++
			if strings.ContainsAny(m[1], "<>") {
				t.Errorf("%s: JSON-LD holds a raw < or >: %.200s", p, m[1])
			}
		}
		for _, v := range jsonLD(t, p, h) {
			if n, ok := v["headline"].(string); ok && !strings.Contains(n, "<script>alert(1)</script>") {
				t.Errorf("%s: headline %q lost the title's text", p, n)
			}
		}
	}
	if blocks == 0 {
		t.Fatal("no JSON-LD on the hostile site")
	}
}

type topicFeed struct {
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Links   []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Entries []struct {
		Title   string    `xml:"title"`
		ID      string    `xml:"id"`
		Summary string    `xml:"summary"`
		Content *struct{} `xml:"content"`
	} `xml:"entry"`
}

// TestTagFeeds: every topic has an Atom feed, tags/<slug>/feed.xml, with
// its bulletins newest first (summaries, no full text), its updated time
// the newest bulletin's, and every page of the topic (the first and the
// paginated ones) links to it with rel=alternate, the link resolving to
// the feed's own URL.
func TestTagFeeds(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	b := get(t, mem, urls.TagFeed("de-an-06"))
	var f topicFeed
	if err := xml.Unmarshal([]byte(b), &f); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range f.Entries {
		titles = append(titles, e.Title)
		if e.Content != nil || e.Summary == "" {
			t.Errorf("entry %q: want a summary and no content", e.Title)
		}
	}
	if want := []string{"Số hóa hồ sơ quý I/2024", "<script>alert('x')</script> Tiêu đề nguy hiểm"}; !slices.Equal(titles, want) {
		t.Errorf("entries %q, want %q", titles, want)
	}
	if f.ID != "https://x.gov.vn/tien-do/tags/de-an-06/" || f.Updated != "2024-04-09T00:00:00+07:00" || !strings.HasPrefix(f.Title, "Chủ đề: Đề án 06") {
		t.Errorf("feed %q %q %q", f.Title, f.ID, f.Updated)
	}
	if len(f.Links) != 2 || f.Links[0].Rel != "self" || f.Links[0].Href != "https://x.gov.vn/tien-do/tags/de-an-06/feed.xml" {
		t.Errorf("links %+v", f.Links)
	}
	// Every tag has its feed, and each of its pages links to it: with a
	// third bulletin on Đề án 06, its list has a second page.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	replaceIn(t, dir, "content/articles/c.md", "slug: ban-tin-3", "slug: ban-tin-3\ntags: [Đề án 06]")
	mem = buildFixture(t, dir)
	if _, ok := mem.Get("tags/de-an-06/page/2/index.html"); !ok {
		t.Fatal("no second page of tags/de-an-06/")
	}
	tagPages := 0
	for _, p := range mem.Paths() {
		rest, ok := strings.CutPrefix(p, "tags/")
		if !ok || !strings.HasSuffix(p, "/index.html") || rest == "index.html" {
			continue
		}
		slug := strings.SplitN(rest, "/", 2)[0]
		h := get(t, mem, p)
		if strings.Contains(h, `http-equiv="refresh"`) {
			continue // page/1/, a redirect
		}
		tagPages++
		feed := urls.TagFeed(slug)
		if _, ok := mem.Get(feed); !ok {
			t.Errorf("no %s", feed)
		}
		var found bool
		for _, m := range altLink.FindAllStringSubmatch(h, -1) {
			if resolve(urls.FromFile(p), html.UnescapeString(m[1])) == feed {
				found = true
			}
		}
		if !found {
			t.Errorf("%s does not link to %s", p, feed)
		}
	}
	if tagPages != 3 {
		t.Errorf("%d tag pages checked, want 3", tagPages)
	}
}

// resolve turns href, relative to the page at from, into a site-relative path.
func resolve(from, href string) string {
	dir := strings.Split(strings.TrimSuffix(from, "/"), "/")
	if from == "" {
		dir = nil
	}
	for strings.HasPrefix(href, "../") {
		href = href[3:]
		dir = dir[:len(dir)-1]
	}
	return strings.Join(append(dir, href), "/")
}
