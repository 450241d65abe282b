package build

import (
	"context"
	"fmt"
	"github.com/yuin/goldmark/ast"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/search"
	"github.com/bantin/bantin/internal/shortcode"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/view"
)

// The search producer: the search page and the files of its index
// (package search). Every file of the index depends on one input, the
// search version: the settings (language, dates), every published article
// as rendered (its version covers its text, its figures and its card) in
// its order, and the data (plans, tasks and metrics are documents too). It
// changes whenever any document would, and then the whole index is made
// again, once, by whichever of its nodes is produced first.
//
// The number of shards and document files depends only on the number of
// documents (search.NewLayout), so the graph knows every path without
// making the index; an edit that changes no document's text produces
// nothing.

// SearchData is what search.html receives: without JavaScript, the page
// is a plain list of links to the newest bulletins (at most
// searchListMax; AllArticles then links to the full, paginated list),
// every plan and every metric.
type SearchData struct {
	Articles, Plans, Metrics []SearchLink
	// AllArticles is the link to the list of all bulletins, worded with
	// their count, when the page lists only the newest.
	AllArticles *SearchLink
}

// searchListMax is how many bulletins the search page lists: the page is
// downloaded by every reader who searches, and listing all of a large
// site's bulletins made it megabytes (2.4 MB at 10,000); the rest are a
// click away on the paginated list.
const searchListMax = 100

// SearchLink is one entry of the search page's list; an article's has
// its date.
type SearchLink struct {
	URL, Title string
	Date       date.Date
}

// searchNodes adds the search page and the index files.
func (s *Site) searchNodes(g *graph.Graph) error {
	errs := &diag.List{}
	layout := search.NewLayout(s.searchDocs())
	in := []graph.Input{s.siteInput(), {Key: "search", Version: s.searchVersion()}}
	index := &searchOutput{make: func() (map[string][]byte, error) { return s.searchFiles(layout) }}
	for _, name := range layout.Files() {
		p := urls.SearchFile(name)
		errs.Add(g.Add(&graph.Node{Path: p, Kind: graph.Search, Key: "search:" + name, Inputs: in, Produce: func() ([]byte, error) {
			return index.take(name)
		}}))
	}
	page := s.cards([]graph.Input{s.siteInput(), s.themeInput(), s.allData()}, s.Articles)
	errs.Add(g.Add(s.htmlNode(graph.Hidden, "search", urls.Search(), s.Locale.T("search.title"), "search", "search.html", page, func(pg *render.Page) error {
		pg.Description = s.Locale.T("search.empty")
		var d SearchData
		for _, a := range s.Articles[:min(len(s.Articles), searchListMax)] {
			d.Articles = append(d.Articles, SearchLink{URL: urls.Article(a.Slug), Title: a.Front.Title, Date: a.Date})
		}
		if n := len(s.Articles); n > searchListMax {
			count := s.Locale.Number(float64(n), locale.NumberOpts{Full: true})
			d.AllArticles = &SearchLink{URL: urls.Articles(1), Title: s.Locale.Tf("search.allarticles", count)}
		}
		for _, id := range s.Data.PlanIDs() {
			d.Plans = append(d.Plans, SearchLink{URL: urls.Plan(id, ""), Title: s.Data.Plans[id].Title})
		}
		for _, id := range s.Data.MetricIDs() {
			d.Metrics = append(d.Metrics, SearchLink{URL: urls.Metric(id), Title: s.Data.Metrics[id].Title})
		}
		pg.Data = d
		return nil
	})))
	return errs.Err()
}

// searchOutput hands out the files of an index, made on the first demand
// for any of them. Each file is let go once taken (a large site's index
// is tens of megabytes, and the build writes each file once); a file
// asked for again has the index made again.
type searchOutput struct {
	make  func() (map[string][]byte, error)
	mu    sync.Mutex
	files map[string][]byte // nil: not made yet
	err   error
}

