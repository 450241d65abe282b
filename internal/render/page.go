package render

import (
	"html/template"
	"path"
	"strings"
	"sync"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/urls"
)

// Page is what every template receives: the site, the language, where the
// page sits (so links can be made relative to it) and the page's own data.
type Page struct {
	Site *site.Config
	L    *locale.Locale
	// Edition is the language edition the page is in; Path is within it.
	// The default language's edition (the zero value too) is the root.
	Edition urls.Edition
	// Alternates are the page in each of the site's languages, in the
	// order of site.yaml's languages (the default first), this page's own
	// included: hreflang links and the language switch. Nil on a site of
	// one language.
	Alternates  []Alternate
	Path        string // the page's URL path within its edition: "" for home, "articles/x/", "404.html"
	Title       string // the page's own title; the layout adds the site's
	Description string
	Section     string // "home", "articles", "plans", "metrics", "tags": marks the menu
	Charts      bool   // load the charting library
	// Absolute makes links root-relative under the base path instead of
	// relative to Path: 404.html is served at any depth.
	Absolute bool
	// ShareCards has the page show bulletins' cards rendered once for
	// all the pages of a pass that show them (Card, Renderer.ShareCards).
	ShareCards bool
	Data       any

	r *Renderer
	// root, while a shared card is rendered (Card), is what links start
	// with instead of the way up to the edition's root: the renderer's
	// marker, which each page showing the card replaces with its own.
	root string
}

// Alternate is a page in one language: where the page's translation is,
// or, when the page has none in that language, that language's home.
type Alternate struct {
	Lang    string // the language code, "en"
	Name    string // the language's name in that language: "English", "Tiếng Việt"
	Path    string // site-relative URL, edition prefix included: "en/articles/x/"
	Current bool   // the page's own language
	// Same is false when the page has no version in Lang and Path is
	// that language's home: no hreflang link names it.
	Same bool
}

// URL links from this page to target, a URL of package urls ("" is the
// home page, "metrics/x/", "metrics/x.csv"), without edition prefix: a
// page of the page's own edition stays in it, a file all editions share
// (urls.Localized) is reached at the root. Links are relative, so a site
// works under any sub-path and on any mirror; 404.html uses the base
// path instead.
func (p *Page) URL(target string) string {
	if p.Absolute {
		return p.Site.BasePath() + p.Edition.Link(target)
	}
	if p.root != "" {
		if p.Edition.Prefix == "" || urls.Localized(target) {
			return p.root + target
		}
		return p.root + Rel(p.Edition.Prefix, target)
	}
	if p.Edition.Prefix == "" || urls.Localized(target) {
		return Rel(p.Path, target) // within the edition, as on the root's pages
	}
	return Rel(p.Edition.Page(p.Path), target)
}

// TagURL links to a topic's first page (urls.Tag), for templates.
func (p *Page) TagURL(t content.Tag) string { return p.URL(urls.Tag(t.Slug, 1)) }

// TagLink is the theme's "tag-link" for topic t: a link to its first
// page, rendered once for each topic name and way to the root, and reused
// by every bulletin of the topic, on its page and on its card. Drawn
// afresh for each, a bulletin's topics made two fifths of its page's
// allocations: each link is four template calls, three of them
// html/template's URL and attribute escapers.
func (p *Page) TagLink(t content.Tag) (template.HTML, error) {
	return p.tagLinks().get(p, t)
}

// TagLinks is TagLink for each of tags, joined by sep (text, escaped
// here): a bulletin's list of topics in one template call, where a range
// over TagLink made two calls per topic — a method and an escaper, each
// through reflection — on every bulletin's page and card.
func (p *Page) TagLinks(sep string, tags []content.Tag) (template.HTML, error) {
	var b strings.Builder
	esc := template.HTMLEscapeString(sep)
	c := p.tagLinks()
	for i, t := range tags {
		l, err := c.get(p, t)
		if err != nil {
			return "", err
		}
		if i > 0 {
			b.WriteString(esc)
		}
		b.WriteString(string(l))
	}
	return template.HTML(b.String()), nil
}

// tagLinks are the rendered topic links of one way to the root, by topic:
// a topic's link is its name and its first page's address, and from every
// page with the same way to the root (Page.dir, as the frame's parts are
// cached) that address is the same. A map of its own, keyed by the topic
// itself, where a sync.Map keyed by address and name boxed its key and
// hashed it through an interface for every topic of every bulletin.
type tagLinks struct {
	mu sync.RWMutex
	m  map[content.Tag]template.HTML
}

// tagLinks is the cache of this page's way to the root: the renderer's
// for that way, or, on a shared card, its pass's (links that start with
// the pass's marker are kept for the pass, not for the renderer's life).
func (p *Page) tagLinks() *tagLinks {
	if p.root != "" {
		return &p.r.cardPass.tagLinks
	}
	d := p.dir()
	v, ok := p.r.tags.Load(d)
	if !ok {
		v, _ = p.r.tags.LoadOrStore(d, &tagLinks{})
	}
	return v.(*tagLinks)
}

func (c *tagLinks) get(p *Page, t content.Tag) (template.HTML, error) {
	c.mu.RLock()
	h, ok := c.m[t]
	c.mu.RUnlock()
	if ok {
		return h, nil
	}
	b, err := p.r.execute("tag-link", Ctx{P: p, V: t})
	if err != nil {
		return "", err
	}
	h = template.HTML(b)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[content.Tag]template.HTML{}
	}
	c.m[t] = h
	c.mu.Unlock()
	return h, nil
}

