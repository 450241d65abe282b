package content

import (
	"slices"
	"strings"

	"github.com/bantin/bantin/internal/diag"
)

// A translation of an article is a file beside it whose name carries a
// language before ".md": content/articles/2024/ban-tin.en.md translates
// content/articles/2024/ban-tin.md. The file without a suffix is the
// original, in the site's default language; writing the default's code
// (ban-tin.vi.md) is allowed too, as long as only one file holds each
// language. A translation has its own front matter: its title, summary
// and tags are in its language, and its slug is made from its own title
// unless it sets slug:, unique among the articles of its language.

// fileLang splits an article's file name into its translation key (the
// path without the language suffix and ".md") and the language suffix,
// "" when there is none. A suffix is two lowercase ASCII letters, the
// form of an ISO 639-1 code: any such suffix is taken as a language, so
// that one the site does not have is reported (PublishLanguages) rather
// than published as an article of the default language.
func fileLang(file string) (key, lang string) {
	key = strings.TrimSuffix(file, ".md")
	dot := strings.LastIndexByte(key, '.')
	if dot < 0 {
		return key, ""
	}
	code := key[dot+1:]
	base := key[:dot]
	if len(code) != 2 || !isLower(code[0]) || !isLower(code[1]) || strings.HasSuffix(base, "/") || strings.HasSuffix(base, `\`) || base == "" {
		return key, ""
	}
	return base, code
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// PublishLanguages is Publish for a site written in langs (the default
// first, as site.Config.Languages has them). articles are every article
// read, drafts included, in file-name order; drafts says whether drafts
// are published. It sets each article's Lang (the suffix of its file
// name, else the default language) and returns the articles to publish,
// of every language, newest first (then by slug).
//
// These are errors, each at the file that is left out:
//   - a file whose suffix names a language the site does not have;
//   - a second file of one language for one article (ban-tin.md and
//     ban-tin.vi.md on a site whose default is vi);
//   - a translation without its original (no ban-tin.md beside
//     ban-tin.en.md, or the original has errors of its own).
//
// A translation follows its original: when the original is a draft left
// out, so is the translation. A slug must be unique within its language
// only, since each language has its own pages.
func PublishLanguages(articles []*Article, langs []string, drafts bool, errs *diag.List) []*Article {
	if len(langs) == 0 {
		langs = []string{""}
	}
	def := langs[0]
	if len(langs) == 1 && !slices.ContainsFunc(articles, func(a *Article) bool { return a.suffix != "" }) {
		// One language and no file names one: every article is its own
		// original (the preview does this at every save, on every file).
		out := make([]*Article, 0, len(articles))
		for _, a := range articles {
			a.Lang = def
			if drafts || !a.Front.Draft {
				out = append(out, a)
			}
		}
		return sortNewest(checkSlugs(out, true, errs))
	}
	type group struct {
		byLang   map[string]*Article
		original *Article
	}
	groups := make(map[string]*group, len(articles))
	kept := make([]*Article, 0, len(articles))
	for _, a := range articles {
		lang := a.suffix
		if lang == "" {
			lang = def
		} else if !slices.Contains(langs, lang) {
			errs.Errorf(diag.Pos{File: a.File}, "", "the file name gives the language %q, which is not one of the site's languages (%s): add it to languages: in content/site.yaml, or rename the file (a dot and two letters before .md mark a translation)", lang, strings.Join(langs, ", "))
			continue
		}
		a.Lang = lang
		g := groups[a.TranslationKey]
		if g == nil {
			g = &group{byLang: make(map[string]*Article, 1)}
			groups[a.TranslationKey] = g
		}
		if prev, dup := g.byLang[lang]; dup {
			errs.Errorf(diag.Pos{File: a.File}, "", "%s is already the %s version of this article: an article has one file per language", prev.File, lang)
			continue
		}
		g.byLang[lang] = a
		if lang == def {
			g.original = a
		}
		kept = append(kept, a)
	}
	out := make([]*Article, 0, len(kept))
	for _, a := range kept {
		g := groups[a.TranslationKey]
		if a.Lang != def && g.original == nil {
			errs.Errorf(diag.Pos{File: a.File}, "", "a translation without its original: there is no %s (the %s version) to translate, or it has errors", a.TranslationKey+".md", def)
			continue
		}
		if !drafts && (a.Front.Draft || g.original.Front.Draft) {
			continue
		}
		out = append(out, a)
	}
	return sortNewest(checkSlugs(out, true, errs))
}

// sortNewest orders published articles newest first, then by slug.
func sortNewest(out []*Article) []*Article {
	slices.SortStableFunc(out, func(a, b *Article) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return out
}

// Translations groups published articles (as PublishLanguages returns
// them) by TranslationKey, each group in the order of langs: an article
// and the translations a page links to (hreflang, the language switch).
// An article without translations is a group of one.
func Translations(articles []*Article, langs []string) map[string][]*Article {
	out := make(map[string][]*Article, len(articles))
	for _, a := range articles {
		out[a.TranslationKey] = append(out[a.TranslationKey], a)
	}
	rank := func(a *Article) int {
		if i := slices.Index(langs, a.Lang); i >= 0 {
			return i
		}
		return len(langs)
	}
	for _, g := range out {
		if len(g) > 1 {
			slices.SortStableFunc(g, func(a, b *Article) int { return rank(a) - rank(b) })
		}
	}
	return out
}
