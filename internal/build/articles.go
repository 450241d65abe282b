package build

import (
	"context"
	"errors"
	"github.com/yuin/goldmark/ast"
	"html/template"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/shortcode"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/view"
)

// display is how the user names a file of the site, for errors.
func (s *Site) display(name string) string {
	return filepath.Join(s.prefix, filepath.FromSlash(name))
}

// loadArticles (re)reads the named article files, in parallel; nil means
// every article of the site. A name that no longer exists is dropped.
func (s *Site) loadArticles(names []string) {
	if names == nil {
		errs := &diag.List{}
		names = content.List(s.fsys, s.prefix, errs)
		s.files = map[string]*articleFile{}
		s.walkErrs = errs.Errors()
	}
	loaded := make([]*articleFile, len(names))
	s.parallel(context.Background(), len(names), func(i int) {
		loaded[i] = s.readArticle(names[i])
	})
	for i, name := range names {
		_, had := s.files[name]
		if loaded[i] == nil {
			delete(s.files, name)
		} else {
			s.files[name] = loaded[i]
		}
		if had != (loaded[i] != nil) {
			s.names = nil // a file came or went: sort the names again
		}
	}
	s.collect()
}

// readArticle reads and parses one article file; nil when it is gone.
func (s *Site) readArticle(name string) *articleFile {
	f := &articleFile{name: name}
	errs := &diag.List{}
	// A one-shot build reads the Markdown again when it renders it, and
	// holds it only while it does: this reading's buffer serves the next
	// file. Otherwise the article keeps its Body, a slice of the bytes.
	src, release, err := s.readSource(name, s.oneShot)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err == nil:
		defer release()
		f.src = graph.Hash(src)
		f.article = content.Parse(s.display(name), src, s.Config.Location, errs)
		if s.oneShot && f.article != nil {
			f.article.Body = nil
		}
	default:
		// Read again through content, which words the refusal.
		f.article = content.Read(s.fsys, name, s.display(name), s.Config.Location, errs)
	}
	f.loadErrs = errs.Errors()
	return f
}

// readSource reads the article file name. Pooled, the bytes are in one
// of sources' buffers, which release gives back: the caller calls it once
// nothing holds a slice of them (Parse copies out what it keeps, as
// strings). Otherwise the bytes are the caller's, and release does nothing.
func (s *Site) readSource(name string, pooled bool) (src []byte, release func(), err error) {
	if !pooled {
		src, err = source.ReadFile(s.fsys, name, source.MaxArticle)
		return src, func() {}, err
	}
	buf := sources.Get().(*[]byte)
	if src, err = source.AppendFile((*buf)[:0], s.fsys, name, source.MaxArticle); err != nil {
		sources.Put(buf)
		return nil, nil, err
	}
	*buf = src
	return src, func() { sources.Put(buf) }, nil
}

// sources are readSource's buffers, reused from one article to the next.
var sources = sync.Pool{New: func() any { return new([]byte) }}

// collect makes the list of published articles, of every language:
// drafts left out unless asked for (a translation with its original),
// newest first, and no two of one language with one slug (the error goes
// to the later file by name, so it does not depend on reading order); a
// translation without its original, or in a language the site does not
// have, is an error at its file (content.PublishLanguages).
func (s *Site) collect() {
	if s.names == nil {
		s.names = slices.Sorted(maps.Keys(s.files))
	}
	in := make([]*content.Article, 0, len(s.names))
	for _, name := range s.names {
		if a := s.files[name].article; a != nil {
			in = append(in, a)
		}
	}
	errs := &diag.List{}
	s.Articles = content.PublishLanguages(in, s.Config.Languages, s.opts.Drafts, errs)
	s.slugErrs = errs.Errors()
	s.splitArticles()
	s.byArticle = make(map[*content.Article]*articleFile, len(s.files))
	for _, f := range s.files {
		if f.article != nil {
			s.byArticle[f.article] = f
		}
	}
	s.noteBulletins()
}

// renderArticles renders the Markdown of every published article whose
// HTML is not current, in parallel. Each article keeps its own errors.
// done, when set, is called for each article rendered without errors, on
// the goroutine that rendered it.
func (s *Site) renderArticles(ctx context.Context, done func(f *articleFile)) {
	var todo []*articleFile
	for _, a := range s.Articles {
		if f := s.fileOf(a); f != nil && !f.rendered {
			todo = append(todo, f)
		}
	}
	if len(todo) == 0 {
		return
	}
	figures := s.editionFigures()
	s.parallel(ctx, len(todo), func(i int) {
		f := todo[i]
		ok := s.renderMarkdown(f, figures[f.article.Lang])
		f.rendered = true
		if !ok {
			return
		}
		a := f.article
		f.card = graph.HashString(a.Slug, a.Front.Title, a.Time.String(), a.Summary, tagNames(a))
		a.CardVersion = f.card
		f.version = graph.HashString(a.HTML, a.Front.Plan, sourceOf(a), boolString(a.HasCharts)) ^ f.card*31
		if done != nil && len(f.renderErrs) == 0 {
			done(f)
		}
	})
}