func (o *searchOutput) take(name string) ([]byte, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for range 2 {
		if o.files == nil && o.err == nil {
			o.files, o.err = o.make()
		}
		if o.err != nil {
			return nil, o.err
		}
		if b, ok := o.files[name]; ok {
			delete(o.files, name)
			return b, nil
		}
		o.files = nil // taken before: make it again
	}
	return nil, fmt.Errorf("search: the index has no file %s", name)
}

// searchDocs is the number of documents the index holds: each published
// article, plan, task and metric.
func (s *Site) searchDocs() int {
	n := len(s.Articles) + len(s.Data.Plans) + len(s.Data.Metrics)
	for _, p := range s.Data.Plans {
		n += len(p.Tasks)
	}
	return n
}

// searchVersion changes whenever a document of the index would.
func (s *Site) searchVersion() uint64 {
	const prime = 1099511628211
	h := graph.HashString("search")
	for _, v := range []uint64{s.versions.site, s.versions.all, uint64(len(s.Articles))} {
		h = (h ^ v) * prime
	}
	for _, a := range s.Articles {
		f := s.fileOf(a)
		h = (h ^ f.nameHash()) * prime
		h = (h ^ f.version) * prime
	}
	return h
}

// searchReread counts the bulletins whose Markdown searchFiles read again
// to index them, for the tests of searchside.go.
var searchReread atomic.Int64

// searchEarly counts the document files written while the bulletins
// render (searchFill.write), for the tests.
var searchEarly atomic.Int64

// searchBatch is how many articles' text is held at once while indexing:
// the text is read from the Markdown again (a build keeps no article's
// source longer than it renders it), in parallel, and added in order.
const searchBatch = 64

// searchFill is an edition's search index being filled. A one-shot
// build fills it while it renders its bulletins: each article's text comes
// from the tree its page is rendered from (no second parse), tokenised on
// the goroutine that rendered it, and put at its rank. searchFiles then
// puts whatever bulletin was not rendered (fillRest). The index holds the
// postings, not the articles' text, so memory grows with the index, not
// with the site. On disk, every document also goes to the edition's
// search documents file (searchside.go), for the next build.
type searchFill struct {
	site *Site // the edition's view of the site (Site.in), for its documents
	rank map[*content.Article]int
	mu   sync.Mutex
	b    *search.Builder
	n    int    // articles put
	has  []bool // by rank: put
	// keep writes each document to the documents file, at[rank] where it
	// went; nil when not on disk.
	keep *sideWriter
	at   []sideEntry
	// write, while the bulletins render (streamArticles), writes each
	// document file of the index as soon as its documents are all put
	// (search.Builder.TakeChunk): the excerpts are let go as the render
	// goes, not held until the index is made.
	write func(name string, file []byte)
}

// fillSearch starts each edition's searchFill, for a build that renders
// its articles while it writes their pages (streamArticles).
func (s *Site) fillSearch() {
	for _, ed := range s.editions {
		ed.searchFill = s.in(ed).newSearchFill()
	}
}

// newSearchFill starts a fill of s's edition.
func (s *Site) newSearchFill() *searchFill {
	f := &searchFill{site: s, rank: make(map[*content.Article]int, len(s.Articles)), b: search.NewBuilder(), has: make([]bool, len(s.Articles))}
	for i, a := range s.Articles {
		f.rank[a] = i
	}
	if s.state != nil {
		f.keep = newSideWriter(s.state.StateFile(searchSideName(s.Locale.Lang())))
		f.at = make([]sideEntry, len(s.Articles))
	}
	return f
}

// dropSearchFill lets go of the editions' unfinished fills: their
// documents files are not written.
func (s *Site) dropSearchFill() {
	for _, ed := range s.editions {
		if f := ed.searchFill; f != nil {
			f.keep.abort()
		}
	}
}

// add puts article a, parsed as doc from src, into the index.
func (f *searchFill) add(a *content.Article, doc ast.Node, src []byte) error {
	r, ok := f.rank[a]
	if !ok {
		return nil
	}
	text, err := search.TextOf(doc, src, resolvedFigure)
	if err != nil {
		return err
	}
	p := search.Prepare(f.site.articleDoc(a, text))
	var enc []byte
	if f.keep != nil {
		buf := encodings.Get().(*[]byte)
		defer encodings.Put(buf)
		if enc, err = p.AppendBinary((*buf)[:0]); err != nil {
			return err
		}
		*buf = enc
	}
	f.put(r, p, enc)
	p.Recycle()
	return nil
}

