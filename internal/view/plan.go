package view

import (
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/urls"
)

// Segment is one status's share of a plan, for progress bars and legends.
type Segment struct {
	Status, Label string
	Count         int
	Pct           float64
}

// PlanSummary is a plan's progress in brief, as of a day: the box shown on
// the home page, the plans page and in bulletins.
type PlanSummary struct {
	ID, Title, Decision, URL string
	AsOf                     string // formatted day
	Total, Done, Overdue     int
	ShareDone                string // formatted percent
	Segments                 []Segment
	Label                    string // the bar in words, for screen readers

	// Moved counts the tasks whose deadline has moved by the day, and
	// MovedText says so ("3 thời hạn đã lùi"); empty when none moved.
	Moved     int
	MovedText string

	// Lights counts the tasks by traffic light, by the plan's rules.
	Lights []LightCount
}

// Summary builds the summary of plan id as of day d.
//
// A plan's summary is made once per day asked for: thousands of bulletins
// of a large site show the same plan as of a few hundred days. The value
// is shared; callers must not change its slices.
func (b *Builder) Summary(id string, d date.Date) PlanSummary {
	key := summaryKey{id, d}
	if v, ok := b.summaries.Load(key); ok {
		return v.(PlanSummary)
	}
	p := b.data.Plans[id]
	s := b.summary(p, derive.PlanAsOf(p, d))
	b.summaries.Store(key, s)
	return s
}

type summaryKey struct {
	id string
	d  date.Date
}

func (b *Builder) summary(p *data.Plan, st derive.PlanStatus) PlanSummary {
	s := PlanSummary{
		ID: p.ID, Title: p.Title, Decision: p.Decision, URL: urls.Plan(p.ID, ""),
		AsOf:      b.L.Date(st.AsOf),
		Total:     st.All.Total,
		Done:      st.All.Done,
		Overdue:   st.All.Overdue,
		ShareDone: b.L.Percent(st.All.ShareDone()),
		Moved:     st.All.Moved,
		Lights:    b.lightCounts(derive.LightsOf(st, b.rules(p)).All),
	}
	if s.Moved > 0 {
		s.MovedText = b.L.Tf("plan.movedcount", s.Moved)
	}
	for _, status := range data.Statuses {
		n := st.All.Of(status)
		seg := Segment{Status: string(status), Label: b.L.T("status." + string(status)), Count: n}
		if st.All.Total > 0 {
			seg.Pct = float64(n) * 100 / float64(st.All.Total)
		}
		s.Segments = append(s.Segments, seg)
		if n > 0 {
			if s.Label != "" {
				s.Label += ", "
			}
			s.Label += fmt.Sprintf("%s: %d", seg.Label, n)
		}
	}
	return s
}

// TaskRow is one task in a plan's table, formatted.
type TaskRow struct {
	ID, Title, Owner, Kind string

	// Due is the deadline in force on the page's date; OriginalDue the
	// one first set, only when a move changed it, with Moves the number
	// of moves.
	Due, OriginalDue string
	Moves            int

	Status, StatusLabel string
	Overdue             bool
	Progress            string
	Since               string // "since 11/02/2024"
	Note, UpdateNote    string

	Light LightBadge

	// Basis is the document that assigned the task, UpdateBasis that of
	// the update that gave its status; nil when none is cited.
	Basis, UpdateBasis *BasisView
}

// CountRow is a line of a counts table: a label and one cell per status.
type CountRow struct {
	Label string
	Cells []string
}

// CountTable is a counts table of the plan page, as the "counts" partial
// draws it: Caption and Label (the label column's head) are UI keys, one
// head per cell, one row per kind, owner...
type CountTable struct {
	Caption, Label string
	Heads          []string
	Rows           []CountRow
}

// KindTable, OwnerTable and LightTable are the plan page's counts tables:
// by kind and by owner per status, and by owner per light.
func (v PlanView) KindTable() CountTable {
	return CountTable{"plan.bykind", "plan.kind", v.StatusHeads, v.ByKind}
}
func (v PlanView) OwnerTable() CountTable {
	return CountTable{"plan.byowner", "plan.owner", v.StatusHeads, v.ByOwner}
}
func (v PlanView) LightTable() CountTable {
	return CountTable{"plan.lightsbyowner", "plan.owner", v.LightHeads, v.LightsByOwner}
}

