package locale

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

func mustNew(t testing.TB, lang string) *Locale {
	t.Helper()
	l, err := New(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestNumber(t *testing.T) {
	tests := []struct {
		name   string
		v      float64
		o      NumberOpts
		vi, en string
	}{
		// Below one million: in full, grouped.
		{"zero", 0, NumberOpts{}, "0", "0"},
		{"negative zero", math.Copysign(0, -1), NumberOpts{}, "0", "0"},
		{"small", 7, NumberOpts{}, "7", "7"},
		{"thousands", 12826, NumberOpts{}, "12.826", "12,826"},
		{"746 thousand", 746000, NumberOpts{}, "746.000", "746,000"},
		{"63 thousand", 63000, NumberOpts{}, "63.000", "63,000"},
		{"999.999", 999999, NumberOpts{}, "999.999", "999,999"},
		{"one decimal by default", 12.5, NumberOpts{}, "12,5", "12.5"},
		{"rounded to one decimal", 12.34, NumberOpts{}, "12,3", "12.3"},
		{"half away from zero", 1.25, NumberOpts{}, "1,3", "1.3"},
		{"half away from zero, negative", -1.25, NumberOpts{}, "-1,3", "-1.3"},
		{"trailing zero dropped", 12.04, NumberOpts{}, "12", "12"},
		{"grouped with decimals", 1234.56, NumberOpts{}, "1.234,6", "1,234.6"},
		{"Digits 2", 1234.567, NumberOpts{Digits: 2}, "1.234,57", "1,234.57"},
		{"Digits negative", 12.5, NumberOpts{Digits: -1}, "13", "13"},
		{"negative", -746000, NumberOpts{}, "-746.000", "-746,000"},
		{"tiny negative rounds to zero", -0.04, NumberOpts{}, "0", "0"},
		{"rounds up to a million", 999999.96, NumberOpts{}, "1 triệu", "1 million"},

		// From one million: scale word, three significant digits.
		{"1.000.000", 1e6, NumberOpts{}, "1 triệu", "1 million"},
		{"2,7 triệu", 2.7e6, NumberOpts{}, "2,7 triệu", "2.7 million"},
		{"109 triệu", 109e6, NumberOpts{}, "109 triệu", "109 million"},
		{"1,5 tỷ", 1.5e9, NumberOpts{}, "1,5 tỷ", "1.5 billion"},
		{"216 triệu", 216e6, NumberOpts{}, "216 triệu", "216 million"},
		{"268 triệu", 268e6, NumberOpts{}, "268 triệu", "268 million"},
		{"5 triệu", 5e6, NumberOpts{}, "5 triệu", "5 million"},
		{"21 triệu", 21e6, NumberOpts{}, "21 triệu", "21 million"},
		{"1,28 tỷ", 1.28e9, NumberOpts{}, "1,28 tỷ", "1.28 billion"},
		{"three significant digits", 13024931, NumberOpts{}, "13 triệu", "13 million"},
		{"three significant digits, rounded", 1234567, NumberOpts{}, "1,23 triệu", "1.23 million"},
		{"three significant digits, half up", 1235000, NumberOpts{}, "1,24 triệu", "1.24 million"},
		{"hundreds of millions", 123456789, NumberOpts{}, "123 triệu", "123 million"},
		{"999.999.999 moves up", 999999999, NumberOpts{}, "1 tỷ", "1 billion"},
		{"999.5 million moves up", 999.5e6, NumberOpts{}, "1 tỷ", "1 billion"},
		{"999.4 million stays", 999.4e6, NumberOpts{}, "999 triệu", "999 million"},
		{"9,995 triệu", 9.995e6, NumberOpts{}, "10 triệu", "10 million"},
		{"1e12", 1e12, NumberOpts{}, "1 nghìn tỷ", "1 trillion"},
		{"999.999.999.999 moves up", 999999999999, NumberOpts{}, "1 nghìn tỷ", "1 trillion"},
		{"beyond the largest scale", 5.5e15, NumberOpts{}, "5.500 nghìn tỷ", "5,500 trillion"},
		{"negative scaled", -2.7e6, NumberOpts{}, "-2,7 triệu", "-2.7 million"},
		{"Digits ignored when scaled", 2.7e6, NumberOpts{Digits: 3}, "2,7 triệu", "2.7 million"},

		// Full.
		{"full", 13024931, NumberOpts{Full: true}, "13.024.931", "13,024,931"},
		{"full billion", 1.5e9, NumberOpts{Full: true}, "1.500.000.000", "1,500,000,000"},
		{"full with decimals", 1234567.891, NumberOpts{Full: true, Digits: 2}, "1.234.567,89", "1,234,567.89"},
		{"full trillion", 1e12, NumberOpts{Full: true}, "1.000.000.000.000", "1,000,000,000,000"},
		{"full, small", 746000, NumberOpts{Full: true}, "746.000", "746,000"},

		// Units.
		{"unit", 746000, NumberOpts{Unit: "hồ sơ"}, "746.000 hồ sơ", "746,000 hồ sơ"},
		{"unit scaled", 2.7e6, NumberOpts{Unit: "hồ sơ"}, "2,7 triệu hồ sơ", "2.7 million hồ sơ"},
		{"percent unit", 96.5, NumberOpts{Unit: "%"}, "96,5%", "96.5%"},
		{"percent unit rounded", 96.54, NumberOpts{Unit: "%"}, "96,5%", "96.5%"},
		{"percent is never scaled", 2e6, NumberOpts{Unit: "%"}, "2.000.000%", "2,000,000%"},
		{"percent Digits", 96.543, NumberOpts{Unit: "%", Digits: 2}, "96,54%", "96.54%"},

		// Approx.
		{"over", 2.7e6, NumberOpts{Approx: "over", Unit: "hồ sơ"}, "hơn 2,7 triệu hồ sơ", "over 2.7 million hồ sơ"},
		{"over dossiers", 2.7e6, NumberOpts{Approx: "over", Unit: "dossiers"}, "hơn 2,7 triệu dossiers", "over 2.7 million dossiers"},
		{"under", 63000, NumberOpts{Approx: "under"}, "dưới 63.000", "under 63,000"},
		{"about", 1.5e9, NumberOpts{Approx: "about"}, "khoảng 1,5 tỷ", "about 1.5 billion"},
		{"over percent", 95, NumberOpts{Approx: "over", Unit: "%"}, "hơn 95%", "over 95%"},
		{"unknown approx shows", 5, NumberOpts{Approx: "nearly"}, "??nearly?? 5", "??nearly?? 5"},

		// Signed.
		{"signed positive", 216e6, NumberOpts{Signed: true}, "+216 triệu", "+216 million"},
		{"signed negative percent", -1.25, NumberOpts{Signed: true, Unit: "%"}, "-1,3%", "-1.3%"},
		{"signed zero", 0, NumberOpts{Signed: true}, "0", "0"},
		{"signed negative zero", math.Copysign(0, -1), NumberOpts{Signed: true}, "0", "0"},
		{"signed rounds to zero", 0.04, NumberOpts{Signed: true, Unit: "%"}, "0%", "0%"},
		{"signed approx", 216e6, NumberOpts{Signed: true, Approx: "over"}, "+hơn 216 triệu", "+over 216 million"},
		{"signed small", 12826, NumberOpts{Signed: true}, "+12.826", "+12,826"},

		// Invalid values.
		{"NaN", math.NaN(), NumberOpts{}, "–", "–"},
		{"+Inf", math.Inf(1), NumberOpts{Unit: "%"}, "–", "–"},
		{"-Inf", math.Inf(-1), NumberOpts{Signed: true}, "–", "–"},
	}
	for _, lang := range []string{"vi", "en"} {
		l := mustNew(t, lang)
		for _, tt := range tests {
			want := tt.vi
			if lang == "en" {
				want = tt.en
			}
			if got := l.Number(tt.v, tt.o); got != want {
				t.Errorf("%s: %s: Number(%v, %+v) = %q, want %q", lang, tt.name, tt.v, tt.o, got, want)
			}
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		v      float64
		vi, en string
	}{
		{96.5, "96,5%", "96.5%"},
		{95, "95%", "95%"},
		{95.0001, "95%", "95%"},
		{99.96, "100%", "100%"},
		{0, "0%", "0%"},
		{-3.25, "-3,3%", "-3.3%"},
		{0.05, "0,1%", "0.1%"},
		{math.NaN(), "–", "–"},
	}
	for _, lang := range []string{"vi", "en"} {
		l := mustNew(t, lang)
		for _, tt := range tests {
			want := tt.vi
			if lang == "en" {
				want = tt.en
			}
			if got := l.Percent(tt.v); got != want {
				t.Errorf("%s: Percent(%v) = %q, want %q", lang, tt.v, got, want)
			}
		}
	}
}

func TestRoundDecimal(t *testing.T) {
	tests := []struct {
		a        float64
		decimals int
		want     string
	}{
		{0, 1, "0"},
		{1.25, 1, "1.3"},
		{1.24999, 1, "1.2"},
		{1.005, 2, "1.01"}, // as written, not as 1.00499999…
		{9.995, 2, "10"},
		{999.5, 0, "1000"},
		{99.95, 1, "100"},
		{0.5, 0, "1"},
		{0.45, 0, "0"},
		{123.456, 5, "123.456"},
		{1e21, 0, "1000000000000000000000"},
		{5e-324, 1, "0"},
	}
	for _, tt := range tests {
		if got := roundDecimal(tt.a, tt.decimals); got != tt.want {
			t.Errorf("roundDecimal(%v, %d) = %q, want %q", tt.a, tt.decimals, got, tt.want)
		}
	}
}

func FuzzNumber(f *testing.F) {
	f.Add(2.7e6, false, false, "hồ sơ", "over", 0, "vi")
	f.Add(-1.25, false, true, "%", "", 0, "en")
	f.Add(999999999.0, true, false, "", "about", 2, "vi")
	f.Add(math.MaxFloat64, false, true, "", "", 0, "en")
	f.Add(math.SmallestNonzeroFloat64, true, false, "%", "under", 100, "vi")
	f.Add(-999999.96, false, false, "", "", -5, "en")
	f.Fuzz(func(t *testing.T, v float64, full, signed bool, unit, approx string, digits int, lang string) {
		if lang != "en" {
			lang = "vi"
		}
		digits %= 20 // the caller chooses a handful of decimals, not thousands
		l := mustNew(t, lang)
		got := l.Number(v, NumberOpts{Full: full, Signed: signed, Unit: unit, Approx: approx, Digits: digits})
		if got == "" {
			t.Fatalf("Number(%v) is empty", v)
		}
		for _, bad := range []string{"NaN", "Inf", "e+", "e-", "%!"} {
			if strings.Contains(got, bad) && !strings.Contains(unit+approx, bad) {
				t.Fatalf("Number(%v) = %q, contains %q", v, got, bad)
			}
		}
	})
}

// TestGroupingIsCLDRs checks writeGrouped against golang.org/x/text's
// printer, which writes CLDR's number pattern for each language: every
// length of whole part from one digit to fifteen (all a float64 holds
// exactly), with no fraction and with one to three decimals.
func TestGroupingIsCLDRs(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		l := mustNew(t, lang)
		p := message.NewPrinter(language.MustParse(lang))
		for n := 1; n <= 15; n++ {
			whole := "987654321098765"[:n]
			for _, frac := range []string{"", "5", "05", "125"} {
				digits := whole
				if frac != "" {
					digits += "." + frac
				}
				f, err := strconv.ParseFloat(digits, 64)
				if err != nil {
					t.Fatal(err)
				}
				canon := strconv.FormatFloat(f, 'f', len(frac), 64) // digits as the float has them
				want := p.Sprint(number.Decimal(f, number.MaxFractionDigits(len(frac)), number.MinFractionDigits(len(frac))))
				var b strings.Builder
				l.writeGrouped(&b, canon)
				if got := b.String(); got != want {
					t.Errorf("%s: %q grouped as %q, CLDR's printer gives %q", lang, canon, got, want)
				}
			}
		}
	}
}
