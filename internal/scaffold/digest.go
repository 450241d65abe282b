package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/slug"
	"github.com/bantin/bantin/internal/view"
)

// The digest: `bantin new article --digest 2024-Q1` drafts a bulletin of
// everything the record says changed in a window, so an editor starts
// from the facts and writes only the prose. Every figure is a shortcode
// (metric, change, progress), never a typed number, so the draft builds at
// once and stays true to the data; the lists of tasks are worded from the
// same lines as the changes shortcode and the feed of changes.

// Window is the days a digest covers, both included.
type Window struct {
	Since, Until date.Date
	// Period is the period the window was given as (2024-Q1); zero for a
	// window given as two dates.
	Period period.Period
}

// ParseWindow reads a period as written in data files (2024-Q1, 2024-04,
// 2024, 2024-04-09) as the window of its days.
func ParseWindow(s string) (Window, error) {
	p, err := period.Detect(s)
	if err != nil {
		return Window{}, err
	}
	return Window{Since: p.Start(), Until: p.End(), Period: p}, nil
}

// DaysWindow is the window from since to until, both included; until must
// not be before since.
func DaysWindow(since, until date.Date) (Window, error) {
	if until.Before(since) {
		return Window{}, fmt.Errorf("--until %s is before --since %s", until, since)
	}
	return Window{Since: since, Until: until}, nil
}

// Title is the digest's title in the site's language.
func (w Window) Title(L *locale.Locale) string {
	if !w.Period.IsZero() {
		return L.Tf("digest.title", L.Period(w.Period))
	}
	return L.Tf("digest.titlerange", L.Date(w.Since), L.Date(w.Until))
}

// Digest returns the draft bulletin for window w: front matter (the
// window's last day as its date, draft: true), then a heading per plan
// with its progress and the tasks done, newly overdue and moved in the
// window, then a heading per group of metrics (by source) with every value
// new or revised in the window as a metric shortcode and its change. The
// same data gives the same bytes.
func Digest(set *data.Set, L *locale.Locale, w Window) ([]byte, error) {
	from, to := w.Since.AddDays(-1), w.Until
	lines := derive.ChangesBetween(set, from, to)
	words := view.New(nil, L, set, to, nil)
	var b bytes.Buffer
	front, err := FrontMatter(w.Title(L), to)
	if err != nil {
		return nil, err
	}
	b.Write(front)
	fmt.Fprintf(&b, "\n%s\n", mdEscape(L.Tf("digest.intro", L.Date(w.Since), L.Date(w.Until))))

	for _, id := range set.PlanIDs() {
		p := set.Plans[id]
		fmt.Fprintf(&b, "\n## %s\n\n{{< progress %q >}}\n", mdEscape(L.Tf("digest.plan", p.Title)), id)
		for _, k := range []derive.LineKind{derive.LineDone, derive.LineOverdue, derive.LineMoved} {
			var items []string
			for _, l := range lines {
				if l.Kind == k && l.Plan == p {
					it := words.ChangeItem(l)
					text := it.Subject + ": " + it.Text
					if it.Detail != "" {
						text += ", " + it.Detail
					}
					items = append(items, "- "+mdEscape(text))
				}
			}
			if len(items) > 0 {
				fmt.Fprintf(&b, "\n### %s\n\n%s\n", mdEscape(L.T("changes.kind."+string(k))), strings.Join(items, "\n"))
			}
		}
	}

	// Metrics, grouped by source, in the order of their ids.
	type group struct {
		name  string
		items []string
	}
	var groups []*group
	byName := map[string]*group{}
	for _, l := range lines {
		if l.Metric == nil {
			continue
		}
		name := L.T("digest.metrics.other")
		if l.Metric.Source != nil && strings.TrimSpace(l.Metric.Source.Name) != "" {
			name = L.Tf("digest.metrics", l.Metric.Source.Name)
		}
		g := byName[name]
		if g == nil {
			g = &group{name: name}
			byName[name] = g
			groups = append(groups, g)
		}
		g.items = append(g.items, metricLine(L, l, to))
	}
	for _, g := range groups {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", mdEscape(g.name), strings.Join(g.items, "\n"))
	}
	return b.Bytes(), nil
}

// metricLine is one metric value of the digest: its title and period, the
// figure as a metric shortcode and, when the data has a period to compare
// with, the change as a change shortcode (on the period before, else on
// the year before). A revised value says when it was revised.
func metricLine(L *locale.Locale, l derive.ChangeLine, day date.Date) string {
	m, p := l.Metric, l.Period.String()
	s := "- " + mdEscape(m.Title+", "+L.Period(l.Period)) + ": "
	if l.Kind == derive.LineRevised {
		s += mdEscape(L.Tf("digest.revisedon", L.Date(l.Date))) + " "
	}
	s += fmt.Sprintf("{{< metric %q %q >}}", m.ID, p)
	for _, basis := range []derive.Basis{derive.Prev, derive.YoY} {
		if _, err := derive.ChangeOnAsOf(m, l.Period, basis, day); err == nil {
			s += fmt.Sprintf(" ({{< change %q %q %q >}} %s)", m.ID, p, string(basis), mdEscape(strings.ToLower(L.T("metric."+string(basis)))))
			break
		}
	}
	return s
}

// mdEscape escapes what Markdown (and shortcodes) would read in text
// taken from the data: a title holding "*", "[", "<" or "{{<" stays text.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#{}|!~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NewDigest writes the draft digest of window w into the site at siteDir
// as content/articles/<last day>-<slug of the title>.md and returns its
// path. The site's settings and data must load without errors (they come
// back as a *diag.List), checked as of now's day in the site's time zone,
// as a build of today checks them. It never overwrites: an existing file
// is an error that matches fs.ErrExist.
func NewDigest(siteDir string, w Window, now time.Time) (string, error) {
	if info, err := os.Stat(siteDir); err != nil || !info.IsDir() {
		return "", fmt.Errorf("new digest: site directory %s does not exist", siteDir)
	}
	prefix := siteDir
	if prefix == "." {
		prefix = ""
	}
	fsys := os.DirFS(siteDir)
	errs := &diag.List{}
	cfg := site.Load(fsys, prefix, errs)
	if cfg == nil {
		return "", errs
	}
	// The digest is worded as the site's pages are: in its default
	// language, with the UI strings of its templates/i18n/ over the theme's.
	var override fs.FS
	if info, err := fs.Stat(fsys, "templates"); err == nil && info.IsDir() {
		override, _ = fs.Sub(fsys, "templates")
	}
	cat, err := locale.LoadCatalog(bantin.Theme(), override, filepath.Join(prefix, "templates"))
	if err != nil {
		return "", err // a *diag.List: each refused key at its place
	}
	L, err := cat.Locale(cfg.Language)
	if err != nil {
		return "", fmt.Errorf("new digest: %w", err)
	}
	set := data.Load(fsys, prefix, errs)
	set.ApplyLanguages(cfg.Languages, errs)
	set.Validate(date.Of(now.In(cfg.Location)), errs)
	if err := errs.Err(); err != nil {
		return "", err
	}
	doc, err := Digest(set, L, w)
	if err != nil {
		return "", fmt.Errorf("new digest: %w", err)
	}
	dir := filepath.Join(siteDir, filepath.FromSlash(content.Dir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("new digest: %w", err)
	}
	name := filepath.Join(dir, w.Until.String()+"-"+slug.Make(w.Title(L))+".md")
	if err := writeNew(name, doc); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", existsError(name)
		}
		return "", fmt.Errorf("new digest: %w", err)
	}
	return name, nil
}
