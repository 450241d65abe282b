package build

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/urls"
)

// Links that cannot break.
//
// Every Markdown link and image of a published article that points inside
// the site — a relative path, or a URL or absolute path under the base
// URL — must land on an output of this build: a page, a feed, an open-data
// file, a theme asset or a file of content/static. A #fragment on an
// article's page must name an id its body carries (a heading, a footnote,
// a figure) or the page frame's "main"; fragments on other pages are not
// checked, since what ids they carry depends on data and theme. Covers
// (front matter cover:) and the site's image: must name a file of the
// site. External links are never fetched. Each broken link is an error at
// its own place in its file, all of them in one run; with Options.WarnLinks
// set (--warn-links), the broken links and anchors of articles are handed
// to it as warnings instead and the build goes on (a cover or site image
// that names no file stays an error: the page's metadata would be wrong).
//
// Links are checked per edition: an article's links are read as its page
// has them, relative to its own URL (s.articleURL: "en/articles/x/" for an
// English bulletin), since package content records each href as rendered
// on that page, after a translation's links were placed in its edition.
// So "../khong-co/" from an English bulletin names en/articles/khong-co/,
// and "../../../metrics/x.csv" from it the open-data file at the root.
//
// The check is linear: the outputs are looked up in the graph's map (and
// a set of the static files and assets, which may not be in the graph yet),
// and an article's ids are sorted once, so each link costs one lookup.

// frameIDs are the ids every article page carries outside its body
// (templates/base.html's skip link target).
var frameIDs = []string{"main"}

// linkChecker resolves links against one graph.
type linkChecker struct {
	g     *graph.Graph
	files map[string]bool             // static files and theme assets, by output path
	pages map[string]*content.Article // article pages, by output path, in every edition
	base  *url.URL                    // the site's base URL
	url   func(*content.Article) string
	errs  *diag.List // what fails the build
	links *diag.List // broken links: errs, or the warnings of WarnLinks
}

// checkLinks reports every link, image, cover and site image that points
// inside the site at something g, the static files and the theme's assets
// do not hold.
func (s *Site) checkLinks(g *graph.Graph) error {
	c := &linkChecker{g: g, base: s.Config.Base, url: s.articleURL, errs: &diag.List{},
		files: make(map[string]bool, len(s.static)),
		pages: make(map[string]*content.Article, len(s.Articles))}
	c.links = c.errs
	if s.opts.WarnLinks != nil {
		c.links = &diag.List{}
	}
	for _, f := range s.static {
		c.files[f.rel] = true
	}
	for _, a := range s.renderer.Assets() {
		c.files[a.Path] = true
	}
	pageOf := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		var file string
		pageOf[i], file = s.linkTarget(a)
		c.pages[file] = a
	}
	if img := s.Config.Image; img != "" && !site.IsWebURL(img) && !c.exists(img) {
		c.errs.Errorf(s.Config.Meta.At("image"), "image", "%q is not a file of the site: put it in %s/%s", img, StaticDir, img)
	}
	for i, a := range s.Articles {
		if a.Cover != "" && !site.IsWebURL(a.Cover) && !c.exists(a.Cover) {
			c.errs.Errorf(a.Front.Meta.At("cover"), "cover", "%q is not a file of the site: put it in %s/%s", a.Cover, StaticDir, a.Cover)
		}
		for _, l := range s.siteLinks(a, c) {
			c.check(pageOf[i], l)
		}
	}
	if c.links != c.errs {
		for _, e := range c.links.Errors() { // in the order of files and positions
			s.opts.WarnLinks(e)
		}
	}
	return c.errs.Err()
}

// linkTarget is a's URL (articleURL) and its page's file, made once per
// edition and slug: the preview checks every article's links at each save.
// It runs on checkLinks's goroutine only.
func (s *Site) linkTarget(a *content.Article) (url, file string) {
	f := s.fileOf(a)
	if f == nil {
		url = s.articleURL(a)
		return url, urls.File(url)
	}
	ed := s.editionOf(a.Lang)
	if t := &f.target; t.url == "" || t.prefix != ed.Prefix || t.slug != a.Slug {
		url = s.articleURL(a)
		*t = linkTarget{prefix: ed.Prefix, slug: a.Slug, url: url, file: urls.File(url)}
	}
	return f.target.url, f.target.file
}

