package build

import (
	"encoding/xml"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/urls"
)

// feedSize is how many bulletins the feed carries.
const feedSize = 20

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

// atomEntry is an entry of every feed of the site. Content is the
// bulletin's whole text in the site's feed; topic feeds and the changes
// feed carry a summary alone (nil: no content element).
type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Summary   atomText   `xml:"summary"`
	Content   *atomText  `xml:"content"`
	Category  []atomCat  `xml:"category"`
	Author    atomPerson `xml:"author"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

// feedNodes adds the Atom feed of s's edition (Site.in) and its topics'
// feeds.
func (s *Site) feedNodes(g *graph.Graph) error {
	newest := s.Articles[:min(len(s.Articles), feedSize)]
	in := []graph.Input{s.siteInput()}
	for _, a := range newest {
		f := s.fileOf(a)
		in = append(in, graph.Input{Key: f.pageKey(), Version: f.version})
	}
	return g.Add(&graph.Node{Path: urls.Feed, Kind: graph.Feed, Key: "feed", Inputs: in, Produce: s.feed})
}

// sitemapNodes adds the sitemap of every page already in g, every
// edition's, and robots.txt. It runs once every page is in g.
func (s *Site) sitemapNodes(g *graph.Graph) error {
	// The sitemap's version: every page's address and every article's
	// date, combined without sorting (a sum of hashes, each made once per
	// node or per article file), so that working it out after each edit
	// costs little; the sorted list is made only when the sitemap is
	// written. On a site of several languages, which articles translate
	// which too: the alternates of the pages.
	var sum uint64
	var pageNodes []*graph.Node
	for _, n := range g.Unsorted() {
		if n.Kind == graph.Page {
			sum += n.PathHash()
			pageNodes = append(pageNodes, n)
		}
	}
	for _, a := range s.Articles {
		sum += s.fileOf(a).dateHash()
		if s.multilingual() {
			sum += graph.HashString(a.Lang, a.Slug, a.TranslationKey)
		}
	}
	sitemap := func() ([]byte, error) {
		pages := make([]string, len(pageNodes))
		for i, n := range pageNodes {
			pages[i] = urls.FromFile(n.Path)
		}
		slices.Sort(pages)
		dates := make(map[string]string, len(s.Articles))
		for _, a := range s.Articles {
			dates[s.articleURL(a)] = a.Date.String()
		}
		return s.sitemap(pages, dates)
	}
	for _, n := range []*graph.Node{
		{Path: urls.Sitemap, Kind: graph.Index, Key: "sitemap", Inputs: []graph.Input{s.siteInput(), {Key: "pages", Version: sum}},
			Produce: sitemap},
		{Path: urls.Robots, Kind: graph.Index, Key: "robots", Inputs: []graph.Input{s.siteInput()}, Produce: func() ([]byte, error) {
			return []byte("User-agent: *\nAllow: /\nSitemap: " + s.Config.AbsURL(urls.Sitemap) + "\n"), nil
		}},
	} {
		if err := g.Add(n); err != nil {
			return err
		}
	}
	return nil
}

// tagFeedNodes adds one Atom feed per topic, tags/<slug>/feed.xml, with
// the topic's newest bulletins. A topic's feed carries each bulletin's
// summary and link, not its whole text: a large site has hundreds of
// topics, and the full text of each of their newest bulletins would have
// to be kept or rendered again for them (the site's feed.xml has the full
// text of the newest). What an entry shows is what the bulletin's card
// shows (title, date, summary, tags: its card version) and its source's
// name (the entry's author), so those, the topic's name and the settings
// are the node's inputs, and an edit rewrites only the feeds it touches.
//
// They are made with the list pages (graph), and kept with them while no
// bulletin's card or source changed (listsKey).
func (s *Site) tagFeedNodes() []*graph.Node {
	tags, byTag := s.tags()
	nodes := make([]*graph.Node, 0, len(tags))
	for _, t := range tags {
		articles := byTag[t.Tag.Slug]
		articles = articles[:min(len(articles), feedSize)]
		in := make([]graph.Input, 0, len(articles)+2)
		in = append(in, s.siteInput(), graph.Input{Key: "tagname:" + t.Tag.Slug, Version: graph.HashString(t.Tag.Name)})
		for _, a := range articles {
			f := s.fileOf(a)
			in = append(in, graph.Input{Key: f.listKey(), Version: f.card ^ graph.HashString(sourceOf(a))*31})
		}
		tag := t.Tag
		nodes = append(nodes, &graph.Node{Path: urls.TagFeed(tag.Slug), Kind: graph.Feed, Key: "feed:tag:" + tag.Slug, Inputs: in,
			Produce: func() ([]byte, error) { return s.tagFeed(tag, articles) }})
	}
	return nodes
}

// siteTitle is the site's title in the language of the edition this Site
// value makes (Site.in): the English edition's feeds and pages are titled
// in English when site.yaml gives an English title.
func (s *Site) siteTitle() string {
	if s.ed == nil {
		return s.Config.Title
	}
	return s.Config.TitleIn(s.ed.Lang)
}

// siteDescription is the site's description in the language of the
// edition this Site value makes, as siteTitle.
func (s *Site) siteDescription() string {
	if s.ed == nil {
		return s.Config.Description
	}
	return s.Config.DescriptionIn(s.ed.Lang)
}

// tagFeed is the Atom feed of one topic: its newest bulletins, summaries
// only. Like the site's feed, its updated time is its newest entry's.
func (s *Site) tagFeed(tag content.Tag, articles []*content.Article) ([]byte, error) {
	page := s.abs(urls.Tag(tag.Slug, 1))
	f := atomFeed{
		Lang:   s.ed.Lang,
		Title:  s.Locale.Tf("tag.title", tag.Name) + " · " + s.siteTitle(),
		ID:     page,
		Links:  []atomLink{{Href: s.abs(urls.TagFeed(tag.Slug)), Rel: "self", Type: "application/atom+xml"}, {Href: page, Rel: "alternate", Type: "text/html"}},
		Author: atomPerson{Name: s.siteTitle()},
	}
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, a := range articles {
		if a.Time.After(updated) {
			updated = a.Time
		}
		f.Entries = append(f.Entries, s.entry(a, false))
	}
	f.Updated = updated.Format(time.RFC3339)
	return marshalXML(f)
}

// feed is an Atom feed of the latest bulletins. Its updated time is the
// newest bulletin's, never the build's, so builds stay byte-identical.
func (s *Site) feed() ([]byte, error) {
	f := atomFeed{
		Lang:   s.ed.Lang,
		Title:  s.siteTitle(),
		ID:     s.abs(urls.Home()),
		Links:  []atomLink{{Href: s.abs(urls.Feed), Rel: "self", Type: "application/atom+xml"}, {Href: s.abs(urls.Home()), Rel: "alternate", Type: "text/html"}},
		Author: atomPerson{Name: s.siteTitle()},
	}
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, a := range s.Articles {
		if i == feedSize {
			break
		}
		if a.Time.After(updated) {
			updated = a.Time
		}
		f.Entries = append(f.Entries, s.entry(a, true))
	}
	f.Updated = updated.Format(time.RFC3339)
	return marshalXML(f)
}

// entry is article a as an Atom entry; with full, its whole text (which
// must be rendered) goes in as the content, else the summary only.
func (s *Site) entry(a *content.Article, full bool) atomEntry {
	u := s.Config.AbsURL(s.articleURL(a))
	e := atomEntry{
		Title:     a.Front.Title,
		ID:        u,
		Link:      atomLink{Href: u, Rel: "alternate", Type: "text/html"},
		Published: a.Time.Format(time.RFC3339),
		Updated:   a.Time.Format(time.RFC3339),
		Summary:   atomText{Type: "text", Body: a.Summary},
		Author:    atomPerson{Name: s.siteTitle()},
	}
	if full {
		e.Content = &atomText{Type: "html", Body: absolutize(a.HTML, u)}
	}
	if src := a.Front.Source; src != nil {
		e.Author.Name = src.Name
	}
	for _, t := range a.Tags {
		e.Category = append(e.Category, atomCat{Term: t.Slug, Label: t.Name})
	}
	return e
}

// absolutize makes the relative links of an article's HTML absolute and
// clean (no "../"), since feed readers show it away from the site.
func absolutize(h, base string) string {
	b, err := url.Parse(base)
	if err != nil {
		return h
	}
	return relativeLink.ReplaceAllStringFunc(h, func(m string) string {
		parts := relativeLink.FindStringSubmatch(m)
		ref, err := url.Parse(html.UnescapeString(parts[2]))
		if err != nil || ref.IsAbs() || strings.HasPrefix(parts[2], "#") {
			return m
		}
		return parts[1] + html.EscapeString(b.ResolveReference(ref).String()) + `"`
	})
}