// SortLink offers another order of the task table, as a separate page so
// it works without JavaScript.
type SortLink struct {
	Label, URL string
	Current    bool
}

// PlanView is what plan.html shows.
type PlanView struct {
	Plan        *data.Plan
	Issued      string
	Summary     PlanSummary
	Stats       []Stat
	StatusHeads []string
	ByKind      []CountRow
	ByOwner     []CountRow
	Tasks       []TaskRow
	Sorts       []SortLink
	Breakdown   *Figure
	History     *Figure

	// Basis is the document behind the plan; nil when none is cited.
	Basis *BasisView

	// Lights counts the tasks by light, LightsByOwner by owner (cells in
	// the order of LightHeads), and Rules says how each light is set.
	Lights        []LightCount
	LightHeads    []string
	LightsByOwner []CountRow
	Rules         []RuleLine

	// Moves is the ledger of moved deadlines, by date.
	Moves []MoveRow
}

// The orders of a plan's task table, each its own page.
var planSorts = []struct{ key, sort string }{{"plan.sort.file", ""}, {"plan.sort.owner", "by-owner"}, {"plan.sort.status", "by-status"}}

// PlanView builds a plan's page as of the build date, its tasks in the
// order named by sort (one of urls.PlanSorts).
func (b *Builder) PlanView(id, sort string) (*PlanView, error) {
	base, st, err := b.planBase(id)
	if err != nil {
		return nil, err
	}
	v := *base.PlanView
	tasks := st.Tasks
	switch sort {
	case "by-owner":
		tasks = st.TasksByOwner()
	case "by-status":
		tasks = st.TasksByStatus()
	}
	for _, t := range tasks {
		v.Tasks = append(v.Tasks, b.taskRow(t, base.lights[t.Task]))
	}
	for _, s := range planSorts {
		v.Sorts = append(v.Sorts, SortLink{Label: b.L.T(s.key), URL: urls.Plan(id, s.sort), Current: s.sort == sort})
	}
	return &v, nil
}

// planEntry is a plan's page as of the build date, less its task table:
// the same for every order of the table, so it is made once per build.
type planEntry struct {
	once   sync.Once
	v      *PlanView
	st     derive.PlanStatus
	lights map[*data.Task]derive.TaskLight
	err    error
}

// planBase is a plan's page less its task table, with the light of each
// task (by task) for the rows.
type planBase struct {
	*PlanView
	lights map[*data.Task]derive.TaskLight
}

func (b *Builder) planBase(id string) (planBase, derive.PlanStatus, error) {
	e, _ := b.plans.LoadOrStore(id, &planEntry{})
	pe := e.(*planEntry)
	pe.once.Do(func() { pe.v, pe.st, pe.lights, pe.err = b.makePlanBase(id) })
	if pe.err != nil {
		return planBase{}, pe.st, pe.err
	}
	return planBase{pe.v, pe.lights}, pe.st, nil
}

func (b *Builder) makePlanBase(id string) (*PlanView, derive.PlanStatus, map[*data.Task]derive.TaskLight, error) {
	p := b.data.Plans[id]
	st := derive.PlanAsOf(p, b.asOf)
	v := &PlanView{Plan: p, Issued: b.L.Date(p.Issued), Summary: b.summary(p, st), Basis: b.basisView(p.Basis)}
	lights := b.addLights(v, p, st)
	c := st.All
	v.Stats = []Stat{
		{b.L.T("plan.total"), strconv.Itoa(c.Total)},
		{b.L.T("status.done"), strconv.Itoa(c.Done)},
		{b.L.T("status.overdue"), strconv.Itoa(c.Overdue)},
		{b.L.T("plan.sharedone"), b.L.Percent(c.ShareDone())},
		{b.L.T("plan.ontime"), b.L.Percent(c.ShareDoneOnTime())},
	}
	v.StatusHeads = []string{b.L.T("plan.total")}
	for _, s := range data.Statuses {
		v.StatusHeads = append(v.StatusHeads, b.L.T("status."+string(s)))
	}
	v.StatusHeads = append(v.StatusHeads, b.L.T("status.overdue"))
	row := func(label string, c derive.Counts) CountRow {
		r := CountRow{Label: label, Cells: []string{strconv.Itoa(c.Total)}}
		for _, s := range data.Statuses {
			r.Cells = append(r.Cells, strconv.Itoa(c.Of(s)))
		}
		r.Cells = append(r.Cells, strconv.Itoa(c.Overdue))
		return r
	}
	for _, k := range data.TaskKinds {
		v.ByKind = append(v.ByKind, row(b.L.T("kind."+string(k)), st.ByKind[k]))
	}
	v.ByKind = append(v.ByKind, row(b.L.T("plan.total"), st.All))
	for _, o := range st.ByOwner {
		label := o.Owner
		if label == "" {
			label = b.L.T("plan.noowner")
		}
		v.ByOwner = append(v.ByOwner, row(label, o.Counts))
	}
	var err error
	if v.Breakdown, err = b.breakdownChart(p, st); err != nil {
		return nil, st, nil, err
	}
	if v.History, err = b.historyChart(p); err != nil {
		return nil, st, nil, err
	}
	return v, st, lights, nil
}

