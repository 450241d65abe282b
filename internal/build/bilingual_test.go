package build

import (
	"encoding/xml"
	"errors"
	"github.com/yuin/goldmark/ast"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/urls"
)

// testdata/bilingual is testdata/site written in two languages:
// languages: [vi, en], a.en.md and c.en.md translating a.md and c.md,
// and the metric ho-so and the plan ke-hoach-1 with texts per language.

// TestBilingualGolden compares pages of both editions with
// testdata/golden-bilingual. Run `go test ./internal/build -update`
// after an intended change, and read the diff.
func TestBilingualGolden(t *testing.T) {
	mem := buildFixture(t, "testdata/bilingual")
	pages := []string{
		"index.html",
		"en/index.html",
		"articles/so-hoa-ho-so-quy-i-2024/index.html",
		"en/articles/records-digitized-in-q1-2024/index.html",
		"en/articles/index.html",
		"en/tags/project-06/index.html",
		"en/plans/ke-hoach-1/index.html",
		"en/metrics/ho-so/index.html",
		"en/feed.xml",
		"en/changes.xml",
		"en/tags/project-06/feed.xml",
		"sitemap.xml",
	}
	for _, p := range pages {
		got := get(t, mem, p)
		golden := filepath.Join("testdata", "golden-bilingual", filepath.FromSlash(p))
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

// TestEditions: the default language is at the root, the other under
// en/, each with its own pages, lists and feeds; what editions share is
// written once, at the root.
func TestEditions(t *testing.T) {
	mem := buildFixture(t, "testdata/bilingual")
	for _, p := range []string{
		"index.html", "en/index.html",
		"articles/index.html", "en/articles/index.html",
		"tags/index.html", "en/tags/index.html",
		"en/tags/digital-transformation/index.html",
		"plans/ke-hoach-1/by-owner/index.html", "en/plans/ke-hoach-1/by-owner/index.html",
		"metrics/index.html", "en/metrics/ty-le/index.html",
		"feed.xml", "en/feed.xml", "changes.xml", "en/changes.xml",
		"search/index.html", "en/search/index.html", "en/search/index.json",
		"data/index.html", "en/data/index.html",
		"metrics/ho-so.csv", "datapackage.json", "sitemap.xml", "robots.txt", "404.html", "files/note.txt",
	} {
		if _, ok := mem.Get(p); !ok {
			t.Errorf("no %s", p)
		}
	}
	for _, p := range mem.Paths() {
		rest, ok := strings.CutPrefix(p, "en/")
		if ok && !urls.Localized(urls.FromFile(rest)) {
			t.Errorf("%s: a file all editions share is written in the English edition too", p)
		}
	}
	for _, tt := range []struct{ path, lang string }{
		{"index.html", "vi"},
		{"en/index.html", "en"},
		{"en/metrics/ho-so/index.html", "en"},
		{"metrics/ho-so/index.html", "vi"},
		{"404.html", "vi"},
	} {
		if !strings.Contains(get(t, mem, tt.path), `<html lang="`+tt.lang+`">`) {
			t.Errorf("%s is not <html lang=%q>", tt.path, tt.lang)
		}
	}
	// Each edition lists its own bulletins only.
	enList := get(t, mem, "en/articles/index.html")
	if !strings.Contains(enList, "Records digitized in Q1 2024") || strings.Contains(enList, "Số hóa hồ sơ quý I/2024") {
		t.Error("the English list does not list the English bulletins alone")
	}
	if feed := get(t, mem, "en/feed.xml"); !strings.Contains(feed, `xml:lang="en"`) || !strings.Contains(feed, "https://x.gov.vn/tien-do/en/articles/third-bulletin/") || strings.Contains(feed, "ban-tin-3") {
		t.Errorf("en/feed.xml is not the English edition's feed:\n%s", feed)
	}
	// A translation's Markdown links are written as its original's: to a
	// page of its edition, or to a shared file at the root.
	if page := get(t, mem, "en/articles/records-digitized-in-q1-2024/index.html"); !strings.Contains(page, `<a href="../../../files/note.txt">the note</a>`) || !strings.Contains(page, `<a href="../../metrics/ty-le/#main">the share</a>`) {
		t.Error("the English bulletin's links to a static file and to a page do not resolve from its edition")
	}
	// Links from the English edition to shared files go to the root.
	if page := get(t, mem, "en/metrics/ho-so/index.html"); !strings.Contains(page, `href="../../../metrics/ho-so.csv"`) || !strings.Contains(page, `href="../../../assets/style.css?v=`) {
		t.Error("en/metrics/ho-so/ does not link to the shared CSV and stylesheet at the root")
	}
}

// TestTranslatedDataText: a text the data gives per language shows in
// each edition's language, on pages, in shortcodes and in the search
// index; a text given once shows in both.
func TestTranslatedDataText(t *testing.T) {
	mem := buildFixture(t, "testdata/bilingual")
	for _, tt := range []struct {
		path       string
		want, none []string
	}{
		{"metrics/ho-so/index.html", []string{"<h1>Hồ sơ được số hóa</h1>", "hơn 2,7 triệu hồ sơ"}, []string{"Records digitized", "records"}},
		{"en/metrics/ho-so/index.html", []string{"<h1>Records digitized</h1>", "over 2.7 million records", "Ministry of Public Security"}, []string{"Hồ sơ được số hóa"}},
		{"en/metrics/ty-le/index.html", []string{"<h1>Tỷ lệ hồ sơ trực tuyến</h1>"}, nil}, // given once: the same in both
		{"en/plans/ke-hoach-1/index.html", []string{"<h1>Pilot plan</h1>", "Issue the directive", "Steering Committee", "Merged into T2"}, []string{"Ban hành chỉ thị", "Gộp vào T2"}},
		{"plans/ke-hoach-1/index.html", []string{"Ban hành chỉ thị", "Gộp vào T2"}, []string{"Issue the directive", "Pilot plan"}},
		{"en/articles/records-digitized-in-q1-2024/index.html", []string{"over 2.7 million records</data>", "96.5%</data>"}, nil},
		{"articles/so-hoa-ho-so-quy-i-2024/index.html", []string{"hơn 2,7 triệu hồ sơ</data>", "96,5%</data>"}, []string{"Records digitized"}},
		{"en/search/index.html", []string{"Records digitized", "Pilot plan"}, []string{"Hồ sơ được số hóa"}},
		{"metrics/ho-so.csv", []string{"hơn 2,7 triệu"}, []string{"over 2.7 million"}}, // open data: the default language
	} {
		page := get(t, mem, tt.path)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tt.path, w)
			}
		}
		for _, w := range tt.none {
			if strings.Contains(page, w) {
				t.Errorf("%s has %q, of the other language", tt.path, w)
			}
		}
	}
}

