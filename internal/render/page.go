package render

import (
	"html/template"
	"path"
	"strings"

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
