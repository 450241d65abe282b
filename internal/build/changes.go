package build

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/shortcode"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/view"
)

// The record's own changes: changes.xml, a site-wide Atom feed of what
// changed in the plans and metrics (tasks done, newly overdue, deadlines
// moved, metric values new and revised), so journalists can follow the
// record itself and not only the bulletins; and what the changes
// shortcode of an article depends on, so incremental builds re-render it
// exactly when it may change.

// changesFeedSize is how many changes changes.xml carries, the newest.
const changesFeedSize = 100

// The keys, among the data versions (versions.data), of what the changes
// shortcode depends on besides its article: every plan and metric (its
// window may hold any change), and the dates of the published bulletins
// (since="previous" looks up the bulletin before its own).
const (
	allDataKey   = "data"
	bulletinsKey = "bulletins"
)

// changesUses names what a changes shortcode reads, for Article.Uses.
func changesUses(c *shortcode.Call) []string {
	since := c.Named["since"]
	if since == "" && len(c.Args) > 0 {
		since = c.Args[0]
	}
	if since == "" || since == "previous" {
		return []string{allDataKey, bulletinsKey}
	}
	return []string{allDataKey}
}

// bulletinDates are the dates of the published articles, for
// view.Builder.WithBulletins.
func (s *Site) bulletinDates() []date.Date {
	ds := make([]date.Date, len(s.Articles))
	for i, a := range s.Articles {
		ds[i] = a.Date
	}
	return ds
}

// noteDataVersions records the version of all data under allDataKey, once
// loadData has made the versions of the files, and keeps the bulletins'
// version, which loadData's new map would otherwise lose.
func (s *Site) noteDataVersions(old map[string]uint64) {
	s.versions.data[allDataKey] = s.versions.all
	if v, ok := old[bulletinsKey]; ok {
		s.versions.data[bulletinsKey] = v
	}
}

// noteBulletins records the version of the bulletins' dates once the
// published articles are collected, and marks for rendering again the
// articles whose changes shortcode looks up the previous bulletin when the
// dates changed (an article added, removed, redated, published).
func (s *Site) noteBulletins() {
	if s.versions.data == nil {
		s.versions.data = map[string]uint64{}
	}
	ds := s.bulletinDates()
	slices.SortFunc(ds, date.Date.Compare)
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	v := graph.HashString(parts...)
	old, had := s.versions.data[bulletinsKey]
	s.versions.data[bulletinsKey] = v
	if had && old == v {
		return
	}
	for _, f := range s.files {
		if f.article != nil && slices.Contains(f.article.Uses, bulletinsKey) {
			f.rendered = false
		}
	}
}

// changesNodes adds changes.xml, of s's edition (Site.in): each language
// has its own. It depends on the settings (the as-of date, the language,
// the base URL) and on every plan and metric; not on the theme or the
// articles.
func (s *Site) changesNodes(g *graph.Graph) error {
	figures := s.figures()
	return g.Add(&graph.Node{Path: urls.Changes, Kind: graph.Feed, Key: "changes",
		Inputs:  []graph.Input{s.siteInput(), s.allData()},
		Produce: func() ([]byte, error) { return s.changesFeed(figures) }})
}

// changesFeed is the Atom feed of the newest changes up to the build's
// as-of date. Every date in it comes from the data (the day a change took
// effect, at midnight in the site's time zone), never from the clock, so
// builds stay byte-identical.
func (s *Site) changesFeed(figures *view.Builder) ([]byte, error) {
	items := newestChanges(figures, s.AsOf)
	self := s.abs(urls.Changes)
	f := atomFeed{
		Lang:   s.ed.Lang,
		Title:  s.siteTitle() + " — " + s.Locale.T("changes.feed"),
		ID:     self,
		Links:  []atomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: s.abs(urls.Home()), Rel: "alternate", Type: "text/html"}},
		Author: atomPerson{Name: s.siteTitle()},
	}
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, it := range items {
		at := time.Date(it.Date.Year, it.Date.Month, it.Date.Day, 0, 0, 0, 0, s.Config.Location)
		if at.After(updated) {
			updated = at
		}
		title := it.Subject + ": " + it.Text
		text := title
		if it.Context != "" {
			text += " (" + it.Context + ")"
		}
		e := atomEntry{
			Title:     title,
			ID:        self + "#" + url.PathEscape(it.Key),
			Link:      atomLink{Href: s.absWithFragment(it.URL), Rel: "alternate", Type: "text/html"},
			Published: at.Format(time.RFC3339),
			Updated:   at.Format(time.RFC3339),
			Summary:   atomText{Type: "text", Body: text},
			Category:  []atomCat{{Term: it.Kind, Label: s.Locale.T("changes.kind." + it.Kind)}},
			Author:    atomPerson{Name: s.siteTitle()},
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = updated.Format(time.RFC3339)
	return marshalXML(f)
}

// newestChanges are the changesFeedSize newest changes up to asOf, newest
// first (the order among changes of one day is derive's). It looks back
// a month, then twice as far each time, until the window holds that many
// or reaches back before any date of the data: a site with years of daily
// values words, and holds, only its recent changes. Any change outside a
// window is older than every change in it, so the result is the newest of
// all time.
func newestChanges(figures *view.Builder, asOf date.Date) []view.ChangeItem {
	for days := 31; days < 1<<16; days *= 2 {
		if items := figures.NewestChanges(asOf.AddDays(-days), asOf, changesFeedSize); len(items) >= changesFeedSize {
			return items
		}
	}
	return figures.NewestChanges(date.Date{}, asOf, changesFeedSize)
}

// absWithFragment is Site.abs for a site-relative address that may end
// in a fragment ("plans/x/#task-T01"), which AbsURL would escape as part
// of the path.
func (s *Site) absWithFragment(rel string) string {
	p, frag, ok := strings.Cut(rel, "#")
	if !ok {
		return s.abs(rel)
	}
	return s.abs(p) + "#" + url.PathEscape(frag)
}
