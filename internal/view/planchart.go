package view

import (
	"fmt"
	"strconv"

	"github.com/bantin/bantin/internal/chart"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/describe"
	"github.com/bantin/bantin/internal/urls"
)

// The plan page's two charts: tasks by status on the page's date (a donut)
// and progress over time (a burn-up on a time axis). Both carry the
// plan's open-data files, a citation dated by the plan's latest update,
// and their text alternative; the progress chart is the one the plan's
// embed page shows.

func (b *Builder) breakdownChart(p *data.Plan, st derive.PlanStatus) (*Figure, error) {
	s := chart.Series{Name: b.L.T("plan.bystatus")}
	var cats, colors []string
	var rows [][]string
	var parts []describe.Part
	for _, status := range data.Statuses {
		label := b.L.T("status." + string(status))
		color, _ := chart.StatusColor(string(status))
		cats = append(cats, label)
		colors = append(colors, color)
		n := st.All.Of(status)
		s.Values = append(s.Values, float64(n))
		rows = append(rows, []string{label, strconv.Itoa(n)})
		parts = append(parts, describe.Part{Label: label, Value: float64(n)})
	}
	f, err := b.figure(chart.Spec{
		ID: chart.ID("plan", p.ID, "status"), Title: b.L.T("plan.bystatus"), Type: chart.Donut,
		Categories: cats, Series: []chart.Series{s}, Colors: colors, Lang: b.L.Lang(), Height: 280,
		Format: b.format(""), Description: describe.Parts(b.L, parts),
	})
	if err != nil {
		return nil, fmt.Errorf("status chart of plan %s: %w", p.ID, err)
	}
	f.Title = b.L.T("plan.bystatus") + " (" + b.L.Tf("plan.asof", b.L.Date(st.AsOf)) + ")"
	f.Caption = f.Title
	f.Head = []string{b.L.T("plan.status"), b.L.T("plan.tasks")}
	f.Rows = rows
	b.planFigure(f, p, "status", f.Title)
	return f, nil
}

// historyChart is the burn-up: the tasks in all, done, in progress and
// overdue at each date the plan changed, on a time axis, so that dates are
// spaced by the time between them.
func (b *Builder) historyChart(p *data.Plan) (*Figure, error) {
	hist := derive.PlanHistory(p, b.asOf)
	if len(hist) < 2 {
		return nil, nil
	}
	keys := []string{"total", "done", "in-progress", "overdue"}
	names := []string{b.L.T("plan.total"), b.L.T("status.done"), b.L.T("status.in-progress"), b.L.T("status.overdue")}
	series := make([]chart.Series, len(names))
	named := make([]describe.Named, len(names))
	for i, n := range names {
		series[i].Name = n
		series[i].Color, _ = chart.StatusColor(keys[i])
		named[i].Name = n
	}
	var days []string
	var rows [][]string
	for _, h := range hist {
		days = append(days, h.Date.String())
		label := b.L.Date(h.Date)
		vals := []int{h.Counts.Total, h.Counts.Done, h.Counts.InProgress, h.Counts.Overdue}
		row := []string{label}
		for i, x := range vals {
			series[i].Values = append(series[i].Values, float64(x))
			named[i].Points = append(named[i].Points, describe.Point{Label: label, Day: true, Value: float64(x)})
			row = append(row, strconv.Itoa(x))
		}
		rows = append(rows, row)
	}
	f, err := b.figure(chart.Spec{
		ID: chart.ID("plan", p.ID, "history"), Title: b.L.T("plan.history"), Type: chart.Line, Time: true,
		Categories: days, Series: series, Lang: b.L.Lang(), Format: b.format(""),
		Description: describe.Multi(b.L, named, describe.Count),
	})
	if err != nil {
		return nil, fmt.Errorf("history chart of plan %s: %w", p.ID, err)
	}
	f.Caption = b.L.T("plan.history")
	f.Head = append([]string{b.L.T("plan.date")}, names...)
	f.Rows = rows
	b.planFigure(f, p, "history", b.L.T("plan.history"))
	f.Embed = embedOf(urls.EmbedPlan(p.ID), p.Title+" – "+b.L.T("plan.history"), 0, chartOpts{})
	return f, nil
}

// planFigure adds to a plan's chart its open data, its download name and
// its citation.
func (b *Builder) planFigure(f *Figure, p *data.Plan, name, title string) {
	f.CSV, f.JSON = urls.PlanCSV(p.ID), urls.PlanJSON(p.ID)
	f.Name = p.ID + "-" + name
	f.Cite = &Cite{Title: p.Title + " – " + title, Source: p.Owner}
	if p.Decision != "" {
		f.Cite.Title = p.Decision + " – " + f.Cite.Title
	}
	if d := planUpdated(p, b.asOf); !d.IsZero() {
		f.Cite.AsOf = b.L.Date(d)
	}
}

// planUpdated is the date a plan's data is as of on day asOf: its latest
// update (or its issue day, before any), never the day of the build.
func planUpdated(p *data.Plan, asOf date.Date) date.Date {
	d := p.Issued
	if d.After(asOf) {
		d = date.Date{}
	}
	for _, t := range p.Tasks {
		for _, u := range t.Updates {
			if !u.Date.After(asOf) && u.Date.After(d) {
				d = u.Date
			}
		}
	}
	return d
}
