package locale

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	bantin "github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/yamlx"
)

// I18nDir is where a theme keeps its UI strings, one file per language
// (i18n/vi.yaml, i18n/en.yaml), relative to the theme's root (templates/).
// A site's templates/i18n/ overrides them key by key, as a site's
// templates/ overrides the theme's templates file by file.
const I18nDir = "i18n"

// supported lists the languages bantin can write, in the order they are
// named in messages. Their number words and date formats are in this
// package; their UI strings are in the theme's i18n files.
var supported = []string{"vi", "en"}

// Supported returns the language codes bantin supports (vi, en), so that
// site.yaml and the file names of translations are checked against one
// list. The slice is a copy.
func Supported() []string { return slices.Clone(supported) }

// IsSupported reports whether lang is a language code bantin supports.
func IsSupported(lang string) bool { return slices.Contains(supported, lang) }

// supportedList names the supported languages for messages: "vi or en".
func supportedList() string {
	return strings.Join(supported[:len(supported)-1], ", ") + " or " + supported[len(supported)-1]
}

// Catalog holds the UI strings of every supported language: the theme's
// i18n files, with a site's own overriding them key by key. The theme
// decides which keys exist; a site can only change their texts. It is
// read-only once loaded and safe for concurrent use.
type Catalog struct {
	strings map[string]map[string]string // language → key → text
	keys    []string                     // sorted; every language has exactly these
}

// Keys returns every UI key, sorted. Every language has all of them.
func (c *Catalog) Keys() []string { return slices.Clone(c.keys) }

// Text returns the UI string of key in lang, and whether there is one.
func (c *Catalog) Text(lang, key string) (string, bool) {
	s, ok := c.strings[lang][key]
	return s, ok
}

// Locale returns the Locale of lang whose UI strings (T, Tf) come from
// this catalogue. lang must be a supported language.
func (c *Catalog) Locale(lang string) (*Locale, error) {
	d, ok := languages[lang]
	if !ok {
		return nil, unsupported(lang)
	}
	own := *d
	own.strings = c.strings[lang]
	return &Locale{data: &own}, nil
}

// builtin is the catalogue of the theme embedded in the binary, read once:
// New uses it, so code that needs only the built-in strings (tests, the
// digest scaffold) keeps calling New(lang).
var builtin = sync.OnceValues(func() (*Catalog, error) {
	return LoadCatalog(bantin.Theme(), nil, "")
})

// Builtin returns the catalogue of the built-in theme. Its error can only
// come from a broken theme file in this repository, which the tests of
// this package catch.
func Builtin() (*Catalog, error) { return builtin() }

// fileText is one entry of an i18n file: the text and where it is written.
type fileText struct {
	text string
	at   diag.Pos // the value
}

// catalogFile is one i18n file as read.
type catalogFile struct {
	name    string // as errors show it
	lang    string
	entries map[string]fileText
	order   []string // keys in the order written
	keyAt   map[string]diag.Pos
}

