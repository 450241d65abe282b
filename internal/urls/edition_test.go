package urls

import "testing"

func TestLocalized(t *testing.T) {
	for _, tt := range []struct {
		target string
		want   bool
	}{
		{Home(), true},
		{Article("x"), true},
		{Articles(2), true},
		{Tag("t", 1), true},
		{TagFeed("t"), true},
		{Plan("p", "by-owner"), true},
		{Plan("p", "") + "#task-T1", true},
		{Metric("m"), true},
		{Search() + "?q=a", true},
		{SearchFile("index.json"), true},
		{Data(), true},
		{EmbedMetric("m"), true},
		{Feed, true},
		{Changes, true},
		{MetricCSV("m"), false},
		{MetricJSON("m"), false},
		{PlanCSV("p"), false},
		{PlanJSON("p"), false},
		{PlanMovesCSV("p"), false},
		{DataPackage, false},
		{Sitemap, false},
		{Robots, false},
		{NotFound, false},
		{Asset("style.css"), false},
		{Asset("style.css") + "?v=1", false},
		{"files/note.txt", false},
	} {
		if got := Localized(tt.target); got != tt.want {
			t.Errorf("Localized(%q) = %v, want %v", tt.target, got, tt.want)
		}
	}
}

func TestEdition(t *testing.T) {
	vi, en := NewEdition("vi", "vi"), NewEdition("en", "vi")
	for _, tt := range []struct {
		ed           Edition
		target, page string
		link         string
	}{
		{vi, Article("x"), "articles/x/", "articles/x/"},
		{vi, MetricCSV("m"), "metrics/m.csv", "metrics/m.csv"},
		{en, Home(), "en/", "en/"},
		{en, Article("x"), "en/articles/x/", "en/articles/x/"},
		{en, Feed, "en/feed.xml", "en/feed.xml"},
		{en, MetricCSV("m"), "en/metrics/m.csv", "metrics/m.csv"},
		{en, Asset("a.css"), "en/assets/a.css", "assets/a.css"},
	} {
		if got := tt.ed.Page(tt.target); got != tt.page {
			t.Errorf("%s.Page(%q) = %q, want %q", tt.ed.Lang, tt.target, got, tt.page)
		}
		if got := tt.ed.Link(tt.target); got != tt.link {
			t.Errorf("%s.Link(%q) = %q, want %q", tt.ed.Lang, tt.target, got, tt.link)
		}
	}
	if !vi.Default() || en.Default() {
		t.Error("only the default language's edition is at the root")
	}
	if In("en", "vi", Tags()) != "en/tags/" || In("vi", "vi", Tags()) != "tags/" {
		t.Error("In does not place a URL in its edition")
	}
	for _, tt := range []struct{ url, lang, rest string }{
		{"en/articles/x/", "en", "articles/x/"},
		{"en/", "en", ""},
		{"articles/x/", "vi", "articles/x/"},
		{"", "vi", ""},
		{"entries/", "vi", "entries/"},
	} {
		if lang, rest := Split(tt.url, []string{"vi", "en"}); lang != tt.lang || rest != tt.rest {
			t.Errorf("Split(%q) = %q, %q; want %q, %q", tt.url, lang, rest, tt.lang, tt.rest)
		}
	}
}

func TestArticleSlug(t *testing.T) {
	for _, tt := range []struct {
		url, slug string
		ok        bool
	}{
		{Article("so-hoa"), "so-hoa", true},
		{Articles(1), "", false},
		{Articles(2), "", false},
		{PageOne("articles/"), "", false},
		{Tag("x", 1), "", false},
		{"articles/x", "", false},
	} {
		if slug, ok := ArticleSlug(tt.url); slug != tt.slug || ok != tt.ok {
			t.Errorf("ArticleSlug(%q) = %q, %v; want %q, %v", tt.url, slug, ok, tt.slug, tt.ok)
		}
	}
}
