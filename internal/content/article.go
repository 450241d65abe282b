// Package content reads the bulletins: Markdown files with YAML front
// matter under content/articles. It splits and strictly decodes the front
// matter (with the file's own line numbers), gives each article a unique
// ASCII slug and its tags, and renders the Markdown with goldmark, leaving
// the figures in shortcodes to a Resolver that knows the data.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unique"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/slug"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/urls"
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
	// Cover is the image shown when the bulletin is shared (Open Graph,
	// Twitter cards, JSON-LD): a path of the site from its root
	// ("images/cover.jpg", a file of content/static) or an http(s) URL.
	Cover string `yaml:"cover"`
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
	// Cover is the front matter's cover: a site-relative path without its
	// leading "/", or an absolute http(s) URL; "" when none is given.
	Cover string
	// Lang is the article's language: the suffix of its file name
	// ("en" for article.en.md) as Parse reads it, "" for a file without
	// one until PublishLanguages sets it to the site's default language.
	// TranslationKey is the same for an article and its translations
	// (the file's path without the suffix and ".md"): compare it, do not
	// parse it. See lang.go.
	Lang           string
	TranslationKey string
	suffix         string // the language of the file name, "" when none

	// Filled by Markdown.Render.
	HTML      string
	Summary   string // plain text: the front matter's summary, else the first paragraph
	HasCharts bool   // the page must load the charting library
	// Links are the Markdown links and images of the body, in document
	// order, each with its place in File, and Anchors the ids the rendered
	// body carries (headings, footnotes, figures): the build checks every
	// link that points inside the site against its outputs (see Link).
	Links   []Link
	Anchors []string
	// Uses names the data the article's figures come from ("metric:x",
	// "plan:y"), as its shortcodes and front matter resolved them, so an
	// edit to that data re-renders this article and nothing else.
	Uses []string
	// CardVersion changes whenever what a list shows of the article does
	// (title, date, tags, summary); set by the build, it keys the cache of
	// shared cards (render.Page.Card).
	CardVersion uint64
}

// Pos turns a line and column of Body into a position in File.
func (a *Article) Pos(line, col int) diag.Pos {
	return diag.Pos{File: a.File, Line: a.BodyLine + line - 1, Col: col}
}

// Load reads every article under content/articles, skipping drafts unless
// drafts is set. Articles come back newest first (then by slug), and slugs
// are unique: two articles that would share a URL are an error naming both.
//
// The files are read and parsed in parallel, one worker per core, each
// into its own error list; the results are then taken in the sorted order
// of the file names, so the articles, the errors and which file of a pair
// gets the duplicate-slug error never depend on scheduling.
func Load(fsys fs.FS, prefix string, loc *time.Location, drafts bool, errs *diag.List) []*Article {
	names := List(fsys, prefix, errs)
	type result struct {
		article *Article
		errs    diag.List
	}
	results := make([]result, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(names) {
					return
				}
				r := &results[i]
				r.article = Read(fsys, names[i], display(prefix, names[i]), loc, &r.errs)
			}
		})
	}
	wg.Wait()
	var out []*Article
	for i := range results {
		r := &results[i]
		if r.errs.Len() > 0 {
			errs.Add(&r.errs)
		}
		if a := r.article; a != nil && (!a.Front.Draft || drafts) {
			out = append(out, a)
		}
	}
	return Publish(out, errs)
}

// Publish orders the articles to publish, given in file-name order: each
// whose slug an earlier one has is reported (checkSlugs) and left out, and
// the rest come back newest first, then by slug. Load and the build's
// incremental reloads share it, so both publish the same list.
func Publish(articles []*Article, errs *diag.List) []*Article {
	return sortNewest(checkSlugs(articles, false, errs))
}

func display(prefix, name string) string {
	return filepath.Join(prefix, filepath.FromSlash(name))
}

