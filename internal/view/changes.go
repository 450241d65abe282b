package view

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/shortcode"
	"github.com/bantin/bantin/internal/urls"
)

// What changed between two days, worded: the lines of the changes
// shortcode in a bulletin ("since the previous bulletin") and the entries
// of the site's feed of changes (changes.xml). Both come from
// derive.ChangesBetween, so a bulletin and the feed never disagree.

// ChangeItem is one change, formatted.
type ChangeItem struct {
	Kind string    // a derive.LineKind: done, overdue, moved, new, revised
	Date date.Date // the day the change took effect

	// Subject is what changed ("T01 Tham mưu ..." or a metric's title and
	// period), Context the plan it belongs to (empty for metrics), Text
	// the change in words with its figure ("hoàn thành ngày 11/02/2024,
	// đúng hạn"; "hơn 2,7 triệu hồ sơ, +200 nghìn so với kỳ trước").
	Subject, Context, Text string

	// Detail is what holds only at the end of the window ("đến nay 12
	// ngày"): bulletins print it after Text, the feed of changes, whose
	// entries record events, leaves it out.
	Detail string

	// URL is the page that shows the item, site-relative: the task's row
	// on its plan page, or the metric's page.
	URL string

	// Key names the change among all others, stably from build to build
	// (the feed's entry ids): kind, plan or metric, task or period, day.
	Key string
}

// ChangeGroup is the changes of one kind.
type ChangeGroup struct {
	Kind, Title string
	Items       []ChangeItem
}

// ChangesView is what the "changes" partial shows.
type ChangesView struct {
	Title  string
	Groups []ChangeGroup // kinds with no change are left out
	Empty  string        // said when no group is left
}

// WithBulletins tells the builder the dates of the site's published
// bulletins, which {{< changes since="previous" >}} looks the previous
// one up in. It must be called before the builder is used, and returns b.
func (b *Builder) WithBulletins(dates []date.Date) *Builder {
	b.bulletins = slices.SortedFunc(slices.Values(dates), date.Date.Compare)
	return b
}

// PreviousBulletin returns the date of the latest bulletin dated before
// day (the day itself excluded: bulletins of one day report one window);
// false when there is none.
func (b *Builder) PreviousBulletin(day date.Date) (date.Date, bool) {
	i, _ := slices.BinarySearchFunc(b.bulletins, day, date.Date.Compare)
	if i == 0 {
		return date.Date{}, false
	}
	return b.bulletins[i-1], true
}

// Changes returns the changes in the window (from, to], worded, in the
// order derive.ChangesBetween gives them. The zero from is "since the
// beginning".
func (b *Builder) Changes(from, to date.Date) []ChangeItem {
	return b.word(derive.ChangesBetween(b.data, from, to))
}

// NewestChanges is Changes cut to the n newest, newest first (changes of
// one day in the order Changes gives them): only those are worded. A
// change's key is what Changes gives it, as two changes with one key
// are of one day.
func (b *Builder) NewestChanges(from, to date.Date, n int) []ChangeItem {
	lines := derive.ChangesBetween(b.data, from, to)
	slices.SortStableFunc(lines, func(x, y derive.ChangeLine) int { return y.Date.Compare(x.Date) })
	return b.word(lines[:min(len(lines), n)])
}

// word words lines, making their keys unique in order.
func (b *Builder) word(lines []derive.ChangeLine) []ChangeItem {
	out := make([]ChangeItem, 0, len(lines))
	seen := map[string]int{}
	for _, l := range lines {
		it := b.changeItem(l)
		// Two changes equal in every key (two moves of one task on one
		// day) keep apart by their rank.
		if n := seen[it.Key]; n > 0 {
			seen[it.Key] = n + 1
			it.Key += "-" + strconv.Itoa(n+1)
		} else {
			seen[it.Key] = 1
		}
		out = append(out, it)
	}
	return out
}

// ChangeItem words one line of derive.ChangesBetween, as Changes does
// (its Key is not made unique among others).
func (b *Builder) ChangeItem(l derive.ChangeLine) ChangeItem { return b.changeItem(l) }

