package derive

import (
	"math"
	"testing"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// day parses a YYYY-MM-DD literal of a test.
func day(t testing.TB, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// per parses a period literal of any kind.
func per(t testing.TB, s string) period.Period {
	t.Helper()
	p, err := period.Detect(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// up builds an update.
func up(t testing.TB, d string, s data.Status, note string) data.Update {
	return data.Update{Date: day(t, d), Status: s, Note: note}
}

// val builds a value.
func val(t testing.TB, p string, v float64, a data.Approx) data.Value {
	return data.Value{Period: per(t, p), Value: v, Approx: a}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func ptr(x float64) *float64 { return &x }
