package derive

import (
	"slices"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
)

// Light is a task's traffic light as of a day. It is data.Light, where the
// rules that name one are decoded; the alias lets pages speak of
// derive.Light with the other derived figures.
type Light = data.Light

// The lights.
const (
	Red   = data.Red
	Amber = data.Amber
	Green = data.Green
	Grey  = data.Grey
)

// Lights lists every light in the order pages count them.
var Lights = []Light{Red, Amber, Green, Grey}

// Rules are the traffic-light rules in force for a plan, every one set.
// A site declares them (status-rules: in site.yaml) and a plan may
// override them key by key; RulesFrom merges the levels over the defaults.
// Pages print them, so readers can see how a light is set.
type Rules struct {
	// AmberWithinDays: an open task due within this many days (the due day
	// counts, at 0) whose progress is below the share of its time elapsed
	// is amber.
	AmberWithinDays int

	// AmberMovedMoreThan: an open task whose deadline has moved more than
	// this many times is amber.
	AmberMovedMoreThan int

	// OverdueAgainst is the deadline that red, "done on time" and the
	// amber window measure against: the one in force on the day
	// (data.CurrentDue) or the first one (data.OriginalDue).
	OverdueAgainst data.DueRef

	// DoneLate is the light of a task done after that deadline.
	DoneLate Light
}

// The defaults, as the issue states them: red is overdue; amber is due
// within 30 days with progress below the time elapsed, or moved more than
// once. A task done late is not green ("done on time" is), and not red
// (it is no longer overdue): amber by default.
const (
	DefaultAmberWithinDays    = 30
	DefaultAmberMovedMoreThan = 1
	DefaultOverdueAgainst     = data.CurrentDue
	DefaultDoneLate           = Amber
)

// DefaultRules returns the rules a site gets when it declares none.
func DefaultRules() Rules {
	return Rules{
		AmberWithinDays:    DefaultAmberWithinDays,
		AmberMovedMoreThan: DefaultAmberMovedMoreThan,
		OverdueAgainst:     DefaultOverdueAgainst,
		DoneLate:           DefaultDoneLate,
	}
}

// RulesFrom returns the rules for a plan: the defaults, overridden by
// each key the site sets, overridden by each key the plan sets. Either
// may be nil (nothing declared at that level).
func RulesFrom(site, plan *data.StatusRules) Rules {
	r := DefaultRules()
	for _, s := range []*data.StatusRules{site, plan} {
		if s == nil {
			continue
		}
		if s.AmberWithinDays != nil {
			r.AmberWithinDays = *s.AmberWithinDays
		}
		if s.AmberMovedMoreThan != nil {
			r.AmberMovedMoreThan = *s.AmberMovedMoreThan
		}
		if s.OverdueAgainst != "" {
			r.OverdueAgainst = s.OverdueAgainst
		}
		if s.DoneLate != "" {
			r.DoneLate = s.DoneLate
		}
	}
	return r
}

// Reason says which rule set a light, as a code the view layer words in
// the site's language; pages show it beside the colour, never colour
// alone.
type Reason string

// The reasons, by the light they give.
const (
	ReasonOverdue    Reason = "overdue"         // red: open and past the deadline
	ReasonMoved      Reason = "moved"           // amber: the deadline moved more than AmberMovedMoreThan times
	ReasonBehind     Reason = "behind"          // amber: due within AmberWithinDays, progress below the time elapsed
	ReasonDoneLate   Reason = "done-late"       // Rules.DoneLate: done after the deadline
	ReasonDoneOnTime Reason = "done-on-time"    // green
	ReasonOnTrack    Reason = "on-track"        // green: open, and no rule above applies
	ReasonRecurring  Reason = "recurring"       // grey: no deadline to judge
	ReasonCancelled  Reason = "cancelled"       // grey
	ReasonNotStarted Reason = "not-yet-started" // grey: the day is before the task is due to start
	ReasonNoDeadline Reason = "no-deadline"     // grey: a scheduled task without a due day (an error Validate reports)
)

// TaskLight is the light of one task as of a day, with the figures the
// rules looked at, so a page can say "due in 12 days, 40% done, 75% of the
// time elapsed".
type TaskLight struct {
	Task   *data.Task
	Light  Light
	Reason Reason

	// Due is the deadline the rules measured against (see
	// Rules.OverdueAgainst); zero for a task without one. DaysLeft is the
	// number of days from the day to Due, negative once it is past.
	Due      date.Date
	DaysLeft int

	// Start is when the task's time began (see TaskStart); Elapsed is the
	// share of the time from Start to Due gone by on the day, in percent
	// (0–100, like progress). HasElapsed is false when there is no Start
	// or no Due.
	Start      date.Date
	Elapsed    float64
	HasElapsed bool

	// Progress is the progress the rules used: the latest reported, 0
	// when none was reported. A light claims "on track" on evidence only,
	// so a task that reports no figure is taken as not begun.
	Progress float64
}

// TaskStart returns the day task t's time is measured from: its own start
// when given, else the day plan p was issued, when the task was assigned.
// The first update is not used even when it is earlier: work begun before
// a plan does not change the time the plan gave. Zero when neither is
// known.
func TaskStart(p *data.Plan, t *data.Task) date.Date {
	if !t.Start.IsZero() || p == nil {
		return t.Start
	}
	return p.Issued
}

