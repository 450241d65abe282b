package build

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/view"
)

// ListData is what list.html receives.
type ListData struct {
	Articles []*content.Article
	Pager    Pager
}

// Pager links the pages of a paginated list; paths are site-relative.
type Pager struct {
	Number, Total int
	Prev, Next    string
}

// HomeData is what home.html receives.
type HomeData struct {
	Articles []*content.Article
	More     bool
	Metrics  []view.Tile
	Plans    []view.PlanSummary
}

// TagCount is one entry of the topics page.
type TagCount struct {
	Tag   content.Tag
	Count int
}

func (s *Site) page(url, title, section string) *render.Page {
	pg := s.renderer.NewPage(url, title)
	pg.Section = section
	return pg
}

// htmlNode is a page rendered with template tmpl; fill, when set, makes
// the page's data inside the producer, so that work runs in parallel too.
//
// A node whose key and inputs are those of the node made for the previous
// graph is that node again: the preview server makes the graph after every
// edit, and most pages of a large site do not change. (The old node's
// producer may hold data of an older load, but it runs only when its
// stamp changes, which makes a new node.)
//
// url and key are within s's edition (Site.in): edition.addNodes places
// the node in it. On a site of several languages the page links to its
// versions in the others (alternates), which are an input too.
func (s *Site) htmlNode(kind graph.Kind, key, url, title, section, tmpl string, in []graph.Input, fill func(pg *render.Page) error) *graph.Node {
	alts := s.alternates(url)
	in = withAlternates(in, alts)
	if s.oneShot {
		// A build makes one graph: nothing to reuse, nothing to keep.
		return s.newHTMLNode(kind, key, url, title, section, tmpl, in, alts, fill)
	}
	path := urls.File(url)
	c := s.nodeCache
	ck := s.ed.key(key) // the cache holds every edition's nodes
	c.mu.Lock()
	old := c.m[ck]
	c.mu.Unlock()
	if old != nil && old.Path == path && old.Kind == kind && slices.Equal(old.Inputs, in) {
		return old
	}
	n := s.newHTMLNode(kind, key, url, title, section, tmpl, in, alts, fill)
	c.mu.Lock()
	c.m[ck] = n
	c.mu.Unlock()
	return n
}

func (s *Site) newHTMLNode(kind graph.Kind, key, url, title, section, tmpl string, in []graph.Input, alts []render.Alternate, fill func(pg *render.Page) error) *graph.Node {
	page := func() (*render.Page, error) {
		pg := s.page(url, title, section)
		pg.Alternates = alts
		if fill != nil {
			if err := fill(pg); err != nil {
				return nil, err
			}
		}
		return pg, nil
	}
	return s.pageNode(urls.File(url), kind, key, in, tmpl, page)
}

// pageNode is the node of the HTML page that page makes and template tmpl
// renders: into bytes of its own (Produce), or into one of the
// renderer's buffers, lent to the disk writer (Lend).
func (s *Site) pageNode(path string, kind graph.Kind, key string, in []graph.Input, tmpl string, page func() (*render.Page, error)) *graph.Node {
	return &graph.Node{Path: path, Kind: kind, Key: key, Inputs: in,
		Produce: func() ([]byte, error) {
			pg, err := page()
			if err != nil {
				return nil, err
			}
			return s.renderer.Execute(tmpl, pg)
		},
		Lend: func() ([]byte, func(), error) {
			pg, err := page()
			if err != nil {
				return nil, nil, err
			}
			return s.renderer.ExecuteLent(tmpl, pg)
		}}
}

// cards are the inputs of a list that shows these articles' cards.
func (s *Site) cards(in []graph.Input, articles []*content.Article) []graph.Input {
	for _, a := range articles {
		f := s.fileOf(a)
		in = append(in, graph.Input{Key: f.listKey(), Version: f.card})
	}
	return in
}

// cardLists are the list pages that show bulletins' cards (paginate),
// each with the bulletins it shows: what Site.shareCards counts.
type cardLists map[*graph.Node][]*content.Article