// fileOf returns the file an article was read from.
func (s *Site) fileOf(a *content.Article) *articleFile { return s.byArticle[a] }

func tagNames(a *content.Article) string {
	var b strings.Builder
	for _, t := range a.Tags {
		b.WriteString(t.Slug)
		b.WriteByte('=')
		b.WriteString(t.Name)
		b.WriteByte(';')
	}
	return b.String()
}

func sourceOf(a *content.Article) string {
	if a.Front.Source == nil {
		return ""
	}
	return a.Front.Source.Name + "\x00" + a.Front.Source.URL
}

func boolString(b bool) string {
	if b {
		return "\x01"
	}
	return "\x00"
}

// figures is the view builder shortcodes and pages take their figures
// from, in s's edition's language (Site.in).
func (s *Site) figures() *view.Builder {
	return view.New(s.Config, s.Locale, s.Data, s.AsOf, s.renderer).WithBulletins(s.bulletinDates())
}

// editionFigures is each edition's figures, by language: an article's
// shortcodes read in its language, with its edition's links.
func (s *Site) editionFigures() map[string]*view.Builder {
	out := make(map[string]*view.Builder, len(s.editions))
	for _, ed := range s.editions {
		out[ed.Lang] = s.in(ed).figures()
	}
	return out
}

// recorder resolves shortcodes through the view builder and records the
// data each article's figures come from in Article.Uses, before resolving,
// so that a reference that fails now is retried when that data appears.
type recorder struct {
	*view.Builder
	site *Site
}

// Tree is what the build does with an article's parsed tree before its
// page is rendered: a translation's links are placed in its edition
// (localizeTree), and in a one-shot build its text goes to its edition's
// search index (searchFill), read from this same tree.
func (r recorder) Tree(a *content.Article, doc ast.Node, src []byte) error {
	ed := r.site.editionOf(a.Lang)
	localizeTree(doc, ed.Edition, urls.Article(a.Slug))
	if fill := ed.searchFill; fill != nil {
		return fill.add(a, doc, src)
	}
	return nil
}

func (r recorder) Resolve(a *content.Article, n *shortcode.Node) ([]byte, bool, error) {
	for _, key := range usedData(n.Call) {
		if !slices.Contains(a.Uses, key) {
			a.Uses = append(a.Uses, key)
		}
	}
	return r.Builder.Resolve(a, n)
}

// usedData names the data a shortcode reads: "metric:<id>" or "plan:<id>",
// or for changes every plan and metric and the bulletins' dates (see
// changesUses).
func usedData(c *shortcode.Call) []string {
	if k := usedOne(c); k != "" {
		return []string{k}
	}
	if c.Name == "changes" {
		return changesUses(c)
	}
	return nil
}

func usedOne(c *shortcode.Call) string {
	id := c.Named["id"]
	if id == "" && len(c.Args) > 0 {
		id = c.Args[0]
	}
	switch c.Name {
	case "metric", "change", "chart":
		return "metric:" + id
	case "progress":
		return "plan:" + id
	}
	return ""
}

// articleNodes makes each published article's page, in its language's
// edition; figures are each edition's (editionFigures).
func (s *Site) articleNodes(figures map[string]*view.Builder) []*graph.Node {
	nodes := make([]*graph.Node, len(s.Articles))
	for i, a := range s.Articles {
		nodes[i] = s.articleNode(a, figures[a.Lang])
	}
	return nodes
}

// articleNode is the page of article a. The preview server rebuilds the
// graph after every edit; an article whose inputs did not change keeps its
// node, which saves most of the graph's making on a large site.
//
// The page is in the article's language's edition. On a site of several
// languages it links to the article's translations (alternates), which
// are an input of the node too, so the last input is theirs.
func (s *Site) articleNode(a *content.Article, figures *view.Builder) *graph.Node {
	f := s.fileOf(a)
	alts := s.articleAlternates(a)
	if n := f.node; n != nil && n.Inputs[0] == s.siteInput() && n.Inputs[1] == s.themeInput() && n.Inputs[2].Version == f.version &&
		(a.Front.Plan == "" || n.Inputs[3].Version == s.versions.data["plan:"+a.Front.Plan]) &&
		(alts == nil || n.Inputs[len(n.Inputs)-1] == alternatesInput(alts)) {
		return n // checked without making the inputs: this runs for every article after every edit
	}
	in := []graph.Input{s.siteInput(), s.themeInput(), {Key: f.pageKey(), Version: f.version}}
	if a.Front.Plan != "" {
		in = append(in, s.dataInput("plan:"+a.Front.Plan))
	}
	in = withAlternates(in, alts)
	n := s.in(s.editionOf(a.Lang)).newArticleNode(a, figures, in, alts)
	f.node = n
	return n
}

