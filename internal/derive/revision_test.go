package derive

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// rev builds a revision.
func rev(t testing.TB, d string, v float64, note string) data.Revision {
	return data.Revision{Date: day(t, d), Value: v, Note: note}
}

// revisedMetric is a quarterly flow with a target:
//
//	2023-Q4 2,000,000
//	2024-Q1 over 2,700,000, revised 07-15 to 2,750,000, 10-01 to 2,760,000
//	2024-Q2 3,000,000, revised 07-15 to 3,100,000
func revisedMetric(t testing.TB) *data.Metric {
	q1 := val(t, "2024-Q1", 2_700_000, data.Over)
	q1.Note = "hơn 2,7 triệu"
	q1.Revisions = []data.Revision{rev(t, "2024-07-15", 2_750_000, "số liệu chính thức"), rev(t, "2024-10-01", 2_760_000, "")}
	q2 := val(t, "2024-Q2", 3_000_000, data.Exact)
	q2.Revisions = []data.Revision{rev(t, "2024-07-15", 3_100_000, "")}
	return &data.Metric{ID: "rec", Kind: data.Flow, Period: period.Quarter,
		Target: &data.Target{Value: 10_000_000, By: day(t, "2024-12-31")},
		Values: []data.Value{val(t, "2023-Q4", 2_000_000, data.Exact), q1, q2}}
}

// TestValueAsOf: the figure before, on and after each revision, and the
// later revision a page notes, bounded by now.
func TestValueAsOf(t *testing.T) {
	m := revisedMetric(t)
	q1 := per(t, "2024-Q1")
	tests := []struct {
		day, now string
		value    float64
		approx   data.Approx
		note     string
		revision string // date of the revision in force, "" for the first figure
		later    string // date of the later revision noted, "" for none
	}{
		{"2024-04-09", "2024-12-31", 2_700_000, data.Over, "hơn 2,7 triệu", "", "2024-10-01"},
		{"2024-04-09", "2024-08-01", 2_700_000, data.Over, "hơn 2,7 triệu", "", "2024-07-15"},
		{"2024-04-09", "2024-07-14", 2_700_000, data.Over, "hơn 2,7 triệu", "", ""},
		{"2024-04-09", "", 2_700_000, data.Over, "hơn 2,7 triệu", "", "2024-10-01"},
		{"2024-07-14", "2024-12-31", 2_700_000, data.Over, "hơn 2,7 triệu", "", "2024-10-01"},
		{"2024-07-15", "2024-12-31", 2_750_000, data.Exact, "số liệu chính thức", "2024-07-15", "2024-10-01"},
		{"2024-07-16", "2024-09-30", 2_750_000, data.Exact, "số liệu chính thức", "2024-07-15", ""},
		{"2024-10-01", "2024-12-31", 2_760_000, data.Exact, "", "2024-10-01", ""},
		{"2025-06-01", "2025-06-01", 2_760_000, data.Exact, "", "2024-10-01", ""},
		// A day before the period even ended: the shortcode asked for it.
		{"2024-02-01", "2024-12-31", 2_700_000, data.Over, "hơn 2,7 triệu", "", "2024-10-01"},
	}
	for _, tt := range tests {
		t.Run(tt.day+"/"+tt.now, func(t *testing.T) {
			var now date.Date
			if tt.now != "" {
				now = day(t, tt.now)
			}
			k, ok := ValueAsOf(m, q1, day(t, tt.day), now)
			if !ok {
				t.Fatal("not found")
			}
			if k.Value.Value != tt.value || k.Value.Approx != tt.approx || k.Value.Note != tt.note || k.Value.Period != q1 {
				t.Errorf("value %v %q %q", k.Value.Value, k.Value.Approx, k.Value.Note)
			}
			if k.Original.Value != 2_700_000 || len(k.Original.Revisions) != 2 {
				t.Errorf("original = %+v", k.Original)
			}
			if got := revDate(k.Revision); got != tt.revision {
				t.Errorf("revision in force %s, want %s", got, tt.revision)
			}
			if got := revDate(k.Later); got != tt.later || k.RevisedLater() != (tt.later != "") {
				t.Errorf("later revision %s, want %s", got, tt.later)
			}
		})
	}
	if _, ok := ValueAsOf(m, per(t, "2022-Q1"), day(t, "2024-04-09"), date.Date{}); ok {
		t.Error("found a missing period")
	}
}

func revDate(r *data.Revision) string {
	if r == nil {
		return ""
	}
	return r.Date.String()
}

