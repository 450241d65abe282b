package content

import (
	"html"
	"strings"
)

// safeSchemes are the only URL schemes an article may link to or load
// from. Everything else that has a scheme — javascript:, vbscript:, data:,
// file:, blob:, ftp:, an unknown one — is refused, so a page of the site can
// never run code or show a document of the author's making through a link.
var safeSchemes = []string{"http", "https", "mailto", "tel"}

// SafeURL reports whether u may be written into an href or src of a page:
// a relative URL (path, ?query, #fragment, //host/path) or an absolute one
// with a scheme of safeSchemes.
//
// It reads u the way a browser does before choosing a scheme: HTML
// character references are decoded (&#106;avascript: is javascript:),
// leading and trailing C0 controls and spaces are dropped, and tabs and
// line breaks anywhere are ignored ("java\tscript:"). Then the text before
// the first ':' counts as a scheme when no '/', '?' or '#' comes earlier,
// compared case-insensitively. A colon-prefix that is not a valid scheme
// ("java%73cript:", " javascript:" behind a no-break space) is refused too:
// a browser would read it as a harmless relative path, but nothing an
// article needs looks like that, and refusing is the side that cannot go
// wrong.
func SafeURL(u string) bool {
	for _, s := range []string{u, html.UnescapeString(u)} {
		if !safeScheme(browserURL(s)) {
			return false
		}
	}
	return true
}

// browserURL strips what the URL parser ignores: leading and trailing C0
// controls and spaces, and ASCII tab, LF and CR anywhere.
func browserURL(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= 0x20 })
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
}

// safeScheme applies SafeURL's rule to a URL browserURL has cleaned.
func safeScheme(u string) bool {
	colon := strings.IndexByte(u, ':')
	if colon < 0 {
		return true
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 && i < colon {
		return true // the colon is in a path, query or fragment
	}
	scheme := strings.ToLower(u[:colon])
	for _, s := range safeSchemes {
		if scheme == s {
			return true
		}
	}
	return false
}

// safeURLList is SafeURL for attributes that hold several URLs (srcset,
// imagesrcset, ping): every token between white space and commas must be
// safe. A browser's URL in a srcset starts at one of these tokens and
// anything before its first comma is the token itself, so a scheme cannot
// hide from this check; descriptors ("2x", "640w") pass as relative URLs.
func safeURLList(v string) bool {
	for _, tok := range strings.FieldsFunc(html.UnescapeString(v), func(r rune) bool {
		return r == ',' || r <= 0x20
	}) {
		if !SafeURL(tok) {
			return false
		}
	}
	return true
}