// newArticleNode is article a's page; s is a's edition's (Site.in).
func (s *Site) newArticleNode(a *content.Article, figures *view.Builder, in []graph.Input, alts []render.Alternate) *graph.Node {
	url := urls.Article(a.Slug)
	page := func() (*render.Page, error) {
		pg := s.page(url, a.Front.Title, "articles")
		pg.Alternates = alts
		pg.Description = a.Summary
		pg.Charts = a.HasCharts
		d := ArticleData{Article: a, Body: render.Trusted(a.HTML)}
		if a.Front.Plan != "" {
			var err error
			if d.Plan, err = figures.PlanBox(pg, a.Front.Plan, a.Date); err != nil {
				return nil, err
			}
		}
		pg.Data = d
		return pg, nil
	}
	return s.pageNode(urls.File(s.ed.Page(url)), graph.Page, s.ed.key("article:"+a.Slug), in, "article.html", page)
}

// ArticleData is what article.html receives.
type ArticleData struct {
	Article *content.Article
	Body    template.HTML
	Plan    template.HTML // the plan's progress as of the article's date, when plan: is set
}

// LinkedData is the bulletin as a schema.org NewsArticle, for the page's
// <script type="application/ld+json">. It is one value, written by one
// template action: html/template encodes it as JSON with <, > and &
// escaped, so no text of the content can end the script. (Written field
// by field in the template it was a third of an article page's template
// time: each value is an action with its own JSON escaper.)
func (d ArticleData) LinkedData(p *render.Page) newsArticle {
	a := d.Article
	published := a.Time.Format(time.RFC3339)
	author := organization{Type: "Organization", Name: p.SiteTitle()}
	if src := a.Front.Source; src != nil {
		author = organization{Type: "Organization", Name: src.Name, URL: src.URL}
	}
	ld := newsArticle{Context: "https://schema.org", Type: "NewsArticle", Headline: a.Front.Title, Description: a.Summary,
		URL: p.Canonical(), MainEntityOfPage: p.Canonical(), InLanguage: p.L.Lang(), Image: []string{p.Site.ImageURL(a.Cover)},
		DatePublished: published, DateModified: published, Author: author,
		Publisher: organization{Type: "Organization", Name: p.SiteTitle(), URL: p.Site.AbsURL(""), Logo: &imageObject{Type: "ImageObject", URL: p.Site.ImageURL("")}}}
	for _, t := range a.Tags {
		ld.Keywords = append(ld.Keywords, t.Name)
	}
	return ld
}

// newsArticle is a schema.org NewsArticle, its fields in the order pages
// have always written them.
type newsArticle struct {
	Context          string       `json:"@context"`
	Type             string       `json:"@type"`
	Headline         string       `json:"headline"`
	Description      string       `json:"description"`
	URL              string       `json:"url"`
	MainEntityOfPage string       `json:"mainEntityOfPage"`
	InLanguage       string       `json:"inLanguage"`
	Image            []string     `json:"image"`
	DatePublished    string       `json:"datePublished"`
	DateModified     string       `json:"dateModified"`
	Keywords         []string     `json:"keywords,omitempty"`
	Author           organization `json:"author"`
	Publisher        organization `json:"publisher"`
}

type organization struct {
	Type string       `json:"@type"`
	Name string       `json:"name"`
	URL  string       `json:"url,omitempty"`
	Logo *imageObject `json:"logo,omitempty"`
}

type imageObject struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// pageKey and cardKey are the input keys of the article's page and card
// ("article:content/articles/a.md"), made once per file: the graph asks
// for them on every rebuild, for every list.
func (f *articleFile) pageKey() string {
	if f.articleKey == "" {
		f.articleKey = "article:" + f.name
	}
	return f.articleKey
}

func (f *articleFile) listKey() string {
	if f.cardKey == "" {
		f.cardKey = "card:" + f.name
	}
	return f.cardKey
}

// dateHash is the hash of the article's address and date, as the sitemap
// lists them, made once per file.
func (f *articleFile) dateHash() uint64 {
	if f.sitemap == 0 {
		f.sitemap = graph.HashString(f.article.Lang, urls.Article(f.article.Slug), f.article.Date.String()) | 1
	}
	return f.sitemap
}

// renderMarkdown renders f's Markdown (reading it again if it was let go),
// recording the data its figures use; f keeps its own errors. It reports
// whether the article rendered without errors.
func (s *Site) renderMarkdown(f *articleFile, figures *view.Builder) bool {
	errs := &diag.List{}
	if s.body(f, errs) {
		f.article.Uses = f.article.Uses[:0]
		s.markdown.Render(f.article, recorder{figures, s}, errs)
	}
	f.renderErrs = errs.Errors()
	return len(f.renderErrs) == 0
}

// nameHash is a hash of the file's name, made once.
func (f *articleFile) nameHash() uint64 {
	if f.nameH == 0 {
		f.nameH = graph.HashString(f.name) | 1
	}
	return f.nameH
}