// addLights fills the lights, the rules and the ledger of moves of plan
// p's page, and returns the light of each task for the task rows.
func (b *Builder) addLights(v *PlanView, p *data.Plan, st derive.PlanStatus) map[*data.Task]derive.TaskLight {
	pl := derive.LightsOf(st, b.rules(p))
	v.Lights = b.lightCounts(pl.All)
	v.LightHeads = []string{b.L.T("plan.total")}
	for _, l := range derive.Lights {
		v.LightHeads = append(v.LightHeads, b.L.T("light."+string(l)))
	}
	for _, o := range pl.ByOwner {
		label := o.Owner
		if label == "" {
			label = b.L.T("plan.noowner")
		}
		r := CountRow{Label: label, Cells: []string{strconv.Itoa(o.Counts.Total())}}
		for _, l := range derive.Lights {
			r.Cells = append(r.Cells, strconv.Itoa(o.Counts.Of(l)))
		}
		v.LightsByOwner = append(v.LightsByOwner, r)
	}
	v.Rules = b.ruleLines(pl.Rules)
	v.Moves = b.moveRows(p, st.AsOf, urls.Plan(p.ID, ""))
	lights := make(map[*data.Task]derive.TaskLight, len(pl.Tasks))
	for _, l := range pl.Tasks {
		lights[l.Task] = l
	}
	return lights
}

func (b *Builder) taskRow(t derive.TaskState, l derive.TaskLight) TaskRow {
	r := TaskRow{
		ID: t.Task.ID, Title: t.Task.Title, Owner: t.Task.Owner,
		Kind:        b.L.T("kind." + string(t.Task.Kind)),
		Status:      string(t.Status),
		StatusLabel: b.L.T("status." + string(t.Status)),
		Overdue:     t.Overdue,
		Note:        t.Task.Note,
		UpdateNote:  t.Note,
	}
	// The deadline in force on the page's date: a moved deadline shows
	// as moved, with the one first set beside it.
	if !t.Due.IsZero() {
		r.Due = b.L.Date(t.Due)
	}
	if d := t.Deadline; d.Moved() {
		r.Moves = len(d.Moves)
		if d.Original != d.Current {
			r.OriginalDue = b.L.Date(d.Original)
		}
	}
	if l.Task != nil {
		r.Light = b.badge(l, r.Moves)
	}
	r.Basis = b.basisView(t.Task.Basis)
	if u := statusUpdate(t.Task, b.asOf); u != nil {
		r.UpdateBasis = b.basisView(u.Basis)
	}
	if t.Progress != nil && t.Status == data.InProgress {
		r.Progress = b.L.Percent(*t.Progress)
	}
	if !t.Since.IsZero() {
		r.Since = b.L.Tf("plan.since", b.L.Date(t.Since))
	}
	return r
}

// PlanBox is the progress box of plan id as of day d, rendered for page p.
// Articles with plan: in their front matter show it below the text.
func (b *Builder) PlanBox(p *render.Page, id string, d date.Date) (template.HTML, error) {
	h, err := b.r.Fragment("progress", p, b.Summary(id, d))
	return template.HTML(h), err
}
