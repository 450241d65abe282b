// Package render turns page models into HTML with html/template. It owns
// the theme: the built-in templates embedded in the binary, overridden file
// by file by a site's own templates/, and the static assets they use.
// Every value from YAML or front matter reaches HTML through html/template,
// so it is escaped; only HTML that the engine produced itself (Markdown
// output, chart fragments) is marked trusted.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/urls"
)

// Pages lists the page templates a theme provides; every other .html file
// at the top of templates/ is a layout or partial shared by all pages.
var Pages = []string{"home.html", "article.html", "list.html", "tags.html", "plan.html", "plans.html", "metric.html", "metrics.html", "404.html", "data.html", "search.html"}

// Asset is a static file of the theme, served under assets/.
type Asset struct {
	Path string // relative to the site root, e.g. "assets/style.css"
	Data []byte
	Hash string // short content hash, for cache busting
}

// Renderer holds one site's parsed templates and assets. It is safe for
// concurrent use once built.
type Renderer struct {
	cfg     *site.Config
	loc     *locale.Locale
	edition urls.Edition // where its pages are: the root unless made by In
	pages   map[string]*template.Template
	assets  map[string]Asset
	version uint64   // of every theme file, for the output graph
	cache   sync.Map // rendered shared fragments: Page.Cached
	tags    sync.Map // way to the root → *tagLinks: Page.TagLink
	// cardPass is the pass of rendering whose lists share cards (ShareCards).
	cardPass *cardPass
	// LiveReload, when set, is the URL path of a script every page loads (serve mode only).
	LiveReload string
}

// New loads the theme from builtin (the embedded templates/) with the
// files of override (a site's templates/, may be nil; overrideName is how
// the user names that directory, for errors) replacing those of the same
// name. The site's files are inputs like any other: regular files only,
// no links (a link to /etc/passwd would be published as an asset), no
// FIFOs, at most source.MaxTemplate bytes; every refused file is reported.
func New(cfg *site.Config, loc *locale.Locale, builtin, override fs.FS, overrideName string) (*Renderer, error) {
	files, err := overlay(builtin, override, overrideName)
	if err != nil {
		return nil, err
	}
	r := &Renderer{cfg: cfg, loc: loc, pages: map[string]*template.Template{}, assets: map[string]Asset{}}
	root := template.New("").Funcs(funcs)
	var shared []string
	for name := range files {
		if path.Dir(name) == "." && strings.HasSuffix(name, ".html") && !slices.Contains(Pages, name) {
			shared = append(shared, name)
		}
	}
	sort.Strings(shared)
	for _, name := range shared {
		if _, err := root.New(name).Parse(string(files[name].data)); err != nil {
			return nil, fmt.Errorf("%s: %w", files[name].origin, err)
		}
	}
	for _, name := range Pages {
		f, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("templates/%s: missing from the theme", name)
		}
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(f.data))
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.origin, err)
		}
		r.pages[name] = t
	}
	names := slices.Sorted(maps.Keys(files))
	var h graph.Hasher
	for _, name := range names {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(files[name].data)
		h.Write([]byte{0})
	}
	r.version = h.Sum64()
	for name, f := range files {
		if strings.HasPrefix(name, "assets/") {
			sum := sha256.Sum256(f.data)
			r.assets[name] = Asset{Path: name, Data: f.data, Hash: hex.EncodeToString(sum[:])[:10]}
		}
	}
	return r, nil
}

type themeFile struct {
	data   []byte
	origin string // for errors: "templates/x.html (built-in)" or the site's path
}

