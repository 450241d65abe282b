package urls

import "strings"

// Editions: a site written in several languages (site.yaml languages:)
// has one edition of its pages per language. The default language's is
// at the root, at exactly the URLs a single-language site has; every
// other language's is the same tree under "<lang>/" ("en/",
// "en/articles/x/", "en/feed.xml"). The functions above name a page
// within an edition; an Edition places it.
//
// Not everything is in an edition: the theme's assets, the static files,
// the open-data files (CSV, JSON, datapackage.json), robots.txt,
// sitemap.xml and 404.html are the site's, once, at the root. Localized
// tells the two apart, so that a link from an English page to
// "metrics/x.csv" goes to the one file and a link to "metrics/x/" stays
// in English.

// Edition is where one language's pages live.
type Edition struct {
	Lang   string // the language code, "vi"
	Prefix string // "" for the default language, else "<lang>/"
}

// NewEdition is the edition of lang on a site whose default language is def.
func NewEdition(lang, def string) Edition {
	if lang == def {
		return Edition{Lang: lang}
	}
	return Edition{Lang: lang, Prefix: lang + "/"}
}

// Default reports whether e is the default language's edition, at the root.
func (e Edition) Default() bool { return e.Prefix == "" }

// Page is the site-relative URL of url, a URL of this package's functions
// ("articles/x/", "feed.xml"), in edition e. It does not ask whether url
// is Localized: it is for the outputs an edition makes.
func (e Edition) Page(url string) string { return e.Prefix + url }

// Link is where a link from a page of edition e to target (a URL of this
// package, maybe with a query or a fragment) goes: into the same edition
// when target is Localized, else to the site's one copy at the root.
func (e Edition) Link(target string) string {
	if e.Prefix == "" || !Localized(target) {
		return target
	}
	return e.Prefix + target
}

// In is url in lang's edition on a site whose default language is def:
// url itself for the default, "<lang>/"+url for the others.
func In(lang, def, url string) string { return NewEdition(lang, def).Page(url) }

// Localized reports whether target (site-relative, maybe with a query or
// a fragment) is a page or file of which each edition has its own: every
// page (a URL that is a directory: "", "plans/x/", "search/"), every
// Atom feed (feed.xml, changes.xml, tags/x/feed.xml) and the search
// index (search/...). The rest — assets, open-data files, static files,
// sitemap.xml, robots.txt, 404.html — is shared by all editions.
func Localized(target string) bool {
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	switch {
	case target == "" || strings.HasSuffix(target, "/"):
		return true
	case target == Sitemap:
		return false
	case strings.HasSuffix(target, ".xml"), strings.HasPrefix(target, "search/"):
		return true
	}
	return false
}

// Split finds the edition a site-relative URL of the output is in, given
// the site's languages (the default first): the language whose prefix it
// starts with, else the default; and the URL within that edition.
// Split("en/articles/x/", [vi en]) = "en", "articles/x/".
func Split(url string, langs []string) (lang, rest string) {
	if len(langs) == 0 {
		return "", url
	}
	for _, l := range langs[1:] {
		if r, ok := strings.CutPrefix(url, l+"/"); ok {
			return l, r
		}
	}
	return langs[0], url
}

// ArticleSlug is the inverse of Article: the slug of a bulletin's page
// URL, and whether url is one ("articles/page/2/", a page of the list,
// is not).
func ArticleSlug(url string) (string, bool) {
	rest, ok := strings.CutPrefix(url, "articles/")
	slug, ok2 := strings.CutSuffix(rest, "/")
	if !ok || !ok2 || slug == "" || strings.Contains(slug, "/") {
		return "", false
	}
	return slug, true
}