var (
	hreflangLink = regexp.MustCompile(`<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">`)
	canonical    = regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
)

// TestHrefLangPairs: every page that names its versions in other
// languages is named back by each of them, with the same set; and every
// version named is a page of the site.
func TestHrefLangPairs(t *testing.T) {
	mem := buildFixture(t, "testdata/bilingual")
	const base = "https://x.gov.vn/tien-do/"
	sets := map[string]string{} // page URL → its hreflang set, as written
	for _, p := range mem.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		page := get(t, mem, p)
		links := hreflangLink.FindAllStringSubmatch(page, -1)
		if len(links) == 0 {
			continue
		}
		c := canonical.FindStringSubmatch(page)
		if c == nil {
			t.Fatalf("%s has hreflang links but no canonical", p)
		}
		var set []string
		self := false
		for _, l := range links {
			set = append(set, l[1]+"="+l[2])
			self = self || l[2] == c[1] && l[1] != "x-default"
			target := urls.File(strings.TrimPrefix(l[2], base))
			if _, ok := mem.Get(target); !ok {
				t.Errorf("%s: hreflang %s names %s, which is not a page", p, l[1], l[2])
			}
		}
		if !self {
			t.Errorf("%s: its hreflang links do not name itself", p)
		}
		sets[c[1]] = strings.Join(set, " ")
	}
	if len(sets) == 0 {
		t.Fatal("no page has hreflang links")
	}
	for page, set := range sets {
		for _, l := range strings.Split(set, " ") {
			_, target, _ := strings.Cut(l, "=")
			if sets[target] != set {
				t.Errorf("%s names %s, whose hreflang links are %q, not %q", page, target, sets[target], set)
			}
		}
	}
	for _, pair := range [][2]string{
		{base + "articles/so-hoa-ho-so-quy-i-2024/", base + "en/articles/records-digitized-in-q1-2024/"},
		{base + "articles/ban-tin-3/", base + "en/articles/third-bulletin/"},
		{base, base + "en/"},
		{base + "metrics/ho-so/", base + "en/metrics/ho-so/"},
	} {
		if !strings.Contains(sets[pair[0]], "en="+pair[1]) || !strings.Contains(sets[pair[1]], "vi="+pair[0]) || !strings.Contains(sets[pair[1]], "x-default="+pair[0]) {
			t.Errorf("%s and %s do not name each other: %q, %q", pair[0], pair[1], sets[pair[0]], sets[pair[1]])
		}
	}
	// A bulletin without translation, and a topic of one language, have
	// no hreflang links: they have no version to name.
	for _, p := range []string{"articles/script-alert-x-script-tieu-de-nguy-hiem/index.html", "tags/chuyen-doi-so/index.html", "en/tags/project-06/index.html"} {
		if hreflangLink.MatchString(get(t, mem, p)) {
			t.Errorf("%s names versions it does not have", p)
		}
	}
}

