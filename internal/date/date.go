// Package date is a calendar date without a clock or a zone. Plans are
// judged "as of" a day, and bulletins are dated by day, so comparing days
// must not depend on the machine's time zone.
package date

import (
	"fmt"
	"time"

	"gopkg.in/yaml.v3"
)

// Date is a day in the proleptic Gregorian calendar. The zero Date is unset.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Parse reads YYYY-MM-DD and rejects impossible days such as 2024-02-30.
func Parse(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return Of(t), nil
}

// ParseDateTime accepts YYYY-MM-DD or an RFC 3339 time, whose day is taken
// in loc. The full time is returned too, for feeds.
func ParseDateTime(s string, loc *time.Location) (Date, time.Time, error) {
	if d, err := Parse(s); err == nil {
		return d, time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return Date{}, time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or RFC 3339)", s)
	}
	t = t.In(loc)
	return Of(t), t, nil
}

// Of returns the day of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today returns the current day in loc.
func Today(loc *time.Location) Date { return Of(time.Now().In(loc)) }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d, for arithmetic.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// By hand: every page writes dates (datetime attributes, stamps), and
	// fmt was a measurable part of rendering a large site's lists.
	b := [10]byte{
		byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10), '-',
		byte('0' + int(d.Month)/10%10), byte('0' + int(d.Month)%10), '-',
		byte('0' + d.Day/10%10), byte('0' + d.Day%10),
	}
	return string(b[:])
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	}
	return sign(d.Day - e.Day)
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddDays returns the day n days after d (before, when n is negative).
func (d Date) AddDays(n int) Date { return Of(d.Time().AddDate(0, 0, n)) }

// DaysUntil returns the number of days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// UnmarshalYAMLNode lets yamlx decode a date with a positioned error.
func (d *Date) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a date (YYYY-MM-DD)")
	}
	v, err := Parse(n.Value)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText writes YYYY-MM-DD, for JSON exports.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