// relativeLink finds href and src attributes; absolutize leaves absolute
// URLs and fragments as they are.
var relativeLink = regexp.MustCompile(`(\s(?:href|src)=")([^"]*)"`)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	// XHTML declares the namespace of the alternates' xhtml:link
	// elements; left out on a site of one language.
	XHTML string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs  []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	LastMod    string        `xml:"lastmod,omitempty"`
	Alternates []sitemapLink `xml:"xhtml:link"`
}

// sitemapLink is one language's version of a page (Google's form of
// hreflang in a sitemap).
type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// xhtmlNS is the namespace of a sitemap's xhtml:link elements.
const xhtmlNS = "http://www.w3.org/1999/xhtml"

// sitemap lists every page by URL, of every edition; articles carry their
// date as lastmod. On a site of several languages, each page that has
// versions in other languages lists them all, itself included, and the
// default language's as x-default, as its hreflang links do.
func (s *Site) sitemap(pages []string, mod map[string]string) ([]byte, error) {
	var u urlset
	if s.multilingual() {
		u.XHTML = xhtmlNS
	}
	for _, p := range pages {
		e := sitemapURL{Loc: s.Config.AbsURL(p), LastMod: mod[p]}
		if s.multilingual() {
			alts := render.HrefLangs(s.pageAlternates(p))
			for _, a := range alts {
				e.Alternates = append(e.Alternates, sitemapLink{Rel: "alternate", HrefLang: a.Lang, Href: s.Config.AbsURL(a.Path)})
			}
			if len(alts) > 0 && alts[0].Lang == s.Config.Language {
				e.Alternates = append(e.Alternates, sitemapLink{Rel: "alternate", HrefLang: "x-default", Href: s.Config.AbsURL(alts[0].Path)})
			}
		}
		u.URLs = append(u.URLs, e)
	}
	return marshalXML(u)
}

func marshalXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
