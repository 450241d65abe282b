package build

import (
	"fmt"
	"github.com/yuin/goldmark/ast"
	"path"
	"slices"
	"strings"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/urls"
)

// Editions: a site of several languages (site.yaml languages:) is built
// as one edition per language. The default language's edition is at the
// root with the URLs a site of one language has; each other is the same
// tree under "<lang>/" (urls.Edition). Each edition has its own home,
// lists, tag pages, plan and metric pages, feeds and search index, made
// by the same producers as the default's: a producer runs on a Site value
// whose Locale, renderer, Data and Articles are the edition's (Site.in),
// so it speaks the edition's language and sees only its bulletins. The
// nodes an edition's producers make are placed in it by addNodes (their
// paths and keys take the edition's prefix); what every edition shares —
// assets, static and open-data files, robots.txt, sitemap.xml, 404.html
// (the outputs urls.Localized says are not an edition's) — is made once,
// by the default edition or the site.
//
// Pages know their translations: an article its translations
// (article.en.md beside article.md), every other page the same page in the
// other editions when it exists there (a tag or a page of a list may not),
// else that edition's home. The list is the page's render.Alternates, and
// an input of its node, so adding a translation rewrites the original's
// page too.

// edition is one language's part of the site.
type edition struct {
	urls.Edition
	locale   *locale.Locale
	renderer *render.Renderer
	// data is the site's data with every text in the edition's language
	// (the default language's where a text gives none); the default
	// edition's is Site.Data itself.
	data     *data.Set
	articles []*content.Article          // published in this language, newest first
	bySlug   map[string]*content.Article // articles by slug
	// lists are the URLs of the edition's list pages whose existence
	// depends on its bulletins (pages of the list, tags and their pages):
	// the pages another edition may not have.
	lists map[string]bool
	// searchFill is the edition's search index as a one-shot build fills
	// it while it renders the bulletins; nil otherwise.
	searchFill *searchFill
}

// key is a node key in this edition: the default's keys are as a site of
// one language has them, the others' carry the language ("en:home").
func (ed *edition) key(k string) string {
	if ed.Default() {
		return k
	}
	return ed.Lang + ":" + k
}

// makeEditions makes one edition per language of the site, the default
// first, with the locale of each from the catalogue and a renderer of the
// site's theme in that language (the default's is s.renderer).
func (s *Site) makeEditions(cat *locale.Catalog) error {
	def := s.Config.Languages[0]
	s.editions = make([]*edition, len(s.Config.Languages))
	for i, lang := range s.Config.Languages {
		ed := &edition{Edition: urls.NewEdition(lang, def)}
		if i == 0 {
			ed.locale, ed.renderer = s.Locale, s.renderer
		} else {
			loc, err := cat.Locale(lang)
			if err != nil {
				return err
			}
			ed.locale, ed.renderer = loc, s.renderer.In(loc, ed.Edition)
		}
		s.editions[i] = ed
	}
	s.ed = s.editions[0]
	return nil
}

// editionOf returns the edition of lang; the default's for a language the
// site does not have (an article is published only in the site's).
func (s *Site) editionOf(lang string) *edition {
	for _, ed := range s.editions {
		if ed.Lang == lang {
			return ed
		}
	}
	return s.editions[0]
}

// multilingual reports whether the site has more than one edition: only
// then do pages carry alternates, so that a site of one language is built
// exactly as before languages came.
func (s *Site) multilingual() bool { return len(s.editions) > 1 }

// in returns the site as edition ed's producers see it: its language, its
// data, its renderer and its bulletins. The value shares everything else
// (the files, the caches, the versions) with s.
func (s *Site) in(ed *edition) *Site {
	if !s.multilingual() {
		return s // the one edition's view is the site's own
	}
	sub := *s
	sub.ed, sub.Locale, sub.renderer, sub.Data, sub.Articles = ed, ed.locale, ed.renderer, ed.data, ed.articles
	return &sub
}

// splitArticles gives each edition its published articles, in the order
// of s.Articles, and groups the translations.
func (s *Site) splitArticles() {
	if !s.multilingual() {
		ed := s.editions[0]
		ed.articles = s.Articles
		ed.bySlug = make(map[string]*content.Article, len(s.Articles))
		for _, a := range s.Articles {
			ed.bySlug[a.Slug] = a
		}
		s.translations = nil
		return
	}
	for _, ed := range s.editions {
		ed.articles = nil
		ed.bySlug = map[string]*content.Article{}
	}
	for _, a := range s.Articles {
		ed := s.editionOf(a.Lang)
		ed.articles = append(ed.articles, a)
		ed.bySlug[a.Slug] = a
	}
	s.translations = content.Translations(s.Articles, s.Config.Languages)
}