// listNodes makes the home page, the article list, the tag pages and the
// 404 page, and says which of them show cards.
func (s *Site) listNodes(figures *view.Builder) ([]*graph.Node, cardLists) {
	shown := cardLists{}
	L := s.Locale
	n := min(len(s.Articles), s.Config.PerPage)
	home := s.cards([]graph.Input{s.siteInput(), s.themeInput(), s.allData(), {Key: "more", Version: uint64(len(s.Articles) - n)}}, s.Articles[:n])
	nodes := []*graph.Node{s.htmlNode(graph.Page, "home", urls.Home(), "", "home", "home.html", home, func(pg *render.Page) error {
		pg.Description = s.siteDescription()
		if pg.Description == "" {
			pg.Description = L.Tf("desc.home", s.siteTitle())
		}
		hd := HomeData{Articles: s.Articles[:n], More: len(s.Articles) > n}
		hd.Metrics, hd.Plans = figures.Home()
		pg.Data = hd
		return nil
	})}
	nodes = append(nodes, s.paginate(shown, "articles", "articles/", L.T("list.title"), "articles", s.Articles, func(n, total int) string {
		return L.Tf("desc.list", len(s.Articles), s.siteTitle(), n, total)
	})...)

	tags, byTag := s.tags()
	for _, t := range tags {
		nodes = append(nodes, s.paginate(shown, "tag:"+t.Tag.Slug, urls.Tag(t.Tag.Slug, 1), L.Tf("tag.title", t.Tag.Name), "tags", byTag[t.Tag.Slug], func(int, int) string {
			return L.Tf("desc.tag", t.Count, t.Tag.Name, s.siteTitle())
		})...)
	}
	var sum strings.Builder
	for _, t := range tags {
		fmt.Fprintf(&sum, "%s=%s=%d;", t.Tag.Slug, t.Tag.Name, t.Count)
	}
	nodes = append(nodes,
		s.htmlNode(graph.Page, "tags", urls.Tags(), L.T("nav.tags"), "tags", "tags.html",
			[]graph.Input{s.siteInput(), s.themeInput(), {Key: "tags", Version: graph.HashString(sum.String())}},
			func(pg *render.Page) error {
				names := make([]string, len(tags))
				for i, t := range tags {
					names[i] = t.Tag.Name
				}
				pg.Description = view.Clip(L.Tf("desc.tags", len(tags), s.siteTitle(), strings.Join(names, ", ")), view.DescriptionMax)
				pg.Data = tags
				return nil
			}),
		s.htmlNode(graph.Hidden, "404", urls.NotFound, L.T("notfound.title"), "", "404.html",
			[]graph.Input{s.siteInput(), s.themeInput()},
			func(pg *render.Page) error {
				pg.Absolute = true
				pg.Description = L.Tf("desc.notfound", s.siteTitle())
				return nil
			}),
	)
	return nodes, shown
}

// paginate splits a list of articles into pages: base is page 1,
// base+"page/N/" the others, and base+"page/1/" points back to base.
// describe gives page n of total its meta description. Each page is
// put in shown with the articles it shows.
func (s *Site) paginate(shown cardLists, key, base, title, section string, articles []*content.Article, describe func(n, total int) string) []*graph.Node {
	per := s.Config.PerPage
	total := max(1, (len(articles)+per-1)/per)
	var nodes []*graph.Node
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*per, min(n*per, len(articles))
		d := ListData{Articles: articles[lo:hi], Pager: Pager{Number: n, Total: total}}
		if n > 1 {
			d.Pager.Prev = urls.Paged(base, n-1)
		}
		if n < total {
			d.Pager.Next = urls.Paged(base, n+1)
		}
		// The count is in the description of every page of the list.
		in := s.cards([]graph.Input{s.siteInput(), s.themeInput(), {Key: "pager:" + title, Version: uint64(n)<<32 | uint64(total)}, {Key: "count", Version: uint64(len(articles))}}, d.Articles)
		node := s.htmlNode(graph.Page, key+":"+strconv.Itoa(n), urls.Paged(base, n), title, section, "list.html", in,
			func(pg *render.Page) error {
				if n > 1 { // worded only when produced: most pages are not, after an edit
					pg.Title = fmt.Sprintf("%s (%s)", title, s.Locale.Tf("list.page", n, total))
				}
				pg.Description = view.Clip(describe(n, total), view.DescriptionMax)
				// A bulletin shows on the list and on each of its
				// topics' pages: they share its card.
				pg.ShareCards = true
				pg.Data = d
				return nil
			})
		shown[node] = d.Articles
		nodes = append(nodes, node)
	}
	one := urls.PageOne(base)
	nodes = append(nodes, &graph.Node{Path: urls.File(one), Kind: graph.Hidden, Key: key + ":redirect", Inputs: []graph.Input{s.siteInput()},
		Produce: func() ([]byte, error) { return redirect(render.Rel(one, base), s.abs(base)), nil }})
	return nodes
}

