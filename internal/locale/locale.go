// Package locale writes figures, dates and periods the way readers of a
// bulletin expect them in the site's language, and reads the UI strings
// from the theme's i18n files (templates/i18n/<lang>.yaml), which a site's
// own templates/i18n overrides key by key (see LoadCatalog).
//
// Vietnamese is the first language: "2,7 triệu", "96,5%", "09/4/2024" (the
// state style of Decree 30/2020) and "Quý I/2024". English is the second.
// Everything here is a pure function of its input and the language, never of
// the machine's locale, so builds are byte-identical everywhere. A Locale is
// read-only after New and safe for concurrent use.
package locale

import (
	"fmt"
	"slices"
)

// Locale formats for one language. Create it with New.
type Locale struct {
	data *langData
}

// Scale is a word for a power of a thousand, used to write large figures
// readably ("2,7 triệu") and exported so chart formatters written in
// JavaScript can use the same words as the page.
type Scale struct {
	Factor float64
	Word   string
}

// langData is everything one language needs. The tables are read-only.
type langData struct {
	code           string
	ogLocale       string // Open Graph's language_TERRITORY
	decimal, group string
	scales         []Scale // largest first
	approx         map[string]string
	strings        map[string]string // UI strings: set by Catalog.Locale, from the theme's i18n files
}

var languages = map[string]*langData{
	"vi": {
		code:     "vi",
		ogLocale: "vi_VN",
		decimal:  ",",
		group:    ".",
		scales:   []Scale{{1e12, "nghìn tỷ"}, {1e9, "tỷ"}, {1e6, "triệu"}},
		approx:   map[string]string{"over": "hơn", "under": "dưới", "about": "khoảng"},
	},
	"en": {
		code:     "en",
		ogLocale: "en_US",
		decimal:  ".",
		group:    ",",
		scales:   []Scale{{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}},
		approx:   map[string]string{"over": "over", "under": "under", "about": "about"},
	},
}

// New returns the Locale for lang, "vi" or "en" as written in site.yaml,
// with the UI strings of the built-in theme (templates/i18n). Any other
// value is an error naming the allowed ones, so a typo in the site
// settings is reported rather than silently built in another language.
// A site's build uses LoadCatalog and Catalog.Locale instead, so that
// the site's own templates/i18n overrides apply.
func New(lang string) (*Locale, error) {
	if _, ok := languages[lang]; !ok {
		return nil, unsupported(lang)
	}
	c, err := builtin()
	if err != nil {
		return nil, fmt.Errorf("the built-in theme's UI strings: %w", err)
	}
	return c.Locale(lang)
}

// unsupported is the error for a language code bantin does not know.
func unsupported(lang string) error {
	return fmt.Errorf("%q is not a supported language (want %s)", lang, supportedList())
}

// Lang returns the language code, for <html lang> and feeds.
func (l *Locale) Lang() string { return l.data.code }

// OGLocale returns the language as Open Graph's og:locale wants it,
// language_TERRITORY ("vi_VN", "en_US"), for sharing previews.
func (l *Locale) OGLocale() string { return l.data.ogLocale }

// Separators returns the decimal mark and the thousands separator, for
// chart formatters that must write numbers the way the page does.
func (l *Locale) Separators() (decimal, group string) { return l.data.decimal, l.data.group }

// Scales returns the words for large numbers, largest first, for chart
// formatters in JavaScript. The slice is a copy the caller may keep.
func (l *Locale) Scales() []Scale { return slices.Clone(l.data.scales) }

// IsApprox reports whether s is an approximation a metric value may carry
// ("", "over", "under" or "about"), so loaders can reject anything else
// with a positioned error before Number ever sees it.
func IsApprox(s string) bool {
	switch s {
	case "", "over", "under", "about":
		return true
	}
	return false
}

// T returns the UI string for key. An unknown key returns "??key??", which
// shows up on the page and in tests instead of an empty label.
func (l *Locale) T(key string) string {
	if s, ok := l.data.strings[key]; ok {
		return s
	}
	return "??" + key + "??"
}

// Tf is T with fmt.Sprintf, for strings that take values ("Trang %d/%d").
func (l *Locale) Tf(key string, args ...any) string {
	return fmt.Sprintf(l.T(key), args...)
}

// Keys returns every UI key of the language, sorted, so tests can check
// that all languages have the same ones.
func (l *Locale) Keys() []string {
	keys := make([]string, 0, len(l.data.strings))
	for k := range l.data.strings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