// applyLanguages gives each edition the data in its language, once the
// data is loaded and checked.
func (s *Site) applyLanguages() {
	for _, ed := range s.editions {
		if ed.Default() {
			ed.data = s.Data
		} else {
			ed.data = dataIn(s.Data, ed.Lang)
		}
	}
}

// articleURL is the site-relative URL of a's page, in its language's edition.
func (s *Site) articleURL(a *content.Article) string {
	return s.editionOf(a.Lang).Page(urls.Article(a.Slug))
}

// noteLists records, for each edition, the URLs of the list pages its
// bulletins make (as listNodes makes them), for the alternates.
func (s *Site) noteLists() {
	if !s.multilingual() {
		return
	}
	per := s.Config.PerPage
	pages := func(set map[string]bool, base string, n int) {
		for i := 1; i <= max(1, (n+per-1)/per); i++ {
			set[urls.Paged(base, i)] = true
		}
	}
	for _, ed := range s.editions {
		ed.lists = map[string]bool{}
		pages(ed.lists, urls.Articles(1), len(ed.articles))
		tags, byTag := s.in(ed).tags()
		for _, t := range tags {
			pages(ed.lists, urls.Tag(t.Tag.Slug, 1), len(byTag[t.Tag.Slug]))
		}
	}
}

// alternates are the page at url (within s's edition) in every edition:
// the same URL where that edition has the page, else its home. Nil on a
// site of one language.
func (s *Site) alternates(url string) []render.Alternate { return s.alternatesIn(s.ed, url) }

// alternatesIn is alternates for the page at url within edition ed.
func (s *Site) alternatesIn(ed *edition, url string) []render.Alternate {
	if !s.multilingual() || !urls.Localized(url) {
		return nil // 404.html: one page for the whole site
	}
	out := make([]render.Alternate, len(s.editions))
	for i, o := range s.editions {
		a := render.Alternate{Lang: o.Lang, Name: o.locale.T("lang.name"), Current: o == ed, Path: o.Page(url), Same: true}
		if o != ed && ed.lists[url] && !o.lists[url] {
			a.Path, a.Same = o.Page(urls.Home()), false
		}
		out[i] = a
	}
	return out
}

// articleAlternates are article a's page in every edition: its translation
// where there is one, else that edition's home. Nil on a site of one
// language.
func (s *Site) articleAlternates(a *content.Article) []render.Alternate {
	if !s.multilingual() {
		return nil
	}
	group := s.translations[a.TranslationKey]
	out := make([]render.Alternate, len(s.editions))
	for i, o := range s.editions {
		alt := render.Alternate{Lang: o.Lang, Name: o.locale.T("lang.name"), Current: o.Lang == a.Lang, Path: o.Page(urls.Home())}
		for _, t := range group {
			if t.Lang == o.Lang {
				alt.Path, alt.Same = o.Page(urls.Article(t.Slug)), true
			}
		}
		out[i] = alt
	}
	return out
}

// pageAlternates are the alternates of the page at url, a site-relative
// URL of the output with its edition prefix ("en/articles/x/"), for the
// sitemap.
func (s *Site) pageAlternates(url string) []render.Alternate {
	lang, rest := urls.Split(url, s.Config.Languages)
	ed := s.editionOf(lang)
	if slug, ok := urls.ArticleSlug(rest); ok {
		if a := ed.bySlug[slug]; a != nil {
			return s.articleAlternates(a)
		}
	}
	return s.alternatesIn(ed, rest)
}

// alternatesInput is the input of a page's node that its alternates make:
// a page is written again when a translation comes or goes. The names of
// the languages come from the theme, already an input of every page.
func alternatesInput(alts []render.Alternate) graph.Input {
	parts := make([]string, 0, 2*len(alts))
	for _, a := range alts {
		parts = append(parts, a.Path, fmt.Sprint(a.Same))
	}
	return graph.Input{Key: "alternates", Version: graph.HashString(parts...)}
}

// withAlternates adds the alternates' input to in, without touching the
// caller's slice (inputs are shared between nodes).
func withAlternates(in []graph.Input, alts []render.Alternate) []graph.Input {
	if alts == nil {
		return in
	}
	return append(slices.Clip(in), alternatesInput(alts))
}

// addNodes adds the nodes an edition's producers made to g: as they are
// for the default edition; for another, those of its own placed under its
// prefix with keys that name it, and those every edition shares (which
// the default edition adds) left out.
func (ed *edition) addNodes(g *graph.Graph, nodes []*graph.Node, errs *diag.List) {
	for _, n := range nodes {
		if !ed.Default() {
			if !urls.Localized(urls.FromFile(n.Path)) {
				continue
			}
			n = &graph.Node{Path: ed.Page(n.Path), Kind: n.Kind, Key: ed.key(n.Key), Inputs: n.Inputs,
				Produce: n.Produce, Copy: n.Copy, Fingerprint: n.Fingerprint}
		}
		errs.Add(g.Add(n))
	}
}

