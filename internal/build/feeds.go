package build

import (
	"encoding/xml"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/graph"
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

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Summary   atomText   `xml:"summary"`
	Content   atomText   `xml:"content"`
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

// feedNodes adds the Atom feed, the sitemap of every page already in g,
// and robots.txt. It runs last, so the sitemap sees every page.
func (s *Site) feedNodes(g *graph.Graph) error {
	newest := s.Articles[:min(len(s.Articles), feedSize)]
	in := []graph.Input{s.siteInput()}
	for _, a := range newest {
		f := s.fileOf(a)
		in = append(in, graph.Input{Key: f.pageKey(), Version: f.version})
	}
	// The sitemap's version: every page's address and every article's
	// date, combined without sorting (a sum of hashes, each made once per
	// node or per article file), so that working it out after each edit
	// costs little; the sorted list is made only when the sitemap is written.
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
	}
	sitemap := func() ([]byte, error) {
		pages := make([]string, len(pageNodes))
		for i, n := range pageNodes {
			pages[i] = urls.FromFile(n.Path)
		}
		slices.Sort(pages)
		dates := make(map[string]string, len(s.Articles))
		for _, a := range s.Articles {
			dates[urls.Article(a.Slug)] = a.Date.String()
		}
		return s.sitemap(pages, dates)
	}
	for _, n := range []*graph.Node{
		{Path: urls.Feed, Kind: graph.Feed, Key: "feed", Inputs: in, Produce: s.feed},
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

// feed is an Atom feed of the latest bulletins. Its updated time is the
// newest bulletin's, never the build's, so builds stay byte-identical.
func (s *Site) feed() ([]byte, error) {
	f := atomFeed{
		Lang:   s.Config.Language,
		Title:  s.Config.Title,
		ID:     s.Config.AbsURL(urls.Home()),
		Links:  []atomLink{{Href: s.Config.AbsURL(urls.Feed), Rel: "self", Type: "application/atom+xml"}, {Href: s.Config.AbsURL(urls.Home()), Rel: "alternate", Type: "text/html"}},
		Author: atomPerson{Name: s.Config.Title},
	}
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, a := range s.Articles {
		if i == feedSize {
			break
		}
		if a.Time.After(updated) {
			updated = a.Time
		}
		u := s.Config.AbsURL(urls.Article(a.Slug))
		e := atomEntry{
			Title:     a.Front.Title,
			ID:        u,
			Link:      atomLink{Href: u, Rel: "alternate", Type: "text/html"},
			Published: a.Time.Format(time.RFC3339),
			Updated:   a.Time.Format(time.RFC3339),
			Summary:   atomText{Type: "text", Body: a.Summary},
			Content:   atomText{Type: "html", Body: absolutize(string(a.HTML), u)},
			Author:    atomPerson{Name: s.Config.Title},
		}
		if src := a.Front.Source; src != nil {
			e.Author.Name = src.Name
		}
		for _, t := range a.Tags {
			e.Category = append(e.Category, atomCat{Term: t.Slug, Label: t.Name})
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = updated.Format(time.RFC3339)
	return marshalXML(f)
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
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every page by URL; articles carry their date as lastmod.
func (s *Site) sitemap(pages []string, mod map[string]string) ([]byte, error) {
	var u urlset
	for _, p := range pages {
		u.URLs = append(u.URLs, sitemapURL{Loc: s.Config.AbsURL(p), LastMod: mod[p]})
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
