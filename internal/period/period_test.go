package period

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		kind    Kind
		in      string
		want    string
		wantErr string
	}{
		{Quarter, "2024-Q1", "2024-Q1", ""},
		{Quarter, "2024-Q5", "", "is not a quarter"},
		{Quarter, "2024-04", "", "is a month"},
		{Month, "2024-13", "", "is not a month"},
		{Month, "2024-04", "2024-04", ""},
		{Day, "2024-04-09", "2024-04-09", ""},
		{Day, "2024-02-30", "", "not a date"},
		{Year, "2024", "2024", ""},
		{Year, "24", "", "is not a year"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.kind, tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%v, %q) error = %v, want %q", tt.kind, tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || p.String() != tt.want {
			t.Errorf("Parse(%v, %q) = %v, %v", tt.kind, tt.in, p, err)
		}
	}
}

func TestStepping(t *testing.T) {
	tests := []struct{ in, prev, yearBefore, start, end string }{
		{"2024-Q1", "2023-Q4", "2023-Q1", "2024-01-01", "2024-03-31"},
		{"2024-01", "2023-12", "2023-01", "2024-01-01", "2024-01-31"},
		{"2024-02", "2024-01", "2023-02", "2024-02-01", "2024-02-29"},
		{"2024-03-01", "2024-02-29", "2023-03-01", "2024-03-01", "2024-03-01"},
		{"2024-02-29", "2024-02-28", "2023-02-28", "2024-02-29", "2024-02-29"},
		{"2024", "2023", "2023", "2024-01-01", "2024-12-31"},
	}
	for _, tt := range tests {
		p, err := Detect(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Prev().String(); got != tt.prev {
			t.Errorf("%s.Prev() = %s, want %s", tt.in, got, tt.prev)
		}
		if got := p.YearBefore().String(); got != tt.yearBefore {
			t.Errorf("%s.YearBefore() = %s, want %s", tt.in, got, tt.yearBefore)
		}
		if got := p.Start().String(); got != tt.start {
			t.Errorf("%s.Start() = %s, want %s", tt.in, got, tt.start)
		}
		if got := p.End().String(); got != tt.end {
			t.Errorf("%s.End() = %s, want %s", tt.in, got, tt.end)
		}
		if p.Prev().Next() != p {
			t.Errorf("%s: Prev().Next() does not return", tt.in)
		}
	}
}

func TestCompare(t *testing.T) {
	a, _ := Detect("2023-Q4")
	b, _ := Detect("2024-Q1")
	if a.Compare(b) >= 0 || b.Compare(a) <= 0 || a.Compare(a) != 0 {
		t.Error("quarters out of order")
	}
}
