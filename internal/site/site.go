// Package site reads content/site.yaml, the settings every other stage
// depends on: the base URL (and its sub-path), the language that picks
// number and date formats, the time zone that decides what "today" is.
package site

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/yamlx"
)

// File is where the settings live, relative to the site directory.
const File = "content/site.yaml"

// Config is a site's settings as written, plus what follows from them.
type Config struct {
	Meta yamlx.Meta
	// Title, Description and Copyright are the site's human texts in its
	// default language, which most of bantin reads; TitleText,
	// DescriptionText and CopyrightText are as written, maybe per language
	// (see Text), and the pages of another language read them through
	// TitleIn, DescriptionIn and CopyrightIn.
	Title           string `yaml:"-"`
	TitleText       Text   `yaml:"title" yamlx:"required"`
	Description     string `yaml:"-"`
	DescriptionText Text   `yaml:"description"`
	BaseURL         string `yaml:"baseURL" yamlx:"required"`
	// Language is the site's default language: the first of Languages.
	// Written alone (the older form, still valid) it is the one language.
	Language string `yaml:"language"`
	// Languages are the languages the site is written in, the default
	// first: its pages are at the root, the others' under /<lang>/.
	// Left out, the site has one language, Language. Load always fills
	// it, so it is never empty in a loaded Config.
	Languages     []string `yaml:"languages"`
	Timezone      string   `yaml:"timezone"`
	PerPage       int      `yaml:"perPage"`
	Copyright     string   `yaml:"-"` // CopyrightText in the default language
	CopyrightText Text     `yaml:"copyright"`
	// UnsafeHTML lets raw HTML in Markdown through. Off by default: bulletins
	// are often pasted from other systems and must not carry scripts.
	UnsafeHTML bool `yaml:"unsafeHTML"`
	// Image is the picture shown when a page is shared (Open Graph,
	// Twitter cards, JSON-LD) and has no cover of its own: a path of the
	// site from its root ("images/share.png", a file of content/static) or
	// an http(s) URL. Left out, the theme's assets/share.png is used.
	Image string `yaml:"image"`
	// HomeMetrics picks and orders the metric tiles on the home page; empty shows all.
	HomeMetrics []string `yaml:"homeMetrics"`
	// StatusRules declares how a task's traffic light is set (see
	// data.StatusRules for the keys); a plan may override it key by key.
	// Nil when left out: derive.RulesFrom then uses the defaults. The key
	// is spelled as the issue that introduced it names it.
	StatusRules *data.StatusRules `yaml:"status-rules"`
	// Compress writes a gzip (.gz) and a brotli (.br) sibling beside every
	// text file of the output (HTML, CSS, JS, JSON, CSV, XML, SVG, txt), so
	// a static server that sends precompressed files (nginx gzip_static
	// and brotli_static, bantin serve) spends no CPU per request. Off by
	// default: it triples the number of text files in the output.
	Compress bool `yaml:"compress"`
	// License is the licence of the site's open data (datapackage.json,
	// the data page); nil when left out, and then none is claimed.
	License *License `yaml:"license"`

	// Derived from the fields above by Load.
	Base     *url.URL       `yaml:"-"` // absolute, path ends in "/"
	Location *time.Location `yaml:"-"` // from Timezone

	// base is baseOf.String(), made once when Load sets Base: AbsURL runs
	// several times for every page, feed entry and sitemap entry.
	base   string
	baseOf *url.URL
}

// BasePath is the URL path the site lives under, always starting and ending in "/".
func (c *Config) BasePath() string { return c.Base.Path }

// Defaults for keys left out.
const (
	DefaultLanguage = "vi"
	DefaultTimezone = "Asia/Ho_Chi_Minh"
	DefaultPerPage  = 10
)

// Load reads and checks the settings. prefix is how the user named the
// site directory, so errors read as paths they can open.
func Load(fsys fs.FS, prefix string, errs *diag.List) *Config {
	name := filepath.Join(prefix, filepath.FromSlash(File))
	src, err := source.ReadFile(fsys, File, source.MaxSettings)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			errs.Errorf(diag.Pos{File: name}, "", "missing: every site needs %s (bantin new site DIR makes one)", File)
		case source.IsRefused(err):
			errs.Errorf(diag.Pos{File: name}, "", "%v", err)
		default:
			errs.Errorf(diag.Pos{File: name}, "", "cannot read the site settings: %v", err)
		}
		return nil
	}
	var c Config
	if !yamlx.DecodeFile(name, src, 0, &c, errs) {
		return nil
	}
	if c.check(errs) {
		return &c
	}
	return nil
}

