// Package period is the time unit of a metric series: a day, a month, a
// quarter or a year. Changes on the previous period and year on year are
// computed by stepping periods, so stepping lives here, next to parsing and
// ordering. Wording per language lives in package locale.
package period

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/date"
)

// Kind is the length of a period.
type Kind int

// The kinds, shortest first.
const (
	Day Kind = iota + 1
	Month
	Quarter
	Year
)

var kindNames = map[Kind]string{Day: "day", Month: "month", Quarter: "quarter", Year: "year"}

// String returns the name used in metric files.
func (k Kind) String() string { return kindNames[k] }

// ParseKind reads a kind name as written in `period:`.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if name == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("%q is not a period kind (want day, month, quarter or year)", s)
}

// UnmarshalYAMLNode lets yamlx decode a kind with a positioned error.
func (k *Kind) UnmarshalYAMLNode(n *yaml.Node) error {
	v, err := ParseKind(n.Value)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Period is one period of a series. For a quarter, Month holds the quarter's
// number (1–4); Day is set only for days.
type Period struct {
	Kind  Kind
	Year  int
	Month int
	Day   int
}

var (
	reDay     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	reMonth   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reQuarter = regexp.MustCompile(`^(\d{4})-Q(\d+)$`)
	reYear    = regexp.MustCompile(`^(\d{4})$`)
)

// Parse reads s as a period of kind k: 2024-04-09, 2024-04, 2024-Q1 or 2024.
func Parse(k Kind, s string) (Period, error) {
	got, err := Detect(s)
	if err != nil {
		for _, re := range []*regexp.Regexp{reDay, reMonth, reQuarter, reYear} {
			if re.MatchString(s) { // the right form with an impossible value
				return Period{}, err
			}
		}
		return Period{}, fmt.Errorf("%q is not %s", s, article(k))
	}
	if got.Kind != k {
		return Period{}, fmt.Errorf("%q is %s, but the metric counts by %s", s, article(got.Kind), k)
	}
	return got, nil
}

func article(k Kind) string {
	switch k {
	case Day:
		return "a day (YYYY-MM-DD)"
	case Month:
		return "a month (YYYY-MM)"
	case Quarter:
		return "a quarter (YYYY-Q1 to YYYY-Q4)"
	}
	return "a year (YYYY)"
}

// Detect reads s as whichever kind of period its form shows.
func Detect(s string) (Period, error) {
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	switch {
	case reDay.MatchString(s):
		d, err := date.Parse(s)
		if err != nil {
			return Period{}, err
		}
		return Period{Day, d.Year, int(d.Month), d.Day}, nil
	case reMonth.MatchString(s):
		m := reMonth.FindStringSubmatch(s)
		if mo := atoi(m[2]); mo >= 1 && mo <= 12 {
			return Period{Month, atoi(m[1]), mo, 0}, nil
		}
		return Period{}, fmt.Errorf("%q is not a month (01–12)", s)
	case reQuarter.MatchString(s):
		m := reQuarter.FindStringSubmatch(s)
		if q := atoi(m[2]); q >= 1 && q <= 4 {
			return Period{Quarter, atoi(m[1]), q, 0}, nil
		}
		return Period{}, fmt.Errorf("%q is not a quarter (Q1–Q4)", s)
	case reYear.MatchString(s):
		return Period{Kind: Year, Year: atoi(s)}, nil
	}
	return Period{}, fmt.Errorf("%q is not a period (want 2024-04-09, 2024-04, 2024-Q1 or 2024)", s)
}

// String formats p in the ISO-like form it is written in data files.
func (p Period) String() string {
	switch p.Kind {
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", p.Year, p.Month, p.Day)
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.Month)
	case Year:
		return fmt.Sprintf("%04d", p.Year)
	}
	return ""
}

// IsZero reports whether p is unset.
func (p Period) IsZero() bool { return p.Kind == 0 }

// Start returns the first day of p.
func (p Period) Start() date.Date {
	switch p.Kind {
	case Day:
		return date.Date{Year: p.Year, Month: time.Month(p.Month), Day: p.Day}
	case Month:
		return date.Date{Year: p.Year, Month: time.Month(p.Month), Day: 1}
	case Quarter:
		return date.Date{Year: p.Year, Month: time.Month(3*p.Month - 2), Day: 1}
	}
	return date.Date{Year: p.Year, Month: 1, Day: 1}
}

// End returns the last day of p.
func (p Period) End() date.Date { return p.Next().Start().AddDays(-1) }

// Compare orders periods of one kind by time; different kinds by start day.
func (p Period) Compare(q Period) int {
	if c := p.Start().Compare(q.Start()); c != 0 {
		return c
	}
	return int(p.Kind) - int(q.Kind)
}

// Add steps n periods forward (backward when n is negative).
func (p Period) Add(n int) Period {
	switch p.Kind {
	case Day:
		d := p.Start().AddDays(n)
		return Period{Day, d.Year, int(d.Month), d.Day}
	case Month:
		i := p.Year*12 + p.Month - 1 + n
		return Period{Kind: Month, Year: floorDiv(i, 12), Month: i - floorDiv(i, 12)*12 + 1}
	case Quarter:
		i := p.Year*4 + p.Month - 1 + n
		return Period{Kind: Quarter, Year: floorDiv(i, 4), Month: i - floorDiv(i, 4)*4 + 1}
	}
	return Period{Kind: Year, Year: p.Year + n}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Prev returns the period just before p.
func (p Period) Prev() Period { return p.Add(-1) }

// Next returns the period just after p.
func (p Period) Next() Period { return p.Add(1) }

// YearBefore returns the same period one year earlier (29 February maps to 28 February).
func (p Period) YearBefore() Period {
	if p.Kind == Day {
		d := p.Start()
		if d.Month == 2 && d.Day == 29 {
			return Period{Day, p.Year - 1, 2, 28}
		}
		return Period{Day, p.Year - 1, p.Month, p.Day}
	}
	q := p
	q.Year--
	return q
}

// Contains reports whether day d falls within p.
func (p Period) Contains(d date.Date) bool {
	return !d.Before(p.Start()) && !d.After(p.End())
}

// UnmarshalYAMLNode decodes a period of any kind; the metric checks its kind.
func (p *Period) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a period such as 2024-Q1")
	}
	v, err := Detect(n.Value)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// MarshalText writes the data-file form, for JSON exports.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }
