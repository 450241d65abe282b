package date

import (
	"fmt"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2024-04-09", Date{2024, 4, 9}, true},
		{"2024-02-29", Date{2024, 2, 29}, true},
		{"2023-02-29", Date{}, false},
		{"2024-13-01", Date{}, false},
		{"09/4/2024", Date{}, false},
		{"", Date{}, false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseDateTimeUsesZone(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	d, _, err := ParseDateTime("2024-04-08T20:00:00Z", loc)
	if err != nil || d != (Date{2024, 4, 9}) {
		t.Fatalf("got %v %v, want 2024-04-09 in UTC+7", d, err)
	}
}

func TestCompareAndArithmetic(t *testing.T) {
	a, b := Date{2024, 2, 6}, Date{2024, 4, 9}
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 {
		t.Fatal("ordering broken")
	}
	if got := a.DaysUntil(b); got != 63 {
		t.Errorf("DaysUntil = %d, want 63", got)
	}
	if got := (Date{2024, 2, 28}).AddDays(2); got != (Date{2024, 3, 1}) {
		t.Errorf("AddDays = %v", got)
	}
	if a.String() != "2024-02-06" {
		t.Errorf("String = %s", a)
	}
}

// TestStringMatchesFormat checks the hand-written String against the
// format it replaced, over every day of a few years and odd values.
func TestStringMatchesFormat(t *testing.T) {
	for _, d := range []Date{{1, 1, 1}, {999, 12, 31}, {9999, 12, 31}, {10000, 1, 1}, {-1, 1, 1}, {2024, 2, 29}, {2024, 100, 1}, {2024, 1, -3}} {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day); got != want {
			t.Errorf("%#v.String() = %q, want %q", d, got, want)
		}
	}
	for y := 2023; y <= 2025; y++ {
		for m := time.January; m <= time.December; m++ {
			for day := 1; day <= 31; day++ {
				d := Date{y, m, day}
				if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", y, int(m), day); got != want {
					t.Fatalf("%#v.String() = %q, want %q", d, got, want)
				}
			}
		}
	}
}