func (c *Config) check(errs *diag.List) bool {
	before := errs.Len()
	c.checkLanguages(errs)
	c.checkTexts(errs)
	// The zone decides which day "today" is, and so what a build shows.
	// "Local" (and "", which time.LoadLocation reads as UTC) would make that
	// depend on the machine, or hide a setting left blank: only a named
	// IANA zone is accepted, or the default when the key is left out.
	switch {
	case c.Timezone == "" && c.Meta.Has("timezone"):
		errs.Errorf(c.Meta.At("timezone"), "timezone", "timezone is empty: name an IANA time zone (e.g. %s), or leave the key out for that default", DefaultTimezone)
	case c.Timezone == "":
		c.Timezone = DefaultTimezone
	case strings.EqualFold(c.Timezone, "Local"):
		errs.Errorf(c.Meta.At("timezone"), "timezone", "%q depends on the machine that builds the site: name an IANA time zone (e.g. %s)", c.Timezone, DefaultTimezone)
	}
	if c.Timezone != "" && !strings.EqualFold(c.Timezone, "Local") {
		loc, err := time.LoadLocation(c.Timezone)
		if err != nil {
			errs.Errorf(c.Meta.At("timezone"), "timezone", "%q is not a known time zone (e.g. %s)", c.Timezone, DefaultTimezone)
		}
		c.Location = loc
	}
	seen := map[string]int{}
	for i, id := range c.HomeMetrics {
		if first, dup := seen[id]; dup {
			errs.Errorf(c.Meta.Item("homeMetrics", i), fmt.Sprintf("homeMetrics[%d]", i), "metric %q is already listed (homeMetrics[%d]); each tile is shown once", id, first)
			continue
		}
		seen[id] = i
	}
	if c.Meta.Has("image") {
		img, err := CheckImage(c.Image)
		if err != nil {
			errs.Errorf(c.Meta.At("image"), "image", "%v", err)
		}
		c.Image = img
	}
	c.StatusRules.Validate(errs)
	c.License.validate(c.Meta, errs)
	if c.PerPage == 0 {
		c.PerPage = DefaultPerPage
	}
	if c.PerPage < 1 || c.PerPage > 1000 {
		errs.Errorf(c.Meta.At("perPage"), "perPage", "%d is out of range (1 to 1000)", c.PerPage)
	}
	if c.BaseURL == "" {
		// Written but empty (baseURL: "", or only a tag): every link needs it.
		errs.Errorf(c.Meta.At("baseURL"), "baseURL", "baseURL is empty: give the site's address, e.g. https://example.gov.vn/tien-do/")
	} else {
		u, err := url.Parse(c.BaseURL)
		switch {
		case err != nil || !u.IsAbs() || u.Host == "":
			errs.Errorf(c.Meta.At("baseURL"), "baseURL", "%q is not an absolute URL (e.g. https://example.gov.vn/tien-do/)", c.BaseURL)
		case u.Scheme != "http" && u.Scheme != "https":
			errs.Errorf(c.Meta.At("baseURL"), "baseURL", "%q must start with http:// or https://", c.BaseURL)
		case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.HasSuffix(c.BaseURL, "#"):
			// An empty "?" or "#" counts too: url.URL keeps a bare "?" and
			// would put it before every page path joined to the base.
			errs.Errorf(c.Meta.At("baseURL"), "baseURL", "%q must not carry a query or a fragment", c.BaseURL)
		case u.User != nil:
			// Every page, feed and the sitemap would publish it; the
			// message shows no password, since build logs are often kept.
			errs.Errorf(c.Meta.At("baseURL"), "baseURL", "%q must not carry a user name or password: every page publishes the site's address", u.Redacted())
		default:
			if !strings.HasSuffix(u.Path, "/") {
				u.Path += "/"
			}
			c.Base, c.baseOf, c.base = u, u, u.String()
		}
	}
	return errs.Len() == before
}

// checkLanguages checks language: and languages: and fills both: each
// code must be one bantin supports (its number words, dates and UI
// strings exist), listed once; when both keys are written, language: must
// name the first of languages:, the default, so the two cannot disagree
// about which language is at the root.
func (c *Config) checkLanguages(errs *diag.List) {
	if c.Language != "" && !locale.IsSupported(c.Language) {
		errs.Errorf(c.Meta.At("language"), "language", "%q is not a supported language (want %s)", c.Language, supportedLanguages())
	}
	if !c.Meta.Has("languages") || c.Meta.IsNull("languages") {
		if c.Language == "" {
			c.Language = DefaultLanguage
		}
		c.Languages = []string{c.Language}
		return
	}
	if len(c.Languages) == 0 {
		errs.Errorf(c.Meta.At("languages"), "languages", "languages is empty: list the site's languages, the default first (e.g. [%s])", strings.Join(locale.Supported(), ", "))
		c.Languages = []string{cmp.Or(c.Language, DefaultLanguage)}
		c.Language = c.Languages[0]
		return
	}
	seen := map[string]int{}
	for i, lang := range c.Languages {
		field := fmt.Sprintf("languages[%d]", i)
		if !locale.IsSupported(lang) {
			errs.Errorf(c.Meta.Item("languages", i), field, "%q is not a supported language (want %s)", lang, supportedLanguages())
			continue
		}
		if first, dup := seen[lang]; dup {
			errs.Errorf(c.Meta.Item("languages", i), field, "%q is already listed (languages[%d])", lang, first)
			continue
		}
		seen[lang] = i
	}
	if c.Language != "" && c.Language != c.Languages[0] && locale.IsSupported(c.Language) {
		errs.Errorf(c.Meta.At("language"), "language", "%q is not the first of languages (%s), the site's default: leave language: out, or make it the first of languages", c.Language, strings.Join(c.Languages, ", "))
	}
	c.Language = c.Languages[0]
}

