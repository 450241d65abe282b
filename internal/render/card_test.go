package render

import (
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

// TestSharedCardEqualsInPlace: a card rendered once and shared by pages at
// every depth, in either edition, is byte for byte the card each page
// renders in place, and holds no trace of the marker.
func TestSharedCardEqualsInPlace(t *testing.T) {
	base, _ := url.Parse("https://x.gov.vn/tien-do/")
	cfg := &site.Config{Base: base}
	vi, err := locale.New("vi")
	if err != nil {
		t.Fatal(err)
	}
	en, err := locale.New("en")
	if err != nil {
		t.Fatal(err)
	}
	root, err := New(cfg, vi, bantin.Theme(), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	renderers := []*Renderer{root, root.In(en, urls.NewEdition("en", "vi"))}
	a := &content.Article{
		Front:       content.FrontMatter{Title: `Cấp "căn cước" <điện tử> & VNeID`},
		Date:        date.Date{Year: 2024, Month: 4, Day: 9},
		Slug:        "cap-can-cuoc",
		Tags:        []content.Tag{{Name: "Đề án 06", Slug: "de-an-06"}, {Name: "a&b", Slug: "a-b"}},
		Summary:     "96,5% hồ sơ; 2,7 triệu tài khoản <b>không</b> phải thẻ.",
		CardVersion: 7,
	}
	for _, r := range renderers {
		for _, path := range []string{"", "articles/", "articles/page/2/", "tags/de-an-06/", "tags/de-an-06/page/3/"} {
			inPlace := r.NewPage(path, "")
			want, err := inPlace.Card(a)
			if err != nil {
				t.Fatal(err)
			}
			shared := r.NewPage(path, "")
			shared.ShareCards = true
			for range 2 { // rendered, then from the cache
				got, err := shared.Card(a)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s page %q: shared card\n%s\nwant\n%s", r.Edition().Lang, path, got, want)
				}
			}
			if strings.Contains(string(want), r.marker) || !strings.Contains(string(want), "de-an-06/") {
				t.Errorf("%s page %q: card %s", r.Edition().Lang, path, want)
			}
		}
	}
}