// encodings are add's buffers for a document's encoding, which put copies
// into the documents file: a large build encodes thousands.
var encodings = sync.Pool{New: func() any { return new([]byte) }}

// put indexes the document of the article of rank r, and keeps its
// encoding enc (when on disk). An article is put once: a second render of
// it (for its HTML) changes nothing.
func (f *searchFill) put(r int, p *search.Prepared, enc []byte) {
	f.mu.Lock()
	if f.has[r] {
		f.mu.Unlock()
		return
	}
	f.has[r] = true
	f.b.Put(r, p)
	f.n++
	if f.keep != nil {
		f.at[r] = f.keep.add(enc)
	}
	var file []byte
	ok := false
	if f.write != nil {
		// A fault here (none is known) leaves the file to Build, which
		// reports it.
		file, ok, _ = f.b.TakeChunk(r / search.Chunk)
	}
	f.mu.Unlock()
	if ok {
		searchEarly.Add(1)
		f.write(search.ChunkFile(r/search.Chunk), file)
	}
}

// fillRest puts the articles the render did not: decoded from the
// documents the last build kept when an article's key is the same, else
// read from the Markdown again and tokenised, on both cores.
func (f *searchFill) fillRest(figures *view.Builder) error {
	s := f.site
	var side *searchSide
	if f.keep != nil {
		side = openSearchSide(f.keep.path)
		defer side.close()
	}
	var rest []int // ranks
	for r, done := range f.has {
		if !done {
			rest = append(rest, r)
		}
	}
	prepared := make([]*search.Prepared, searchBatch)
	encoded := make([][]byte, searchBatch)
	errs := make([]error, searchBatch)
	for lo := 0; lo < len(rest); lo += searchBatch {
		batch := rest[lo:min(lo+searchBatch, len(rest))]
		s.parallel(context.Background(), len(batch), func(i int) {
			a := s.Articles[batch[i]]
			prepared[i], encoded[i], errs[i] = nil, nil, nil
			if side != nil {
				if enc := side.get(s.articleKey(s.fileOf(a), a.Uses)); enc != nil {
					if p, err := search.UnmarshalPrepared(enc); err == nil {
						prepared[i], encoded[i] = p, enc
						return
					}
				}
			}
			var text string
			if text, errs[i] = s.articleText(a, figures); errs[i] != nil {
				return
			}
			searchReread.Add(1)
			prepared[i] = search.Prepare(s.articleDoc(a, text))
			if f.keep != nil {
				encoded[i], errs[i] = prepared[i].AppendBinary(nil)
			}
		})
		for i, r := range batch {
			if errs[i] != nil {
				return errs[i]
			}
			f.put(r, prepared[i], encoded[i])
		}
	}
	return nil
}

// finish writes the documents file, once every article is put (and so
// every article's key is final). Best effort: without the file the next
// build prepares all the documents again, which is slower, not wrong.
func (f *searchFill) finish() {
	if f.keep == nil {
		return
	}
	s := f.site
	keys := make([]uint64, len(s.Articles))
	for i, a := range s.Articles {
		keys[i] = s.articleKey(s.fileOf(a), a.Uses)
	}
	f.keep.done(keys, f.at)
}

// resolvedFigure is a shortcode's text as its page shows it, from its
// resolved HTML; charts and progress boxes are drawings, not text.
func resolvedFigure(n *shortcode.Node) (string, bool, error) {
	switch n.Call.Name {
	case "chart", "progress":
		return "", true, nil
	}
	return content.PlainText(string(n.HTML)), false, nil
}

// articleDoc is the search document of article a, whose text is body.
func (s *Site) articleDoc(a *content.Article, body string) search.Doc {
	tags := make([]string, len(a.Tags))
	for j, t := range a.Tags {
		tags[j] = t.Name
	}
	return search.Doc{URL: urls.Article(a.Slug), Kind: s.Locale.T("search.kind.article"), Title: a.Front.Title,
		Date: s.Locale.Date(a.Date), Tags: tags, Summary: a.Summary, Body: body}
}

