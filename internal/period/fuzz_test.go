package period

import (
	"strconv"
	"strings"
	"testing"
)

// kinds lists every kind; the fuzz targets pick one with a byte.
var kinds = []Kind{Day, Month, Quarter, Year}

// inRange reports whether p's year has the four digits of the data-file
// form, so that its String can be parsed back at all.
func inRange(p Period) bool { return 0 <= p.Year && p.Year <= 9999 }

// sign folds a comparison result to -1, 0 or +1.
func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// FuzzParse checks what metric files and shortcodes rely on when they read
// a period: Parse agrees with Detect, rejects with a message that quotes
// the input, and a parsed period writes back (String) to text that parses to
// the same period. It then checks stepping and ordering around it: Next and
// Prev are inverses, a period's days are contiguous with its neighbours',
// YearBefore is the same period one year earlier, and Compare is a total
// order that agrees with the written form.
//
//	go test ./internal/period -run '^$' -fuzz '^FuzzParse$'
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024-04-09", "2024-02-29", "2023-02-29", "2024-04", "2024-Q1", "2024-Q4", "2024", "0000", "9999-12-31", "0000-01-01", "2024-Q5", "2024-Q0", "2024-Q01", "2024-13", "2024-00", "24", "２０２４", "2024-4-9", " 2024", "2024\n", "2024-Q1\x00"} {
		f.Add(uint8(0), s, "2024-Q2")
	}
	f.Add(uint8(1), "2024-04", "2024-Q2")
	f.Add(uint8(2), "2024-Q1", "2024-01")
	f.Add(uint8(3), "2024", "2024-01-01")
	f.Fuzz(func(t *testing.T, k uint8, s, other string) {
		kind := kinds[int(k)%len(kinds)]
		if back, err := ParseKind(kind.String()); err != nil || back != kind {
			t.Fatalf("ParseKind(%q) = %v, %v", kind.String(), back, err)
		}

		p, err := Parse(kind, s)
		d, derr := Detect(s)
		switch {
		case err != nil:
			if !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("Parse(%v, %q): error %q does not quote the input", kind, s, err)
			}
			if derr == nil && d.Kind == kind {
				t.Fatalf("Parse(%v, %q) fails (%v) but Detect reads %v", kind, s, err, d)
			}
			if derr != nil && !strings.Contains(derr.Error(), strconv.Quote(s)) {
				t.Fatalf("Detect(%q): error %q does not quote the input", s, derr)
			}
		case derr != nil || d != p:
			t.Fatalf("Parse(%v, %q) = %v but Detect = %v, %v", kind, s, p, d, derr)
		case p.Kind != kind:
			t.Fatalf("Parse(%v, %q) = %+v, of another kind", kind, s, p)
		default:
			checkPeriod(t, p)
		}

		// Ordering between two periods of any kinds.
		q, qerr := Detect(other)
		if err != nil || qerr != nil {
			return
		}
		checkPeriod(t, q)
		pq, qp := p.Compare(q), q.Compare(p)
		if sign(pq) != -sign(qp) {
			t.Fatalf("Compare is not antisymmetric: %v vs %v = %d, reverse = %d", p, q, pq, qp)
		}
		if (pq == 0) != (p == q) {
			t.Fatalf("Compare(%v, %v) = %d, but equality is %v", p, q, pq, p == q)
		}
		if p.Kind == q.Kind && sign(pq) != sign(strings.Compare(p.String(), q.String())) {
			t.Fatalf("Compare(%v, %v) = %d disagrees with the order of the written forms", p, q, pq)
		}
		if p.Kind == q.Kind && pq < 0 && p.Next().Compare(q) > 0 {
			t.Fatalf("%v < %v but its Next %v is after it", p, q, p.Next())
		}
	})
}

// checkPeriod checks the properties of one valid period.
func checkPeriod(t *testing.T, p Period) {
	t.Helper()
	if p.IsZero() {
		t.Fatalf("a parsed period is zero: %+v", p)
	}
	roundTrip(t, p)

	next, prev := p.Next(), p.Prev()
	if next.Prev() != p || prev.Next() != p {
		t.Fatalf("%v: Next().Prev() = %v, Prev().Next() = %v", p, next.Prev(), prev.Next())
	}
	if next.Kind != p.Kind || prev.Kind != p.Kind {
		t.Fatalf("%v: stepping changed the kind: %v, %v", p, prev, next)
	}
	if p.Compare(next) >= 0 || prev.Compare(p) >= 0 || p.Compare(p) != 0 {
		t.Fatalf("%v: not ordered between %v and %v", p, prev, next)
	}
	for _, n := range []int{-5, 3, 13} {
		if p.Add(n).Add(-n) != p {
			t.Fatalf("%v: Add(%d).Add(%d) = %v", p, n, -n, p.Add(n).Add(-n))
		}
	}

	start, end := p.Start(), p.End()
	if end.Before(start) || !p.Contains(start) || !p.Contains(end) {
		t.Fatalf("%v: days %v to %v are not within it", p, start, end)
	}
	if next.Start() != end.AddDays(1) || prev.End() != start.AddDays(-1) {
		t.Fatalf("%v (%v..%v): neighbours %v (from %v) and %v (to %v) leave a gap or overlap", p, start, end, next, next.Start(), prev, prev.End())
	}
	if p.Contains(next.Start()) || p.Contains(prev.End()) {
		t.Fatalf("%v contains a day of a neighbour", p)
	}
	if p.Kind == Day && start != end {
		t.Fatalf("day %v spans %v..%v", p, start, end)
	}

	yb := p.YearBefore()
	switch p.Kind {
	case Month:
		if yb != p.Add(-12) {
			t.Fatalf("%v: YearBefore = %v, Add(-12) = %v", p, yb, p.Add(-12))
		}
	case Quarter:
		if yb != p.Add(-4) {
			t.Fatalf("%v: YearBefore = %v, Add(-4) = %v", p, yb, p.Add(-4))
		}
	case Year:
		if yb != prev {
			t.Fatalf("%v: YearBefore = %v, Prev = %v", p, yb, prev)
		}
	case Day:
		want := Period{Day, p.Year - 1, p.Month, p.Day}
		if p.Month == 2 && p.Day == 29 {
			want.Day = 28
		}
		if yb != want {
			t.Fatalf("%v: YearBefore = %v, want %v", p, yb, want)
		}
		if s := yb.Start(); s.AddDays(-1).AddDays(1) != s {
			t.Fatalf("%v: YearBefore %v is not a real day", p, yb)
		}
	}
	if yb.Kind != p.Kind || yb.Compare(p) >= 0 {
		t.Fatalf("%v: YearBefore %v is not an earlier period of its kind", p, yb)
	}
	if inRange(yb) {
		roundTrip(t, yb)
	}
	if inRange(next) {
		roundTrip(t, next)
	}
	if inRange(prev) {
		roundTrip(t, prev)
	}
}

// roundTrip checks that p's written form parses back to p.
func roundTrip(t *testing.T, p Period) {
	t.Helper()
	back, err := Parse(p.Kind, p.String())
	if err != nil || back != p {
		t.Fatalf("%+v writes as %q, which parses back to %+v, %v", p, p.String(), back, err)
	}
	b, err := p.MarshalText()
	if err != nil || string(b) != p.String() {
		t.Fatalf("%+v: MarshalText = %q, %v; String = %q", p, b, err, p.String())
	}
}
