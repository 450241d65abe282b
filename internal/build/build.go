// Package build turns a site's sources into its outputs. It loads the
// inputs (settings, articles, plans, metrics, static files, theme), keeps
// each input's errors with the input, and describes every output as a node
// of the output graph (package graph) with the inputs it depends on. A
// full build produces every node; the preview server calls Update with
// the files that changed, which reloads just those inputs and produces
// just the nodes whose inputs changed.
//
// The producers, one file each: articles.go (bulletins and the Markdown
// they render), lists.go (home, lists, tags, 404), data.go (plans and
// metrics, their pages and open data), feeds.go (Atom, sitemap, robots),
// files.go (theme assets and static files).
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/urls"
)

// Options says what to build and how.
type Options struct {
	SiteDir string    // the site directory; "" means "."
	Drafts  bool      // include articles marked draft
	AsOf    date.Date // the day plans and metrics are shown as of; zero means today in the site's time zone
	Theme   fs.FS     // the built-in templates (package bantin's Theme)
	// LiveReload is the URL path of the reload script pages load in serve mode.
	LiveReload string
	// Progress, when set, is told how many files are produced out of how many.
	Progress func(done, total int)
	// DeferSearch leaves the search index out of an incremental render
	// (RenderInto, Update): the pages an edit touched are ready, and shown,
	// before the index, which depends on every bulletin, is made again by
	// UpdateSearch. For the preview, where the index is the slowest output.
	DeferSearch bool
	// WarnLinks, when set, is given each broken link or anchor of an
	// article (links.go), in file order, and they do not fail the build
	// (--warn-links); nil makes them errors.
	WarnLinks func(*diag.Error)

	// Workers caps parallel work; 0 means one per CPU.
	Workers int
}

// Stats summarises a build.
type Stats struct {
	Pages    int // HTML pages of the site
	Files    int // every output, pages included
	Rendered int // outputs produced by this run (all of them in a full build)
	// Changed lists the URLs of the pages this run produced or removed
	// (an incremental run only), for live reload.
	Changed  []string
	Duration time.Duration
	// Deferred counts the outputs left for UpdateSearch (DeferSearch).
	Deferred int
}

// Site is a site's inputs, loaded and checked, and what its last render
// produced. It is not safe for concurrent use: one build at a time.
type Site struct {
	Config *site.Config
	// Locale is the default language's; Data is the data with its texts
	// in the default language (each edition has its own, edition.data).
	Locale *locale.Locale
	Data   *data.Set
	// Articles are the published articles of every language, newest
	// first; each edition has its own (edition.articles). In a Site
	// value made by in, both are the edition's.
	Articles []*content.Article
	AsOf     date.Date

	// editions are the site's languages' parts, the default first; ed is
	// the one this Site value's producers make (see Site.in).
	editions []*edition
	ed       *edition
	// translations groups the published articles with their translations
	// (content.Translations); nil on a site of one language.
	translations map[string][]*content.Article

	opts   Options
	fsys   fs.FS
	prefix string

	renderer *render.Renderer
	markdown *content.Markdown

	// Every article file read, drafts included, by its name in fsys.
	files     map[string]*articleFile
	names     []string // the keys of files, sorted; nil when to be made again
	byArticle map[*content.Article]*articleFile
	// Errors kept with the input they belong to, so an edit that fixes one
	// input clears its errors and nothing else.
	dataErrs, staticErrs, refErrs []*diag.Error
	walkErrs, slugErrs            []*diag.Error

	versions versions
	static   []staticFile
	stamps   graph.Stamps // of the last render into a persistent sink (serve)
	// nodeCache holds the page nodes of the last graph by key, reused
	// while their inputs hold (htmlNode).
	nodeCache *nodeCache
	dataCache *data.Cache // decoded data files, for the preview's reloads
	// state gives the render's files kept beside a disk output (the
	// search documents of searchSide); nil when rendering elsewhere.
	state interface{ StateFile(name string) string }
	// lists are the list pages of the last graph for each edition (by
	// language), and the listsKey they were made for.
	lists map[string]*listsCache
	// cardLists are the list pages of the last graph that show cards,
	// with the bulletins each shows (shareCards).
	cardLists cardLists
	// searchNow is set while UpdateSearch makes what DeferSearch left.
	searchNow bool
	// spent is set once a one-shot render has let go of the articles'
	// sources and HTML to keep memory small; the site renders no more.
	spent bool
	// oneShot is set for a site loaded to be rendered once (Load: build,
	// check): articles' Markdown is read again when rendered, not held.
	oneShot bool
}