// List returns the names (in fsys, sorted) of the Markdown files under
// content/articles. A symbolic link (to a file or a directory) or a special
// file (named pipe, socket, device) anywhere in that tree is an error at
// its path, whatever its name: it is never followed, opened or skipped in
// silence, since a link could publish a file from outside the site and
// opening a pipe would hang the build. Directories that cannot be read are
// errors too, and the walk goes on past them. A missing content/articles
// is no error: a site may have no articles yet.
func List(fsys fs.FS, prefix string, errs *diag.List) []string {
	info, err := fs.Lstat(fsys, Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		errs.Errorf(diag.Pos{File: display(prefix, Dir)}, "", "cannot read the articles directory: %v", ioReason(err))
		return nil
	case !info.IsDir():
		errs.Errorf(diag.Pos{File: display(prefix, Dir)}, "", "%s", refusal(fsys, Dir, info.Mode(), "is not a directory"))
		return nil
	}
	var names []string
	fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// A directory that cannot be read (or an entry that vanished
			// during the walk): report it and go on with the rest.
			errs.Errorf(diag.Pos{File: display(prefix, p)}, "", "cannot read: %v", ioReason(err))
			return nil
		}
		mode := d.Type()
		switch {
		case mode&fs.ModeSymlink != 0 || (!d.IsDir() && !mode.IsRegular()):
			errs.Errorf(diag.Pos{File: display(prefix, p)}, "", "%s", refusal(fsys, p, mode, ""))
		case d.IsDir():
		case strings.HasSuffix(p, ".md"):
			names = append(names, p)
		}
		return nil
	})
	slices.Sort(names)
	return names
}

// refusal explains why the entry at p, of the given mode, is not read. It
// asks internal/source, which decides for every loader (source.Check only
// looks at the entry, so it cannot block on a pipe); fallback is used when
// source finds nothing wrong with it.
func refusal(fsys fs.FS, p string, mode fs.FileMode, fallback string) string {
	if _, err := source.Check(fsys, p, MaxSize); err != nil && source.IsRefused(err) {
		return err.Error()
	}
	if mode&fs.ModeSymlink != 0 {
		return "is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)"
	}
	if fallback != "" {
		return fallback
	}
	return "is not a regular file; bantin reads only regular files"
}