// searchFiles makes the index: the articles newest first (their order on
// the site, which is the order among equal results), then the plans, each
// followed by its tasks, then the metrics. The articles come from the
// edition's searchFill when the build filled it; otherwise (the preview,
// a build that reuses what the last one rendered) their text is read from
// the Markdown again.
func (s *Site) searchFiles(layout search.Layout) (map[string][]byte, error) {
	L := s.Locale
	f := s.ed.searchFill
	s.ed.searchFill = nil
	if f == nil {
		f = s.newSearchFill()
	}
	figures := s.figures()
	if err := f.fillRest(figures); err != nil {
		f.keep.abort()
		return nil, err
	}
	f.finish()
	b := f.b
	for _, id := range s.Data.PlanIDs() {
		p := s.Data.Plans[id]
		b.Add(search.Doc{URL: urls.Plan(id, ""), Kind: L.T("search.kind.plan"), Title: p.Title, Date: L.Date(p.Issued),
			Summary: p.Summary, Body: join(p.Decision, p.Owner, sourceName(p.Source))})
		for _, t := range p.Tasks {
			body := []string{t.ID, t.Owner, t.Note}
			for _, u := range t.Updates {
				if !slices.Contains(body, u.Note) {
					body = append(body, u.Note)
				}
			}
			d := search.Doc{URL: urls.Plan(id, "") + "#task-" + t.ID, Kind: L.T("search.kind.task"), Title: t.Title, Body: join(body...)}
			if !t.Due.IsZero() {
				d.Date = L.Date(t.Due)
			}
			b.Add(d)
		}
	}
	for _, id := range s.Data.MetricIDs() {
		m := s.Data.Metrics[id]
		body := []string{m.Unit, sourceName(m.Source)}
		d := search.Doc{URL: urls.Metric(id), Kind: L.T("search.kind.metric"), Title: m.Title, Summary: m.Description}
		if n := len(m.Values); n > 0 {
			last := m.Values[n-1]
			d.Date = L.Period(last.Period)
			body = append(body, figures.Value(m, last, false))
		}
		for _, v := range m.Values {
			if !slices.Contains(body, v.Note) {
				body = append(body, v.Note)
			}
		}
		d.Body = join(body...)
		b.Add(d)
	}
	return b.Build(layout)
}

// articleText is the plain text of a's Markdown, figures as they read.
// A one-shot build has let the source go: it is read again, and must not
// have changed since the build read it.
func (s *Site) articleText(a *content.Article, figures *view.Builder) (string, error) {
	body := a.Body
	if body == nil {
		f := s.fileOf(a)
		src, err := source.ReadFile(s.fsys, f.name, source.MaxArticle)
		if err != nil {
			return "", fmt.Errorf("%s: %w", a.File, err)
		}
		again, _, ok := content.Body(src)
		if !ok || graph.Hash(src) != f.src {
			return "", fmt.Errorf("%s: changed while the site was being built; build again", a.File)
		}
		body = again
	}
	return search.TextOf(s.markdown.Parse(body), body, func(n *shortcode.Node) (string, bool, error) {
		switch n.Call.Name {
		case "chart", "progress":
			return "", true, nil // drawings, not text: never indexed
		}
		h, _, err := figures.Resolve(a, n)
		if err != nil {
			return "", false, fmt.Errorf("%s: %s: %w", a.Pos(n.Call.Line, n.Call.Col), n.Call.Name, err)
		}
		return content.PlainText(string(h)), false, nil
	})
}

func sourceName(src *data.Source) string {
	if src == nil {
		return ""
	}
	return src.Name
}

// join joins the non-empty parts as sentences: with ". ", or a space
// after a part that ends its sentence itself ("… 2024." then "Chỉ thị …").
func join(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			if r, _ := utf8.DecodeLastRuneInString(b.String()); strings.ContainsRune(".!?…:;", r) {
				b.WriteByte(' ')
			} else {
				b.WriteString(". ")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}