// addGraph is addNodes for a producer that adds its nodes to a graph:
// it adds them to a graph of their own first.
func (ed *edition) addGraph(g *graph.Graph, add func(*graph.Graph) error, errs *diag.List) {
	if ed.Default() {
		errs.Add(add(g))
		return
	}
	own := graph.New(0)
	errs.Add(add(own))
	ed.addNodes(g, own.Unsorted(), errs)
}

// abs is the absolute URL of target (a URL of package urls, without
// edition prefix) as s's edition links to it.
func (s *Site) abs(target string) string { return s.Config.AbsURL(s.ed.Link(target)) }

// dataIn returns the data with every text in lang: a copy of each plan
// and metric whose plain fields (Title, Unit, Note, …) hold lang's text,
// or the default language's where the data gives none in lang. The view
// code reads the plain fields, so an edition's pages, shortcodes and
// search index speak its language without knowing it. The set's models
// are not changed; the copies share what has no text (dates, values).
func dataIn(set *data.Set, lang string) *data.Set {
	out := &data.Set{Plans: make(map[string]*data.Plan, len(set.Plans)), Metrics: make(map[string]*data.Metric, len(set.Metrics))}
	for id, p := range set.Plans {
		out.Plans[id] = planIn(p, lang)
	}
	for id, m := range set.Metrics {
		out.Metrics[id] = metricIn(m, lang)
	}
	return out
}

func planIn(p *data.Plan, lang string) *data.Plan {
	q := *p
	q.Title, q.Summary, q.Owner = p.TitleIn(lang), p.SummaryIn(lang), p.OwnerIn(lang)
	q.Source = sourceIn(p.Source, lang)
	q.Tasks = slices.Clone(p.Tasks)
	for i := range q.Tasks {
		t := &q.Tasks[i]
		t.Title, t.Owner, t.Note = t.TitleIn(lang), t.OwnerIn(lang), t.NoteIn(lang)
		t.Updates = slices.Clone(t.Updates)
		for j := range t.Updates {
			u := &t.Updates[j]
			u.Note = u.NoteIn(lang)
		}
	}
	return &q
}

// metricIn copies m field by field (a Metric holds the lock of its lazy
// index, which must not be copied); TestDataInCopiesEveryField holds the
// list to the struct's.
func metricIn(m *data.Metric, lang string) *data.Metric {
	q := &data.Metric{Meta: m.Meta, ID: m.ID, File: m.File, Sum: m.Sum,
		Title: m.TitleIn(lang), TitleText: m.TitleText, Description: m.DescriptionIn(lang), DescriptionText: m.DescriptionText,
		Unit: m.UnitIn(lang), UnitText: m.UnitText, Kind: m.Kind, Period: m.Period, Source: sourceIn(m.Source, lang),
		Target: m.Target, ValuesFile: m.ValuesFile}
	q.Values = slices.Clone(m.Values)
	for i := range q.Values {
		v := &q.Values[i]
		v.Note = v.NoteIn(lang)
		v.Revisions = slices.Clone(v.Revisions)
		for j := range v.Revisions {
			r := &v.Revisions[j]
			r.Note = r.NoteIn(lang)
		}
	}
	return q
}

func sourceIn(s *data.Source, lang string) *data.Source {
	if s == nil {
		return nil
	}
	c := *s
	c.Name = s.NameIn(lang)
	return &c
}

// localizeTree gives the relative links an author wrote in the Markdown
// of an article of edition ed, whose page is at page (within the
// edition), the meaning links of the theme have: a link to a page stays in
// the edition, a link to a file every edition shares (a static file, an
// open-data file: not urls.Localized) goes to it at the root. So a
// translation's links are written as its original's are, as if the page
// were at the root ("../../files/report.pdf", "../../metrics/x/"). It
// rewrites the destinations of the tree's links and images, before the
// page is rendered and its links are recorded for the link check; the
// HTML of shortcodes (placed by the edition's renderer already), absolute
// URLs and fragments are left as they are.
func localizeTree(doc ast.Node, ed urls.Edition, page string) {
	if ed.Default() {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = localizeDest(n.Destination, ed, page)
		case *ast.Image:
			n.Destination = localizeDest(n.Destination, ed, page)
		}
		return ast.WalkContinue, nil
	})
}

// localizeDest is one destination as localizeTree places it.
func localizeDest(dest []byte, ed urls.Edition, page string) []byte {
	raw := string(dest)
	p, tail := raw, ""
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		p, tail = raw[:i], raw[i:]
	}
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, ":") {
		return dest // a fragment, a query, an absolute path or URL
	}
	target := path.Join(path.Dir(page+"x"), p)
	if strings.HasSuffix(p, "/") {
		target += "/"
	}
	if target == ".." || strings.HasPrefix(target, "../") || urls.Localized(target) {
		return dest
	}
	return []byte(render.Rel(ed.Page(page), target) + tail)
}
