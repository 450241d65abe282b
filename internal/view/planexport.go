package view

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/derive"
)

// A plan's open data, as of the build date: plans/<id>.csv (a row per
// task, PlanSchema), plans/<id>/moves.csv (a row per moved deadline,
// MovesSchema) and plans/<id>.json (the same, with every task's history).
// Each takes the plan, the day it is shown as of and the traffic-light
// rules in force for it (derive.RulesFrom of the site's and the plan's),
// the same three things the plan's page is made from, so a file and the
// page never disagree.

// PlanCSV writes plan p's tasks as they stood on asOf.
func PlanCSV(p *data.Plan, asOf date.Date, r derive.Rules) ([]byte, error) {
	st := derive.PlanAsOf(p, asOf)
	lights := derive.LightsOf(st, r)
	return writeCSV(planColumns, func(row func(...string)) {
		for i, t := range st.Tasks {
			l := lights.Tasks[i]
			row(t.Task.ID, t.Task.Title, t.Task.Owner, string(t.Task.Kind),
				t.Deadline.Original.String(), t.Deadline.Current.String(),
				strconv.Itoa(len(t.Deadline.Moves)), daysMoved(t),
				string(t.Status), t.Since.String(), progress(t.Progress),
				strconv.FormatBool(t.Overdue), string(l.Light), string(l.Reason),
				basisDoc(t.Task.Basis), asOf.String())
		}
	})
}

// MovesCSV writes the ledger of plan p's moved deadlines as of asOf
// (derive.MovesOf): a header alone when no deadline has moved, so the
// file is always there for tools that fetch it.
func MovesCSV(p *data.Plan, asOf date.Date) ([]byte, error) {
	return writeCSV(movesColumns, func(row func(...string)) {
		for _, m := range derive.MovesOf(p, asOf) {
			var b data.Basis
			if m.Basis != nil {
				b = *m.Basis
			}
			row(m.Task.ID, m.Date.String(), m.From.String(), m.To.String(), strconv.Itoa(m.Days),
				b.Doc, b.Date.String(), b.By, b.URL, m.Note)
		}
	})
}

// daysMoved is the net shift of a scheduled task's deadline, empty for a
// task without one.
func daysMoved(t derive.TaskState) string {
	if t.Deadline.Original.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Deadline.DaysMoved)
}

func progress(p *float64) string {
	if p == nil {
		return ""
	}
	return strconvFloat(*p)
}

func basisDoc(b *data.Basis) string {
	if b == nil {
		return ""
	}
	return b.Doc
}

type jsonBasis struct {
	Doc  string `json:"doc"`
	Date string `json:"date,omitempty"`
	By   string `json:"by,omitempty"`
	URL  string `json:"url,omitempty"`
}

func basisJSON(b *data.Basis) *jsonBasis {
	if b == nil {
		return nil
	}
	return &jsonBasis{Doc: b.Doc, Date: b.Date.String(), By: b.By, URL: b.URL}
}

type jsonRules struct {
	AmberWithinDays    int    `json:"amber_within_days"`
	AmberMovedMoreThan int    `json:"amber_moved_more_than"`
	OverdueAgainst     string `json:"overdue_against"`
	DoneLate           string `json:"done_late"`
}

type jsonCounts struct {
	Total      int `json:"total"`
	Done       int `json:"done"`
	InProgress int `json:"in_progress"`
	NotStarted int `json:"not_started"`
	Cancelled  int `json:"cancelled"`
	Overdue    int `json:"overdue"`
	DoneOnTime int `json:"done_on_time"`
	Moved      int `json:"moved"`
	Moves      int `json:"moves"`
	Red        int `json:"red"`
	Amber      int `json:"amber"`
	Green      int `json:"green"`
	Grey       int `json:"grey"`
}

// jsonUpdate is one entry of a task's history, as the editor wrote it.
type jsonUpdate struct {
	Date     string     `json:"date"`
	Status   string     `json:"status,omitempty"` // empty for an update that only moves the deadline
	Progress *float64   `json:"progress,omitempty"`
	Due      string     `json:"due,omitempty"` // the deadline this update moves the task's to
	Note     string     `json:"note,omitempty"`
	Basis    *jsonBasis `json:"basis,omitempty"`
}

type jsonTask struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Owner       string       `json:"owner,omitempty"`
	Kind        string       `json:"kind"`
	Start       string       `json:"start,omitempty"`
	DueOriginal string       `json:"due_original,omitempty"`
	DueCurrent  string       `json:"due_current,omitempty"`
	Moves       int          `json:"moves"`
	DaysMoved   *int         `json:"days_moved,omitempty"`
	Status      string       `json:"status"`
	Since       string       `json:"since,omitempty"`
	Progress    *float64     `json:"progress,omitempty"`
	Overdue     bool         `json:"overdue"`
	Light       string       `json:"light"`
	LightReason string       `json:"light_reason"`
	Note        string       `json:"note,omitempty"`
	Basis       *jsonBasis   `json:"basis,omitempty"`
	History     []jsonUpdate `json:"history"`
}

