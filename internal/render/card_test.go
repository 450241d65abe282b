package render

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"testing"

	bantin "github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/urls"
)

// TestSharedCard: a card rendered once and shared by pages at every
// depth, in either edition, is byte for byte the card each page renders
// in place, holds no trace of the marker, and is let go after the last of
// the uses the pass announced; a card shown once, or on a page that does
// not share, is rendered in place and never held.
func TestSharedCard(t *testing.T) {
	vi, en := renderers(t)
	a := &content.Article{
		Front:       content.FrontMatter{Title: `Cấp "căn cước" <điện tử> & VNeID`},
		Date:        date.Date{Year: 2024, Month: 4, Day: 9},
		Slug:        "cap-can-cuoc",
		Tags:        []content.Tag{{Name: "Đề án 06", Slug: "de-an-06"}, {Name: "a&b", Slug: "a-b"}},
		Summary:     "96,5% hồ sơ; 2,7 triệu tài khoản <b>không</b> phải thẻ.",
		CardVersion: 7,
	}
	once := &content.Article{Front: content.FrontMatter{Title: "Một lần"}, Date: a.Date, Slug: "mot-lan"}
	// Depths 0 to 4, then each of 1 to 4 again (a card joined for a depth
	// is kept for the next page there), and one past the cache's 8 levels.
	paths := []string{"", "articles/", "articles/page/2/", "tags/de-an-06/", "tags/de-an-06/page/3/",
		"tags/a-b/page/2/", "tags/a-b/", "articles/page/3/", "plans/", "a/b/c/d/e/f/g/h/i/"}
	held := func(r *Renderer) int {
		n := 0
		r.cardPass.cards.Range(func(any, any) bool { n++; return true })
		return n
	}
	for _, r := range []*Renderer{vi, en} {
		want := map[string]string{}
		for _, path := range paths {
			b, err := r.NewPage(path, "").Card(a) // no pass: in place
			if err != nil {
				t.Fatal(err)
			}
			want[path] = string(b)
		}
		r.ShareCards(map[*content.Article]int{a: len(paths), once: 1})
		for i, path := range paths {
			pg := r.NewPage(path, "")
			pg.ShareCards = true
			got, err := pg.Card(a)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want[path] {
				t.Errorf("%s page %q: shared card\n%s\nwant\n%s", r.Edition().Lang, path, got, want[path])
			}
			if strings.Contains(string(got), r.cardPass.marker) || !strings.Contains(string(got), "de-an-06/") {
				t.Errorf("%s page %q: card %s", r.Edition().Lang, path, got)
			}
			if h, wantHeld := held(r), 1; i == len(paths)-1 && h != 0 || i < len(paths)-1 && h != wantHeld {
				t.Errorf("%s: after use %d of %d, %d cards held", r.Edition().Lang, i+1, len(paths), h)
			}
			if _, err := pg.Card(once); err != nil {
				t.Fatal(err)
			}
			inPlace := r.NewPage(path, "") // ShareCards unset
			if _, err := inPlace.Card(a); err != nil {
				t.Fatal(err)
			}
		}
		if h := held(r); h != 0 {
			t.Errorf("%s: %d cards held after the pass", r.Edition().Lang, h)
		}
		marker := r.cardPass.marker
		r.ShareCards(nil)
		// The shared cards' topic links went with the pass.
		r.cache.Range(func(k, v any) bool {
			if strings.Contains(fmt.Sprint(k), marker) || strings.Contains(string(v.(template.HTML)), marker) {
				t.Errorf("%s: the renderer keeps %v after the pass", r.Edition().Lang, k)
			}
			return true
		})
	}
}

// TestTagLink: a topic's link, rendered once and reused, is the one each
// page would write: relative to the page's depth and edition, the name
// escaped, and a renamed topic's link has its new name (and a topic of
// the same name under another slug its own address).
func TestTagLink(t *testing.T) {
	r, enR := renderers(t)
	tag := content.Tag{Name: "a&b <Đề án>", Slug: "a-b-de-an"}
	renamed := content.Tag{Name: "Đề án 06", Slug: tag.Slug}
	reslugged := content.Tag{Name: tag.Name, Slug: "de-an"}
	for _, tt := range []struct {
		r    *Renderer
		path string
		tag  content.Tag
		want string
	}{
		{r, "", tag, `<a href="tags/a-b-de-an/">a&amp;b &lt;Đề án&gt;</a>`},
		{r, "articles/x/", tag, `<a href="../../tags/a-b-de-an/">a&amp;b &lt;Đề án&gt;</a>`},
		{r, "articles/y/", tag, `<a href="../../tags/a-b-de-an/">a&amp;b &lt;Đề án&gt;</a>`},
		{r, "articles/x/", renamed, `<a href="../../tags/a-b-de-an/">Đề án 06</a>`},
		{r, "articles/x/", reslugged, `<a href="../../tags/de-an/">a&amp;b &lt;Đề án&gt;</a>`},
		{r, "tags/a-b-de-an/page/2/", tag, `<a href="../../../../tags/a-b-de-an/">a&amp;b &lt;Đề án&gt;</a>`},
		{enR, "articles/x/", tag, `<a href="../../tags/a-b-de-an/">a&amp;b &lt;Đề án&gt;</a>`},
		{enR, "", tag, `<a href="tags/a-b-de-an/">a&amp;b &lt;Đề án&gt;</a>`},
	} {
		for range 2 { // rendered, then from the cache
			got, err := tt.r.NewPage(tt.path, "").TagLink(tt.tag)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("%s page %q, %q: %s, want %s", tt.r.Edition().Lang, tt.path, tt.tag.Name, got, tt.want)
			}
		}
	}
}

// renderers is the theme's renderer for a site in Vietnamese, and the
// renderer of the site's English edition.
func renderers(t *testing.T) (vi, en *Renderer) {
	t.Helper()
	base, _ := url.Parse("https://x.gov.vn/tien-do/")
	viL, err := locale.New("vi")
	if err != nil {
		t.Fatal(err)
	}
	enL, err := locale.New("en")
	if err != nil {
		t.Fatal(err)
	}
	vi, err = New(&site.Config{Base: base}, viL, bantin.Theme(), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	return vi, vi.In(enL, urls.NewEdition("en", "vi"))
}
