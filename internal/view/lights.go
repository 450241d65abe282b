package view

import (
	"strconv"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/locale"
)

// Traffic lights, moved deadlines and the documents items rest on, as
// pages show them. A light is always a coloured label with its name and
// the reason in words (LightBadge), never a colour alone: readers who do
// not see colour, and printed pages, lose nothing. The colours themselves
// live in the theme's style.css (the classes "light l-red" and so on).

// LightBadge is a task's light, worded.
type LightBadge struct {
	Light  string // "red", "amber", "green" or "grey": the CSS class l-<Light>
	Label  string // the light's name: "Đỏ"
	Reason string // why: "quá hạn 12 ngày"
}

// LightCount is how many tasks show one light.
type LightCount struct {
	Light, Label string
	Count        int
}

// BasisView is a cited document, formatted: "Công văn 123/BCA-V01" with,
// when given, who issued it, its date and a link to its text.
type BasisView struct {
	Doc, By, Date, URL string
}

// basisView formats b; nil when none is cited.
func (b *Builder) basisView(x *data.Basis) *BasisView {
	if x == nil || x.Doc == "" {
		return nil
	}
	v := &BasisView{Doc: x.Doc, By: x.By, URL: x.URL}
	if !x.Date.IsZero() {
		v.Date = b.L.Date(x.Date)
	}
	return v
}

// basisText is a basis in one line of plain text, for feeds and lists.
func (b *Builder) basisText(x *data.Basis) string {
	v := b.basisView(x)
	if v == nil {
		return ""
	}
	s := v.Doc
	switch {
	case v.By != "" && v.Date != "":
		s += " (" + v.By + ", " + v.Date + ")"
	case v.By != "":
		s += " (" + v.By + ")"
	case v.Date != "":
		s += " (" + v.Date + ")"
	}
	return s
}

// rules returns the traffic-light rules of plan p: the defaults, then the
// site's status-rules, then the plan's own.
func (b *Builder) rules(p *data.Plan) derive.Rules {
	var site *data.StatusRules
	if b.cfg != nil {
		site = b.cfg.StatusRules
	}
	return derive.RulesFrom(site, p.StatusRules)
}

// lightCounts words counts in the order of derive.Lights.
func (b *Builder) lightCounts(c derive.LightCounts) []LightCount {
	out := make([]LightCount, 0, len(derive.Lights))
	for _, l := range derive.Lights {
		out = append(out, LightCount{Light: string(l), Label: b.L.T("light." + string(l)), Count: c.Of(l)})
	}
	return out
}

// days writes a number of days: "12 ngày", or signed, "+92 ngày".
func (b *Builder) days(n int, signed bool) string {
	return b.L.Tf("plan.days", b.L.Number(float64(n), locale.NumberOpts{Full: true, Signed: signed}))
}

// badge words the light of one task.
func (b *Builder) badge(l derive.TaskLight, moves int) LightBadge {
	g := LightBadge{Light: string(l.Light), Label: b.L.T("light." + string(l.Light))}
	switch l.Reason {
	case derive.ReasonOverdue:
		g.Reason = b.L.Tf("light.why.overdue", b.days(-l.DaysLeft, false))
	case derive.ReasonMoved:
		g.Reason = b.L.Tf("light.why.moved", moves)
	case derive.ReasonBehind:
		g.Reason = b.L.Tf("light.why.behind", b.days(l.DaysLeft, false), b.L.Percent(l.Progress), b.L.Percent(l.Elapsed))
	default:
		g.Reason = b.L.T("light.why." + string(l.Reason))
	}
	return g
}

// RuleLine is one light and the rule that sets it, as the plan page
// prints them so readers can see how a light is set.
type RuleLine struct {
	Light, Label, Text string
}

// ruleLines words rules r, one line per light, in the order of
// derive.Lights. The "done late" rule goes with the light it gives.
func (b *Builder) ruleLines(r derive.Rules) []RuleLine {
	against := b.L.T("light.rule.current")
	if r.OverdueAgainst == data.OriginalDue {
		against = b.L.T("light.rule.original")
	}
	text := map[derive.Light]string{
		derive.Red:   b.L.Tf("light.rule.red", against),
		derive.Amber: b.L.Tf("light.rule.amber", strconv.Itoa(r.AmberWithinDays), strconv.Itoa(r.AmberMovedMoreThan)),
		derive.Green: b.L.T("light.rule.green"),
		derive.Grey:  b.L.T("light.rule.grey"),
	}
	text[r.DoneLate] += " " + b.L.T("light.rule.donelate")
	out := make([]RuleLine, 0, len(derive.Lights))
	for _, l := range derive.Lights {
		out = append(out, RuleLine{Light: string(l), Label: b.L.T("light." + string(l)), Text: text[l]})
	}
	return out
}

// MoveRow is one line of a plan's ledger of moved deadlines.
type MoveRow struct {
	TaskID, Task, TaskURL string // TaskURL: the task's row on the plan page, site-relative
	Date, From, To, Days  string
	Basis                 *BasisView
	Note                  string
}

// moveRows words the ledger of plan p as of day: every move, by date.
func (b *Builder) moveRows(p *data.Plan, day date.Date, planURL string) []MoveRow {
	var out []MoveRow
	for _, m := range derive.MovesOf(p, day) {
		out = append(out, MoveRow{
			TaskID: m.Task.ID, Task: m.Task.Title, TaskURL: planURL + "#task-" + m.Task.ID,
			Date: b.L.Date(m.Date), From: b.L.Date(m.From), To: b.L.Date(m.To),
			Days: b.days(m.Days, true), Basis: b.basisView(m.Basis), Note: m.Note,
		})
	}
	return out
}

// statusUpdate returns the update that gave task t its status as of day,
// as derive counts it: the latest dated on or before day that carries a
// status (of two on one day, the later in the file); nil when none does.
func statusUpdate(t *data.Task, day date.Date) *data.Update {
	var in *data.Update
	for i := range t.Updates {
		u := &t.Updates[i]
		if u.Status != "" && !u.Date.After(day) && (in == nil || !u.Date.Before(in.Date)) {
			in = u
		}
	}
	return in
}