type jsonMove struct {
	Task  string     `json:"task"`
	Date  string     `json:"date"`
	From  string     `json:"from"`
	To    string     `json:"to"`
	Days  int        `json:"days"`
	Basis *jsonBasis `json:"basis,omitempty"`
	Note  string     `json:"note,omitempty"`
}

type jsonPlan struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Decision string      `json:"decision,omitempty"`
	Issued   string      `json:"issued,omitempty"`
	Owner    string      `json:"owner,omitempty"`
	Summary  string      `json:"summary,omitempty"`
	Source   *jsonSource `json:"source,omitempty"`
	Basis    *jsonBasis  `json:"basis,omitempty"`
	AsOf     string      `json:"as_of"`
	Rules    jsonRules   `json:"status_rules"`
	Counts   jsonCounts  `json:"counts"`
	Tasks    []jsonTask  `json:"tasks"`
	Moves    []jsonMove  `json:"moves"`
}

// PlanJSON writes plan p as it stood on asOf: its tasks with the columns
// of PlanCSV and each task's history (every update dated on or before
// asOf, in date order, as the derived figures read them: of two on one
// day, the one first in the file first), the rules the lights were set
// by, the counts, and the ledger of moves of MovesCSV. Updates dated
// after asOf are left out, as the page leaves them out: the file is the
// record as it stood on that day.
func PlanJSON(p *data.Plan, asOf date.Date, r derive.Rules) ([]byte, error) {
	st := derive.PlanAsOf(p, asOf)
	lights := derive.LightsOf(st, r)
	j := jsonPlan{
		ID: p.ID, Title: p.Title, Decision: p.Decision, Issued: p.Issued.String(), Owner: p.Owner, Summary: p.Summary,
		Basis: basisJSON(p.Basis), AsOf: asOf.String(),
		Rules: jsonRules{r.AmberWithinDays, r.AmberMovedMoreThan, string(r.OverdueAgainst), string(r.DoneLate)},
		Counts: jsonCounts{
			Total: st.All.Total, Done: st.All.Done, InProgress: st.All.InProgress, NotStarted: st.All.NotStarted,
			Cancelled: st.All.Cancelled, Overdue: st.All.Overdue, DoneOnTime: st.All.DoneOnTime,
			Moved: st.All.Moved, Moves: st.All.Moves,
			Red: lights.All.Red, Amber: lights.All.Amber, Green: lights.All.Green, Grey: lights.All.Grey,
		},
		Tasks: []jsonTask{}, Moves: []jsonMove{},
	}
	if p.Source != nil {
		j.Source = &jsonSource{Name: p.Source.Name, URL: p.Source.URL}
	}
	for i, t := range st.Tasks {
		l := lights.Tasks[i]
		jt := jsonTask{
			ID: t.Task.ID, Title: t.Task.Title, Owner: t.Task.Owner, Kind: string(t.Task.Kind),
			Start:       t.Task.Start.String(),
			DueOriginal: t.Deadline.Original.String(), DueCurrent: t.Deadline.Current.String(),
			Moves: len(t.Deadline.Moves), Status: string(t.Status), Since: t.Since.String(),
			Progress: t.Progress, Overdue: t.Overdue, Light: string(l.Light), LightReason: string(l.Reason),
			Note: t.Task.Note, Basis: basisJSON(t.Task.Basis), History: history(t.Task, asOf),
		}
		if !t.Deadline.Original.IsZero() {
			jt.DaysMoved = &t.Deadline.DaysMoved
		}
		j.Tasks = append(j.Tasks, jt)
	}
	for _, m := range derive.MovesOf(p, asOf) {
		j.Moves = append(j.Moves, jsonMove{Task: m.Task.ID, Date: m.Date.String(), From: m.From.String(), To: m.To.String(),
			Days: m.Days, Basis: basisJSON(m.Basis), Note: m.Note})
	}
	b, err := json.MarshalIndent(j, "", "  ")
	return append(b, '\n'), err
}

// history returns task t's updates dated on or before asOf, in date
// order; of two on one day, file order (the order package derive reads
// them in).
func history(t *data.Task, asOf date.Date) []jsonUpdate {
	var us []*data.Update
	for i := range t.Updates {
		if u := &t.Updates[i]; !u.Date.After(asOf) {
			us = append(us, u)
		}
	}
	slices.SortStableFunc(us, func(a, b *data.Update) int { return a.Date.Compare(b.Date) })
	out := make([]jsonUpdate, 0, len(us))
	for _, u := range us {
		out = append(out, jsonUpdate{Date: u.Date.String(), Status: string(u.Status), Progress: u.Progress,
			Due: u.Due.String(), Note: u.Note, Basis: basisJSON(u.Basis)})
	}
	return out
}
