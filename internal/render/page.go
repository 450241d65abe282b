package render

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/site"
)

// Page is what every template receives: the site, the language, where the
// page sits (so links can be made relative to it) and the page's own data.
type Page struct {
	Site        *site.Config
	L           *locale.Locale
	Path        string // the page's URL path relative to the site root: "" for home, "articles/x/", "404.html"
	Title       string // the page's own title; the layout adds the site's
	Description string
	Section     string // "home", "articles", "plans", "metrics", "tags": marks the menu
	Charts      bool   // load the charting library
	// Absolute makes links root-relative under the base path instead of
	// relative to Path: 404.html is served at any depth.
	Absolute bool
	Data     any

	r *Renderer
}

// URL links from this page to target, a path relative to the site root
// ("" is the home page). Links are relative, so a site works under any
// sub-path and on any mirror; 404.html uses the base path instead.
func (p *Page) URL(target string) string {
	if p.Absolute {
		return p.Site.BasePath() + target
	}
	return Rel(p.Path, target)
}

// Rel returns the relative link from the page at from to target, both
// relative to the site root; directories end in "/".
func Rel(from, target string) string {
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir)
		if dir == "." {
			dir = ""
		} else {
			dir += "/"
		}
	}
	up := strings.Count(dir, "/")
	rel := strings.Repeat("../", up) + target
	if rel == "" {
		return "./"
	}
	return rel
}

// Asset links to a theme asset with a content hash, so browsers never keep a stale copy.
func (p *Page) Asset(name string) string {
	a, ok := p.r.assets[name]
	if !ok {
		return p.URL(name) + "?missing"
	}
	return p.URL(name) + "?v=" + a.Hash
}

// Canonical is the page's absolute URL.
func (p *Page) Canonical() string { return p.Site.AbsURL(p.Path) }

// T returns a UI string in the site's language.
func (p *Page) T(key string) string { return p.L.T(key) }

// Tf formats a UI string in the site's language.
func (p *Page) Tf(key string, args ...any) string { return p.L.Tf(key, args...) }

// LiveReload is the reload script's URL in serve mode, else empty.
func (p *Page) LiveReload() string {
	if p.r == nil || p.r.LiveReload == "" {
		return ""
	}
	return p.r.LiveReload
}

// Trusted marks engine-made HTML (rendered Markdown, chart fragments) as safe.
func Trusted(b []byte) template.HTML { return template.HTML(b) }

// dir is what links from this page start with to reach the site root:
// "../../" for "articles/x/", the base path for a page served at any depth.
func (p *Page) dir() string {
	if p.Absolute {
		return p.Site.BasePath()
	}
	return Rel(p.Path, "")
}

// Cached renders the shared template name for this page, once per build
// for all the pages that share its position: the same depth below the
// root (links are relative), the same menu section and the same options.
// The page frame — header, menu, footer — is the same on thousands of
// pages and costs more to render than most pages' own content; a template
// rendered through Cached must depend on nothing else of the page.
func (p *Page) Cached(name string) (template.HTML, error) {
	key := fmt.Sprintf("%s\x00%s\x00%s\x00%t", name, p.dir(), p.Section, p.Charts)
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

// Card renders a bulletin's card (the "card" template) for a list on this
// page, once per build for each depth it is linked from: a bulletin shows
// in its list page, its tag pages and the home page.
func (p *Page) Card(a *content.Article) (template.HTML, error) {
	key := fmt.Sprintf("card\x00%s\x00%p\x00%x", p.dir(), a, a.CardVersion)
	if v, ok := p.r.cache.Load(key); ok {
		return v.(template.HTML), nil
	}
	b, err := p.r.execute("card", Ctx{P: p, V: a})
	if err != nil {
		return "", err
	}
	h := template.HTML(b)
	p.r.cache.Store(key, h)
	return h, nil
}

// ContentSecurityPolicy is what every page allows: its own site's scripts,
// styles and images, nothing inline, nothing from another host. Pages
// carry it in a <meta> so that it holds on any static host.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

// CSP is ContentSecurityPolicy, for templates.
func (p *Page) CSP() string { return ContentSecurityPolicy }