// articleFile is one Markdown file and what became of it.
type articleFile struct {
	name       string // in fsys
	article    *content.Article
	loadErrs   []*diag.Error // front matter
	renderErrs []*diag.Error // Markdown and shortcodes
	rendered   bool          // HTML (or, with noHTML, what it gives) is current
	noHTML     bool          // rendered as far as the cache knows, but not the HTML itself
	src        uint64        // hash of the file's bytes
	node       *graph.Node   // its page, reused while its inputs hold
	articleKey string        // "article:"+name, made once
	cardKey    string        // "card:"+name, made once
	sitemap    uint64        // dateHash, made once
	nameH      uint64        // nameHash, made once
	version    uint64        // of the rendered article (page content)
	card       uint64        // of what lists show: title, date, tags, summary
	srcH       uint64        // sourceHash of srcArticle
	// siteLinks are linksOf's links that may point inside the site, for a
	// base URL on host linksBase (siteLinks).
	siteLinks  []content.Link
	linksOf    *content.Article
	linksBase  string
	linksN     int              // len(linksOf.Links) when made
	srcArticle *content.Article // the article srcH was made for
	target     linkTarget       // its page's URL and file, for checkLinks
	// releaseBody gives back the buffer of the Markdown read again to
	// render (article.Body is a slice of it), once the page is written.
	releaseBody func()
}

// linkTarget is an article's page as checkLinks finds it: its URL and
// file, and the edition prefix and slug they were made from.
type linkTarget struct{ prefix, slug, url, file string }

// versions are the content versions of the inputs every output depends on.
type versions struct {
	site  uint64            // settings, options, as-of date
	theme uint64            // templates and assets
	data  map[string]uint64 // "plan:x" / "metric:y" → version of the file
	all   uint64            // all data files together
}

// Load reads and checks every input of the site. Content errors come back
// together as a *diag.List.
func Load(opts Options) (*Site, error) {
	s, err := open(opts, true)
	if err != nil {
		return nil, err
	}
	if err := s.Errors(); err != nil {
		// Report everything a run can know at once: the shortcodes of the
		// articles too, not only the errors that stopped the build.
		s.renderArticles(context.Background(), nil)
		all := &diag.List{}
		all.Add(s.Errors())
		if _, err := s.graph(); err != nil {
			all.Add(err) // outputs that would clash
		}
		return nil, all
	}
	return s, nil
}

// Open is Load for the preview server: a site whose content has errors is
// returned with them (Errors reports them), so that Update can fix them
// file by file. Only a site that cannot be loaded at all — no settings, a
// broken theme — is an error here.
func Open(opts Options) (*Site, error) { return open(opts, false) }

func open(opts Options, oneShot bool) (*Site, error) {
	if opts.Theme == nil {
		return nil, errors.New("build: no built-in theme given")
	}
	dir := opts.SiteDir
	if dir == "" {
		dir = "."
	}
	prefix := dir
	if prefix == "." {
		prefix = ""
	}
	if info, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("site directory %s does not exist", dir)
	} else if !info.IsDir() {
		return nil, fmt.Errorf("site directory %s is not a directory", dir)
	}
	s := &Site{opts: opts, fsys: source.DirFS(dir), prefix: prefix, files: map[string]*articleFile{}, oneShot: oneShot, nodeCache: &nodeCache{m: map[string]*graph.Node{}}, lists: map[string]*listsCache{}}
	if err := s.loadSettings(); err != nil {
		return nil, err
	}
	s.loadData()
	s.loadArticles(nil)
	s.loadStatic()
	s.checkRefs()
	return s, nil
}