// siteLinks are a's links that may point inside the site: all but those
// to other hosts, which are never checked. They are worked out once per
// parsed article (the preview checks every article's links at each save).
// checkLinks runs on one goroutine.
func (s *Site) siteLinks(a *content.Article, c *linkChecker) []content.Link {
	f := s.fileOf(a)
	if f == nil {
		return a.Links
	}
	if f.linksOf != a || f.linksBase != c.base.Host || f.linksN != len(a.Links) {
		f.linksOf, f.linksBase, f.linksN = a, c.base.Host, len(a.Links)
		f.siteLinks = slices.DeleteFunc(slices.Clone(a.Links), func(l content.Link) bool { return c.otherHost(l.Href) })
	}
	return f.siteLinks
}

// otherHost reports, without parsing it, that href is a plain http(s)
// URL of another host than the site's: most links of a bulletin are, and
// parsing every one of them again at each preview update was most of the
// check. Anything less plain (user info, escapes, spaces) is left to
// url.Parse and sitePath.
func (c *linkChecker) otherHost(href string) bool {
	rest, ok := strings.CutPrefix(href, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(href, "http://"); !ok {
			return false
		}
	}
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
	}
	if host == "" || strings.ContainsAny(href, "@% \t\n") {
		return false
	}
	return !strings.EqualFold(host, c.base.Host)
}

// check resolves link l of an article whose page is at page (site-relative,
// with its edition's prefix).
func (c *linkChecker) check(page string, l content.Link) {
	what, noun := "link to", "page"
	if l.Image {
		what, noun = "image", "file"
	}
	u, err := url.Parse(l.Href)
	if err != nil {
		c.links.Errorf(l.Pos, "", "%s %q is not a valid URL", what, l.Dest)
		return
	}
	rel, inside := c.sitePath(u, page)
	if !inside {
		return
	}
	target, ok := c.target(rel)
	if !ok {
		c.links.Errorf(l.Pos, "", "%s %q does not resolve to a %s of the site", what, l.Dest, noun)
		return
	}
	if u.Fragment == "" {
		return
	}
	// Only an article page's ids are known; others are taken on trust.
	t := c.pages[target]
	if t == nil || slices.Contains(frameIDs, u.Fragment) {
		return
	}
	if _, found := slices.BinarySearch(t.Anchors, u.Fragment); !found {
		c.links.Errorf(l.Pos, "", "%s %q does not resolve to a %s of the site: %s has no heading or anchor with the id %q%s",
			what, l.Dest, noun, c.url(t), u.Fragment, known(t.Anchors))
	}
}

// sitePath returns the site-relative path u points at from the page at
// page, and whether it points inside the site at all. A URL with another
// scheme or host, or an absolute path outside the base path, is not the
// site's. A relative path that climbs above the site's root is the site's
// (the author meant a page of it) but resolves to nothing: it gets a path
// no output has.
func (c *linkChecker) sitePath(u *url.URL, page string) (string, bool) {
	basePath := c.base.Path
	var p string
	switch {
	case u.Scheme != "" || u.Host != "":
		if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
			return "", false // mailto:, tel:
		}
		if !strings.EqualFold(u.Hostname(), c.base.Hostname()) || u.Port() != c.base.Port() {
			return "", false
		}
		p = u.Path
		if p == "" {
			p = "/"
		}
	case u.Path == "":
		return page, true // "#id" or "?q": this page
	case strings.HasPrefix(u.Path, "/"):
		p = u.Path
	default:
		from := &url.URL{Path: basePath + page}
		p = from.ResolveReference(&url.URL{Path: u.Path}).Path
		if !strings.HasPrefix(p, basePath) {
			return "\x00outside", true
		}
	}
	if p+"/" == basePath {
		return "", true // the base URL without its final slash
	}
	rel, under := strings.CutPrefix(p, basePath)
	return rel, under
}

// target returns the output that serves rel: the file itself, or for a
// directory (rel ends in "/", or names one without its slash, which static
// hosts redirect) its index.html.
func (c *linkChecker) target(rel string) (string, bool) {
	if rel == "" || strings.HasSuffix(rel, "/") {
		f := rel + "index.html"
		return f, c.exists(f)
	}
	if c.exists(rel) {
		return rel, true
	}
	f := rel + "/index.html"
	return f, c.exists(f)
}

// linkLookups counts the outputs looked up by link checks, for the test
// that holds the check to a constant number per link.
var linkLookups atomic.Int64

func (c *linkChecker) exists(p string) bool {
	linkLookups.Add(1)
	if c.files[p] {
		return true
	}
	_, ok := c.g.Get(p)
	return ok
}

// known lists a page's ids for an error message, the first few of them.
func known(ids []string) string {
	const most = 8
	switch {
	case len(ids) == 0:
		return " (it has none)"
	case len(ids) > most:
		return fmt.Sprintf(" (ids there: %s, …)", strings.Join(ids[:most], ", "))
	}
	return fmt.Sprintf(" (ids there: %s)", strings.Join(ids, ", "))
}
