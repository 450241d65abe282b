package derive

import (
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/period"
)

func TestParseBasis(t *testing.T) {
	tests := []struct {
		in      string
		want    Basis
		wantErr bool
	}{
		{"", Prev, false},
		{"prev", Prev, false},
		{"yoy", YoY, false},
		{"YoY", "", true},
		{"mom", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseBasis(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				for _, w := range []string{tt.in, "prev", "yoy"} {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %q", err, w)
					}
				}
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// flowMetric is quarterly with a gap at 2023-Q3 and a zero at 2022-Q4.
func flowMetric(t testing.TB) *data.Metric {
	return &data.Metric{ID: "dossiers", Kind: data.Flow, Period: period.Quarter, Values: []data.Value{
		val(t, "2022-Q4", 0, data.Exact),
		val(t, "2023-Q1", 100, data.Exact),
		val(t, "2023-Q2", 120, data.About),
		val(t, "2023-Q4", 150, data.Exact),
		val(t, "2024-Q1", 200, data.Over),
	}}
}

func TestChangeOn(t *testing.T) {
	m := flowMetric(t)
	neg := &data.Metric{ID: "balance", Kind: data.Stock, Period: period.Year, Values: []data.Value{
		val(t, "2022", -50, data.Exact), val(t, "2023", -25, data.Exact)}}
	tests := []struct {
		name    string
		m       *data.Metric
		p       string
		basis   Basis
		from    float64
		abs     float64
		pct     float64
		hasPct  bool
		approx  data.Approx
		errWant []string // substrings of the error; nil when none is expected
	}{
		{"prev", m, "2023-Q2", Prev, 100, 20, 20, true, data.About, nil},
		{"prev over a gap", m, "2023-Q4", Prev, 0, 0, 0, false, "", []string{"dossiers", "2023-Q3", "2023-Q4"}},
		{"yoy", m, "2024-Q1", YoY, 100, 100, 100, true, data.Over, nil},
		{"prev across a year", m, "2024-Q1", Prev, 150, 50, 100.0 / 3, true, data.Over, nil},
		{"zero base", m, "2023-Q1", Prev, 0, 100, 0, false, data.Exact, nil},
		{"missing period", m, "2024-Q3", Prev, 0, 0, 0, false, "", []string{"dossiers", "2024-Q3"}},
		{"missing year before", m, "2023-Q2", YoY, 0, 0, 0, false, "", []string{"dossiers", "2022-Q2"}},
		{"unknown basis", m, "2023-Q2", "mom", 0, 0, 0, false, "", []string{"mom"}},
		{"negative base keeps the sign of the change", neg, "2023", Prev, -50, 25, 50, true, data.Exact, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ChangeOn(tt.m, per(t, tt.p), tt.basis)
			if tt.errWant != nil {
				if err == nil {
					t.Fatalf("no error, got %+v", c)
				}
				for _, w := range tt.errWant {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Metric != tt.m || c.To.Period != per(t, tt.p) || c.From.Value != tt.from {
				t.Errorf("Metric/From/To wrong: %+v", c)
			}
			if !near(c.Abs, tt.abs) || !near(c.Pct, tt.pct) || c.HasPct != tt.hasPct || c.Approx != tt.approx {
				t.Errorf("got Abs %v Pct %v HasPct %v Approx %q, want %v %v %v %q",
					c.Abs, c.Pct, c.HasPct, c.Approx, tt.abs, tt.pct, tt.hasPct, tt.approx)
			}
		})
	}
}

func TestChangeApprox(t *testing.T) {
	const (
		E = data.Exact
		O = data.Over
		U = data.Under
		A = data.About
	)
	tests := []struct{ to, from, want data.Approx }{
		{E, E, E},
		{O, E, O}, {E, U, O}, {O, U, O},
		{U, E, U}, {E, O, U}, {U, O, U},
		{O, O, A}, {U, U, A},
		{A, E, A}, {E, A, A}, {A, O, A}, {O, A, A},
	}
	for _, tt := range tests {
		m := &data.Metric{ID: "m", Kind: data.Stock, Period: period.Year, Values: []data.Value{
			val(t, "2023", 10, tt.from), val(t, "2024", 20, tt.to)}}
		c, err := ChangeOn(m, per(t, "2024"), Prev)
		if err != nil {
			t.Fatal(err)
		}
		if c.Approx != tt.want {
			t.Errorf("to %q from %q: Approx %q, want %q", tt.to, tt.from, c.Approx, tt.want)
		}
	}
}

// TestLookupRequests is the example of the SPEC's change shortcode:
// {{< change "lookup-requests" "2024-Q1" "yoy" >}} reads +216 triệu.
func TestLookupRequests(t *testing.T) {
	m := &data.Metric{ID: "lookup-requests", Kind: data.Flow, Period: period.Quarter, Values: []data.Value{
		val(t, "2023-Q1", 1_284_000_000, data.About),
		val(t, "2024-Q1", 1_500_000_000, data.Over),
	}}
	c, err := ChangeOn(m, per(t, "2024-Q1"), YoY)
	if err != nil {
		t.Fatal(err)
	}
	if c.Abs != 216_000_000 {
		t.Errorf("Abs = %v, want 216000000", c.Abs)
	}
	if !near(c.Pct, 216.0/1284*100) || !c.HasPct {
		t.Errorf("Pct = %v (%v), want %v", c.Pct, c.HasPct, 216.0/1284*100)
	}
	if c.Approx != data.About {
		t.Errorf("Approx = %q, want about", c.Approx)
	}
	if _, err := ChangeOn(m, per(t, "2024-Q1"), Prev); err == nil || !strings.Contains(err.Error(), "2023-Q4") {
		t.Errorf("prev across the gap: err = %v, want one naming 2023-Q4", err)
	}
}

func TestLatest(t *testing.T) {
	m := flowMetric(t)
	shuffled := &data.Metric{ID: "x", Kind: data.Stock, Period: period.Month, Values: []data.Value{
		val(t, "2024-03", 3, data.Exact), val(t, "2024-01", 1, data.Exact), val(t, "2024-02", 2, data.Exact)}}
	tests := []struct {
		name string
		m    *data.Metric
		asOf string
		want string // period, "" for none
	}{
		{"before any", m, "2022-09-30", ""},
		{"first day of the first period", m, "2022-10-01", "2022-Q4"},
		{"last day of a period", m, "2023-03-31", "2023-Q1"},
		{"first day of the next", m, "2023-04-01", "2023-Q2"},
		{"in a gap", m, "2023-08-15", "2023-Q2"},
		{"long after", m, "2030-01-01", "2024-Q1"},
		{"file order does not matter", shuffled, "2024-12-31", "2024-03"},
		{"file order, as of", shuffled, "2024-02-10", "2024-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := Latest(tt.m, day(t, tt.asOf))
			if tt.want == "" {
				if ok {
					t.Errorf("got %v, want none", v.Period)
				}
				return
			}
			if !ok || v.Period.String() != tt.want {
				t.Errorf("got %v (%v), want %s", v.Period, ok, tt.want)
			}
		})
	}
}

func TestSeries(t *testing.T) {
	flow := flowMetric(t)
	flow.Values[0], flow.Values[3] = flow.Values[3], flow.Values[0] // out of order
	stock := &data.Metric{ID: "s", Kind: data.Stock, Period: period.Year, Values: []data.Value{
		val(t, "2023", 7, data.Exact), val(t, "2022", 5, data.Exact)}}
	ratio := &data.Metric{ID: "r", Kind: data.Ratio, Period: period.Year, Values: []data.Value{
		val(t, "2022", 50, data.Exact), val(t, "2023", 60, data.Exact)}}
	type pt struct {
		period string
		cum    float64
		has    bool
	}
	tests := []struct {
		name string
		m    *data.Metric
		want []pt
	}{
		{"flow adds up until a gap", flow, []pt{{"2022-Q4", 0, true}, {"2023-Q1", 100, true}, {"2023-Q2", 220, true}, {"2023-Q4", 0, false}, {"2024-Q1", 0, false}}},
		{"stock does not add up", stock, []pt{{"2022", 0, false}, {"2023", 0, false}}},
		{"ratio does not add up", ratio, []pt{{"2022", 0, false}, {"2023", 0, false}}},
		{"empty", &data.Metric{Kind: data.Flow}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Series(tt.m)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d points, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Value.Period.String() != w.period || g.Cumulative != w.cum || g.HasCumulative != w.has {
					t.Errorf("[%d] = %v %v %v, want %+v", i, g.Value.Period, g.Cumulative, g.HasCumulative, w)
				}
			}
		})
	}
	if flow.Values[0].Period.String() != "2023-Q4" {
		t.Errorf("Series reordered the model's values")
	}
}

func TestTargetOf(t *testing.T) {
	target := func(v float64, by string) *data.Target { return &data.Target{Value: v, By: day(t, by)} }
	quarterly := func(k data.MetricKind, tg *data.Target, vs ...data.Value) *data.Metric {
		return &data.Metric{ID: "m", Kind: k, Period: period.Quarter, Target: tg, Values: vs}
	}
	tests := []struct {
		name string
		m    *data.Metric
		asOf string
		ok   bool
		want TargetStatus // Target is filled in from the metric
	}{
		{
			name: "no target",
			m:    quarterly(data.Flow, nil, val(t, "2024-Q1", 1, data.Exact)),
			asOf: "2024-07-01",
		},
		{
			name: "no value yet",
			m:    quarterly(data.Flow, target(100, "2024-12-31"), val(t, "2024-Q3", 1, data.Exact)),
			asOf: "2024-06-30",
		},
		{
			name: "flow reached",
			m:    quarterly(data.Flow, target(100, "2024-12-31"), val(t, "2024-Q1", 40, data.Exact), val(t, "2024-Q2", 60, data.Over)),
			asOf: "2024-07-01", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q2", 100, data.Over), Reached: true, PeriodsLeft: 2,
				RecentPace: 50, HasPace: true, OnTrack: true},
		},
		{
			name: "flow on track",
			m:    quarterly(data.Flow, target(100, "2024-12-31"), val(t, "2024-Q1", 30, data.Exact), val(t, "2024-Q2", 30, data.Exact)),
			asOf: "2024-07-01", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q2", 60, data.Exact), Remaining: 40, PeriodsLeft: 2,
				NeededPerPeriod: 20, RecentPace: 30, HasPace: true, OnTrack: true},
		},
		{
			name: "flow behind, pace over the last four periods only",
			m: quarterly(data.Flow, target(100, "2024-12-31"), val(t, "2023-Q1", 50, data.Exact),
				val(t, "2023-Q3", 6, data.About), val(t, "2024-Q1", 2, data.Exact), val(t, "2024-Q2", 10, data.Exact)),
			asOf: "2024-07-01", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q2", 68, data.About), Remaining: 32, PeriodsLeft: 2,
				NeededPerPeriod: 16, RecentPace: 6, HasPace: true},
		},
		{
			name: "values after asOf are left out",
			m:    quarterly(data.Flow, target(100, "2024-12-31"), val(t, "2024-Q1", 30, data.Exact), val(t, "2024-Q2", 90, data.Exact)),
			asOf: "2024-03-31", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q1", 30, data.Exact), Remaining: 70, PeriodsLeft: 3,
				NeededPerPeriod: 70.0 / 3, RecentPace: 30, HasPace: true, OnTrack: true},
		},
		{
			name: "stock rising on track",
			m: quarterly(data.Stock, target(100, "2025-12-31"), val(t, "2023-Q1", 50, data.Exact), val(t, "2023-Q2", 55, data.Exact),
				val(t, "2023-Q3", 60, data.Exact), val(t, "2023-Q4", 65, data.Exact), val(t, "2024-Q1", 70, data.Exact)),
			asOf: "2024-04-15", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q1", 70, data.Exact), Remaining: 30, PeriodsLeft: 7,
				NeededPerPeriod: 30.0 / 7, RecentPace: 5, HasPace: true, OnTrack: true},
		},
		{
			name: "stock pace across a gap",
			m:    quarterly(data.Stock, target(100, "2024-12-31"), val(t, "2023-Q3", 60, data.Exact), val(t, "2024-Q1", 70, data.Exact)),
			asOf: "2024-04-15", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q1", 70, data.Exact), Remaining: 30, PeriodsLeft: 3,
				NeededPerPeriod: 10, RecentPace: 5, HasPace: true},
		},
		{
			name: "stock with one value has no pace",
			m:    quarterly(data.Stock, target(100, "2024-12-31"), val(t, "2024-Q1", 70, data.Exact)),
			asOf: "2024-04-15", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q1", 70, data.Exact), Remaining: 30, PeriodsLeft: 3, NeededPerPeriod: 10},
		},
		{
			name: "ratio falling toward a lower target",
			m:    quarterly(data.Ratio, target(5, "2024-12-31"), val(t, "2024-Q1", 20, data.Exact), val(t, "2024-Q2", 15, data.Exact)),
			asOf: "2024-07-01", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q2", 15, data.Exact), Falling: true, Remaining: 10, PeriodsLeft: 2,
				NeededPerPeriod: 5, RecentPace: 5, HasPace: true, OnTrack: true},
		},
		{
			name: "ratio falling target reached",
			m:    quarterly(data.Ratio, target(5, "2024-12-31"), val(t, "2024-Q1", 20, data.Exact), val(t, "2024-Q2", 4, data.Exact)),
			asOf: "2024-07-01", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q2", 4, data.Exact), Falling: true, Reached: true, PeriodsLeft: 2,
				RecentPace: 16, HasPace: true, OnTrack: true},
		},
		{
			name: "ratio moving away from a rising target",
			m:    quarterly(data.Ratio, target(90, "2024-12-31"), val(t, "2024-Q1", 80, data.Exact), val(t, "2024-Q2", 78, data.Exact)),
			asOf: "2024-07-01", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q2", 78, data.Exact), Remaining: 12, PeriodsLeft: 2,
				NeededPerPeriod: 6, RecentPace: -2, HasPace: true},
		},
		{
			name: "deadline passed, not reached",
			m:    quarterly(data.Stock, target(100, "2023-12-31"), val(t, "2023-Q4", 60, data.Exact), val(t, "2024-Q1", 90, data.Exact)),
			asOf: "2024-04-15", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q1", 90, data.Exact), Remaining: 10, RecentPace: 30, HasPace: true},
		},
		{
			name: "deadline in the latest period",
			m:    quarterly(data.Stock, target(100, "2024-02-15"), val(t, "2023-Q4", 60, data.Exact), val(t, "2024-Q1", 90, data.Exact)),
			asOf: "2024-04-15", ok: true,
			want: TargetStatus{Current: val(t, "2024-Q1", 90, data.Exact), Remaining: 10, RecentPace: 30, HasPace: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := TargetOf(tt.m, day(t, tt.asOf))
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, got)
			}
			if !ok {
				return
			}
			w := tt.want
			w.Target = *tt.m.Target
			if got.Target.Value != w.Target.Value || got.Target.By != w.Target.By || got.Current.Period != w.Current.Period || !near(got.Current.Value, w.Current.Value) ||
				got.Current.Approx != w.Current.Approx || got.Falling != w.Falling || !near(got.Remaining, w.Remaining) ||
				got.Reached != w.Reached || got.PeriodsLeft != w.PeriodsLeft || !near(got.NeededPerPeriod, w.NeededPerPeriod) ||
				!near(got.RecentPace, w.RecentPace) || got.HasPace != w.HasPace || got.OnTrack != w.OnTrack {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
		})
	}
}

func TestPeriodsLeftByKind(t *testing.T) {
	tests := []struct {
		latest, by string
		want       int
	}{
		{"2024-04-09", "2024-04-19", 10},
		{"2024-02-28", "2024-03-01", 2},
		{"2024-01", "2024-12-15", 11},
		{"2024-11", "2025-02-01", 3},
		{"2024-Q4", "2025-01-01", 1},
		{"2023", "2025-12-31", 2},
		{"2024", "2024-06-30", 0},
		{"2025", "2024-06-30", 0},
	}
	for _, tt := range tests {
		p := per(t, tt.latest)
		m := &data.Metric{ID: "m", Kind: data.Stock, Period: p.Kind, Target: &data.Target{Value: 100, By: day(t, tt.by)},
			Values: []data.Value{{Period: p, Value: 1}}}
		ts, ok := TargetOf(m, day(t, "2030-01-01"))
		if !ok || ts.PeriodsLeft != tt.want {
			t.Errorf("latest %s, by %s: PeriodsLeft = %d (%v), want %d", tt.latest, tt.by, ts.PeriodsLeft, ok, tt.want)
		}
	}
}
