package locale

import (
	"math"
	"strconv"
	"strings"
)

// NumberOpts controls Number. The zero value writes a figure the way the
// SPEC's "How figures are written" asks for a bulletin.
type NumberOpts struct {
	// Full writes every digit with no scale word (13.024.931), for
	// format="full" and tables where readers compare exact counts.
	Full bool
	// Signed writes "+" before positive figures, for changes ("+216 triệu").
	// Negative figures always get an ASCII "-"; a figure that rounds to zero
	// gets no sign.
	Signed bool
	// Unit is appended after a space ("hồ sơ"), as given; "%" is appended
	// without a space, and makes the figure a share: no scale word, and
	// Percent's rule for decimals.
	Unit string
	// Approx is "", "over", "under" or "about", written in the language
	// before the number and after the sign ("hơn 2,7 triệu"). Any other
	// value is written as "??value??" so the mistake shows.
	Approx string
	// Digits is the most decimals for figures below one million, shares and
	// Full figures: 0 means the default, 1; a negative value means none.
	// Trailing zeros are always dropped. Figures written with a scale word
	// carry at most three significant digits instead.
	Digits int
}

// invalid stands for NaN and infinities, which no data file should hold but
// which must never crash a build or print as "NaN".
const invalid = "–"

// million is where figures start being written with a scale word.
const million = 1e6

// Number writes v for a reader of the language:
//
//   - below one million, in full with grouping: 746.000, 12,5;
//   - from one million up, divided by the largest scale not above it and
//     rounded to three significant digits, trailing zeros dropped, with the
//     scale's word: 2,7 triệu, 109 triệu, 1,28 tỷ; a figure that rounds up
//     to 1000 of a scale moves to the next (999.999.999 → 1 tỷ);
//   - with Full, every digit: 13.024.931.
//
// Rounding is half away from zero on the shortest decimal form of v (the
// digits a data file wrote), so 1,25 → 1,3 and -1,25 → -1,3, never the
// banker's rounding (half to even). Negative zero prints as 0;
// NaN and infinities print as "–". Number never panics and never returns "".
func (l *Locale) Number(v float64, o NumberOpts) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return invalid
	}
	decimals := 1
	switch {
	case o.Digits > 0:
		decimals = o.Digits
	case o.Digits < 0:
		decimals = 0
	}
	a := math.Abs(v)
	digits, word := roundDecimal(a, decimals), ""
	if o.Unit != "%" && !o.Full && (a >= million || atLeast(digits, million)) {
		digits, word = l.scaled(a)
	}

	var b strings.Builder
	if digits != "0" {
		if v < 0 {
			b.WriteByte('-')
		} else if o.Signed {
			b.WriteByte('+')
		}
	}
	if o.Approx != "" {
		w, ok := l.data.approx[o.Approx]
		if !ok {
			w = "??" + o.Approx + "??"
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	l.writeGrouped(&b, digits)
	if word != "" {
		b.WriteByte(' ')
		b.WriteString(word)
	}
	switch o.Unit {
	case "":
	case "%":
		b.WriteByte('%')
	default:
		b.WriteByte(' ')
		b.WriteString(o.Unit)
	}
	return b.String()
}

// Percent writes a share given in percent: 96.5 → "96,5%" (vi) or "96.5%"
// (en), 95 → "95%". It keeps one decimal at most and drops a trailing zero.
func (l *Locale) Percent(v float64) string {
	return l.Number(v, NumberOpts{Unit: "%"})
}

// scaled writes a ≥ 0 (at least about one million) as at most three
// significant digits of its scale, and returns the digits and the word.
func (l *Locale) scaled(a float64) (digits, word string) {
	sc := l.data.scales
	i := len(sc) - 1 // the smallest scale, for values that only rounded up to it
	for j, s := range sc {
		if a >= s.Factor {
			i = j
			break
		}
	}
	for {
		q := a / sc[i].Factor
		decimals := 0
		switch {
		case q < 10:
			decimals = 2
		case q < 100:
			decimals = 1
		}
		digits = roundDecimal(q, decimals)
		if i == 0 || !atLeast(digits, 1000) {
			return digits, sc[i].Word
		}
		i-- // 1000 of a scale is 1 of the next
	}
}

// writeGrouped writes a canonical decimal ("1234.5") with the language's
// decimal mark, and its separator between each three digits of the whole
// part ("1.234,5"). That is CLDR's pattern for both languages (#,##0.###,
// grouping from four digits on), which TestGroupingIsCLDRs checks against
// golang.org/x/text's printer; it is written here, from the same table of
// separators that chart formatters get, because going through the printer
// cost microseconds and a dozen allocations a figure, and a site writes
// hundreds of thousands of them (every value of every metric's table, its
// page and its embed, and every figure of every bulletin).
func (l *Locale) writeGrouped(b *strings.Builder, digits string) {
	whole, frac, hasFrac := strings.Cut(digits, ".")
	first := len(whole) % 3
	if first == 0 {
		first = min(3, len(whole))
	}
	b.WriteString(whole[:first])
	for i := first; i < len(whole); i += 3 {
		b.WriteString(l.data.group)
		b.WriteString(whole[i : i+3])
	}
	if hasFrac {
		b.WriteString(l.data.decimal)
		b.WriteString(frac)
	}
}

// roundDecimal rounds a ≥ 0 to at most decimals fraction digits, half away
// from zero, working on the shortest decimal form of a so that 1.25 is
// treated as written rather than as its binary approximation. The result is
// canonical: "." as the decimal mark, no grouping, no trailing fraction
// zeros, "0" for zero.
func roundDecimal(a float64, decimals int) string {
	s := strconv.FormatFloat(a, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) > decimals {
		up := frac[decimals] >= '5'
		frac = frac[:decimals]
		if up {
			d := []byte(intPart + frac)
			i := len(d) - 1
			for ; i >= 0 && d[i] == '9'; i-- {
				d[i] = '0'
			}
			if i >= 0 {
				d[i]++
			} else {
				d = append([]byte{'1'}, d...)
			}
			intPart, frac = string(d[:len(d)-len(frac)]), string(d[len(d)-len(frac):])
		}
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

// atLeast reports whether the canonical decimal digits is ≥ limit.
func atLeast(digits string, limit float64) bool {
	f, err := strconv.ParseFloat(digits, 64)
	return err == nil && f >= limit
}
