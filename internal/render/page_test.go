package render

import (
	"net/url"
	"testing"

	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/urls"
)

func TestRel(t *testing.T) {
	tests := []struct{ from, target, want string }{
		{"", "articles/x/", "articles/x/"},
		{"", "", "./"},
		{"articles/x/", "", "../../"},
		{"articles/x/", "tags/y/", "../../tags/y/"},
		{"articles/page/2/", "articles/", "../../../articles/"},
		{"404.html", "assets/style.css", "assets/style.css"},
		{"metrics/a/", "metrics/a.csv", "../../metrics/a.csv"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.target); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
}

// TestPageURLInEdition: a page of a language's edition links within its
// edition to pages and feeds, and to the root for what editions share.
func TestPageURLInEdition(t *testing.T) {
	base, _ := url.Parse("https://x.gov.vn/tien-do/")
	cfg := &site.Config{Base: base}
	en := urls.NewEdition("en", "vi")
	tests := []struct {
		ed             urls.Edition
		path, target   string
		absolute       bool
		want, wantRoot string
	}{
		{urls.Edition{Lang: "vi"}, "articles/x/", "metrics/m/", false, "../../metrics/m/", "../../metrics/m/"},
		{urls.Edition{Lang: "vi"}, "articles/x/", "metrics/m.csv", false, "../../metrics/m.csv", "../../metrics/m.csv"},
		{en, "articles/x/", "metrics/m/", false, "../../metrics/m/", "../../../metrics/m/"},
		{en, "articles/x/", "", false, "../../", "../../../"},
		{en, "articles/x/", "metrics/m.csv", false, "../../../metrics/m.csv", "../../../metrics/m.csv"},
		{en, "articles/x/", "assets/style.css", false, "../../../assets/style.css", "../../../assets/style.css"},
		{en, "", "feed.xml", false, "feed.xml", "../feed.xml"},
		{en, "", "articles/", false, "articles/", "../articles/"},
		{en, "404.html", "articles/", true, "/tien-do/en/articles/", "/tien-do/articles/"},
		{en, "404.html", "assets/style.css", true, "/tien-do/assets/style.css", "/tien-do/assets/style.css"},
	}
	for _, tt := range tests {
		p := &Page{Site: cfg, Edition: tt.ed, Path: tt.path, Absolute: tt.absolute}
		if got := p.URL(tt.target); got != tt.want {
			t.Errorf("%s page %q: URL(%q) = %q, want %q", tt.ed.Lang, tt.path, tt.target, got, tt.want)
		}
		if got := p.RootURL(tt.target); got != tt.wantRoot {
			t.Errorf("%s page %q: RootURL(%q) = %q, want %q", tt.ed.Lang, tt.path, tt.target, got, tt.wantRoot)
		}
	}
	p := &Page{Site: cfg, Edition: en, Path: "metrics/m/"}
	if got, want := p.Canonical(), "https://x.gov.vn/tien-do/en/metrics/m/"; got != want {
		t.Errorf("Canonical() = %q, want %q", got, want)
	}
	if got, want := p.Abs("metrics/m.csv"), "https://x.gov.vn/tien-do/metrics/m.csv"; got != want {
		t.Errorf("Abs(csv) = %q, want %q", got, want)
	}
	if p.DefaultAlternate() != nil {
		t.Error("a page without alternates has an x-default")
	}
	p.Alternates = []Alternate{{Lang: "vi", Path: "metrics/m/", Same: true}, {Lang: "en", Path: "en/metrics/m/", Same: true, Current: true}}
	if d := p.DefaultAlternate(); d == nil || d.Lang != "vi" {
		t.Errorf("DefaultAlternate() = %v, want the vi page", d)
	}
	p.Alternates[0].Same = false
	if p.DefaultAlternate() != nil {
		t.Error("x-default names a home page that is not this page's version")
	}
}
