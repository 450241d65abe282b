package describe

import (
	"testing"

	"github.com/bantin/bantin/internal/locale"
)

func mustLocale(t *testing.T, lang string) *locale.Locale {
	t.Helper()
	L, err := locale.New(lang)
	if err != nil {
		t.Fatal(err)
	}
	return L
}

// pt is a point with the same label in both languages' tests.
func pt(label string, v float64, approx string) Point {
	return Point{Label: label, Value: v, Approx: approx}
}

func gap(label string) Point { return Point{Label: label, Missing: true} }

func TestSeries(t *testing.T) {
	tests := []struct {
		name   string
		pts    func(q1, q2, q3, q4 string) []Point
		unit   Unit
		vi, en string
	}{
		{
			name: "rising with approx values (the issue's example)",
			pts: func(a, b, _, _ string) []Point {
				return []Point{pt(a, 1.284e9, "about"), pt(b, 1.5e9, "over")}
			},
			vi: "Tăng từ khoảng 1,28 tỷ (Quý I/2023) lên hơn 1,5 tỷ (Quý II/2023), +216 triệu.",
			en: "Rose from about 1.28 billion in Q1 2023 to over 1.5 billion in Q2 2023, +216 million.",
		},
		{
			name: "falling",
			pts: func(a, b, c, _ string) []Point {
				return []Point{pt(a, 746000, ""), pt(b, 700000, ""), pt(c, 512000, "")}
			},
			vi: "Giảm từ 746.000 (Quý I/2023) xuống 512.000 (Quý III/2023), -234.000.",
			en: "Fell from 746,000 in Q1 2023 to 512,000 in Q3 2023, -234,000.",
		},
		{
			name: "flat",
			pts: func(a, b, c, _ string) []Point {
				return []Point{pt(a, 12, ""), pt(b, 12, ""), pt(c, 12, "")}
			},
			vi: "Không đổi ở mức 12 từ Quý I/2023 đến Quý III/2023.",
			en: "Unchanged at 12 from Q1 2023 to Q3 2023.",
		},
		{
			name: "back where it started, with a peak between",
			pts: func(a, b, c, _ string) []Point {
				return []Point{pt(a, 10, ""), pt(b, 25, ""), pt(c, 10, "")}
			},
			vi: "Từ 10 (Quý I/2023) trở lại 10 (Quý III/2023); cao nhất 25 (Quý II/2023).",
			en: "From 10 in Q1 2023 back to 10 in Q3 2023; highest 25 in Q2 2023.",
		},
		{
			name: "rising with a dip between",
			pts: func(a, b, c, _ string) []Point {
				return []Point{pt(a, 2.7e6, ""), pt(b, 1.9e6, ""), pt(c, 3.1e6, "")}
			},
			vi: "Tăng từ 2,7 triệu (Quý I/2023) lên 3,1 triệu (Quý III/2023), +400.000; thấp nhất 1,9 triệu (Quý II/2023).",
			en: "Rose from 2.7 million in Q1 2023 to 3.1 million in Q3 2023, +400,000; lowest 1.9 million in Q2 2023.",
		},
		{
			name: "single value",
			pts:  func(a, _, _, _ string) []Point { return []Point{pt(a, 2.7e6, "over")} },
			vi:   "Chỉ có một số liệu: hơn 2,7 triệu (Quý I/2023).",
			en:   "A single value: over 2.7 million in Q1 2023.",
		},
		{
			name: "single value among gaps",
			pts:  func(a, b, c, _ string) []Point { return []Point{gap(a), pt(b, 5, ""), gap(c)} },
			vi:   "Chỉ có một số liệu: 5 (Quý II/2023).",
			en:   "A single value: 5 in Q2 2023.",
		},
		{
			name: "gappy: gaps inside count, gaps at the ends do not",
			pts: func(a, b, c, d string) []Point {
				return []Point{gap(a), pt(b, 100, ""), gap(c), pt(d, 150, "under")}
			},
			vi: "Tăng từ 100 (Quý II/2023) lên dưới 150 (Quý IV/2023), +50; thiếu số liệu 1 kỳ.",
			en: "Rose from 100 in Q2 2023 to under 150 in Q4 2023, +50; no data for 1 period.",
		},
		{
			name: "two gaps",
			pts: func(a, b, c, d string) []Point {
				return []Point{pt(a, 150, ""), gap(b), gap(c), pt(d, 100, "")}
			},
			vi: "Giảm từ 150 (Quý I/2023) xuống 100 (Quý IV/2023), -50; thiếu số liệu 2 kỳ.",
			en: "Fell from 150 in Q1 2023 to 100 in Q4 2023, -50; no data for 2 periods.",
		},
		{
			name: "gaps given as counts: the first point's own Gap is before the series",
			pts: func(a, b, c, d string) []Point {
				return []Point{{Label: a, Value: 1, Gap: 7}, {Label: d, Value: 3, Gap: 2}}
			},
			vi: "Tăng từ 1 (Quý I/2023) lên 3 (Quý IV/2023), +2; thiếu số liệu 2 kỳ.",
			en: "Rose from 1 in Q1 2023 to 3 in Q4 2023, +2; no data for 2 periods.",
		},
		{
			name: "a share changes by percentage points",
			pts: func(a, b, _, _ string) []Point {
				return []Point{pt(a, 90, ""), pt(b, 96.5, "")}
			},
			unit: Share,
			vi:   "Tăng từ 90% (Quý I/2023) lên 96,5% (Quý II/2023), +6,5 điểm %.",
			en:   "Rose from 90% in Q1 2023 to 96.5% in Q2 2023, +6.5 pp.",
		},
		{
			name: "no values",
			pts:  func(a, _, _, _ string) []Point { return []Point{gap(a)} },
			vi:   "Chưa có số liệu.",
			en:   "No data yet.",
		},
		{
			name: "empty",
			pts:  func(_, _, _, _ string) []Point { return nil },
			vi:   "Chưa có số liệu.",
			en:   "No data yet.",
		},
	}
	vi, en := mustLocale(t, "vi"), mustLocale(t, "en")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Series(vi, tc.pts("Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"), tc.unit); got != tc.vi {
				t.Errorf("vi:\n got %q\nwant %q", got, tc.vi)
			}
			if got := Series(en, tc.pts("Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023"), tc.unit); got != tc.en {
				t.Errorf("en:\n got %q\nwant %q", got, tc.en)
			}
		})
	}
}