// LoadCatalog reads the UI strings of theme (a theme's root, holding
// i18n/<lang>.yaml for every supported language) and of site (a site's
// templates/ directory, or nil when it has none), whose
// i18n/<lang>.yaml files override the theme's key by key. siteDir is
// how the user names site's directory ("demo/templates"), for errors.
//
// The theme must give every key in every language: a key one file lacks
// is an error naming the key and the file ("templates/i18n/en.yaml:
// missing key "metric.latest" (vi.yaml has it)"), since the page would
// otherwise show "??metric.latest??". A site file may give any subset of
// the theme's keys, but a key the theme does not have is an error at its
// line and column (a typo would otherwise leave the label unchanged
// without a word). A text that takes values (Tf: "Trang %d/%d") must take
// the same ones, by position or by explicit index (%[2]s), in every
// language and in an override, so no page prints "%!d(MISSING)". Every
// error of every file is returned, as a *diag.List.
func LoadCatalog(theme, site fs.FS, siteDir string) (*Catalog, error) {
	errs := &diag.List{}
	themeFiles := map[string]*catalogFile{}
	for _, lang := range supported {
		name := path.Join(I18nDir, lang+".yaml")
		display := "templates/" + name
		src, err := source.ReadFile(theme, name, source.MaxTemplate)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				errs.Errorf(diag.Pos{File: display}, "", "missing: the theme has no UI strings for %s", lang)
			} else {
				errs.Errorf(diag.Pos{File: display}, "", "%v", err)
			}
			continue
		}
		if f := parseCatalogFile(display, lang, src, nil, errs); f != nil {
			themeFiles[lang] = f
		}
	}
	if errs.Len() > 0 {
		return nil, errs
	}
	c := &Catalog{strings: map[string]map[string]string{}}
	all := map[string]bool{}
	for _, f := range themeFiles {
		for k := range f.entries {
			all[k] = true
		}
	}
	c.keys = slices.Sorted(maps.Keys(all))
	ref := themeFiles[supported[0]]
	for _, lang := range supported {
		f := themeFiles[lang]
		for _, k := range c.keys {
			if _, ok := f.entries[k]; ok {
				continue
			}
			has := ""
			for _, other := range supported {
				if _, ok := themeFiles[other].entries[k]; ok {
					has = other + ".yaml"
					break
				}
			}
			errs.Errorf(diag.Pos{File: f.name}, "", "missing key %q (%s has it)", k, has)
		}
		if lang != ref.lang {
			for _, k := range f.order {
				if r, ok := ref.entries[k]; ok {
					if msg := sameArgs(f.entries[k].text, r.text); msg != "" {
						errs.Errorf(f.entries[k].at, "", "key %q takes %s, but %s.yaml's takes %s: every language takes the same values", k, msg, ref.lang, describeArgs(r.text))
					}
				}
			}
		}
		strs := make(map[string]string, len(f.entries))
		for k, e := range f.entries {
			strs[k] = e.text
		}
		c.strings[lang] = strs
	}
	if errs.Len() > 0 {
		return nil, errs
	}
	if site != nil {
		c.override(site, siteDir, errs)
	}
	if errs.Len() > 0 {
		return nil, errs
	}
	return c, nil
}

// override applies the site's i18n files to c, reporting every problem.
func (c *Catalog) override(site fs.FS, siteDir string, errs *diag.List) {
	dirName := filepath.Join(siteDir, I18nDir)
	info, err := fs.Lstat(site, I18nDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case err != nil:
		errs.Errorf(diag.Pos{File: dirName}, "", "cannot read: %v", err)
		return
	case !info.IsDir():
		errs.Errorf(diag.Pos{File: dirName}, "", "is not a directory: a site's UI strings are in %s/<language>.yaml", filepath.ToSlash(dirName))
		return
	}
	entries, err := fs.ReadDir(site, I18nDir)
	if err != nil {
		errs.Errorf(diag.Pos{File: dirName}, "", "cannot read: %v", err)
		return
	}
	known := map[string]bool{}
	for _, k := range c.keys {
		known[k] = true
	}
	// The site's files replace texts of a copy, so the theme's catalogue
	// (the shared built-in one) is never changed.
	for lang, m := range c.strings {
		c.strings[lang] = maps.Clone(m)
	}
	for _, e := range entries {
		name := e.Name()
		display := filepath.Join(dirName, name)
		if strings.HasPrefix(name, ".") {
			continue // .gitkeep and editors' files
		}
		lang, isYAML := strings.CutSuffix(name, ".yaml")
		if !isYAML || !IsSupported(lang) || e.IsDir() {
			errs.Errorf(diag.Pos{File: display}, "", "not a file of UI strings: %s holds one file per language, named %s", filepath.ToSlash(dirName), fileNames())
			continue
		}
		src, err := source.ReadFile(site, path.Join(I18nDir, name), source.MaxTemplate)
		if err != nil {
			errs.Errorf(diag.Pos{File: display}, "", "%v", err)
			continue
		}
		f := parseCatalogFile(display, lang, src, known, errs)
		if f == nil {
			continue
		}
		for _, k := range f.order {
			e := f.entries[k]
			if theme := c.strings[lang][k]; sameArgs(e.text, theme) != "" {
				errs.Errorf(e.at, "", "key %q takes %s, but the theme's text takes %s: an override takes the same values", k, describeArgs(e.text), describeArgs(theme))
				continue
			}
			c.strings[lang][k] = e.text
		}
	}
}

