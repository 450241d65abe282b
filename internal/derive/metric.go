package derive

import (
	"fmt"
	"math"
	"slices"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// Basis is what a change is measured against.
type Basis string

// The bases of a change.
const (
	Prev Basis = "prev" // the period just before
	YoY  Basis = "yoy"  // the same period a year before
)

// ParseBasis reads a basis as written in a shortcode. The empty string is
// Prev, the basis the change shortcode uses when none is given; anything
// else unknown is an error naming the allowed values.
func ParseBasis(s string) (Basis, error) {
	switch Basis(s) {
	case "", Prev:
		return Prev, nil
	case YoY:
		return YoY, nil
	}
	return "", fmt.Errorf("%q is not a change basis (want %s or %s)", s, Prev, YoY)
}

// Change is the difference of a metric between two periods.
type Change struct {
	Metric   *data.Metric
	From, To data.Value // From is the value of the base period, To that of the period asked for
	Abs      float64    // To.Value - From.Value; percentage points for shares
	Pct      float64    // Abs as a percentage of |From.Value|, so its sign is that of Abs
	HasPct   bool       // false when From.Value is 0 and Pct has no meaning

	// Approx qualifies Abs from the qualifiers of the two values, as
	// bounds: a lower bound minus an upper bound is a lower bound, so the
	// change is Over when To is Over or Exact and From is Under or Exact
	// (not both Exact), Under in the mirror case, Exact when both are
	// Exact, and About otherwise (either is About, or the bounds pull
	// apart). The change from "about 1.284 billion" to "over 1.5 billion"
	// is thus About.
	Approx data.Approx
}

// ChangeOn returns the change of m at period p against the period before
// (Prev) or the same period a year before (YoY). It fails, naming the
// metric and the period, when either value is missing: periods may have
// gaps, and a change is never guessed across one. Both values are the
// latest known, revisions included; ChangeOnAsOf gives the change as it
// was known on a day.
func ChangeOn(m *data.Metric, p period.Period, basis Basis) (Change, error) {
	return changeOn(m, p, basis, latestKnown)
}

// changeOn is ChangeOn with the values as known returns them.
func changeOn(m *data.Metric, p period.Period, basis Basis, known func(data.Value) data.Value) (Change, error) {
	var base period.Period
	switch basis {
	case Prev:
		base = p.Prev()
	case YoY:
		base = p.YearBefore()
	default:
		return Change{}, fmt.Errorf("%q is not a change basis (want %s or %s)", basis, Prev, YoY)
	}
	to, ok := m.Find(p)
	if !ok {
		return Change{}, fmt.Errorf("metric %s has no value for %s", m.ID, p)
	}
	from, ok := m.Find(base)
	if !ok {
		return Change{}, fmt.Errorf("metric %s has no value for %s to compare %s with", m.ID, base, p)
	}
	to, from = known(to), known(from)
	c := Change{Metric: m, From: from, To: to, Abs: to.Value - from.Value}
	if from.Value != 0 {
		c.Pct = c.Abs / math.Abs(from.Value) * 100
		c.HasPct = true
	}
	c.Approx = addApprox(to.Approx, negApprox(from.Approx))
	return c, nil
}

// addApprox qualifies a sum of two qualified values.
func addApprox(a, b data.Approx) data.Approx {
	switch {
	case a == data.Exact:
		return b
	case b == data.Exact:
		return a
	case a == b:
		return a
	}
	return data.About
}

// negApprox qualifies the negation of a qualified value: minus a lower
// bound is an upper bound.
func negApprox(a data.Approx) data.Approx {
	switch a {
	case data.Over:
		return data.Under
	case data.Under:
		return data.Over
	}
	return a
}

// Latest returns the value of m for the last period that has begun on or
// before asOf (its first day is not after asOf). A period need not have
// ended: a figure for a year may be published in its last weeks, and a
// value is in the file only once it is published. The figure is the one
// known on asOf (revisions dated after it are not applied). It returns
// false when there is no such value. LatestAsOf is the variant for pages
// of a past date, which counts a value only from the end of its period.
//
// It is the last of upTo's values, found from the end without copying
// them: a bulletin's figure asks for it, and a daily series has
// thousands of values.
func Latest(m *data.Metric, asOf date.Date) (data.Value, bool) {
	vs := sorted(m)
	for i := len(vs) - 1; i >= 0; i-- {
		if !vs[i].Period.Start().After(asOf) {
			return knownOn(vs[i], asOf), true
		}
	}
	return data.Value{}, false
}

// upTo returns the values of m whose period has begun by asOf, in period
// order, each as known on asOf.
func upTo(m *data.Metric, asOf date.Date) []data.Value {
	var vs []data.Value
	for _, v := range sorted(m) {
		if !v.Period.Start().After(asOf) {
			vs = append(vs, knownOn(v, asOf))
		}
	}
	return vs
}

// sorted returns the values of m in period order: m.Values itself when
// already in order, else a sorted copy. Callers only read it.
func sorted(m *data.Metric) []data.Value {
	byPeriod := func(a, b data.Value) int { return a.Period.Compare(b.Period) }
	if slices.IsSortedFunc(m.Values, byPeriod) { // as data.Validate leaves them
		return m.Values
	}
	vs := slices.Clone(m.Values)
	slices.SortStableFunc(vs, byPeriod)
	return vs
}

// Point is one value of a series with what the series adds up to so far.
type Point struct {
	Value data.Value

	// Cumulative is the sum of the values up to and including this one,
	// for flows only (HasCumulative); stocks and shares do not add up.
	Cumulative    float64
	HasCumulative bool
}

// Series returns the values of m in period order, with running totals for
// flows. A total is only as good as its periods: after a gap (a missing
// period) the running total is unknown, so later points carry none. Each
// value is the latest known, revisions included; SeriesAsOf gives the
// series as it was known on a day.
func Series(m *data.Metric) []Point {
	vs := sorted(m)
	known := make([]data.Value, len(vs))
	for i, v := range vs {
		known[i] = latestKnown(v)
	}
	return seriesOf(m.Kind, known)
}

// seriesOf makes the points of values vs, in period order, of a metric of
// kind k.
func seriesOf(k data.MetricKind, vs []data.Value) []Point {
	ps := make([]Point, 0, len(vs))
	sum := 0.0
	complete := k == data.Flow
	for i, v := range vs {
		pt := Point{Value: v}
		if i > 0 && v.Period != vs[i-1].Period.Next() {
			complete = false
		}
		if complete {
			sum += v.Value
			pt.Cumulative, pt.HasCumulative = sum, true
		}
		ps = append(ps, pt)
	}
	return ps
}

// TargetStatus is how far a metric is from its target, as of a day.
type TargetStatus struct {
	Target data.Target

	// Current is what is compared with the target. For a stock or a share
	// it is the latest value as of the day. For a flow, whose target is a
	// total, it is the sum of all values up to and including the latest,
	// carried on the latest period and qualified as the sum of the
	// qualifiers (Over only if every value is Over or Exact, and so on).
	Current data.Value

	// Falling is set when the target is below where a stock or a share
	// started (the first value as of the day): the metric should go down.
	// Flow targets are totals and always rise.
	Falling bool

	// Remaining is the distance still to go to the target, 0 once reached.
	Remaining float64
	Reached   bool

	// PeriodsLeft counts the periods after the latest one up to and
	// including the period that contains Target.By; 0 once that is past.
	PeriodsLeft int

	// NeededPerPeriod is Remaining spread over PeriodsLeft; 0 when no
	// period is left.
	NeededPerPeriod float64

	// RecentPace is the recent move per period toward the target. For a
	// flow it is the average value of the periods present among the last
	// four (the latest included). For a stock or a share it is the change
	// from the earliest value among the four periods before the latest to
	// the latest, divided by the periods between them, with its sign
	// turned for a falling target, so a move away from the target is
	// negative. HasPace is false when there is nothing to measure.
	RecentPace float64
	HasPace    bool

	// OnTrack is set when the target is reached, or when periods are left
	// and the recent pace is at least the needed pace.
	OnTrack bool
}

// paceWindow is the number of recent periods the pace is measured over.
const paceWindow = 4

// TargetOf returns the status of m against its target as of asOf; false
// when m has no target or no value as of asOf. Values count as Latest
// counts them (from the start of their period), as known on asOf;
// TargetOfAsOf counts them as pages of a past date do.
func TargetOf(m *data.Metric, asOf date.Date) (TargetStatus, bool) {
	if m.Target == nil {
		return TargetStatus{}, false
	}
	return targetOf(m, upTo(m, asOf))
}

// targetOf is TargetOf over vs, the values counted, in period order.
func targetOf(m *data.Metric, vs []data.Value) (TargetStatus, bool) {
	if len(vs) == 0 {
		return TargetStatus{}, false
	}
	latest := vs[len(vs)-1]
	t := TargetStatus{Target: *m.Target, Current: latest}
	if m.Kind == data.Flow {
		cur := data.Value{Period: latest.Period}
		for _, v := range vs {
			cur.Value += v.Value
			cur.Approx = addApprox(cur.Approx, v.Approx)
		}
		t.Current = cur
	} else {
		t.Falling = vs[0].Value > t.Target.Value
	}

	gap := t.Target.Value - t.Current.Value
	if t.Falling {
		gap = -gap
	}
	t.Reached = gap <= 0
	t.Remaining = math.Max(gap, 0)

	kind := latest.Period.Kind
	t.PeriodsLeft = max(steps(latest.Period, containing(kind, t.Target.By)), 0)
	if t.PeriodsLeft > 0 {
		t.NeededPerPeriod = t.Remaining / float64(t.PeriodsLeft)
	}

	if m.Kind == data.Flow {
		sum, n := 0.0, 0
		for _, v := range vs {
			if steps(v.Period, latest.Period) < paceWindow {
				sum += v.Value
				n++
			}
		}
		t.RecentPace, t.HasPace = sum/float64(n), true // n ≥ 1: latest is in the window
	} else {
		for _, v := range vs {
			if k := steps(v.Period, latest.Period); k >= 1 && k <= paceWindow {
				t.RecentPace = (latest.Value - v.Value) / float64(k)
				if t.Falling {
					t.RecentPace = -t.RecentPace
				}
				t.HasPace = true
				break
			}
		}
	}
	t.OnTrack = t.Reached || (t.PeriodsLeft > 0 && t.HasPace && t.RecentPace >= t.NeededPerPeriod)
	return t, true
}

// containing returns the period of kind k that contains day d.
func containing(k period.Kind, d date.Date) period.Period {
	switch k {
	case period.Day:
		return period.Period{Kind: period.Day, Year: d.Year, Month: int(d.Month), Day: d.Day}
	case period.Month:
		return period.Period{Kind: period.Month, Year: d.Year, Month: int(d.Month)}
	case period.Quarter:
		return period.Period{Kind: period.Quarter, Year: d.Year, Month: (int(d.Month)-1)/3 + 1}
	}
	return period.Period{Kind: period.Year, Year: d.Year}
}

// steps returns how many periods b is after a (negative when before); both
// are of a's kind.
func steps(a, b period.Period) int {
	switch a.Kind {
	case period.Day:
		return a.Start().DaysUntil(b.Start())
	case period.Month:
		return (b.Year*12 + b.Month) - (a.Year*12 + a.Month)
	case period.Quarter:
		return (b.Year*4 + b.Month) - (a.Year*4 + a.Month)
	}
	return b.Year - a.Year
}