// loadSettings reads site.yaml and the theme: everything depends on them,
// so a change to either reloads the whole site.
func (s *Site) loadSettings() error {
	errs := &diag.List{}
	cfg := site.Load(s.fsys, s.prefix, errs)
	if cfg == nil {
		return errs
	}
	s.AsOf = s.opts.AsOf
	if s.AsOf.IsZero() {
		s.AsOf = date.Today(cfg.Location)
	}
	var override fs.FS
	if info, err := fs.Stat(s.fsys, "templates"); err == nil && info.IsDir() {
		override, _ = fs.Sub(s.fsys, "templates")
	}
	// The UI strings: the theme's, with the site's templates/i18n/ files
	// overriding them key by key; each refused key at its place.
	cat, err := locale.LoadCatalog(s.opts.Theme, override, s.display("templates"))
	if err != nil {
		var list *diag.List
		if errors.As(err, &list) {
			return list
		}
		errs.Add(fmt.Errorf("theme: %w", err))
		return errs
	}
	loc, err := cat.Locale(cfg.Language)
	if err != nil {
		return err
	}
	s.Config, s.Locale = cfg, loc
	s.renderer, err = render.New(cfg, loc, s.opts.Theme, override, s.display("templates"))
	if err != nil {
		var list *diag.List
		if errors.As(err, &list) {
			return list // the site's template files, each refused at its name
		}
		errs.Add(fmt.Errorf("theme: %w", err))
		return errs
	}
	s.renderer.LiveReload = s.opts.LiveReload
	if err := s.makeEditions(cat); err != nil {
		return err
	}
	s.markdown = content.NewMarkdown(cfg.UnsafeHTML)
	raw, _ := source.ReadFile(s.fsys, site.File, source.MaxSettings)
	// The UI strings are settings too: feeds and the search index, which
	// do not depend on the theme, word some of them.
	s.versions.site = graph.Hash(raw, []byte(s.AsOf.String()), []byte(s.opts.LiveReload), []byte(fmt.Sprint(s.opts.Drafts)), catalogHash(cat, cfg.Languages))
	s.versions.theme = s.renderer.Version()
	return nil
}

// catalogHash is a hash of the UI strings of langs.
func catalogHash(cat *locale.Catalog, langs []string) []byte {
	parts := make([]string, 0, 2*len(langs)*len(cat.Keys()))
	for _, lang := range langs {
		for _, k := range cat.Keys() {
			t, _ := cat.Text(lang, k)
			parts = append(parts, k, t)
		}
	}
	return []byte(strconv.FormatUint(graph.HashString(parts...), 16))
}

// Errors returns every content error the site has now, or nil.
func (s *Site) Errors() error {
	list := &diag.List{}
	add := func(es []*diag.Error) {
		for _, e := range es {
			list.Add(e)
		}
	}
	add(s.dataErrs)
	add(s.staticErrs)
	add(s.refErrs)
	add(s.walkErrs)
	add(s.slugErrs)
	for _, f := range s.files {
		add(f.loadErrs)
		add(f.renderErrs)
	}
	return list.Err()
}

// Build loads the site and writes it to sink.
func Build(opts Options, sink output.Sink) (Stats, error) {
	return BuildContext(context.Background(), opts, sink)
}

// BuildContext is Build that stops early, with ctx's error, when ctx ends.
func BuildContext(ctx context.Context, opts Options, sink output.Sink) (Stats, error) {
	start := time.Now()
	s, err := Load(opts)
	if err != nil {
		return Stats{}, err
	}
	st, err := s.RenderContext(ctx, sink)
	st.Duration = time.Since(start)
	return st, err
}

// Render produces every output of the site into sink.
func (s *Site) Render(sink output.Sink) (Stats, error) {
	return s.RenderContext(context.Background(), sink)
}