// seriesText prints points as "period=value(cumulative)".
func seriesText(ps []Point) string {
	var b []string
	for _, p := range ps {
		s := fmt.Sprintf("%s=%g", p.Value.Period, p.Value.Value)
		if p.HasCumulative {
			s += fmt.Sprintf("(%g)", p.Cumulative)
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

// TestSeriesAsOf: a value counts from the last day of its period, with
// the figure known on the day, and totals are made of those figures.
func TestSeriesAsOf(t *testing.T) {
	m := revisedMetric(t)
	tests := []struct{ day, want string }{
		{"2023-12-30", ""},
		{"2024-03-30", "2023-Q4=2e+06(2e+06)"},
		{"2024-03-31", "2023-Q4=2e+06(2e+06) 2024-Q1=2.7e+06(4.7e+06)"},
		{"2024-06-30", "2023-Q4=2e+06(2e+06) 2024-Q1=2.7e+06(4.7e+06) 2024-Q2=3e+06(7.7e+06)"},
		{"2024-07-14", "2023-Q4=2e+06(2e+06) 2024-Q1=2.7e+06(4.7e+06) 2024-Q2=3e+06(7.7e+06)"},
		{"2024-07-15", "2023-Q4=2e+06(2e+06) 2024-Q1=2.75e+06(4.75e+06) 2024-Q2=3.1e+06(7.85e+06)"},
		{"2024-10-01", "2023-Q4=2e+06(2e+06) 2024-Q1=2.76e+06(4.76e+06) 2024-Q2=3.1e+06(7.86e+06)"},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			if got := seriesText(SeriesAsOf(m, day(t, tt.day))); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLatestKnownValues: the functions without a page date use the latest
// figures, revisions included; those with one, the figures known then.
func TestLatestKnownValues(t *testing.T) {
	m := revisedMetric(t)
	if got, want := seriesText(Series(m)), "2023-Q4=2e+06(2e+06) 2024-Q1=2.76e+06(4.76e+06) 2024-Q2=3.1e+06(7.86e+06)"; got != want {
		t.Errorf("Series = %s, want %s", got, want)
	}
	q1 := per(t, "2024-Q1")
	c, err := ChangeOn(m, q1, Prev)
	if err != nil || !near(c.Abs, 760_000) || c.Approx != data.Exact || c.To.Value != 2_760_000 {
		t.Errorf("ChangeOn = %+v, %v", c, err)
	}
	tests := []struct {
		day    string
		abs    float64
		approx data.Approx
	}{
		{"2024-04-09", 700_000, data.Over},
		{"2024-07-15", 750_000, data.Exact},
		{"2024-12-31", 760_000, data.Exact},
	}
	for _, tt := range tests {
		c, err := ChangeOnAsOf(m, q1, Prev, day(t, tt.day))
		if err != nil || !near(c.Abs, tt.abs) || c.Approx != tt.approx {
			t.Errorf("ChangeOnAsOf(%s) = %+v, %v; want %g %q", tt.day, c, err, tt.abs, tt.approx)
		}
	}
	if _, err := ChangeOnAsOf(m, per(t, "2023-Q4"), Prev, day(t, "2024-12-31")); err == nil {
		t.Error("ChangeOnAsOf across a missing period did not fail")
	}

	// Latest counts a period from its first day (as before), with the
	// figure known on the day; LatestAsOf from its last.
	if v, ok := Latest(m, day(t, "2024-04-09")); !ok || v.Period.String() != "2024-Q2" || v.Value != 3_000_000 {
		t.Errorf("Latest(04-09) = %+v", v)
	}
	if v, ok := Latest(m, day(t, "2024-08-01")); !ok || v.Value != 3_100_000 {
		t.Errorf("Latest(08-01) = %+v", v)
	}
	if v, ok := LatestAsOf(m, day(t, "2024-04-09")); !ok || v.Period != q1 || v.Value != 2_700_000 || v.Approx != data.Over {
		t.Errorf("LatestAsOf(04-09) = %+v", v)
	}
	if _, ok := LatestAsOf(m, day(t, "2023-12-30")); ok {
		t.Error("LatestAsOf before any period ended found a value")
	}

	// Targets: a flow's current total, of the figures known on the day.
	ts, ok := TargetOf(m, day(t, "2024-12-31"))
	if !ok || ts.Current.Value != 7_860_000 {
		t.Errorf("TargetOf = %+v", ts.Current)
	}
	ts, ok = TargetOfAsOf(m, day(t, "2024-04-09"))
	if !ok || ts.Current.Value != 4_700_000 || ts.Current.Period != q1 || ts.Current.Approx != data.Over {
		t.Errorf("TargetOfAsOf(04-09) = %+v", ts.Current)
	}
	ts, ok = TargetOfAsOf(m, day(t, "2024-07-15"))
	if !ok || ts.Current.Value != 7_850_000 {
		t.Errorf("TargetOfAsOf(07-15) = %+v", ts.Current)
	}
	if _, ok := TargetOfAsOf(m, day(t, "2023-12-30")); ok {
		t.Error("TargetOfAsOf with no value known")
	}
	noTarget := revisedMetric(t)
	noTarget.Target = nil
	if _, ok := TargetOfAsOf(noTarget, day(t, "2024-12-31")); ok {
		t.Error("TargetOfAsOf without a target")
	}
}

func TestHistory(t *testing.T) {
	m := revisedMetric(t)
	q1 := m.Values[1]
	tests := []struct {
		now  string
		want string
	}{
		{"2024-04-09", "2024-03-31=2.7e+06 over"},
		{"2024-07-15", "2024-03-31=2.7e+06 over; 2024-07-15=2.75e+06 số liệu chính thức"},
		{"", "2024-03-31=2.7e+06 over; 2024-07-15=2.75e+06 số liệu chính thức; 2024-10-01=2.76e+06"},
	}
	for _, tt := range tests {
		var now date.Date
		if tt.now != "" {
			now = day(t, tt.now)
		}
		var got []string
		for i, v := range History(q1, now) {
			s := fmt.Sprintf("%s=%g", v.Date, v.Value)
			if v.Approx != data.Exact {
				s += " " + string(v.Approx)
			}
			if i > 0 && v.Note != "" {
				s += " " + v.Note
			}
			if (i == 0) != (v.Revision == nil) {
				t.Errorf("version %d: revision %v", i, v.Revision)
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("History(%s) = %s\nwant %s", tt.now, g, tt.want)
		}
	}
	// Out of order in the file (Validate reports it): still by date.
	shuffled := q1
	shuffled.Revisions = []data.Revision{q1.Revisions[1], q1.Revisions[0]}
	if h := History(shuffled, date.Date{}); h[1].Date != day(t, "2024-07-15") {
		t.Errorf("History not in date order: %+v", h)
	}
	if r := revisionAsOf(shuffled, day(t, "2024-12-31")); r.Value != 2_760_000 {
		t.Errorf("revision in force = %+v", r)
	}
}