// ioReason drops the path an fs.PathError repeats, since the error is
// already positioned at that path.
func ioReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read reads the article file name of fsys through internal/source (a
// regular file of at most MaxSize bytes, never a link or a pipe) and parses
// it. display is the path shown in errors. It returns nil when the file
// cannot be read or has errors, all of them reported into errs.
func Read(fsys fs.FS, name, display string, loc *time.Location, errs *diag.List) *Article {
	src, err := source.ReadFile(fsys, name, MaxSize)
	if err != nil {
		if source.IsRefused(err) {
			errs.Errorf(diag.Pos{File: display}, "", "%v", err)
		} else {
			errs.Errorf(diag.Pos{File: display}, "", "cannot read: %v", ioReason(err))
		}
		return nil
	}
	return Parse(display, src, loc, errs)
}

// Parse reads one article file. It returns nil when the file has errors,
// all of them reported into errs. Parse may be called from several
// goroutines with one shared list: it collects the file's errors on its
// own list first, so other files' errors never make it reject this one.
func Parse(file string, src []byte, loc *time.Location, errs *diag.List) *Article {
	var own diag.List
	a := parse(file, src, loc, &own)
	if own.Len() > 0 {
		errs.Add(&own)
		return nil
	}
	return a
}

// Body returns the Markdown body of an article's source as Parse reads it
// (line ends normalised, front matter cut off), without decoding the front
// matter: for a reader that needs the text again, such as the search
// index or a build that let the source go after reading its front matter.
// line is the line of src where the body starts (Article.BodyLine); ok is
// false where the front matter's fences are missing. src must be bytes
// Parse accepted (the build compares their hash with the first reading's):
// Parse's byte-by-byte UTF-8 and NUL check, a tenth of a large build's
// reading, is not made twice.
func Body(src []byte) (body []byte, line int, ok bool) {
	_, body, line, ok = split(normalize(src))
	return body, line, ok
}

func parse(file string, src []byte, loc *time.Location, errs *diag.List) *Article {
	if len(src) > MaxSize {
		errs.Errorf(diag.Pos{File: file}, "", "article is larger than %d MiB", MaxSize>>20)
		return nil
	}
	src = normalize(src)
	if off, what := badByte(src); off >= 0 {
		line, col := lineCol(src, off)
		errs.Errorf(diag.Pos{File: file, Line: line, Col: col}, "", "%s", what)
		return nil
	}
	front, body, bodyLine, ok := split(src)
	if !ok {
		errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "", "missing front matter: an article starts with a line \"---\", its YAML settings (title, date, …), and another \"---\"")
		return nil
	}
	a := &Article{File: file, Body: body, BodyLine: bodyLine}
	a.TranslationKey, a.suffix = fileLang(file)
	a.Lang = a.suffix
	doc, err := yamlx.Parse(file, front, 1)
	if err != nil {
		errs.Add(err)
		return nil
	}
	yamlx.NewDecoder(file, errs).Decode(doc, &a.Front)
	if errs.Len() > 0 {
		return nil
	}
	fm := &a.Front
	title := strings.TrimSpace(fm.Title)
	switch n := utf8.RuneCountInString(fm.Title); {
	case title == "":
		errs.Errorf(fm.Meta.At("title"), "title", "title is empty")
	case n > MaxTitleLen:
		errs.Errorf(fm.Meta.At("title"), "title", "the title is %d characters long; at most %d are allowed (put the rest in summary:)", n, MaxTitleLen)
	}
	d, t, err := date.ParseDateTime(fm.Date, loc)
	if err != nil {
		errs.Errorf(fm.Meta.At("date"), "date", "%v", err)
	}
	a.Date, a.Time = d, t
	switch {
	case fm.Slug != "":
		a.Slug = fm.Slug
		if !slug.Valid(fm.Slug) {
			errs.Errorf(fm.Meta.At("slug"), "slug", "%q is not a valid slug: use lowercase ASCII letters, digits and single dashes (e.g. %q)", fm.Slug, slug.Truncate(slug.Make(fm.Slug), MaxSlugLen))
		} else if len(fm.Slug) > MaxSlugLen {
			errs.Errorf(fm.Meta.At("slug"), "slug", "the slug is %d characters long; at most %d are allowed (e.g. %q)", len(fm.Slug), MaxSlugLen, slug.Truncate(fm.Slug, MaxSlugLen))
		}
	case title != "":
		// A long title keeps its first words in the URL.
		a.Slug = slug.Truncate(slug.Make(fm.Title), MaxSlugLen)
		if a.Slug == "" {
			errs.Errorf(fm.Meta.At("title"), "title", "the title %q gives an empty slug: add slug: to the front matter", fm.Title)
		}
	}
	if fm.Plan != "" && !slug.Valid(fm.Plan) {
		errs.Errorf(fm.Meta.At("plan"), "plan", "%q is not a plan id", fm.Plan)
	}
	a.Tags = tags(fm, itemPositions(file, doc, "tags"), errs)
	if fm.Source != nil && fm.Source.URL != "" && !safeURL(fm.Source.URL) {
		errs.Errorf(fm.Meta.At("source"), "source.url", "%q is not an http(s) URL", fm.Source.URL)
	}
	if fm.Meta.Has("cover") {
		cover, err := site.CheckImage(fm.Cover)
		if err != nil {
			errs.Errorf(fm.Meta.At("cover"), "cover", "%v", err)
		}
		a.Cover = cover
	}
	return a
}

// tags checks the front matter's tags and returns them with their slugs,
// repeats (by slug) merged. at holds the position of each tag in the file.
func tags(fm *FrontMatter, at []diag.Pos, errs *diag.List) []Tag {
	if len(fm.Tags) > MaxTags {
		errs.Errorf(fm.Meta.At("tags"), "tags", "%d tags; an article may have at most %d (every tag is a page of the site)", len(fm.Tags), MaxTags)
		return nil
	}
	var out []Tag
	seen := map[string]bool{}
	for i, name := range fm.Tags {
		pos := fm.Meta.At("tags")
		if i < len(at) {
			pos = at[i]
		}
		// A site's topics are a few hundred names shared by thousands of
		// bulletins: each name and slug is kept once (unique.Make), not
		// once per bulletin, and the collector, which visits every
		// string a build holds on every cycle, visits a few hundred.
		fm.Tags[i] = unique.Make(name).Value()
		name = unique.Make(strings.TrimSpace(name)).Value()
		if n := utf8.RuneCountInString(name); n > MaxTagLen {
			errs.Errorf(pos, diagIndex("tags", i), "the tag is %d characters long; at most %d are allowed", n, MaxTagLen)
			continue
		}
		s := slug.Truncate(slug.Make(name), MaxSlugLen)
		if s == "" {
			errs.Errorf(pos, diagIndex("tags", i), "tag %q has no letters or digits", name)
			continue
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, Tag{Name: name, Slug: unique.Make(s).Value()})
		}
	}
	return out
}

