// Package describe writes the text alternative of a chart: one sentence,
// in the page's language, that says what the chart shows ("Tăng từ khoảng
// 1,28 tỷ (Quý I/2023) lên hơn 1,5 tỷ (Quý I/2024), +216 triệu." / "Rose
// from about 1.28 billion in Q1 2023 to over 1.5 billion in Q1 2024, +216
// million."). The sentence is the chart's accessible description
// (aria-describedby, ECharts' aria.description) and is printed under it.
//
// Why a package of its own: the sentence is made from the data, not typed
// by an editor, so every chart has one and it cannot disagree with the
// figures; and the same wording serves metric pages, shortcodes, plan
// pages and embeds. It knows nothing of metrics or plans: callers give
// labelled points, already ordered, with the labels written the way the
// page writes periods and dates (package locale).
package describe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bantin/bantin/internal/locale"
)

// Point is one value of a series: Label is its period or date as the page
// writes it ("Quý I/2024", "Q1 2024"), Day says the label is a day (an
// English sentence says "on 9 April 2024" but "in Q1 2024"), Approx is the
// qualifier the data gives the value ("", "over", "under", "about"). A
// Missing point is a period the series has no value for (a gap); its Value
// is ignored.
//
// Gap counts the periods with no value just before this point that the
// caller left out of the series (a quarterly series that skips a year):
// they count as gaps like Missing points do, without a point each.
type Point struct {
	Label   string
	Day     bool
	Value   float64
	Approx  string
	Missing bool
	Gap     int
}

// Unit says how values are written. Share (a percent) writes values with
// "%" and changes in percentage points ("+6,5 điểm %"), so that a change
// of a share is not read as a relative change; any other unit is left out
// of the sentence, which the chart's caption names.
type Unit int

// The units a sentence knows.
const (
	Count Unit = iota // plain figures: 2,7 triệu
	Share             // percents: 96,5%
)

// Series describes one series: where it started and ended, the change
// between them, its highest or lowest value when that lies between the
// ends, and how many periods have no value. An empty series, or one with
// only gaps, says there is no data; a single value says it is the only one.
func Series(L *locale.Locale, pts []Point, u Unit) string {
	return capital(series(L, pts, u)) + "."
}

// series is Series without the capital letter and the full stop, so that
// Multi can put a name before it.
func series(L *locale.Locale, pts []Point, u Unit) string {
	first, last, gaps := -1, -1, 0
	for i, p := range pts {
		if p.Missing {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 {
		return L.T("describe.none")
	}
	for i := first; i <= last; i++ {
		if pts[i].Missing {
			gaps++
		}
		if i > first {
			gaps += max(pts[i].Gap, 0)
		}
	}
	a, b := pts[first], pts[last]
	var s string
	switch {
	case first == last:
		return L.Tf("describe.one", value(L, a, u), when(L, a))
	case b.Value > a.Value:
		s = L.Tf("describe.rose", value(L, a, u), when(L, a), value(L, b, u), when(L, b), change(L, b.Value-a.Value, u))
	case b.Value < a.Value:
		s = L.Tf("describe.fell", value(L, a, u), when(L, a), value(L, b, u), when(L, b), change(L, b.Value-a.Value, u))
	default:
		if lo, hi := extremes(pts[first : last+1]); pts[first+lo].Value == pts[first+hi].Value {
			s = L.Tf("describe.flat", value(L, a, u), a.Label, b.Label)
		} else {
			s = L.Tf("describe.back", value(L, a, u), when(L, a), value(L, b, u), when(L, b))
		}
	}
	// The highest and the lowest value, when one lies strictly between the
	// ends: a series that rose and fell back is not "unchanged".
	lo, hi := extremes(pts[first : last+1])
	lo, hi = lo+first, hi+first
	if v := pts[hi]; v.Value > a.Value && v.Value > b.Value {
		s += L.Tf("describe.peak", value(L, v, u), when(L, v))
	}
	if v := pts[lo]; v.Value < a.Value && v.Value < b.Value {
		s += L.Tf("describe.low", value(L, v, u), when(L, v))
	}
	switch gaps {
	case 0:
	case 1:
		s += L.T("describe.gap")
	default:
		s += L.Tf("describe.gaps", gaps)
	}
	return s
}

// extremes returns the index of the first lowest and of the first highest
// value among the points that are not missing; pts must have one.
func extremes(pts []Point) (lo, hi int) {
	lo, hi = -1, -1
	for i, p := range pts {
		if p.Missing {
			continue
		}
		if lo < 0 || p.Value < pts[lo].Value {
			lo = i
		}
		if hi < 0 || p.Value > pts[hi].Value {
			hi = i
		}
	}
	return lo, hi
}

// Named is one series of a chart that shows several.
type Named struct {
	Name   string
	Points []Point
}

// Multi describes several series of one chart, one clause each, named:
// "Hoàn thành: tăng từ 0 (06/02/2024) lên 32 (01/01/2026), +32. Quá hạn: …".
func Multi(L *locale.Locale, ss []Named, u Unit) string {
	parts := make([]string, 0, len(ss))
	for _, s := range ss {
		parts = append(parts, s.Name+": "+series(L, s.Points, u)+".")
	}
	return strings.Join(parts, " ")
}

// Part is one slice of a whole (a donut's slice).
type Part struct {
	Label string
	Value float64
}

// Parts describes the parts of a whole: the total, then each part that is
// not zero with its count and share, in the order given (the legend's):
// "Tổng số 71: Hoàn thành 32 (45,1%); Đang thực hiện 20 (28,2%)".
func Parts(L *locale.Locale, parts []Part) string {
	total := 0.0
	for _, p := range parts {
		total += p.Value
	}
	if total == 0 {
		return capital(L.T("describe.none")) + "."
	}
	var items []string
	for _, p := range parts {
		if p.Value == 0 {
			continue
		}
		items = append(items, p.Label+" "+L.Number(p.Value, locale.NumberOpts{})+" ("+L.Percent(p.Value*100/total)+")")
	}
	return L.Tf("describe.parts", L.Number(total, locale.NumberOpts{}), strings.Join(items, L.T("describe.sep"))) + "."
}

// value writes a point's value with its qualifier: "khoảng 1,28 tỷ".
func value(L *locale.Locale, p Point, u Unit) string {
	o := locale.NumberOpts{Approx: p.Approx}
	if u == Share {
		o.Unit = "%"
	}
	return L.Number(p.Value, o)
}

// when writes when a point was: "(Quý I/2024)" / "in Q1 2024", "on 9 April 2024".
func when(L *locale.Locale, p Point) string {
	if p.Day {
		return L.Tf("describe.on", p.Label)
	}
	return L.Tf("describe.in", p.Label)
}

// change writes the difference between the last and the first value,
// signed: "+216 triệu", "-3 điểm %".
func change(L *locale.Locale, d float64, u Unit) string {
	s := L.Number(d, locale.NumberOpts{Signed: true})
	if u == Share {
		s += " " + L.T("unit.points")
	}
	return s
}

// capital writes the first letter of s in upper case (Vietnamese letters
// included: "đ" → "Đ").
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