func redirect(rel, abs string) []byte {
	r, a := template.HTMLEscapeString(rel), template.HTMLEscapeString(abs)
	csp := template.HTMLEscapeString(render.ContentSecurityPolicy)
	return []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="` + csp + `"><title>` + a + `</title><link rel="icon" href="data:,"><link rel="canonical" href="` + a +
		`"><meta http-equiv="refresh" content="0; url=` + r + `"></head><body><a href="` + r + `">` + a + "</a></body></html>\n")
}

// tags lists every tag with its articles (newest first); tags are sorted by slug.
func (s *Site) tags() ([]TagCount, map[string][]*content.Article) {
	byTag := map[string][]*content.Article{}
	names := map[string]content.Tag{}
	// Oldest first, so a tag keeps the name it was first written with.
	for i := len(s.Articles) - 1; i >= 0; i-- {
		for _, t := range s.Articles[i].Tags {
			if _, ok := names[t.Slug]; !ok {
				names[t.Slug] = t
			}
		}
	}
	for _, a := range s.Articles {
		for _, t := range a.Tags {
			byTag[t.Slug] = append(byTag[t.Slug], a)
		}
	}
	out := make([]TagCount, 0, len(names))
	for slug, t := range names {
		out = append(out, TagCount{Tag: t, Count: len(byTag[slug])})
	}
	slices.SortFunc(out, func(a, b TagCount) int { return strings.Compare(a.Tag.Slug, b.Tag.Slug) })
	return out, byTag
}

// listsCache is one edition's list pages of the last graph and the
// listsKey they were made for.
type listsCache struct {
	key   uint64
	nodes []*graph.Node
	shown cardLists
}

// listsKey changes whenever a list page could: the settings, the theme,
// the data (the home page's tiles), and the published articles in their
// order with what their cards show. Made on the whole site, it covers
// every language's bulletins: an edition's list pages link to the other
// editions' (alternates), so they change with them too.
func (s *Site) listsKey() uint64 {
	const prime = 1099511628211
	h := graph.HashString("lists")
	for _, v := range []uint64{s.versions.site, s.versions.theme, s.versions.all, uint64(len(s.Articles))} {
		h = (h ^ v) * prime
	}
	for _, a := range s.Articles {
		f := s.fileOf(a)
		h = (h ^ f.card) * prime
		h = (h ^ f.nameHash()) * prime
		h = (h ^ f.sourceHash()) * prime // the topic feeds name it
	}
	return h
}

// sourceHash is a hash of the article's source, as the topic feeds name
// it, made again only when the article is.
func (f *articleFile) sourceHash() uint64 {
	if f.srcArticle != f.article {
		f.srcArticle, f.srcH = f.article, graph.HashString(sourceOf(f.article))
	}
	return f.srcH
}

// shareCards readies the pass that produces nodes: each bulletin's card
// is rendered once for all the list pages among nodes that show it
// (render.Renderer.ShareCards), and those pages are put last, in the
// order of their newest bulletin, so that a card's uses come close
// together and the renderer holds few cards at a time. (In the graph's
// order the whole list comes before the first topic, and every card
// would be held from its list page to its last topic's page: at 50,000
// bulletins, 75 MB more at the build's peak.)
func (s *Site) shareCards(nodes []*graph.Node) {
	uses := map[*content.Article]int{}
	lists := 0
	for _, n := range nodes {
		shows, ok := s.cardLists[n]
		if ok {
			lists++
		}
		for _, a := range shows {
			uses[a]++
		}
	}
	for _, ed := range s.editions {
		ed.renderer.ShareCards(uses)
	}
	if lists < 2 {
		return // an edit's few pages: no order to keep
	}
	rank := make(map[*content.Article]int, len(s.Articles))
	for i, a := range s.Articles {
		rank[a] = i
	}
	newest := func(n *graph.Node) int {
		if shows := s.cardLists[n]; len(shows) > 0 {
			return rank[shows[0]]
		}
		return -1 // not a list: first
	}
	slices.SortStableFunc(nodes, func(a, b *graph.Node) int { return cmp.Compare(newest(a), newest(b)) })
}
