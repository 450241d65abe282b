// Package data is the typed model of a site's facts: plans with their task
// histories and metrics with their time series, loaded from YAML with the
// source position of every value so later stages can point at the line.
//
// The model holds only what editors typed. Everything computed from it
// (status as of a date, changes, totals) lives in package derive.
package data

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/yamlx"
)

// Source names where a figure or a bulletin comes from.
type Source struct {
	Meta     yamlx.Meta
	Name     string `yaml:"-"`                     // NameText in the default language
	NameText Text   `yaml:"name" yamlx:"required"` // may be given per language
	URL      string `yaml:"url"`
}

// Status is a task's state in one update.
type Status string

// The statuses a task can be in.
const (
	NotStarted Status = "not-started"
	InProgress Status = "in-progress"
	Done       Status = "done"
	Cancelled  Status = "cancelled"
)

// Statuses lists every status in the order pages show them.
var Statuses = []Status{Done, InProgress, NotStarted, Cancelled}

// UnmarshalYAMLNode accepts only the known statuses, those Allowed lists.
func (s *Status) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(s), "status", s.Allowed()...)
}

// Allowed lists how a Status may be written, in the order errors name
// them. Decoding and the JSON Schemas (package schema) both take it from
// here, so an editor's completion offers exactly what the loader accepts.
func (Status) Allowed() []string {
	return []string{string(NotStarted), string(InProgress), string(Done), string(Cancelled)}
}

// TaskKind tells a task with a deadline from one that goes on all year.
type TaskKind string

// The kinds of task.
const (
	Scheduled TaskKind = "scheduled"
	Recurring TaskKind = "recurring"
)

// TaskKinds lists every kind in the order pages show them.
var TaskKinds = []TaskKind{Scheduled, Recurring}

// UnmarshalYAMLNode accepts only the known kinds, those Allowed lists.
func (k *TaskKind) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(k), "task kind", k.Allowed()...)
}

// Allowed lists how a TaskKind may be written, in the order errors name
// them. Decoding and the JSON Schemas (package schema) both take it from
// here, so an editor's completion offers exactly what the loader accepts.
func (TaskKind) Allowed() []string {
	return []string{string(Scheduled), string(Recurring)}
}

// Update is one entry of a task's history: from Date on, the task is in
// Status, and, when Due is set, its deadline is Due.
//
// Status is required unless the update moves the deadline: the issue's
// own example of a move, {date, due, basis, note}, carries no status, and
// a move alone leaves the task in the status it was in. Validate reports
// a missing status in the words decoding uses for required keys.
type Update struct {
	Meta     yamlx.Meta
	Date     date.Date `yaml:"date" yamlx:"required"`
	Status   Status    `yaml:"status"`   // required unless Due is set; "" keeps the status before
	Progress *float64  `yaml:"progress"` // 0..100, optional
	Note     string    `yaml:"-"`        // NoteText in the default language
	NoteText Text      `yaml:"note"`     // as written, maybe per language (see Text)

	// Due, when set, moves the task's deadline to this day from Date on.
	// Only a scheduled task has a deadline to move, and a move must change
	// it: Validate reports a move on a recurring task, and one to the
	// deadline already in force.
	Due date.Date `yaml:"due"`

	// Basis is the document behind the update (a decision that extends a
	// deadline, a report that closes a task); nil when none is cited.
	Basis *Basis `yaml:"basis"`
}

// MovesDeadline reports whether u sets a new deadline.
func (u *Update) MovesDeadline() bool { return !u.Due.IsZero() }

// Task is one item of a plan.
type Task struct {
	Meta yamlx.Meta
	ID   string `yaml:"id" yamlx:"required"`
	// Title, Owner and Note are in the default language; TitleText,
	// OwnerText and NoteText are as written, maybe per language (see Text).
	Title     string    `yaml:"-"`
	TitleText Text      `yaml:"title" yamlx:"required"`
	Owner     string    `yaml:"-"`
	OwnerText Text      `yaml:"owner"`
	Kind      TaskKind  `yaml:"kind" yamlx:"required"`
	Due       date.Date `yaml:"due"` // required for scheduled tasks; the original deadline, which updates may move
	Note      string    `yaml:"-"`
	NoteText  Text      `yaml:"note"`
	Updates   []Update  `yaml:"updates"` // in date order

	// Start is the day work on the task is due to begin, optional. Before
	// it a task is "not yet due to start" (a grey light), and the time a
	// task has had is measured from it (from the plan's issue day when it
	// is not given). It must not be after Due.
	Start date.Date `yaml:"start"`

	// Basis is the document that assigned the task; nil when none is cited.
	Basis *Basis `yaml:"basis"`
}

// Plan is a numbered decision with its tasks.
type Plan struct {
	Meta yamlx.Meta
	ID   string `yaml:"-"` // from the file name
	File string `yaml:"-"` // path relative to the site, for errors
	Sum  uint64 `yaml:"-"` // hash of the file's bytes: its version, for rebuilds
	// Title, Owner and Summary are in the default language; TitleText,
	// OwnerText and SummaryText are as written, maybe per language (see Text).
	Title       string    `yaml:"-"`
	TitleText   Text      `yaml:"title" yamlx:"required"`
	Decision    string    `yaml:"decision"`
	Issued      date.Date `yaml:"issued" yamlx:"required"`
	Owner       string    `yaml:"-"`
	OwnerText   Text      `yaml:"owner"`
	Source      *Source   `yaml:"source"`
	Summary     string    `yaml:"-"`
	SummaryText Text      `yaml:"summary"`
	Tasks       []Task    `yaml:"tasks"`

	// Basis is the document behind the plan; nil when none is cited
	// (Decision names the plan's own number).
	Basis *Basis `yaml:"basis"`

	// StatusRules overrides, key by key, the site's rules for the traffic
	// lights of this plan's tasks; nil when the plan keeps the site's.
	StatusRules *StatusRules `yaml:"status-rules"`
}