// LightOf returns the light of task state t of plan p on day asOf (t must
// be the task's state on that day, as PlanAsOf gives it) under rules r.
// The rules are tried in this order, the first that applies setting the
// light:
//
//  1. recurring: grey; cancelled: grey;
//  2. done: green when done on or before Due, else Rules.DoneLate;
//  3. no deadline: grey;
//  4. past Due (asOf after it): red;
//  5. asOf before the task's start: grey (not yet due to start);
//  6. moved more than AmberMovedMoreThan times: amber;
//  7. due within AmberWithinDays and progress below the time elapsed: amber;
//  8. otherwise green (on track).
//
// So on its due day an open task is amber unless fully reported done (all
// its time has elapsed), and red from the day after; a move dated on the
// due day takes effect that day, and the task is judged by the new one.
func LightOf(p *data.Plan, t TaskState, asOf date.Date, r Rules) TaskLight {
	l := TaskLight{Task: t.Task, Start: TaskStart(p, t.Task)}
	if t.Progress != nil {
		l.Progress = *t.Progress
	}
	if t.Task.Kind == data.Recurring {
		l.Light, l.Reason = Grey, ReasonRecurring
		return l
	}
	l.Due = t.Deadline.Current
	if r.OverdueAgainst == data.OriginalDue {
		l.Due = t.Deadline.Original
	}
	if !l.Due.IsZero() {
		l.DaysLeft = asOf.DaysUntil(l.Due)
		if !l.Start.IsZero() {
			l.Elapsed, l.HasElapsed = elapsed(l.Start, l.Due, asOf), true
		}
	}
	switch {
	case t.Status == data.Cancelled:
		l.Light, l.Reason = Grey, ReasonCancelled
	case t.Status == data.Done && (l.Due.IsZero() || !t.DoneOn.After(l.Due)):
		l.Light, l.Reason = Green, ReasonDoneOnTime
	case t.Status == data.Done:
		l.Light, l.Reason = r.DoneLate, ReasonDoneLate
	case l.Due.IsZero():
		l.Light, l.Reason = Grey, ReasonNoDeadline
	case l.DaysLeft < 0:
		l.Light, l.Reason = Red, ReasonOverdue
	case !l.Start.IsZero() && asOf.Before(l.Start):
		l.Light, l.Reason = Grey, ReasonNotStarted
	case len(t.Deadline.Moves) > r.AmberMovedMoreThan:
		l.Light, l.Reason = Amber, ReasonMoved
	case l.DaysLeft <= r.AmberWithinDays && l.HasElapsed && l.Progress < l.Elapsed:
		l.Light, l.Reason = Amber, ReasonBehind
	default:
		l.Light, l.Reason = Green, ReasonOnTrack
	}
	return l
}

// elapsed returns the share in percent of the days from start to due gone
// by on day, within 0..100; 100 once due is reached, and when due is not
// after start (no time was given).
func elapsed(start, due, day date.Date) float64 {
	total := start.DaysUntil(due)
	if total <= 0 {
		if day.Before(start) {
			return 0
		}
		return 100
	}
	return min(max(float64(start.DaysUntil(day))*100/float64(total), 0), 100)
}

// LightCounts are tasks counted by light.
type LightCounts struct {
	Red, Amber, Green, Grey int
}

// Of returns the count of light l (0 for an unknown light).
func (c LightCounts) Of(l Light) int {
	switch l {
	case Red:
		return c.Red
	case Amber:
		return c.Amber
	case Green:
		return c.Green
	case Grey:
		return c.Grey
	}
	return 0
}

// Total is the number of tasks counted.
func (c LightCounts) Total() int { return c.Red + c.Amber + c.Green + c.Grey }

func (c *LightCounts) add(l Light) {
	switch l {
	case Red:
		c.Red++
	case Amber:
		c.Amber++
	case Green:
		c.Green++
	default:
		c.Grey++
	}
}

// OwnerLights are the light counts of one owner's tasks.
type OwnerLights struct {
	Owner  string // as in OwnerCounts: empty for tasks that name no owner
	Counts LightCounts
}

// PlanLights are the lights of a plan's tasks as of a day.
type PlanLights struct {
	Rules Rules

	// Tasks holds the light of every task, in plan order: Tasks[i] is the
	// light of PlanStatus.Tasks[i].
	Tasks []TaskLight

	All LightCounts

	// ByOwner counts by owner, in the order of PlanStatus.ByOwner.
	ByOwner []OwnerLights
}

// LightsOf returns the lights of every task of plan status st (as
// PlanAsOf gives it) under rules r, counted for the plan and per owner.
func LightsOf(st PlanStatus, r Rules) PlanLights {
	pl := PlanLights{Rules: r, Tasks: make([]TaskLight, len(st.Tasks))}
	owners := map[string]*LightCounts{}
	for i, t := range st.Tasks {
		l := LightOf(st.Plan, t, st.AsOf, r)
		pl.Tasks[i] = l
		pl.All.add(l.Light)
		c := owners[t.Task.Owner]
		if c == nil {
			c = &LightCounts{}
			owners[t.Task.Owner] = c
		}
		c.add(l.Light)
	}
	for o, c := range owners {
		pl.ByOwner = append(pl.ByOwner, OwnerLights{Owner: o, Counts: *c})
	}
	slices.SortFunc(pl.ByOwner, func(a, b OwnerLights) int { return compareOwners(a.Owner, b.Owner) })
	return pl
}
