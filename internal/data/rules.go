package data

import (
	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/yamlx"
)

// Light is the colour a task is shown in as of a day (package derive says
// which, by the rules below). It lives here because the rules name one.
type Light string

// The lights, in the order pages count them.
const (
	Red   Light = "red"   // overdue
	Amber Light = "amber" // at risk
	Green Light = "green" // on track, or done on time
	Grey  Light = "grey"  // not judged: recurring, cancelled, not yet due to start
)

// UnmarshalYAMLNode accepts only the known lights, those Allowed lists.
func (l *Light) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(l), "light", l.Allowed()...)
}

// Allowed lists how a Light may be written, in the order errors name
// them. Decoding and the JSON Schemas (package schema) both take it from
// here, so an editor's completion offers exactly what the loader accepts.
func (Light) Allowed() []string {
	return []string{string(Red), string(Amber), string(Green), string(Grey)}
}

// DueRef says which deadline a rule measures against.
type DueRef string

// The deadlines of a task whose deadline has moved.
const (
	CurrentDue  DueRef = "current"  // the deadline in force on the day
	OriginalDue DueRef = "original" // the deadline first set (Task.Due)
)

// UnmarshalYAMLNode accepts only the known deadlines, those Allowed lists.
func (r *DueRef) UnmarshalYAMLNode(n *yaml.Node) error {
	return oneOf(n, (*string)(r), "deadline to measure against", r.Allowed()...)
}

// Allowed lists how a DueRef may be written, in the order errors name
// them. Decoding and the JSON Schemas (package schema) both take it from
// here, so an editor's completion offers exactly what the loader accepts.
func (DueRef) Allowed() []string {
	return []string{string(CurrentDue), string(OriginalDue)}
}

// StatusRules are the rules for traffic lights as a site (status-rules: in
// site.yaml) or a plan (status-rules: in the plan file) declares them.
// Every key is optional: one left out keeps the value from the level
// above (the plan's from the site, the site's from the defaults), which
// is why the fields are pointers or may be empty. derive.RulesFrom merges
// the levels; the defaults are the issue's: amber within 30 days, amber
// when moved more than once, overdue against the current deadline.
type StatusRules struct {
	Meta yamlx.Meta

	// AmberWithinDays: a task due within this many days whose progress is
	// below the share of its time elapsed is amber.
	AmberWithinDays *int `yaml:"amber-within-days"`

	// AmberMovedMoreThan: a task whose deadline has moved more than this
	// many times is amber.
	AmberMovedMoreThan *int `yaml:"amber-moved-more-than"`

	// OverdueAgainst: red measures lateness against the current deadline
	// (the default) or the original one, for sites that do not let a moved
	// deadline turn a late task back to on track.
	OverdueAgainst DueRef `yaml:"overdue-against"`

	// DoneLate is the light of a task done after its deadline (measured as
	// OverdueAgainst says); amber by default: done, but not on time.
	DoneLate Light `yaml:"done-late"`
}

// Limits of the numeric rules: beyond them a value is a typo, not a policy.
const (
	MaxAmberWithinDays    = 3660
	MaxAmberMovedMoreThan = 1000
)

// Validate reports numbers out of range, at their place. Enums and types
// were checked by decoding. It is safe on a nil receiver.
func (r *StatusRules) Validate(errs *diag.List) {
	if r == nil {
		return
	}
	if v := r.AmberWithinDays; v != nil && (*v < 0 || *v > MaxAmberWithinDays) {
		errs.Errorf(r.Meta.At("amber-within-days"), r.Meta.Field("amber-within-days"), "%d is out of range: a number of days from 0 to %d", *v, MaxAmberWithinDays)
	}
	if v := r.AmberMovedMoreThan; v != nil && (*v < 0 || *v > MaxAmberMovedMoreThan) {
		errs.Errorf(r.Meta.At("amber-moved-more-than"), r.Meta.Field("amber-moved-more-than"), "%d is out of range: a number of moves from 0 to %d", *v, MaxAmberMovedMoreThan)
	}
}
