package render

import (
	"crypto/rand"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bantin/bantin/internal/content"
)

// cardPass is the cards shared by the list pages of one pass of
// rendering (Renderer.ShareCards).
type cardPass struct {
	uses   map[*content.Article]int // read only during the pass
	cards  sync.Map                 // *content.Article → *sharedCard
	marker string
	// tagLinks are the topic links of the pass's shared cards, which
	// start with its marker (Page.TagLink).
	tagLinks tagLinks
}

// sharedCard is a card rendered with the pass's marker where its links'
// way up to the root goes, cut at the marker; left counts the pages that
// have still to show it.
type sharedCard struct {
	parts []string
	left  atomic.Int64
	// joined is the card as shown at each depth, 0 to 8 levels (up's
	// own limit), once a page at that depth has shown it: a bulletin's
	// list page and its topics' pages are at three or four depths, and a
	// join for each use made a tenth of the list pages' garbage.
	joined [len(ups)/3 + 1]atomic.Pointer[string]
}

// ShareCards starts a pass of rendering in which the pages that share
// cards (Page.ShareCards) show bulletin a's card uses[a] times in all. A
// card shown more than once is rendered once, for pages at any depth,
// and let go after its last use: a bulletin shows on the list and on each
// of its topics' pages, and the build renders those pages in the order of
// their newest bulletin, so that few cards are held at once. Call it
// before the pass, not during it; nil ends the sharing.
func (r *Renderer) ShareCards(uses map[*content.Article]int) {
	if uses == nil {
		r.cardPass = nil
		return
	}
	// The marker is letters and digits, which every escaper of
	// html/template leaves as they are, and random, so that no text of
	// the content can be taken for it. No page ever holds it.
	r.cardPass = &cardPass{uses: uses, marker: "bantinroot" + rand.Text() + "x"}
}

// Card renders a bulletin's card (the "card" template) for a list on this
// page. On a page that shares cards, in a pass that shows the card more
// than once (Renderer.ShareCards), it is rendered once for all of them,
// whatever their depth, with a marker where each link's way up to the
// root goes, which each page replaces with its own ("../../"). A card may
// therefore depend on nothing of the page but its links (.URL, .TagURL,
// .Asset), its site and its language.
func (p *Page) Card(a *content.Article) (template.HTML, error) {
	c := p.r.cardPass
	uses := 0
	if c != nil && p.ShareCards && !p.Absolute {
		uses = c.uses[a]
	}
	if uses < 2 {
		b, err := p.r.execute("card", Ctx{P: p, V: a})
		return template.HTML(b), err
	}
	v, ok := c.cards.Load(a)
	if !ok {
		q := *p
		q.Path, q.root = "", c.marker
		b, err := p.r.execute("card", Ctx{P: &q, V: a})
		if err != nil {
			return "", err
		}
		sc := &sharedCard{parts: strings.Split(string(b), c.marker)}
		sc.left.Store(int64(uses))
		v, _ = c.cards.LoadOrStore(a, sc)
	}
	sc := v.(*sharedCard)
	if sc.left.Add(-1) == 0 {
		c.cards.Delete(a)
	}
	u := up(p.Path)
	n := len(u) / 3
	if n >= len(sc.joined) {
		return template.HTML(strings.Join(sc.parts, u)), nil
	}
	if s := sc.joined[n].Load(); s != nil {
		return template.HTML(*s), nil
	}
	s := strings.Join(sc.parts, u)
	sc.joined[n].Store(&s)
	return template.HTML(s), nil
}
