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
	Meta yamlx.Meta
	Name string `yaml:"name" yamlx:"required"`
	URL  string `yaml:"url"`
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

// UnmarshalYAMLNode accepts only the known statuses.
func (s *Status) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(s), "status", string(NotStarted), string(InProgress), string(Done), string(Cancelled))
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

// UnmarshalYAMLNode accepts only the known kinds.
func (k *TaskKind) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(k), "task kind", string(Scheduled), string(Recurring))
}

// Update is one entry of a task's history: from Date on, the task is in Status.
type Update struct {
	Meta     yamlx.Meta
	Date     date.Date `yaml:"date" yamlx:"required"`
	Status   Status    `yaml:"status" yamlx:"required"`
	Progress *float64  `yaml:"progress"` // 0..100, optional
	Note     string    `yaml:"note"`
}

// Task is one item of a plan.
type Task struct {
	Meta    yamlx.Meta
	ID      string    `yaml:"id" yamlx:"required"`
	Title   string    `yaml:"title" yamlx:"required"`
	Owner   string    `yaml:"owner"`
	Kind    TaskKind  `yaml:"kind" yamlx:"required"`
	Due     date.Date `yaml:"due"` // required for scheduled tasks
	Note    string    `yaml:"note"`
	Updates []Update  `yaml:"updates"` // in date order
}

// Plan is a numbered decision with its tasks.
type Plan struct {
	Meta     yamlx.Meta
	ID       string    `yaml:"-"` // from the file name
	File     string    `yaml:"-"` // path relative to the site, for errors
	Title    string    `yaml:"title" yamlx:"required"`
	Decision string    `yaml:"decision"`
	Issued   date.Date `yaml:"issued" yamlx:"required"`
	Owner    string    `yaml:"owner"`
	Source   *Source   `yaml:"source"`
	Summary  string    `yaml:"summary"`
	Tasks    []Task    `yaml:"tasks"`
}

// MetricKind says how a series adds up.
type MetricKind string

// The kinds of metric.
const (
	Flow  MetricKind = "flow"  // an amount per period; periods add up
	Stock MetricKind = "stock" // a level at the end of each period
	Ratio MetricKind = "ratio" // a share in percent, 0..100
)

// UnmarshalYAMLNode accepts only the known kinds.
func (k *MetricKind) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(k), "metric kind", string(Flow), string(Stock), string(Ratio))
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

// UnmarshalYAMLNode accepts only the known qualifiers.
func (a *Approx) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(a), "approx qualifier", string(Over), string(Under), string(About))
}

// Target is where a metric should get to, and by when.
type Target struct {
	Meta  yamlx.Meta
	Value float64   `yaml:"value" yamlx:"required"`
	By    date.Date `yaml:"by" yamlx:"required"`
}

// Value is one point of a series.
type Value struct {
	Meta   yamlx.Meta
	Period period.Period `yaml:"period" yamlx:"required"`
	Value  float64       `yaml:"value" yamlx:"required"`
	Approx Approx        `yaml:"approx"`
	Note   string        `yaml:"note"`
}

// Metric is a time series of one figure.
type Metric struct {
	Meta        yamlx.Meta
	ID          string      `yaml:"-"` // from the file name
	File        string      `yaml:"-"` // path relative to the site, for errors
	Title       string      `yaml:"title" yamlx:"required"`
	Description string      `yaml:"description"`
	Unit        string      `yaml:"unit"`
	Kind        MetricKind  `yaml:"kind" yamlx:"required"`
	Period      period.Kind `yaml:"period" yamlx:"required"`
	Source      *Source     `yaml:"source"`
	Target      *Target     `yaml:"target"`
	Values      []Value     `yaml:"values"` // in period order

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
