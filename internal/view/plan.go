package view

import (
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"github.com/bantin/bantin/internal/chart"
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
}

// Summary builds the summary of plan id as of day d.
func (b *Builder) Summary(id string, d date.Date) PlanSummary {
	p := b.data.Plans[id]
	st := derive.PlanAsOf(p, d)
	return b.summary(p, st)
}

func (b *Builder) summary(p *data.Plan, st derive.PlanStatus) PlanSummary {
	s := PlanSummary{
		ID: p.ID, Title: p.Title, Decision: p.Decision, URL: urls.Plan(p.ID, ""),
		AsOf:      b.L.Date(st.AsOf),
		Total:     st.All.Total,
		Done:      st.All.Done,
		Overdue:   st.All.Overdue,
		ShareDone: b.L.Percent(st.All.ShareDone()),
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
	ID, Title, Owner, Kind, Due string
	Status, StatusLabel         string
	Overdue                     bool
	Progress                    string
	Since                       string // "since 11/02/2024"
	Note, UpdateNote            string
}

// CountRow is a line of a counts table: a label and one cell per status.
type CountRow struct {
	Label string
	Cells []string
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
	v := *base
	tasks := st.Tasks
	switch sort {
	case "by-owner":
		tasks = st.TasksByOwner()
	case "by-status":
		tasks = st.TasksByStatus()
	}
	for _, t := range tasks {
		v.Tasks = append(v.Tasks, b.taskRow(t))
	}
	for _, s := range planSorts {
		v.Sorts = append(v.Sorts, SortLink{Label: b.L.T(s.key), URL: urls.Plan(id, s.sort), Current: s.sort == sort})
	}
	return &v, nil
}

// planEntry is a plan's page as of the build date, less its task table:
// the same for every order of the table, so it is made once per build.
type planEntry struct {
	once sync.Once
	v    *PlanView
	st   derive.PlanStatus
	err  error
}

func (b *Builder) planBase(id string) (*PlanView, derive.PlanStatus, error) {
	e, _ := b.plans.LoadOrStore(id, &planEntry{})
	pe := e.(*planEntry)
	pe.once.Do(func() { pe.v, pe.st, pe.err = b.makePlanBase(id) })
	return pe.v, pe.st, pe.err
}

func (b *Builder) makePlanBase(id string) (*PlanView, derive.PlanStatus, error) {
	p := b.data.Plans[id]
	st := derive.PlanAsOf(p, b.asOf)
	v := &PlanView{Plan: p, Issued: b.L.Date(p.Issued), Summary: b.summary(p, st)}
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
		return nil, st, err
	}
	if v.History, err = b.historyChart(p); err != nil {
		return nil, st, err
	}
	return v, st, nil
}

func (b *Builder) taskRow(t derive.TaskState) TaskRow {
	r := TaskRow{
		ID: t.Task.ID, Title: t.Task.Title, Owner: t.Task.Owner,
		Kind:        b.L.T("kind." + string(t.Task.Kind)),
		Status:      string(t.Status),
		StatusLabel: b.L.T("status." + string(t.Status)),
		Overdue:     t.Overdue,
		Note:        t.Task.Note,
		UpdateNote:  t.Note,
	}
	if !t.Task.Due.IsZero() {
		r.Due = b.L.Date(t.Task.Due)
	}
	if t.Progress != nil && t.Status == data.InProgress {
		r.Progress = b.L.Percent(*t.Progress)
	}
	if !t.Since.IsZero() {
		r.Since = b.L.Tf("plan.since", b.L.Date(t.Since))
	}
	return r
}

func (b *Builder) breakdownChart(p *data.Plan, st derive.PlanStatus) (*Figure, error) {
	s := chart.Series{Name: b.L.T("plan.bystatus")}
	var cats, colors []string
	var rows [][]string
	for _, status := range data.Statuses {
		label := b.L.T("status." + string(status))
		color, _ := chart.StatusColor(string(status))
		cats = append(cats, label)
		colors = append(colors, color)
		s.Values = append(s.Values, float64(st.All.Of(status)))
		rows = append(rows, []string{label, strconv.Itoa(st.All.Of(status))})
	}
	f, err := b.figure(chart.Spec{
		ID: chart.ID("plan", p.ID, "status"), Title: b.L.T("plan.bystatus"), Type: chart.Donut,
		Categories: cats, Series: []chart.Series{s}, Colors: colors, Lang: b.L.Lang(), Height: 280,
		Format: b.format(""),
	})
	if err != nil {
		return nil, fmt.Errorf("status chart of plan %s: %w", p.ID, err)
	}
	f.Title = b.L.T("plan.bystatus") + " (" + b.L.Tf("plan.asof", b.L.Date(st.AsOf)) + ")"
	f.Caption = f.Title
	f.Head = []string{b.L.T("plan.status"), b.L.T("plan.tasks")}
	f.Rows = rows
	return f, nil
}

// historyChart is the burn-up: tasks done, in progress and overdue at each
// date the plan changed, against the total.
func (b *Builder) historyChart(p *data.Plan) (*Figure, error) {
	hist := derive.PlanHistory(p, b.asOf)
	if len(hist) < 2 {
		return nil, nil
	}
	names := []string{b.L.T("plan.total"), b.L.T("status.done"), b.L.T("status.in-progress"), b.L.T("status.overdue")}
	series := make([]chart.Series, len(names))
	for i, n := range names {
		series[i].Name = n
	}
	var cats []string
	var rows [][]string
	for _, h := range hist {
		cats = append(cats, b.L.Date(h.Date))
		vals := []int{h.Counts.Total, h.Counts.Done, h.Counts.InProgress, h.Counts.Overdue}
		row := []string{b.L.Date(h.Date)}
		for i, x := range vals {
			series[i].Values = append(series[i].Values, float64(x))
			row = append(row, strconv.Itoa(x))
		}
		rows = append(rows, row)
	}
	series[0].Color = "#9e9e9e"
	series[1].Color, _ = chart.StatusColor("done")
	series[2].Color, _ = chart.StatusColor("in-progress")
	series[3].Color, _ = chart.StatusColor("overdue")
	f, err := b.figure(chart.Spec{
		ID: chart.ID("plan", p.ID, "history"), Title: b.L.T("plan.history"), Type: chart.Line,
		Categories: cats, Series: series, Lang: b.L.Lang(), Format: b.format(""),
	})
	if err != nil {
		return nil, fmt.Errorf("history chart of plan %s: %w", p.ID, err)
	}
	f.Caption = b.L.T("plan.history")
	f.Head = append([]string{b.L.T("plan.date")}, names...)
	f.Rows = rows
	return f, nil
}

// PlanBox is the progress box of plan id as of day d, rendered for page p.
// Articles with plan: in their front matter show it below the text.
func (b *Builder) PlanBox(p *render.Page, id string, d date.Date) (template.HTML, error) {
	h, err := b.r.Fragment("progress", p, b.Summary(id, d))
	return template.HTML(h), err
}