func TestMulti(t *testing.T) {
	tests := []struct {
		lang, want string
		names      [2]string
		days       [2]string
	}{
		{"vi", "Tổng số: không đổi ở mức 3 từ 06/02/2024 đến 09/4/2024. Hoàn thành: tăng từ 0 (06/02/2024) lên 2 (09/4/2024), +2.",
			[2]string{"Tổng số", "Hoàn thành"}, [2]string{"06/02/2024", "09/4/2024"}},
		{"en", "Total: unchanged at 3 from 6 February 2024 to 9 April 2024. Done: rose from 0 on 6 February 2024 to 2 on 9 April 2024, +2.",
			[2]string{"Total", "Done"}, [2]string{"6 February 2024", "9 April 2024"}},
	}
	for _, tc := range tests {
		day := func(i int, v float64) Point { return Point{Label: tc.days[i], Day: true, Value: v} }
		got := Multi(mustLocale(t, tc.lang), []Named{
			{tc.names[0], []Point{day(0, 3), day(1, 3)}},
			{tc.names[1], []Point{day(0, 0), day(1, 2)}},
		}, Count)
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.lang, got, tc.want)
		}
	}
}

func TestParts(t *testing.T) {
	parts := func(a, b, c string) []Part { return []Part{{a, 1}, {b, 0}, {c, 2}} }
	tests := []struct {
		lang  string
		parts []Part
		want  string
	}{
		{"vi", parts("Hoàn thành", "Đã hủy", "Đang thực hiện"), "Tổng số 3: Hoàn thành 1 (33,3%); Đang thực hiện 2 (66,7%)."},
		{"en", parts("Done", "Cancelled", "In progress"), "3 in all: Done 1 (33.3%); In progress 2 (66.7%)."},
		{"vi", []Part{{"Hoàn thành", 0}}, "Chưa có số liệu."},
		{"en", nil, "No data yet."},
	}
	for _, tc := range tests {
		if got := Parts(mustLocale(t, tc.lang), tc.parts); got != tc.want {
			t.Errorf("%s %v:\n got %q\nwant %q", tc.lang, tc.parts, got, tc.want)
		}
	}
}

// TestSeriesLinear: a long series is described in one pass (the sentence
// of a daily series of years must not cost its square).
func TestSeriesLong(t *testing.T) {
	L := mustLocale(t, "en")
	pts := make([]Point, 100000)
	for i := range pts {
		pts[i] = Point{Label: "d", Value: float64(i % 1000)}
	}
	pts[len(pts)-1].Value = 5000
	if got, want := Series(L, pts, Count), "Rose from 0 in d to 5,000 in d, +5,000."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
