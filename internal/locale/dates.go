package locale

import (
	"fmt"
	"strconv"
	"time"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// Date writes a day: vi in the state style of Decree 30/2020, where a day
// below 10 and the months 1 and 2 take a leading zero ("09/4/2024",
// "06/02/2024", "22/11/2026"); en "9 April 2024". The zero Date is "".
func (l *Locale) Date(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	if l.data.code == "vi" {
		return viDay(d.Day) + "/" + viMonth(int(d.Month)) + "/" + strconv.Itoa(d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, enMonth(int(d.Month)), d.Year)
}

// DateLong writes a day in running text: vi "ngày 09 tháng 4 năm 2024"
// (same leading-zero rule as Date), en "9 April 2024". The zero Date is "".
func (l *Locale) DateLong(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	if l.data.code == "vi" {
		return fmt.Sprintf("ngày %s tháng %s năm %d", viDay(d.Day), viMonth(int(d.Month)), d.Year)
	}
	return l.Date(d)
}

// Period writes a metric period in running text: vi "09/4/2024",
// "tháng 4/2024", "tháng 01/2024", "Quý I/2024", "năm 2024"; en
// "9 April 2024", "April 2024", "Q1 2024", "2024". The zero Period is "".
func (l *Locale) Period(p period.Period) string {
	vi := l.data.code == "vi"
	y := strconv.Itoa(p.Year)
	switch p.Kind {
	case period.Day:
		return l.Date(p.Start())
	case period.Month:
		if vi {
			return "tháng " + viMonth(p.Month) + "/" + y
		}
		return enMonth(p.Month) + " " + y
	case period.Quarter:
		if vi {
			return "Quý " + roman(p.Month) + "/" + y
		}
		return "Q" + strconv.Itoa(p.Month) + " " + y
	case period.Year:
		if vi {
			return "năm " + y
		}
		return y
	}
	return ""
}

// PeriodShort writes a period for chart axes, where space is short: vi
// "09/4", "4/2024", "01/2024", "Q1/2024", "2024"; en "9 Apr", "Apr 2024",
// "Q1 2024", "2024". The zero Period is "".
func (l *Locale) PeriodShort(p period.Period) string {
	vi := l.data.code == "vi"
	y := strconv.Itoa(p.Year)
	switch p.Kind {
	case period.Day:
		if vi {
			return viDay(p.Day) + "/" + viMonth(p.Month)
		}
		return strconv.Itoa(p.Day) + " " + enMonthShort(p.Month)
	case period.Month:
		if vi {
			return viMonth(p.Month) + "/" + y
		}
		return enMonthShort(p.Month) + " " + y
	case period.Quarter:
		if vi {
			return "Q" + strconv.Itoa(p.Month) + "/" + y
		}
		return "Q" + strconv.Itoa(p.Month) + " " + y
	case period.Year:
		return y
	}
	return ""
}

// viDay writes a day of the month with the leading zero below 10.
func viDay(d int) string {
	if d >= 0 && d < 10 {
		return "0" + strconv.Itoa(d)
	}
	return strconv.Itoa(d)
}

// viMonth writes a month number; January and February take a leading zero
// so that "01" and "02" cannot be misread as the start of "11" and "12".
func viMonth(m int) string {
	if m == 1 || m == 2 {
		return "0" + strconv.Itoa(m)
	}
	return strconv.Itoa(m)
}

// enMonth returns the English month name; an impossible month falls back to
// its number rather than panicking.
func enMonth(m int) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	return time.Month(m).String()
}

// enMonthShort returns the three-letter English month name.
func enMonthShort(m int) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	return time.Month(m).String()[:3]
}

// roman writes a quarter number as Vietnamese official texts do (I–IV).
func roman(q int) string {
	switch q {
	case 1:
		return "I"
	case 2:
		return "II"
	case 3:
		return "III"
	case 4:
		return "IV"
	}
	return strconv.Itoa(q)
}
