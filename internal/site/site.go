// Package site reads content/site.yaml, the settings every other stage
// depends on: the base URL (and its sub-path), the language that picks
// number and date formats, the time zone that decides what "today" is.
package site

import (
	"errors"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/diag"
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
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			errs.Errorf(diag.Pos{File: name}, "", "missing: every site needs %s (bantin new site DIR makes one)", File)
		} else {
			errs.Errorf(diag.Pos{File: name}, "", "%v", err)
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
	if c.Timezone == "" {
		c.Timezone = DefaultTimezone
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		errs.Errorf(c.Meta.At("timezone"), "timezone", "%q is not a known time zone (e.g. Asia/Ho_Chi_Minh)", c.Timezone)
	}
	c.Location = loc
	if c.PerPage == 0 {
		c.PerPage = DefaultPerPage
	}
	if c.PerPage < 1 || c.PerPage > 1000 {
		errs.Errorf(c.Meta.At("perPage"), "perPage", "%d is out of range (1 to 1000)", c.PerPage)
	}
	if c.BaseURL != "" {
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

// AbsURL turns a site-relative path ("articles/x/") into an absolute URL.
func (c *Config) AbsURL(rel string) string {
	u := *c.Base
	u.Path = c.Base.Path + strings.TrimPrefix(rel, "/")
	return u.String()
}
