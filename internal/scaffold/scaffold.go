// Package scaffold creates new things for writers: a whole working site
// (`bantin new site DIR`) and an empty bulletin (`bantin new article`).
//
// A new site must build at once, with no errors, so that a newcomer sees
// every feature working before changing anything: it carries one article,
// one plan and one metric whose shortcodes reference each other. Its dates
// are computed from today (the article is dated today, the plan and the
// metric cover the previous years), so the example is always in the past
// of the build's as-of date and never goes stale or invalid.
//
// Nothing here ever overwrites a file: a new site needs an empty (or
// missing) directory, and a new article a file name not taken yet.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/schema"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/slug"
)

// tree is the new site, as templates. Files are executed with text/template
// using the delimiters [[ and ]], because {{ and }} belong to shortcodes.
// A "_date_" in a file name becomes today's date.
//
//go:embed all:site
var tree embed.FS

// ErrNotEmpty is returned by NewSite for a directory that already holds
// something: a new site is never mixed with existing files.
var ErrNotEmpty = errors.New("directory is not empty")

// vars are what the site templates may use.
type vars struct {
	Today    string // YYYY-MM-DD in the site's time zone: the article's date
	ThisYear int    // the current year: the metric's target year
	Year     int    // the previous year: the plan's year, the metric's last values
	PrevYear int    // the year before that: the metric's first values
}

// NewSite writes a new, working site into dir, which must not exist or be
// empty, and returns the files it created as slash paths relative to dir,
// sorted. now decides the dates; the site's time zone is the default one
// (Asia/Ho_Chi_Minh), which site.yaml also names.
func NewSite(dir string, now time.Time) ([]string, error) {
	if err := checkEmpty(dir); err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(site.DefaultTimezone)
	if err != nil {
		return nil, fmt.Errorf("new site: time zone %s: %w", site.DefaultTimezone, err)
	}
	today := date.Of(now.In(loc))
	v := vars{Today: today.String(), ThisYear: today.Year, Year: today.Year - 1, PrevYear: today.Year - 2}

	type file struct {
		rel  string
		data []byte
	}
	var files []file
	err = fs.WalkDir(tree, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(tree, p)
		if err != nil {
			return err
		}
		out, err := expand(p, src, v)
		if err != nil {
			return err
		}
		rel := strings.ReplaceAll(strings.TrimPrefix(p, "site/"), "_date_", v.Today)
		// The first line names the file's JSON Schema, so that VS Code's
		// YAML extension (and every editor using yaml-language-server)
		// completes keys and flags mistakes as they are typed.
		if line, ok := schema.Comment(rel); ok {
			out = append([]byte(line+"\n"), out...)
		}
		files = append(files, file{rel, out})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	// The schemas those lines name, generated from the loader's own types.
	schemas, err := schema.All()
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	for _, s := range schemas {
		files = append(files, file{schema.Dir + "/" + s.Name, s.Data})
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.rel, b.rel) })

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	var created []string
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return created, fmt.Errorf("new site: %w", err)
		}
		if err := writeNew(name, f.data); err != nil {
			return created, fmt.Errorf("new site: %w", err)
		}
		created = append(created, f.rel)
	}
	// content/static is where images and PDFs go; it starts empty (a
	// placeholder file inside would be copied to the published site).
	if err := os.MkdirAll(filepath.Join(dir, "content", "static"), 0o755); err != nil {
		return created, fmt.Errorf("new site: %w", err)
	}
	return created, nil
}

// checkEmpty accepts a missing directory or an empty one.
func checkEmpty(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("new site: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("new site: %s exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("new site: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("new site: %s: %w (it holds %s); choose a new or empty directory", dir, ErrNotEmpty, entries[0].Name())
	}
	return nil
}

// expand runs one site template.
func expand(name string, src []byte, v vars) ([]byte, error) {
	t, err := template.New(path.Base(name)).Delims("[[", "]]").Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// writeNew creates name with data, failing if it exists: O_EXCL makes the
// check and the creation one step, so nothing is ever overwritten.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	return f.Close()
}

// NewArticle creates content/articles/<YYYY-MM-DD>-<slug>.md in the site
// at siteDir, dated today (now, in the site's time zone), and returns its
// path (siteDir joined with the relative path).
//
// The article starts as a draft (draft: true): bulletins are public
// statements, so nothing a writer has just started is published by the
// next `bantin build` by accident; `bantin serve --drafts` previews it, and
// the writer removes the line or sets draft: false to publish.
//
// It never overwrites: if the file exists the error wraps fs.ErrExist. A
// site whose settings have errors gives them back as a *diag.List.
func NewArticle(siteDir, title string, now time.Time) (string, error) {
	// One line: a title typed with stray spaces or line breaks is tidied.
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return "", errors.New("new article: the title is empty")
	}
	s := slug.Make(title)
	if s == "" {
		return "", fmt.Errorf("new article: the title %q has no letter or digit to make a file name from", title)
	}
	prefix := siteDir
	if prefix == "." {
		prefix = ""
	}
	if info, err := os.Stat(siteDir); err != nil || !info.IsDir() {
		return "", fmt.Errorf("new article: site directory %s does not exist", siteDir)
	}
	errs := &diag.List{}
	cfg := site.Load(os.DirFS(siteDir), prefix, errs)
	if cfg == nil {
		return "", errs
	}
	today := date.Of(now.In(cfg.Location))

	front, err := FrontMatter(title, today)
	if err != nil {
		return "", fmt.Errorf("new article: %w", err)
	}
	body := "Nội dung bản tin.\n"
	if cfg.Language == "en" {
		body = "Write the bulletin here.\n"
	}
	dir := filepath.Join(siteDir, filepath.FromSlash(content.Dir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("new article: %w", err)
	}
	name := filepath.Join(dir, today.String()+"-"+s+".md")
	if err := writeNew(name, append(front, "\n"+body...)); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", existsError(name)
		}
		return "", fmt.Errorf("new article: %w", err)
	}
	return name, nil
}

// existsError says an article file is taken; it matches fs.ErrExist.
type existsError string

func (e existsError) Error() string {
	return fmt.Sprintf("new article: %s already exists; bantin never overwrites an article (change the title or edit that file)", string(e))
}

func (e existsError) Is(target error) bool { return target == fs.ErrExist }

// FrontMatter returns the front matter block of a new article, between its
// two "---" lines. It is made with yaml.v3 rather than by pasting strings,
// so a title holding quotes, colons, "#" or a leading "-" stays one string.
func FrontMatter(title string, day date.Date) ([]byte, error) {
	str := func(v string, style yaml.Style) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: style}
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		str("title", 0), str(title, yaml.DoubleQuotedStyle),
		// Plain, as people write dates; front matter reads it as text.
		str("date", 0), {Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: day.String()},
		str("tags", 0), {Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle},
		str("draft", 0), {Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(true)},
	}}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	b.WriteString("---\n")
	return b.Bytes(), nil
}