var langSwitch = regexp.MustCompile(`(?s)<nav class="lang-switch" aria-label="([^"]+)">(.*?)</nav>`)

// TestLanguageSwitch: the header links to the page in the other language
// when it exists, else to that language's home; the link says which
// language it leads to (hreflang, lang) and the page's own is marked.
func TestLanguageSwitch(t *testing.T) {
	mem := buildFixture(t, "testdata/bilingual")
	for _, tt := range []struct{ path, label, link string }{
		{"articles/so-hoa-ho-so-quy-i-2024/index.html", "Ngôn ngữ", `<a href="../../en/articles/records-digitized-in-q1-2024/" hreflang="en" lang="en" rel="alternate">English</a>`},
		{"en/articles/records-digitized-in-q1-2024/index.html", "Language", `<a href="../../../articles/so-hoa-ho-so-quy-i-2024/" hreflang="vi" lang="vi" rel="alternate">Tiếng Việt</a>`},
		{"articles/script-alert-x-script-tieu-de-nguy-hiem/index.html", "Ngôn ngữ", `<a href="../../en/" hreflang="en" lang="en">English</a>`},
		{"tags/chuyen-doi-so/index.html", "Ngôn ngữ", `<a href="../../en/" hreflang="en" lang="en">English</a>`},
		{"articles/page/2/index.html", "Ngôn ngữ", `<a href="../../../en/" hreflang="en" lang="en">English</a>`},
		{"en/metrics/ho-so/index.html", "Language", `<a href="../../../metrics/ho-so/" hreflang="vi" lang="vi" rel="alternate">Tiếng Việt</a>`},
		{"index.html", "Ngôn ngữ", `<a href="en/" hreflang="en" lang="en" rel="alternate">English</a>`},
		{"en/index.html", "Language", `<a href="../" hreflang="vi" lang="vi" rel="alternate">Tiếng Việt</a>`},
	} {
		page := get(t, mem, tt.path)
		m := langSwitch.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s has no language switch", tt.path)
			continue
		}
		if m[1] != tt.label || !strings.Contains(m[2], tt.link) {
			t.Errorf("%s: language switch %q %s, want %q with %s", tt.path, m[1], m[2], tt.label, tt.link)
		}
		own := `<span lang="vi" aria-current="true">Tiếng Việt</span>`
		if strings.HasPrefix(tt.path, "en/") {
			own = `<span lang="en" aria-current="true">English</span>`
		}
		if !strings.Contains(m[2], own) {
			t.Errorf("%s: the switch does not mark the page's own language: %s", tt.path, m[2])
		}
		if !strings.Contains(page[strings.Index(page, "<header"):strings.Index(page, "</header>")], `class="lang-switch"`) {
			t.Errorf("%s: the language switch is not in the header", tt.path)
		}
	}
	if strings.Contains(get(t, mem, "404.html"), "lang-switch") {
		t.Error("404.html, one page for the whole site, has a language switch")
	}
}

// TestSitemapAlternates: one sitemap lists the pages of both editions,
// each translated page with its versions as xhtml:link alternates.
func TestSitemapAlternates(t *testing.T) {
	mem := buildFixture(t, "testdata/bilingual")
	raw := get(t, mem, "sitemap.xml")
	if !strings.Contains(raw, `xmlns:xhtml="http://www.w3.org/1999/xhtml"`) {
		t.Fatal("the sitemap does not declare the xhtml namespace")
	}
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Rel      string `xml:"rel,attr"`
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(raw), &set); err != nil {
		t.Fatal(err)
	}
	const base = "https://x.gov.vn/tien-do/"
	alts := map[string][]string{}
	for _, u := range set.URLs {
		for _, l := range u.Links {
			alts[u.Loc] = append(alts[u.Loc], l.HrefLang+"="+strings.TrimPrefix(l.Href, base))
		}
	}
	for loc, want := range map[string][]string{
		base + "articles/ban-tin-3/":         {"vi=articles/ban-tin-3/", "en=en/articles/third-bulletin/", "x-default=articles/ban-tin-3/"},
		base + "en/articles/third-bulletin/": {"vi=articles/ban-tin-3/", "en=en/articles/third-bulletin/", "x-default=articles/ban-tin-3/"},
		base + "en/plans/":                   {"vi=plans/", "en=en/plans/", "x-default=plans/"},
		base + "articles/page/2/":            nil,
		base + "en/tags/project-06/":         nil,
	} {
		if _, listed := alts[loc]; !listed && want != nil {
			t.Errorf("%s: not in the sitemap with alternates", loc)
		}
		if !slices.Equal(alts[loc], want) {
			t.Errorf("%s: alternates %v, want %v", loc, alts[loc], want)
		}
	}
	n := 0
	for _, u := range set.URLs {
		if strings.HasPrefix(u.Loc, base+"en/") {
			n++
		}
	}
	if n == 0 || n == len(set.URLs) {
		t.Errorf("the sitemap lists %d English pages of %d: want both editions", n, len(set.URLs))
	}
}