// itemPositions returns where each item of the sequence under key stands
// in the front matter, for errors about one item; nil when key is absent
// or not a sequence (the decoder has reported that already).
func itemPositions(file string, doc *yaml.Node, key string) []diag.Pos {
	if doc == nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		items := m.Content[i+1].Content
		out := make([]diag.Pos, len(items))
		for j, n := range items {
			out[j] = diag.Pos{File: file, Line: n.Line, Col: n.Column}
		}
		return out
	}
	return nil
}

func diagIndex(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// safeURL accepts only web links, so a source cannot carry javascript: URLs.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

var bom = []byte("\ufeff")

// normalize drops a UTF-8 byte order mark at the start and turns CRLF and
// lone CR (old Mac) line endings into LF, as CommonMark and YAML both count
// a lone CR as a line break: positions reported later then match what an
// editor shows. The source is copied only when it holds a CR, so the usual
// LF file costs nothing.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	first := bytes.IndexByte(src, '\r')
	if first < 0 {
		return src
	}
	out := make([]byte, first, len(src))
	copy(out, src[:first])
	for i := first; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			if i+1 < len(src) && src[i+1] == '\n' {
				continue // the LF that follows ends the line
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// badByte finds the first byte that cannot be in an article: invalid UTF-8
// (a file saved in a legacy encoding, or a corrupted one) or NUL. It
// returns -1 when there is none, else the offset and what is wrong.
func badByte(src []byte) (int, string) {
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return -1, ""
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == 0:
			return i, "NUL byte: an article is text; remove it"
		case c < utf8.RuneSelf:
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i, fmt.Sprintf("invalid UTF-8 (byte 0x%02x): save the file as UTF-8", c)
		}
		i += size
	}
	return -1, ""
}

// lineCol converts an offset of src to a 1-based line and a 1-based column
// counted in characters, as the other positions of bantin are. The text
// before off is valid UTF-8.
func lineCol(src []byte, off int) (line, col int) {
	before := src[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// split separates "---" front matter from the body of a normalized source.
// bodyLine is the line of src on which the body starts.
func split(src []byte) (front, body []byte, bodyLine int, ok bool) {
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

// checkSlugs reports every article whose slug an article earlier in the
// list already has, at its slug: (or title, which made the slug), and
// returns the articles without those. Load passes the articles in file
// name order, so the error always goes to the later file of a pair. One
// map lookup per article: no work per pair.
//
// With perLang, slugs need only be unique within a language: a
// translation's pages are under its language's own path.
func checkSlugs(articles []*Article, perLang bool, errs *diag.List) []*Article {
	// By language, then slug: no key joined for each article at every
	// save, and a string-keyed map (Go's fastest) for the slugs.
	langs := map[string]map[string]*Article{}
	var bySlug map[string]*Article
	out := articles[:0]
	for _, a := range articles {
		lang := ""
		if perLang {
			lang = a.Lang
		}
		if bySlug = langs[lang]; bySlug == nil {
			bySlug = make(map[string]*Article, len(articles))
			langs[lang] = bySlug
		}
		if prev, dup := bySlug[a.Slug]; dup {
			at := a.Front.Meta.At("title")
			if a.Front.Slug != "" {
				at = a.Front.Meta.At("slug")
			}
			errs.Errorf(at, "", "slug %q is already used by %s: two articles cannot share a URL; set slug: in one of them", a.Slug, prev.File)
			continue
		}
		bySlug[a.Slug] = a
		out = append(out, a)
	}
	return out
}

// URL is the article's page, relative to the site root.
func (a *Article) URL() string { return urls.Article(a.Slug) }