// RenderContext produces every output of the site into sink, stopping
// early when ctx ends. It is for a site rendered once (build, check): each
// article's page is produced as soon as its Markdown is rendered, and its
// source and HTML are then let go, so memory stays small on large sites.
// A site rendered this way cannot render again; the preview server uses
// RenderInto and Update instead.
func (s *Site) RenderContext(ctx context.Context, sink output.Sink) (Stats, error) {
	return s.render(ctx, sink, nil, false)
}

// errSpent says a one-shot site was asked to render again.
var errSpent = errors.New("build: this site was rendered once by RenderContext and let go of its articles; load it again")

// render renders the articles that need it, then produces the outputs
// whose stamps differ from prev (all of them when prev is nil). With keep,
// the new stamps are remembered for the next incremental render.
func (s *Site) render(ctx context.Context, sink output.Sink, prev graph.Stamps, keep bool) (Stats, error) {
	start := time.Now()
	if s.spent {
		return Stats{}, errSpent
	}
	if s.Config.Compress {
		sink = output.Compressed(sink)
	}
	var cache *buildCache
	cs, _ := sink.(cacheSink)
	s.state = nil
	if cs != nil {
		s.state = cs
		defer s.dropSearchFill() // a render that stops early leaves no file open
	}
	if cs != nil && prev == nil && !keep {
		if cache = decodeCache(cs.Cache()); cache != nil {
			s.useCache(cache)
			prev = cache.Stamps
		}
	}
	produced := s.streamArticles(ctx, sink, prev == nil && !keep || cache != nil)
	if err := s.Errors(); err != nil {
		return Stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	g, err := s.graph()
	if err != nil {
		return Stats{}, err
	}
	dirty, removed, now := g.Diff(prev)
	errs := &diag.List{}
	if produced != nil {
		dirty = slices.DeleteFunc(dirty, func(n *graph.Node) bool { _, done := produced[n.Path]; return done })
		for _, err := range produced {
			if err != nil {
				errs.Add(err)
			}
		}
	}
	if cache != nil {
		// What did not change is kept as the live tree has it; what the
		// live tree cannot give is produced after all.
		isDirty := make(map[string]bool, len(dirty))
		for _, n := range dirty {
			isDirty[n.Path] = true
		}
		for _, n := range g.Nodes() {
			if _, done := produced[n.Path]; done || isDirty[n.Path] {
				continue
			}
			if ok, err := cs.Keep(n.Path); err != nil {
				errs.Add(err)
			} else if !ok {
				dirty = append(dirty, n)
			}
		}
		s.ensureHTML(ctx, dirty)
		if err := s.Errors(); err != nil {
			return Stats{}, err
		}
	}
	deferred := 0
	if keep && s.opts.DeferSearch && !s.searchNow {
		// Left for UpdateSearch: each keeps its previous stamp (or none),
		// so the next render still finds it dirty.
		dirty = slices.DeleteFunc(dirty, func(n *graph.Node) bool {
			if n.Kind != graph.Search {
				return false
			}
			deferred++
			if old, ok := prev[n.Path]; ok {
				now[n.Path] = old
			} else {
				delete(now, n.Path)
			}
			return true
		})
	}
	// The search index on a goroutine of its own, beside the other
	// outputs: it is made whole, on one core (a third of a second at
	// 10,000 bulletins, when the other core used to wait for it), then let
	// go file by file as they are written, long before the lists have
	// filled the card cache.
	var index, rest []*graph.Node
	for _, n := range dirty {
		if n.Kind == graph.Search {
			index = append(index, n)
		} else {
			rest = append(rest, n)
		}
	}
	var done atomic.Int64
	produce := func(n *graph.Node) {
		var err error
		if n.Copy != nil {
			err = sink.CopyFile(n.Path, n.Fingerprint, n.Copy)
		} else {
			err = write(sink, n)
		}
		if err != nil {
			errs.Add(fmt.Errorf("%s: %w", n.Path, err))
		}
		if d := done.Add(1); s.opts.Progress != nil {
			s.opts.Progress(int(d), len(dirty))
		}
	}
	var indexed sync.WaitGroup
	if len(index) > 0 {
		indexed.Go(func() {
			for _, n := range index {
				if ctx.Err() != nil {
					return
				}
				produce(n)
			}
		})
	}
	s.shareCards(rest)
	s.parallel(ctx, len(rest), func(i int) { produce(rest[i]) })
	for _, ed := range s.editions {
		ed.renderer.ShareCards(nil)
	}
	indexed.Wait()
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	if err := errs.Err(); err != nil {
		return Stats{}, err
	}
	st := Stats{Files: g.Len(), Rendered: len(dirty) + len(produced), Pages: g.Count(graph.Page) + g.Count(graph.Hidden), Deferred: deferred}
	if prev != nil {
		if r, ok := sink.(interface{ Remove(string) }); ok && keep {
			for _, p := range removed {
				r.Remove(p)
			}
		}
		for _, n := range dirty {
			st.Changed = append(st.Changed, n.Path)
		}
		st.Changed = append(st.Changed, removed...)
	}
	if keep {
		s.stamps = now
	}
	if cs != nil && !keep {
		// After the outputs, not beside them: the record (11 MB at 10,000
		// bulletins) would add to the build's peak.
		cs.SetCache(s.newCache(now))
	}
	st.Duration = time.Since(start)
	return st, nil
}

// parallel runs f(0..n-1) on up to Workers goroutines, and stops handing
// out work once ctx ends.
func (s *Site) parallel(ctx context.Context, n int, f func(i int)) {
	workers := s.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// streamArticles renders the articles' Markdown. With stream (a one-shot
// render), each article's page is produced and written right away, and
// the article's source and HTML are let go, but for the newest ones, which
// the feed quotes whole. It returns the paths produced, each with its
// error (nil when written).
func (s *Site) streamArticles(ctx context.Context, sink output.Sink, stream bool) map[string]error {
	if !stream {
		s.renderArticles(ctx, nil)
		return nil
	}
	s.spent = true
	s.fillSearch()
	keep := make(map[*content.Article]bool, feedSize*len(s.editions))
	for _, ed := range s.editions {
		for _, a := range ed.articles[:min(len(ed.articles), feedSize)] {
			keep[a] = true
		}
	}
	figures := s.editionFigures()
	var mu sync.Mutex
	produced := map[string]error{}
	// record notes the file at path as produced, with its write's error.
	record := func(path string, err error) {
		if err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
		mu.Lock()
		produced[path] = err
		mu.Unlock()
	}
	for _, ed := range s.editions {
		ed.searchFill.write = func(name string, file []byte) {
			path := ed.Page(urls.SearchFile(name))
			record(path, sink.WriteFile(path, file))
		}
	}
	s.renderArticles(ctx, func(f *articleFile) {
		n := s.articleNode(f.article, figures[f.article.Lang])
		err := write(sink, n)
		if !keep[f.article] {
			f.article.HTML = ""
		}
		f.article.Body = nil
		if f.releaseBody != nil {
			f.releaseBody()
			f.releaseBody = nil
		}
		record(n.Path, err)
	})
	for _, ed := range s.editions {
		ed.searchFill.write = nil // the rest of the index is made whole
	}
	return produced
}

// write produces n and writes it through sink: from one of the
// renderer's buffers, lent, when both sides can (graph.Node.Lend,
// output.Lender).
func write(sink output.Sink, n *graph.Node) error {
	if l, ok := sink.(output.Lender); ok && n.Lend != nil {
		b, release, err := n.Lend()
		if err != nil {
			return err
		}
		return l.WriteLent(n.Path, b, release)
	}
	b, err := n.Produce()
	if err != nil {
		return err
	}
	return sink.WriteFile(n.Path, b)
}

// nodeCache holds page nodes by key; it is filled from two goroutines.
type nodeCache struct {
	mu sync.Mutex
	m  map[string]*graph.Node
}