// RootURL links from this page to target, a site-relative URL with its
// edition prefix if it has one ("en/articles/x/"): for the language switch.
func (p *Page) RootURL(target string) string {
	if p.Absolute {
		return p.Site.BasePath() + target
	}
	return Rel(p.Edition.Page(p.Path), target)
}

// Abs is the absolute URL of target (as URL takes it), for what is read
// away from the site: the page's own edition, or the shared file.
func (p *Page) Abs(target string) string { return p.Site.AbsURL(p.Edition.Link(target)) }

// HrefLangs are the versions of the page that hreflang links name: those
// of alts that are this page in their language (Same), when there are at
// least two; else none, since a page with no translation has no
// alternate to declare.
func HrefLangs(alts []Alternate) []Alternate {
	var out []Alternate
	for _, a := range alts {
		if a.Same {
			out = append(out, a)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// HrefLangs is HrefLangs of the page's Alternates.
func (p *Page) HrefLangs() []Alternate { return HrefLangs(p.Alternates) }

// DefaultAlternate is the page in the site's default language, for the
// hreflang="x-default" link; nil when the page has no hreflang links or
// the default language has no version of it.
func (p *Page) DefaultAlternate() *Alternate {
	if len(p.HrefLangs()) == 0 || !p.Alternates[0].Same {
		return nil
	}
	return &p.Alternates[0]
}

// Rel returns the relative link from the page at from to target, both
// relative to the site root; directories end in "/".
func Rel(from, target string) string {
	rel := up(from) + target
	if rel == "" {
		return "./"
	}
	return rel
}

// up is the way from the page at from up to the root: "../../" for
// "articles/x/", "" for the root's own pages.
func up(from string) string {
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir)
		if dir == "." {
			dir = ""
		} else {
			dir += "/"
		}
	}
	n := strings.Count(dir, "/")
	if 3*n <= len(ups) {
		return ups[:3*n] // every page's links need it: no allocation
	}
	return strings.Repeat("../", n)
}

// ups is up's answer for pages up to eight levels deep.
const ups = "../../../../../../../../"

// Asset links to a theme asset with a content hash, so browsers never keep a stale copy.
func (p *Page) Asset(name string) string {
	a, ok := p.r.assets[name]
	if !ok {
		return p.URL(name) + "?missing"
	}
	return p.URL(name) + "?v=" + a.Hash
}

// Canonical is the page's absolute URL.
func (p *Page) Canonical() string { return p.Site.AbsURL(p.Edition.Page(p.Path)) }

// lang is the page's language: its locale's, else its edition's.
func (p *Page) lang() string {
	if p.L != nil {
		return p.L.Lang()
	}
	return p.Edition.Lang
}

// SiteTitle is the site's title in the page's language (site.yaml's
// title:, which may be given per language): templates read it, never
// .Site.Title, so that the English edition is titled in English.
func (p *Page) SiteTitle() string { return p.Site.TitleIn(p.lang()) }

// SiteDescription is the site's description in the page's language.
func (p *Page) SiteDescription() string { return p.Site.DescriptionIn(p.lang()) }

// SiteCopyright is the site's copyright line in the page's language.
func (p *Page) SiteCopyright() string { return p.Site.CopyrightIn(p.lang()) }

// T returns a UI string in the page's language.
func (p *Page) T(key string) string { return p.L.T(key) }

// Tf formats a UI string in the page's language.
func (p *Page) Tf(key string, args ...any) string { return p.L.Tf(key, args...) }

// LiveReload is the reload script's URL in serve mode, else empty.
func (p *Page) LiveReload() string {
	if p.r == nil || p.r.LiveReload == "" {
		return ""
	}
	return p.r.LiveReload
}

// Trusted marks engine-made HTML (rendered Markdown, chart fragments) as safe.
func Trusted(s string) template.HTML { return template.HTML(s) }

// dir is what links from this page start with to reach the site root:
// "../../" for "articles/x/", the base path for a page served at any depth.
func (p *Page) dir() string {
	if p.Absolute {
		return p.Site.BasePath() + p.Edition.Prefix
	}
	return p.Edition.Prefix + Rel(p.Path, "")
}

// Cached renders the shared template name for this page, once per build
// for all the pages that share its position: the same depth below the
// root (links are relative), the same menu section and the same options.
// The page frame — header, menu, footer — is the same on thousands of
// pages and costs more to render than most pages' own content; a template
// rendered through Cached must depend on nothing else of the page.
func (p *Page) Cached(name string) (template.HTML, error) {
	key := frame{name, p.dir(), p.Section, p.Charts}
	if v, ok := p.r.cache.Load(key); ok {
		return v.(template.HTML), nil
	}
	b, err := p.r.execute(name, p)
	if err != nil {
		return "", err
	}
	h := template.HTML(b)
	p.r.cache.Store(key, h)
	return h, nil
}

// frame keys a part of the page frame rendered once (Cached).
type frame struct {
	name, dir, section string
	charts             bool
}

// ContentSecurityPolicy is what every page allows: its own site's scripts,
// styles and images, nothing inline, nothing from another host. Pages
// carry it in a <meta> so that it holds on any static host.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

// CSP is ContentSecurityPolicy, for templates.
func (p *Page) CSP() string { return ContentSecurityPolicy }