// TestSingleLanguageUnchanged: a site of one language has no edition
// prefix, no alternates, no switch and no sitemap namespace.
func TestSingleLanguageUnchanged(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	for _, p := range mem.Paths() {
		if strings.HasPrefix(p, "en/") || strings.HasPrefix(p, "vi/") {
			t.Errorf("%s: a site of one language has an edition directory", p)
		}
		if !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".xml") {
			continue
		}
		b := get(t, mem, p)
		for _, w := range []string{"hreflang", "lang-switch", "xmlns:xhtml", "xhtml:link"} {
			if strings.Contains(b, w) {
				t.Errorf("%s has %q", p, w)
			}
		}
	}
}

// TestLanguageErrors: what is wrong with the languages of a site's files
// is an error at its place, all in one run.
func TestLanguageErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/bilingual")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/articles/mo-coi.en.md", "---\ntitle: Orphan\ndate: 2024-05-01\n---\n\nNo original.\n")
	writeFile(t, dir, "content/articles/a.fr.md", "---\ntitle: Français\ndate: 2024-05-01\n---\n\nNon.\n")
	writeFile(t, dir, "content/articles/b.vi.md", "---\ntitle: Lần hai\ndate: 2024-05-01\n---\n\nHai bản.\n")
	replaceIn(t, dir, "content/data/metrics/ty-le.yaml", "title: Tỷ lệ hồ sơ trực tuyến", "title: {vi: Tỷ lệ hồ sơ trực tuyến, fr: Part en ligne}")
	replaceIn(t, dir, "content/data/metrics/ho-so.yaml", "title: {vi: Hồ sơ được số hóa, en: Records digitized}", "title: {en: Records digitized}")
	_, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, output.NewMemory())
	if err == nil {
		t.Fatal("built")
	}
	at := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	for _, want := range []string{
		at("content/articles/mo-coi.en.md") + ": a translation without its original",
		at("content/articles/a.fr.md") + `: the file name gives the language "fr"`,
		at("content/articles/b.vi.md") + ": " + at("content/articles/b.md") + " is already the vi version",
		"ty-le.yaml:1:37: title.fr: \"fr\" is not one of the site's languages (vi, en",
		"ho-so.yaml:1:8: title: no text in vi, the site's default language",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

// TestCatalogueOverride: a site's templates/i18n/<lang>.yaml changes the
// UI strings it names, in its language's edition only; a key the theme
// does not have is an error at its place.
func TestCatalogueOverride(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/bilingual")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "templates/i18n/en.yaml", "nav.plans: Programmes\n")
	mem := buildFixture(t, dir)
	if en := get(t, mem, "en/index.html"); !strings.Contains(en, ">Programmes</a>") {
		t.Error("the site's en.yaml did not rename the English menu entry")
	}
	if vi := get(t, mem, "index.html"); strings.Contains(vi, "Programmes") || !strings.Contains(vi, ">Kế hoạch</a>") {
		t.Error("the site's en.yaml changed the Vietnamese edition")
	}
	writeFile(t, dir, "templates/i18n/en.yaml", "nav.plans: Programmes\nnav.plan: Programme\n")
	_, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, output.NewMemory())
	var list *diag.List
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "templates", "i18n", "en.yaml")+":2:1") {
		t.Errorf("an unknown key is not an error at its place: %v", err)
	} else if !errors.As(err, &list) {
		t.Errorf("the error is not a list of content errors: %T", err)
	}
}

