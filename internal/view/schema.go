package view

import (
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/derive"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/period"
)

// TableSchema describes the columns of one open-data CSV file, in the
// words of the Frictionless Table Schema (v1) specification, so that a
// reuser's tools read each column with its type: dates as dates, figures
// as numbers. datapackage.json publishes one per CSV file.
type TableSchema struct {
	Fields []Field `json:"fields"`
	// MissingValues lists what stands for "no value": the empty field,
	// which is how every bantin CSV writes a value that is not there.
	MissingValues []string     `json:"missingValues"`
	PrimaryKey    []string     `json:"primaryKey,omitempty"`
	ForeignKeys   []ForeignKey `json:"foreignKeys,omitempty"`
}

// Field is one column of a TableSchema.
type Field struct {
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Type        string `json:"type"` // string, number, integer, boolean, date, yearmonth, year
	Format      string `json:"format,omitempty"`
	Description string `json:"description,omitempty"`
	// Unit is the unit of a figure ("hồ sơ", "%"), a property the
	// specification leaves to publishers; Description says it too, for
	// tools that show only the standard properties.
	Unit        string       `json:"unit,omitempty"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints are the rules a column's values keep.
type Constraints struct {
	Required bool     `json:"required,omitempty"`
	Unique   bool     `json:"unique,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
	Minimum  *float64 `json:"minimum,omitempty"`
	Maximum  *float64 `json:"maximum,omitempty"`
}

// ForeignKey says that the values of a column are those of a column of
// another resource of the package: the task of a moved deadline is a task
// of the plan's own table.
type ForeignKey struct {
	Fields    []string `json:"fields"`
	Reference FKRef    `json:"reference"`
}

// FKRef names the resource and columns a ForeignKey points at.
type FKRef struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// column is one column as the writers and the schemas both see it: the
// CSV writers take the header from the same list.
type column struct {
	name, typ string
	c         *Constraints
	key       string // the locale key of its description; "data.field."+name when empty
}

func required() *Constraints { return &Constraints{Required: true} }
func oneOf(vals ...string) *Constraints {
	return &Constraints{Enum: vals}
}
func percent() *Constraints {
	lo, hi := 0.0, 100.0
	return &Constraints{Minimum: &lo, Maximum: &hi}
}

// metricColumns are the columns of metrics/<id>.csv. The type of
// "period" depends on the metric's period (see periodField).
var metricColumns = []column{
	{"period", "string", nil, ""},
	{"value", "number", required(), ""},
	{"unit", "string", nil, ""},
	{"approx", "string", oneOf(string(data.Over), string(data.Under), string(data.About)), ""},
	{"note", "string", nil, ""},
}

// MetricSchema returns the Table Schema of metrics/<id>.csv for metric m,
// its descriptions in the language of L.
func MetricSchema(m *data.Metric, L *locale.Locale) TableSchema {
	s := schemaOf(metricColumns, L)
	periodField(&s.Fields[0], m.Period)
	v := &s.Fields[1]
	v.Unit = unit(m)
	if v.Unit != "" {
		v.Description += " " + L.Tf("data.field.unit-is", v.Unit)
	}
	if m.Kind == data.Ratio {
		v.Constraints = percent()
		v.Constraints.Required = true
	}
	s.PrimaryKey = []string{"period"}
	return s
}

// periodField types the period column by the metric's period: a day is
// a date, a month a yearmonth, a year a year; a quarter (2024-Q1) has no
// type of its own and is a string of a declared pattern.
func periodField(f *Field, k period.Kind) {
	f.Constraints = &Constraints{Required: true, Unique: true}
	switch k {
	case period.Day:
		f.Type = "date"
	case period.Month:
		f.Type = "yearmonth"
	case period.Year:
		f.Type = "year"
	case period.Quarter:
		f.Type = "string"
		f.Constraints.Pattern = `[0-9]{4}-Q[1-4]`
	}
}

