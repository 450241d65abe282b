package locale

import (
	"testing"
	"time"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

func TestDate(t *testing.T) {
	tests := []struct {
		d              date.Date
		vi, en         string
		viLong, enLong string
	}{
		{date.Date{Year: 2024, Month: time.April, Day: 9}, "09/4/2024", "9 April 2024", "ngày 09 tháng 4 năm 2024", "9 April 2024"},
		{date.Date{Year: 2024, Month: time.February, Day: 6}, "06/02/2024", "6 February 2024", "ngày 06 tháng 02 năm 2024", "6 February 2024"},
		{date.Date{Year: 2024, Month: time.February, Day: 11}, "11/02/2024", "11 February 2024", "ngày 11 tháng 02 năm 2024", "11 February 2024"},
		{date.Date{Year: 2026, Month: time.November, Day: 22}, "22/11/2026", "22 November 2026", "ngày 22 tháng 11 năm 2026", "22 November 2026"},
		{date.Date{Year: 2025, Month: time.January, Day: 1}, "01/01/2025", "1 January 2025", "ngày 01 tháng 01 năm 2025", "1 January 2025"},
		{date.Date{Year: 2022, Month: time.October, Day: 5}, "05/10/2022", "5 October 2022", "ngày 05 tháng 10 năm 2022", "5 October 2022"},
		{date.Date{Year: 2024, Month: time.December, Day: 31}, "31/12/2024", "31 December 2024", "ngày 31 tháng 12 năm 2024", "31 December 2024"},
		{date.Date{}, "", "", "", ""},
		// A hand-built impossible month must not panic.
		{date.Date{Year: 2024, Month: 13, Day: 1}, "01/13/2024", "1 13 2024", "ngày 01 tháng 13 năm 2024", "1 13 2024"},
	}
	vi, en := mustNew(t, "vi"), mustNew(t, "en")
	for _, tt := range tests {
		if got := vi.Date(tt.d); got != tt.vi {
			t.Errorf("vi Date(%v) = %q, want %q", tt.d, got, tt.vi)
		}
		if got := en.Date(tt.d); got != tt.en {
			t.Errorf("en Date(%v) = %q, want %q", tt.d, got, tt.en)
		}
		if got := vi.DateLong(tt.d); got != tt.viLong {
			t.Errorf("vi DateLong(%v) = %q, want %q", tt.d, got, tt.viLong)
		}
		if got := en.DateLong(tt.d); got != tt.enLong {
			t.Errorf("en DateLong(%v) = %q, want %q", tt.d, got, tt.enLong)
		}
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct {
		p                string
		vi, en           string
		viShort, enShort string
	}{
		{"2024-04-09", "09/4/2024", "9 April 2024", "09/4", "9 Apr"},
		{"2024-02-06", "06/02/2024", "6 February 2024", "06/02", "6 Feb"},
		{"2024-04", "tháng 4/2024", "April 2024", "4/2024", "Apr 2024"},
		{"2024-01", "tháng 01/2024", "January 2024", "01/2024", "Jan 2024"},
		{"2024-12", "tháng 12/2024", "December 2024", "12/2024", "Dec 2024"},
		{"2024-Q1", "Quý I/2024", "Q1 2024", "Q1/2024", "Q1 2024"},
		{"2024-Q2", "Quý II/2024", "Q2 2024", "Q2/2024", "Q2 2024"},
		{"2024-Q3", "Quý III/2024", "Q3 2024", "Q3/2024", "Q3 2024"},
		{"2024-Q4", "Quý IV/2024", "Q4 2024", "Q4/2024", "Q4 2024"},
		{"2024", "năm 2024", "2024", "2024", "2024"},
	}
	vi, en := mustNew(t, "vi"), mustNew(t, "en")
	for _, tt := range tests {
		p, err := period.Detect(tt.p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ got, want, what string }{
			{vi.Period(p), tt.vi, "vi Period"},
			{en.Period(p), tt.en, "en Period"},
			{vi.PeriodShort(p), tt.viShort, "vi PeriodShort"},
			{en.PeriodShort(p), tt.enShort, "en PeriodShort"},
		} {
			if c.got != c.want {
				t.Errorf("%s(%s) = %q, want %q", c.what, tt.p, c.got, c.want)
			}
		}
	}
	for _, l := range []*Locale{vi, en} {
		if got := l.Period(period.Period{}); got != "" {
			t.Errorf("%s Period(zero) = %q, want empty", l.Lang(), got)
		}
		if got := l.PeriodShort(period.Period{}); got != "" {
			t.Errorf("%s PeriodShort(zero) = %q, want empty", l.Lang(), got)
		}
	}
}