// supportedLanguages names the languages bantin supports: "vi or en".
func supportedLanguages() string {
	l := locale.Supported()
	return strings.Join(l[:len(l)-1], ", ") + " or " + l[len(l)-1]
}

// CheckHomeMetrics reports each id in homeMetrics that names no metric,
// at its place in the list. The settings are read before the data, so
// the build calls this once the metrics are known; known reports whether
// a metric id exists.
func (c *Config) CheckHomeMetrics(known func(id string) bool, errs *diag.List) {
	for i, id := range c.HomeMetrics {
		if !known(id) {
			errs.Errorf(c.Meta.Item("homeMetrics", i), fmt.Sprintf("homeMetrics[%d]", i), "no metric %q (a metric's id is its file name in %s)", id, "content/data/metrics")
		}
	}
}

// AbsURL turns a site-relative path ("articles/x/") into an absolute URL.
// The base's escaped form is kept, so a base path holding an escaped
// slash ("/a%2Fb/") is not turned into another path ("/a/b/").
func (c *Config) AbsURL(rel string) string {
	base := c.base
	if c.baseOf != c.Base {
		base = c.Base.String() // a Config not made by Load (tests)
	}
	// The base has no query, fragment or user (check), and its path
	// ends in "/": the page's escaped path goes right after it.
	return base + (&url.URL{Path: strings.TrimPrefix(rel, "/")}).EscapedPath()
}

// DefaultImage is the theme's picture for sharing, used when site.yaml
// names no image: a PNG, since the sites that draw link previews
// (Facebook, Zalo, X) do not show SVG.
var DefaultImage = urls.Asset("share.png")

// ImageURL is the absolute URL of an image for sharing: ref as it is when
// it is an http(s) URL, the file of the site when it is a path (as
// CheckImage returns it), and the site's own image (image:, else
// DefaultImage) when ref is empty.
func (c *Config) ImageURL(ref string) string {
	if ref == "" {
		ref = c.Image
	}
	if ref == "" {
		ref = DefaultImage
	}
	if IsWebURL(ref) {
		return ref
	}
	return c.AbsURL(ref)
}

// IsWebURL reports whether ref, as CheckImage returns it, is an http(s)
// URL rather than a path of the site.
func IsWebURL(ref string) bool {
	l := strings.ToLower(ref)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// CheckImage checks an image reference written in front matter (cover:)
// or in site.yaml (image:) and returns it in the form the rest of the
// build uses: an http(s) URL as written, or a path of the site relative to
// its root, cleaned and unescaped ("/images/a%20b.png" → "images/a b.png").
// A path is read from the site's root, not from the page, because the
// same image is named from many pages and from feeds; the build then
// checks that the site has a file there. Any other scheme (javascript:,
// data:, file:), a protocol-relative "//host/x", a query or fragment on a
// path, and a path that climbs out of the site are refused, each with the
// reason.
func CheckImage(ref string) (string, error) {
	s := strings.TrimSpace(ref)
	switch {
	case s == "":
		return "", errors.New("the image is empty: give a path of the site (images/cover.jpg, a file of content/static) or an http(s) URL")
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == '\\' }):
		return "", fmt.Errorf("%q holds a control character or a backslash; write a path with \"/\" (images/cover.jpg) or an http(s) URL", s)
	case strings.HasPrefix(s, "//"):
		return "", fmt.Errorf("%q has no scheme: write https:%s, or a path of the site", s, s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a valid URL or path", s)
	}
	if u.Scheme != "" {
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return s, nil
		}
		return "", fmt.Errorf("%q is not an http(s) URL or a path of the site", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#") {
		return "", fmt.Errorf("%q: a path of the site names a file, without ? or #", s)
	}
	if strings.HasSuffix(u.Path, "/") {
		return "", fmt.Errorf("%q names a directory, not an image file", s)
	}
	p := path.Clean(strings.TrimLeft(u.Path, "/"))
	switch {
	case p == "." || p == "":
		return "", fmt.Errorf("%q names a directory, not an image file", s)
	case p == ".." || strings.HasPrefix(p, "../"):
		// The author meant a file outside the site, which no reader can load.
		return "", fmt.Errorf("%q climbs out of the site with \"..\"; give the path from the site's root (images/cover.jpg)", s)
	}
	return p, nil
}
