// Package site reads content/site.yaml, the settings every other stage
// depends on: the base URL (and its sub-path), the language that picks
// number and date formats, the time zone that decides what "today" is.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/yamlx"
)

// File is where the settings live, relative to the site directory.
const File = "content/site.yaml"

// Config is a site's settings as written, plus what follows from them.
type Config struct {
	Meta        yamlx.Meta
	Title       string `yaml:"title" yamlx:"required"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"baseURL" yamlx:"required"`
	Language    string `yaml:"language"`
	Timezone    string `yaml:"timezone"`
	PerPage     int    `yaml:"perPage"`
	Copyright   string `yaml:"copyright"`
	// UnsafeHTML lets raw HTML in Markdown through. Off by default: bulletins
	// are often pasted from other systems and must not carry scripts.
	UnsafeHTML bool `yaml:"unsafeHTML"`
	// HomeMetrics picks and orders the metric tiles on the home page; empty shows all.
	HomeMetrics []string `yaml:"homeMetrics"`
	// StatusRules declares how a task's traffic light is set (see
	// data.StatusRules for the keys); a plan may override it key by key.
	// Nil when left out: derive.RulesFrom then uses the defaults. The key
	// is spelled as the issue that introduced it names it.
	StatusRules *data.StatusRules `yaml:"status-rules"`

	// Derived from the fields above by Load.
	Base     *url.URL       // absolute, path ends in "/"
	Location *time.Location // from Timezone
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
	if c.Language == "" {
		c.Language = DefaultLanguage
	}
	if c.Language != "vi" && c.Language != "en" {
		errs.Errorf(c.Meta.At("language"), "language", "%q is not a supported language (want vi or en)", c.Language)
	}
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
	c.StatusRules.Validate(errs)
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
		case u.RawQuery != "" || u.Fragment != "":
			errs.Errorf(c.Meta.At("baseURL"), "baseURL", "%q must not carry a query or a fragment", c.BaseURL)
		default:
			if !strings.HasSuffix(u.Path, "/") {
				u.Path += "/"
			}
			c.Base = u
		}
	}
	return errs.Len() == before
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
	rel = strings.TrimPrefix(rel, "/")
	u := *c.Base
	u.Path = c.Base.Path + rel
	u.RawPath = c.Base.EscapedPath() + (&url.URL{Path: rel}).EscapedPath()
	return u.String()
}