// fileNames names the files a site's i18n directory may hold: "vi.yaml or en.yaml".
func fileNames() string {
	names := make([]string, len(supported))
	for i, l := range supported {
		names[i] = l + ".yaml"
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// maxSuggestions bounds how many unknown keys of one file get a "did you
// mean": each costs a comparison with every key, so a file of thousands
// of wrong keys must not cost thousands of times that.
const maxSuggestions = 20

// parseCatalogFile reads one i18n file: a flat mapping of key to text
// ("nav.home: Trang chủ"). known, when not nil, is the set of keys the
// file may give (a site's override); the theme's own files define them.
// It returns nil when the file has errors, all of them reported.
func parseCatalogFile(name, lang string, src []byte, known map[string]bool, errs *diag.List) *catalogFile {
	before := errs.Len()
	doc, err := yamlx.Parse(name, src, 0)
	if err != nil {
		errs.Add(err)
		return nil
	}
	f := &catalogFile{name: name, lang: lang, entries: map[string]fileText{}, keyAt: map[string]diag.Pos{}}
	var m *yaml.Node
	if len(doc.Content) > 0 {
		m = doc.Content[0]
	}
	at := func(n *yaml.Node) diag.Pos { return diag.Pos{File: name, Line: n.Line, Col: n.Column} }
	switch {
	case m == nil || m.Kind == yaml.ScalarNode && m.Tag == "!!null":
		return f // an empty file overrides nothing
	case m.Kind != yaml.MappingNode:
		errs.Errorf(at(m), "", "expected a mapping of UI keys to texts (nav.home: Trang chủ), got %s", yamlx.Describe(m))
		return nil
	}
	var sorted []string // known keys, for suggestions; made on the first unknown key
	unknown := 0
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			errs.Errorf(at(k), "", "a key must be text (nav.home), got %s", yamlx.Describe(k))
			continue
		}
		key := k.Value
		if prev, dup := f.keyAt[key]; dup {
			errs.Errorf(at(k), "", "key %q is already defined at line %d", key, prev.Line)
			continue
		}
		f.keyAt[key] = at(k)
		if known != nil && !known[key] {
			hint := ""
			if unknown++; unknown <= maxSuggestions {
				if sorted == nil {
					sorted = slices.Sorted(maps.Keys(known))
				}
				hint = suggestKey(key, sorted)
			}
			errs.Errorf(at(k), "", "unknown key %q%s: a site can change the theme's texts, not add keys", key, hint)
			continue
		}
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		switch {
		case v.Kind != yaml.ScalarNode:
			errs.Errorf(at(v), "", "key %q: expected text, got %s (keys are written whole, as in nav.home: Trang chủ)", key, yamlx.Describe(v))
			continue
		case v.Tag == "!!null":
			errs.Errorf(at(k), "", "key %q has no text", key)
			continue
		case strings.TrimSpace(v.Value) == "":
			errs.Errorf(at(v), "", "key %q is empty: give a text, or leave the key out", key)
			continue
		}
		f.entries[key] = fileText{text: v.Value, at: at(v)}
		f.order = append(f.order, key)
	}
	if errs.Len() != before {
		return nil
	}
	return f
}

// suggestKey names the known key closest to key, when one is near.
func suggestKey(key string, known []string) string {
	if len(key) > 100 {
		return ""
	}
	best, bestDist := "", 4
	for _, k := range known {
		if d := distance(key, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// verb matches a fmt verb with its flags, width, precision and explicit
// argument index ("%d", "%02d", "%.1f", "%[2]s"), and "%%".
var verb = regexp.MustCompile(`%[-+# 0]*(?:\[([0-9]+)\])?[0-9]*(?:\.[0-9]*)?([a-zA-Z%])`)

// args returns which verb each argument of s is formatted with, by
// argument number (from 1), following fmt's rule that an explicit index
// [n] sets the argument of the verb and the next verb takes n+1. A
// translation may so reorder its values ("%[2]s … %[1]s").
func args(s string) map[int]byte {
	out := map[int]byte{}
	next := 1
	for _, m := range verb.FindAllStringSubmatch(s, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			if n, err := strconv.Atoi(m[1]); err == nil {
				next = n
			}
		}
		out[next] = m[2][0]
		next++
	}
	return out
}

// sameArgs returns "" when a and b take the same arguments with the same
// verbs, else a description of what a takes.
func sameArgs(a, b string) string {
	if maps.Equal(args(a), args(b)) {
		return ""
	}
	return describeArgs(a)
}

// describeArgs lists the verbs s takes in argument order: "%d, %s", or
// "no values".
func describeArgs(s string) string {
	as := args(s)
	if len(as) == 0 {
		return "no values"
	}
	var parts []string
	for _, n := range slices.Sorted(maps.Keys(as)) {
		parts = append(parts, "%"+string(as[n]))
	}
	return strings.Join(parts, ", ")
}
