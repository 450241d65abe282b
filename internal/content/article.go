// Package content reads the bulletins: Markdown files with YAML front
// matter under content/articles. It splits and strictly decodes the front
// matter (with the file's own line numbers), gives each article a unique
// ASCII slug and its tags, and renders the Markdown with goldmark, leaving
// the figures in shortcodes to a Resolver that knows the data.
package content

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/slug"
	"github.com/bantin/bantin/internal/yamlx"
)

// Dir holds the articles, relative to the site directory.
const Dir = "content/articles"

// FrontMatter is the YAML block at the top of an article, as written.
type FrontMatter struct {
	Meta    yamlx.Meta
	Title   string       `yaml:"title" yamlx:"required"`
	Date    string       `yaml:"date" yamlx:"required"`
	Summary string       `yaml:"summary"`
	Tags    []string     `yaml:"tags"`
	Slug    string       `yaml:"slug"`
	Draft   bool         `yaml:"draft"`
	Plan    string       `yaml:"plan"`
	Source  *data.Source `yaml:"source"`
}

// Tag is a topic: its name as first written and its ASCII slug.
type Tag struct {
	Name string
	Slug string
}

// Article is one bulletin.
type Article struct {
	File     string // path as the user sees it, for errors
	Front    FrontMatter
	Date     date.Date // the day, in the site's time zone
	Time     time.Time // the full time, for feeds
	Slug     string
	Tags     []Tag
	Body     []byte // Markdown after the front matter
	BodyLine int    // line of File where Body starts

	// Filled by Markdown.Render.
	HTML      []byte
	Summary   string // plain text: the front matter's summary, else the first paragraph
	HasCharts bool   // the page must load the charting library
	// Uses names the data the article's figures come from ("metric:x",
	// "plan:y"), as its shortcodes and front matter resolved them, so an
	// edit to that data re-renders this article and nothing else.
	Uses []string
}

// Pos turns a line and column of Body into a position in File.
func (a *Article) Pos(line, col int) diag.Pos {
	return diag.Pos{File: a.File, Line: a.BodyLine + line - 1, Col: col}
}

// Load reads every article under content/articles, skipping drafts unless
// drafts is set. Articles come back newest first (then by slug), and slugs
// are unique: two articles that would share a URL are an error naming both.
func Load(fsys fs.FS, prefix string, loc *time.Location, drafts bool, errs *diag.List) []*Article {
	var names []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs.Errorf(diag.Pos{File: filepath.Join(prefix, Dir)}, "", "%v", err)
	}
	sort.Strings(names)
	var out []*Article
	for _, name := range names {
		display := filepath.Join(prefix, filepath.FromSlash(name))
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs.Errorf(diag.Pos{File: display}, "", "%v", err)
			continue
		}
		a := Parse(display, src, loc, errs)
		if a == nil || (a.Front.Draft && !drafts) {
			continue
		}
		out = append(out, a)
	}
	checkSlugs(out, errs)
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Time.Compare(out[j].Time); c != 0 {
			return c > 0
		}
		return out[i].Slug < out[j].Slug
	})
	return out
}

// MaxSize is the largest article accepted.
const MaxSize = 4 << 20

// Parse reads one article file. It returns nil when the front matter has errors.
func Parse(file string, src []byte, loc *time.Location, errs *diag.List) *Article {
	if len(src) > MaxSize {
		errs.Errorf(diag.Pos{File: file}, "", "article is larger than %d MiB", MaxSize>>20)
		return nil
	}
	front, body, bodyLine, ok := split(src)
	if !ok {
		errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "", "missing front matter: an article starts with a line \"---\", its YAML settings (title, date, …), and another \"---\"")
		return nil
	}
	a := &Article{File: file, Body: body, BodyLine: bodyLine}
	if !yamlx.DecodeFile(file, front, 1, &a.Front, errs) {
		return nil
	}
	before := errs.Len()
	fm := &a.Front
	if strings.TrimSpace(fm.Title) == "" {
		errs.Errorf(fm.Meta.At("title"), "title", "title is empty")
	}
	d, t, err := date.ParseDateTime(fm.Date, loc)
	if err != nil {
		errs.Errorf(fm.Meta.At("date"), "date", "%v", err)
	}
	a.Date, a.Time = d, t
	a.Slug = slug.Make(fm.Title)
	if fm.Slug != "" {
		if !slug.Valid(fm.Slug) {
			errs.Errorf(fm.Meta.At("slug"), "slug", "%q is not a valid slug: use lowercase ASCII letters, digits and single dashes (e.g. %q)", fm.Slug, slug.Make(fm.Slug))
		}
		a.Slug = fm.Slug
	}
	if a.Slug == "" && fm.Slug == "" && strings.TrimSpace(fm.Title) != "" {
		errs.Errorf(fm.Meta.At("title"), "title", "the title %q gives an empty slug: add slug: to the front matter", fm.Title)
	}
	if fm.Plan != "" && !slug.Valid(fm.Plan) {
		errs.Errorf(fm.Meta.At("plan"), "plan", "%q is not a plan id", fm.Plan)
	}
	seen := map[string]bool{}
	for i, name := range fm.Tags {
		s := slug.Make(name)
		if s == "" {
			errs.Errorf(fm.Meta.At("tags"), diagIndex("tags", i), "tag %q has no letters or digits", name)
			continue
		}
		if !seen[s] {
			seen[s] = true
			a.Tags = append(a.Tags, Tag{Name: strings.TrimSpace(name), Slug: s})
		}
	}
	if fm.Source != nil && fm.Source.URL != "" && !safeURL(fm.Source.URL) {
		errs.Errorf(fm.Meta.At("source"), "source.url", "%q is not an http(s) URL", fm.Source.URL)
	}
	if errs.Len() != before {
		return nil
	}
	return a
}

func diagIndex(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// safeURL accepts only web links, so a source cannot carry javascript: URLs.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// split separates "---" front matter from the body. bodyLine is the line
// of src on which the body starts.
func split(src []byte) (front, body []byte, bodyLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, nil, 0, false
	}
	line := 2
	offset := 0
	for offset <= len(rest) {
		end := bytes.IndexByte(rest[offset:], '\n')
		var l []byte
		if end < 0 {
			l = rest[offset:]
		} else {
			l = rest[offset : offset+end]
		}
		if t := string(bytes.TrimRight(l, " \t")); t == "---" || t == "..." {
			front = rest[:offset]
			if end < 0 {
				return front, nil, line + 1, true
			}
			return front, rest[offset+end+1:], line + 1, true
		}
		if end < 0 {
			break
		}
		offset += end + 1
		line++
	}
	return nil, nil, 0, false
}

func checkSlugs(articles []*Article, errs *diag.List) {
	bySlug := map[string]*Article{}
	for _, a := range articles {
		if prev, dup := bySlug[a.Slug]; dup {
			errs.Errorf(a.Front.Meta.At("title"), "", "slug %q is already used by %s: two articles cannot share a URL; set slug: in one of them", a.Slug, prev.File)
			continue
		}
		bySlug[a.Slug] = a
	}
}

// URL is the article's page, relative to the site root.
func (a *Article) URL() string { return path.Join("articles", a.Slug) + "/" }