func overlay(builtin, override fs.FS, overrideName string) (map[string]themeFile, error) {
	files := map[string]themeFile{}
	err := fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(builtin, p)
		files[p] = themeFile{data: b, origin: fmt.Sprintf("templates/%s (built-in)", p)}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("built-in theme: %w", err)
	}
	if override == nil {
		return files, nil
	}
	errs := &diag.List{}
	err = fs.WalkDir(override, ".", func(p string, d fs.DirEntry, err error) error {
		name := filepath.Join(overrideName, filepath.FromSlash(p))
		if err != nil {
			errs.Errorf(diag.Pos{File: name}, "", "%v", err)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		b, err := source.ReadFile(override, p, source.MaxTemplate)
		if err != nil {
			errs.Errorf(diag.Pos{File: name}, "", "%v", err)
			return nil
		}
		files[p] = themeFile{data: b, origin: name}
		return nil
	})
	if err != nil {
		errs.Errorf(diag.Pos{File: overrideName}, "", "%v", err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return files, nil
}

// Version changes whenever any file of the theme does.
func (r *Renderer) Version() uint64 { return r.version }

// Assets lists the theme's static files, sorted by path.
func (r *Renderer) Assets() []Asset {
	out := make([]Asset, 0, len(r.assets))
	for _, a := range r.assets {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Execute renders page p with the named page template, into bytes of
// its own: the rendering copied out of the renderer's buffer.
func (r *Renderer) Execute(name string, p *Page) ([]byte, error) {
	b, release, err := r.ExecuteLent(name, p)
	if err != nil {
		return nil, err
	}
	defer release()
	return bytes.Clone(b), nil
}

// ExecuteLent is Execute into one of the renderer's buffers, for a caller
// that writes the page at once through a sink that lends (output.Lender):
// b is the buffer's bytes, lent until release is called, and release must
// be called once, when they are no longer needed. Nothing is lent on error.
func (r *Renderer) ExecuteLent(name string, p *Page) (b []byte, release func(), err error) {
	t, ok := r.pages[name]
	if !ok {
		return nil, nil, fmt.Errorf("no page template %q", name)
	}
	p.r = r
	buf := getBuffer()
	if err := t.ExecuteTemplate(buf, name, p); err != nil {
		putBuffer(buf)
		return nil, nil, fmt.Errorf("rendering %s with %s: %w", p.Path, name, err)
	}
	return buf.Bytes(), func() { putBuffer(buf) }, nil
}

// buffers are reused across renderings: a page grown in a fresh buffer by
// doubling allocates about twice its size, and at 10,000 pages that was a
// fifth of a build's allocation. The result is copied out at its size,
// or lent (ExecuteLent).
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// maxPooled is the largest buffer kept for reuse: above almost every
// page (bulletins and lists are about 20 KB).
const maxPooled = 64 << 10

// putBuffer returns b to the pool, unless one page made it large. A
// pooled buffer keeps the size of the largest page it held, and is lent
// out for whatever page comes next (ExecuteLent), to wait in the disk
// writer's queue: a metric page of daily values is half a megabyte, and
// such buffers holding 20 KB pages added about 13 MB to a
// 50,000-bulletin build's peak. The few larger pages grow a buffer of
// their own.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	buffers.Put(b)
}

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"sub": func(a, b int) int { return a - b },
	"pct": func(part, whole int) float64 {
		if whole == 0 {
			return 0
		}
		return float64(part) * 100 / float64(whole)
	},
	// css formats a number for a style attribute (always "." decimals).
	"css": func(v float64) string { return fmt.Sprintf("%.2f", v) },
	// ctx pairs the page with a value for a partial, which needs both.
	"ctx": func(p *Page, v any) Ctx { return Ctx{P: p, V: v} },
}

// Ctx is what partials receive: the page (for links and language) and a value.
type Ctx struct {
	P *Page
	V any
}

// execute renders the shared template name with data v.
func (r *Renderer) execute(name string, v any) ([]byte, error) {
	t, ok := r.pages["home.html"]
	if !ok {
		return nil, fmt.Errorf("no templates loaded")
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := t.ExecuteTemplate(buf, name, v); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", name, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// Fragment renders a shared template (a partial) on its own, for HTML that
// goes into an article through a shortcode: the same partial draws a chart
// on a metric page and in a bulletin.
func (r *Renderer) Fragment(name string, p *Page, v any) ([]byte, error) {
	t, ok := r.pages["home.html"]
	if !ok {
		return nil, fmt.Errorf("no templates loaded")
	}
	p.r = r
	buf := getBuffer()
	defer putBuffer(buf)
	if err := t.ExecuteTemplate(buf, name, Ctx{P: p, V: v}); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", name, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// NewPage starts a page of this site at path, a URL within the
// renderer's edition (urls.Article(slug), not "en/articles/..."): the
// page's language and edition are the renderer's.
func (r *Renderer) NewPage(path, title string) *Page {
	return &Page{Site: r.cfg, L: r.loc, Edition: r.edition, Path: path, Title: title, r: r}
}

// In returns a renderer of the same theme for the pages of one language's
// edition of the site: its pages speak loc's language (UI strings,
// numbers, dates) and link within ed (Page.URL). The parsed templates and
// assets are shared; the caches of rendered fragments (Page.Cached,
// Page.TagLink) are its own, since the same header in another language
// is other bytes.
func (r *Renderer) In(loc *locale.Locale, ed urls.Edition) *Renderer {
	return &Renderer{cfg: r.cfg, loc: loc, edition: ed, pages: r.pages, assets: r.assets, version: r.version, LiveReload: r.LiveReload}
}

// Edition is the edition the renderer's pages are in.
func (r *Renderer) Edition() urls.Edition { return r.edition }