func (b *Builder) changeItem(l derive.ChangeLine) ChangeItem {
	it := ChangeItem{Kind: string(l.Kind), Date: l.Date}
	if l.Task != nil {
		it.Subject = l.Task.ID + " " + l.Task.Title
		it.Context = l.Plan.Title
		it.URL = urls.Plan(l.Plan.ID, "") + "#task-" + l.Task.ID
		it.Key = fmt.Sprintf("%s-%s-%s-%s", l.Kind, l.Plan.ID, l.Task.ID, l.Date)
	}
	switch l.Kind {
	case derive.LineDone:
		it.Text = b.L.Tf("changes.line.done", b.L.Date(l.Date))
		switch {
		case l.Due.IsZero():
		case l.OnTime:
			it.Text += ", " + b.L.Tf("changes.line.ontime", b.L.Date(l.Due))
		default:
			it.Text += ", " + b.L.Tf("changes.line.late", b.L.Date(l.Due))
		}
	case derive.LineOverdue:
		it.Text = b.L.Tf("changes.line.overdue", b.L.Date(l.Due))
		it.Detail = b.L.Tf("changes.line.overduefor", b.days(l.DaysOverdue, false))
	case derive.LineMoved:
		m := l.Move
		it.Text = b.L.Tf("changes.line.moved", b.L.Date(m.From), b.L.Date(m.To), b.days(m.Days, true), b.L.Date(m.Date))
		if s := b.basisText(m.Basis); s != "" {
			it.Text += "; " + b.L.Tf("basis.cited", s)
		}
	case derive.LineNew, derive.LineRevised:
		it.Subject = l.Metric.Title + ", " + b.L.Period(l.Period)
		it.URL = urls.Metric(l.Metric.ID)
		it.Key = fmt.Sprintf("%s-%s-%s-%s", l.Kind, l.Metric.ID, l.Period, l.Date)
		if l.Kind == derive.LineNew {
			it.Text = b.Value(l.Metric, l.Value, false)
			if l.Change != nil {
				it.Text += ", " + b.L.Tf("changes.line.onprev", b.ChangeText(*l.Change))
			}
		} else {
			it.Text = b.L.Tf("changes.line.revised", b.Value(l.Metric, l.Before, false), b.Value(l.Metric, l.Value, false), b.L.Date(l.Date))
			if l.Revision != nil {
				if s := b.basisText(l.Revision.Basis); s != "" {
					it.Text += "; " + b.L.Tf("basis.cited", s)
				}
			}
		}
	}
	return it
}

// ChangesView groups the changes in the window (from, to] by kind under
// title.
func (b *Builder) ChangesView(title string, from, to date.Date) ChangesView {
	v := ChangesView{Title: title}
	items := b.Changes(from, to)
	for _, k := range derive.LineKinds {
		g := ChangeGroup{Kind: string(k), Title: b.L.T("changes.kind." + string(k))}
		for _, it := range items {
			if it.Kind == string(k) {
				g.Items = append(g.Items, it)
			}
		}
		if len(g.Items) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	if len(v.Groups) == 0 {
		v.Empty = b.L.T("changes.none")
	}
	return v
}

// changesCode renders {{< changes since="previous" >}} (the default) or
// {{< changes since="2024-01-01" >}}: what changed after the previous
// bulletin's day, or from the given day on, up to the article's date.
func (b *Builder) changesCode(art *content.Article, c *shortcode.Call) ([]byte, error) {
	a, err := readArgs(c, []string{"since"})
	if err != nil {
		return nil, err
	}
	to := art.Date
	var from date.Date
	var title string
	switch since := a.get("since"); since {
	case "", "previous":
		if prev, ok := b.PreviousBulletin(to); ok {
			from = prev
			title = b.L.Tf("changes.sinceprev", b.L.Date(prev), b.L.Date(to))
		} else {
			title = b.L.Tf("changes.upto", b.L.Date(to))
		}
	default:
		d, err := date.Parse(since)
		if err != nil {
			return nil, fmt.Errorf("since: %v (want previous or a date YYYY-MM-DD)", err)
		}
		if d.After(to) {
			return nil, fmt.Errorf("since %s is after the article's date %s", d, to)
		}
		from = d.AddDays(-1) // the day itself is in the window
		title = b.L.Tf("changes.since", b.L.Date(d), b.L.Date(to))
	}
	return b.r.Fragment("changes", b.r.NewPage(art.URL(), ""), b.ChangesView(title, from, to))
}