// MetricKind says how a series adds up.
type MetricKind string

// The kinds of metric.
const (
	Flow  MetricKind = "flow"  // an amount per period; periods add up
	Stock MetricKind = "stock" // a level at the end of each period
	Ratio MetricKind = "ratio" // a share in percent, 0..100
)

// UnmarshalYAMLNode accepts only the known kinds, those Allowed lists.
func (k *MetricKind) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(k), "metric kind", k.Allowed()...)
}

// Allowed lists how a MetricKind may be written, in the order errors name
// them. Decoding and the JSON Schemas (package schema) both take it from
// here, so an editor's completion offers exactly what the loader accepts.
func (MetricKind) Allowed() []string {
	return []string{string(Flow), string(Stock), string(Ratio)}
}

// Approx qualifies a value that the source gave as a bound or a round figure.
type Approx string

// The qualifiers: none, "over" (hơn), "under" (dưới) and "about" (khoảng).
const (
	Exact Approx = ""
	Over  Approx = "over"
	Under Approx = "under"
	About Approx = "about"
)

// UnmarshalYAMLNode accepts only the known qualifiers, those Allowed lists.
func (a *Approx) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(a), "approx qualifier", a.Allowed()...)
}

// Allowed lists how a Approx may be written, in the order errors name
// them. Decoding and the JSON Schemas (package schema) both take it from
// here, so an editor's completion offers exactly what the loader accepts.
func (Approx) Allowed() []string {
	return []string{string(Over), string(Under), string(About)}
}

// Target is where a metric should get to, and by when.
type Target struct {
	Meta  yamlx.Meta
	Value float64   `yaml:"value" yamlx:"required"`
	By    date.Date `yaml:"by" yamlx:"required"`
	Basis *Basis    `yaml:"basis"` // the document that set the target; nil when none is cited
}

// Value is one point of a series.
type Value struct {
	Meta   yamlx.Meta
	Period period.Period `yaml:"period" yamlx:"required"`
	Value  float64       `yaml:"value" yamlx:"required"`
	Approx Approx        `yaml:"approx"`
	// Note is in the default language; NoteText is as written, maybe per
	// language (see Text), and zero for a value read from a CSV file,
	// whose note is plain text.
	Note     string `yaml:"-"`
	NoteText Text   `yaml:"note"`

	// Revisions are later corrections of the figure, in date order, each
	// dated after the period ends. Value stays what was first published:
	// a page shows the figure as known on its own date (see package
	// derive), so a bulletin keeps what it printed.
	Revisions []Revision `yaml:"revisions"`
}

// Revision replaces a published value from Date on. Its qualifier and
// note are its own: an official figure that replaces "over 2.7 million"
// is usually exact, and the note of the first figure described that one.
type Revision struct {
	Meta   yamlx.Meta
	Date   date.Date `yaml:"date" yamlx:"required"`
	Value  float64   `yaml:"value" yamlx:"required"`
	Approx Approx    `yaml:"approx"`
	// Note is in the default language; NoteText is as written, maybe per
	// language (see Text).
	Note     string `yaml:"-"`
	NoteText Text   `yaml:"note"`
	Basis    *Basis `yaml:"basis"`
}

// Metric is a time series of one figure.
type Metric struct {
	Meta yamlx.Meta
	ID   string `yaml:"-"` // from the file name
	File string `yaml:"-"` // path relative to the site, for errors
	Sum  uint64 `yaml:"-"` // hash of the file's bytes (and its CSV's): its version, for rebuilds
	// Title, Description and Unit are in the default language; TitleText,
	// DescriptionText and UnitText are as written, maybe per language (see Text).
	Title           string      `yaml:"-"`
	TitleText       Text        `yaml:"title" yamlx:"required"`
	Description     string      `yaml:"-"`
	DescriptionText Text        `yaml:"description"`
	Unit            string      `yaml:"-"`
	UnitText        Text        `yaml:"unit"`
	Kind            MetricKind  `yaml:"kind" yamlx:"required"`
	Period          period.Kind `yaml:"period" yamlx:"required"`
	Source          *Source     `yaml:"source"`
	Target          *Target     `yaml:"target"`
	Values          []Value     `yaml:"values" schema:"required,csv-file"` // in period order

	// ValuesFile is the CSV file the values were read from (values:
	// ho-so.csv), as the user names it; empty when they are in the YAML.
	// Sum covers its bytes too.
	ValuesFile string `yaml:"-"`
	fromCSV    bool   // values: named a CSV file, whether or not it could be read

	index metricIndex // for Find; see there
}

// Set is every plan and metric of a site, by id.
type Set struct {
	Plans   map[string]*Plan
	Metrics map[string]*Metric

	// unlisted holds files that were read but could not be listed under an
	// id (an invalid file name, or an id another file already uses). They
	// are kept only so Validate can report their errors too: a run reports
	// every error, not only those of files with good names.
	unlistedPlans   []*Plan
	unlistedMetrics []*Metric
}

// NewSet returns an empty set.
func NewSet() *Set {
	return &Set{Plans: map[string]*Plan{}, Metrics: map[string]*Metric{}}
}

func oneOf(n *yaml.Node, dst *string, what string, allowed ...string) error {
	for _, a := range allowed {
		if n.Value == a {
			*dst = a
			return nil
		}
	}
	return fmt.Errorf("%q is not a %s (want %s)", n.Value, what, orList(allowed))
}

func orList(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	s := ""
	for i, x := range xs[:len(xs)-1] {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s + " or " + xs[len(xs)-1]
}