// planColumns are the columns of plans/<id>.csv: each task as of the
// build date.
var planColumns = []column{
	{"id", "string", &Constraints{Required: true, Unique: true}, ""},
	{"title", "string", required(), ""},
	{"owner", "string", nil, ""},
	{"kind", "string", &Constraints{Required: true, Enum: []string{string(data.Scheduled), string(data.Recurring)}}, ""},
	{"due_original", "date", nil, ""},
	{"due_current", "date", nil, ""},
	{"moves", "integer", &Constraints{Required: true, Minimum: new(0.0)}, ""},
	{"days_moved", "integer", nil, ""},
	{"status", "string", &Constraints{Required: true, Enum: statusNames()}, ""},
	{"since", "date", nil, ""},
	{"progress", "number", percent(), ""},
	{"overdue", "boolean", required(), ""},
	{"light", "string", &Constraints{Required: true, Enum: []string{string(derive.Red), string(derive.Amber), string(derive.Green), string(derive.Grey)}}, ""},
	{"light_reason", "string", &Constraints{Required: true, Enum: reasonNames()}, ""},
	{"basis", "string", nil, ""},
	{"as_of", "date", required(), ""},
}

func statusNames() []string {
	var out []string
	for _, s := range data.Statuses {
		out = append(out, string(s))
	}
	return out
}

// lightReasons are the reasons derive.LightOf gives, in its order.
var lightReasons = []derive.Reason{
	derive.ReasonOverdue, derive.ReasonMoved, derive.ReasonBehind, derive.ReasonDoneLate,
	derive.ReasonDoneOnTime, derive.ReasonOnTrack, derive.ReasonRecurring, derive.ReasonCancelled,
	derive.ReasonNotStarted, derive.ReasonNoDeadline,
}

func reasonNames() []string {
	var out []string
	for _, r := range lightReasons {
		out = append(out, string(r))
	}
	return out
}

// PlanSchema returns the Table Schema of plans/<id>.csv.
func PlanSchema(L *locale.Locale) TableSchema {
	s := schemaOf(planColumns, L)
	s.PrimaryKey = []string{"id"}
	return s
}

// movesColumns are the columns of plans/<id>/moves.csv, the ledger of a
// plan's moved deadlines.
var movesColumns = []column{
	{"task", "string", required(), ""},
	{"date", "date", required(), "data.field.move-date"},
	{"from", "date", required(), ""},
	{"to", "date", required(), ""},
	{"days", "integer", required(), ""},
	{"basis", "string", nil, "data.field.move-basis"},
	{"basis_date", "date", nil, ""},
	{"basis_by", "string", nil, ""},
	{"basis_url", "string", nil, ""},
	{"note", "string", nil, "data.field.move-note"},
}

// MovesSchema returns the Table Schema of plans/<id>/moves.csv; its task
// column refers to the id column of the resource named tasks (the plan's
// own table in the same package). No column, nor set of them, is a key:
// a task's deadline may move twice on one day.
func MovesSchema(tasks string, L *locale.Locale) TableSchema {
	s := schemaOf(movesColumns, L)
	s.Fields[8].Format = "uri"
	s.ForeignKeys = []ForeignKey{{Fields: []string{"task"}, Reference: FKRef{Resource: tasks, Fields: []string{"id"}}}}
	return s
}

// schemaOf makes the fields of cols, each described in the words of the
// locale key "data.field.<name>".
func schemaOf(cols []column, L *locale.Locale) TableSchema {
	s := TableSchema{MissingValues: []string{""}}
	for _, c := range cols {
		key := c.key
		if key == "" {
			key = "data.field." + c.name
		}
		f := Field{Name: c.name, Type: c.typ, Description: L.T(key)}
		if c.c != nil {
			cc := *c.c
			f.Constraints = &cc
		}
		s.Fields = append(s.Fields, f)
	}
	return s
}