// TestDataInCopiesEveryField: the copy of the data in a language keeps
// every field of every plan and metric but the texts, which are in that
// language: a field added to the model and not to dataIn fails here.
func TestDataInCopiesEveryField(t *testing.T) {
	s, err := Load(Options{SiteDir: "testdata/bilingual", AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	en := dataIn(s.Data, "en")
	// Plain fields whose text is per language, and the slices holding them.
	texts := map[string]bool{"Title": true, "Summary": true, "Owner": true, "Note": true, "Description": true, "Unit": true, "Name": true,
		"Tasks": true, "Updates": true, "Values": true, "Revisions": true, "Source": true}
	same := func(what string, a, b any) {
		va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
		for i := range va.NumField() {
			f := va.Type().Field(i)
			if !f.IsExported() || texts[f.Name] {
				continue
			}
			if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
				t.Errorf("%s: field %s is not copied", what, f.Name)
			}
		}
	}
	for id, m := range s.Data.Metrics {
		q := en.Metrics[id]
		same("metric "+id, m, q)
		if q.Title != m.TitleIn("en") || q.Unit != m.UnitIn("en") || len(q.Values) != len(m.Values) {
			t.Errorf("metric %s: texts not in English: %q %q", id, q.Title, q.Unit)
		}
		for i := range m.Values {
			same("metric "+id+" value", &m.Values[i], &q.Values[i])
			if q.Values[i].Note != m.Values[i].NoteIn("en") {
				t.Errorf("metric %s: note %q not in English", id, q.Values[i].Note)
			}
		}
		if m.Source != nil {
			same("metric "+id+" source", m.Source, q.Source)
		}
	}
	for id, p := range s.Data.Plans {
		q := en.Plans[id]
		same("plan "+id, p, q)
		for i := range p.Tasks {
			same("plan "+id+" task", &p.Tasks[i], &q.Tasks[i])
			if q.Tasks[i].Title != p.Tasks[i].TitleIn("en") || q.Tasks[i].Note != p.Tasks[i].NoteIn("en") {
				t.Errorf("plan %s task %s: texts not in English", id, p.Tasks[i].ID)
			}
			for j := range p.Tasks[i].Updates {
				same("plan "+id+" update", &p.Tasks[i].Updates[j], &q.Tasks[i].Updates[j])
			}
		}
	}
	if s.Data.Metrics["ho-so"].Title != "Hồ sơ được số hóa" || en.Metrics["ho-so"].Title != "Records digitized" {
		t.Error("the default language's data changed, or the copy is not in English")
	}
	if reflect.TypeFor[data.Metric]().NumField() != 18 {
		t.Errorf("data.Metric has %d fields: check that metricIn copies every one, then update this count", reflect.TypeFor[data.Metric]().NumField())
	}
}

func TestLocalizeLinks(t *testing.T) {
	en := urls.NewEdition("en", "vi")
	const page = "articles/x/"
	md := content.NewMarkdown(false)
	for _, tt := range []struct{ in, want string }{
		{`[a](../../files/a.pdf)`, `../../../files/a.pdf`},                         // a static file: at the root
		{`[a](../../metrics/m.csv?x=1&y=2#t)`, `../../../metrics/m.csv?x=1&y=2#t`}, // query and fragment kept
		{`![](../../images/a%20b.png)`, `../../../images/a%20b.png`},
		{`[a](../../metrics/m/)`, `../../metrics/m/`}, // a page: in the edition
		{`[a](../y/#h)`, `../y/#h`},                   // another article
		{`[a](../../feed.xml)`, `../../feed.xml`},     // the edition's feed
		{`[a](#h)`, `#h`},
		{`[a](https://x.vn/a.pdf)`, `https://x.vn/a.pdf`},
		{`[a](/tien-do/files/a.pdf)`, `/tien-do/files/a.pdf`},
		{`[a](mailto:a@b.vn)`, `mailto:a@b.vn`},
	} {
		for _, ed := range []urls.Edition{en, urls.NewEdition("vi", "vi")} {
			doc := md.Parse([]byte(tt.in))
			localizeTree(doc, ed, page)
			var got []string
			ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				switch n := n.(type) {
				case *ast.Link:
					got = append(got, string(n.Destination))
				case *ast.Image:
					got = append(got, string(n.Destination))
				}
				return ast.WalkContinue, nil
			})
			want := tt.want
			if ed.Default() {
				want = tt.in[strings.Index(tt.in, "(")+1 : len(tt.in)-1] // as written
			}
			if len(got) != 1 || got[0] != want {
				t.Errorf("%s in %q: destinations %q, want %q", tt.in, ed.Lang, got, want)
			}
		}
	}
}
