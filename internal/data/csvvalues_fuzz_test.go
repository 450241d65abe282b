package data

import (
	"bytes"
	"testing"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/period"
)

// FuzzCSVValues: whatever bytes a values CSV holds, reading it never
// panics or hangs, every error names the CSV and a line inside it, and
// every value it keeps is a real, finite figure of a real period. Reading
// the same bytes twice gives the same result.
func FuzzCSVValues(f *testing.F) {
	for _, seed := range []string{
		"period,value,approx,note\n2024-Q1,2700000,over,\"hơn 2,7 triệu\"\n2024-Q2,96.5,,\n",
		"\uFEFFperiod,value\r\n2024-Q1,1\r\n",
		"period;value\n2024-Q1;1\n",
		"period,value\n2024-Q1,\"96,5\"\n2023-Q1,1\n",
		"period,value,note\n2024-Q1,1,\"unclosed\n",
		"value,period\n1,2024\n",
		"period,value\n\n\n2024-Q1\n",
		"",
	} {
		f.Add([]byte(seed), uint8(period.Quarter))
	}
	f.Fuzz(func(t *testing.T, src []byte, kind uint8) {
		k := period.Kind(kind % 5)
		var errs diag.List
		values := parseCSVValues("v.csv", src, k, &errs)
		lines := 1 + bytes.Count(src, []byte("\n"))
		for _, e := range errs.Errors() {
			switch {
			case e.Pos.File != "v.csv":
				t.Fatalf("error %q names file %q", e, e.Pos.File)
			case e.Msg == "":
				t.Fatalf("error at %v has no message", e.Pos)
			case e.Pos.Line < 0 || e.Pos.Line > lines:
				t.Fatalf("error %q: line %d is outside lines 1..%d", e, e.Pos.Line, lines)
			case e.Pos.Line > 0 && e.Pos.Col < 1:
				t.Fatalf("error %q: no column", e)
			}
		}
		if errs.Len() > maxCSVErrors+1 {
			t.Fatalf("%d errors, past the cap of %d", errs.Len(), maxCSVErrors)
		}
		for _, v := range values {
			if v.Period.IsZero() || v.Period.String() == "" {
				t.Fatalf("kept a value without a period: %+v", v)
			}
			if v.Value != v.Value || v.Value > 1e308 || v.Value < -1e308 {
				t.Fatalf("kept a value that is not finite: %g", v.Value)
			}
			if v.Approx != Exact && v.Approx != Over && v.Approx != Under && v.Approx != About {
				t.Fatalf("kept an unknown qualifier %q", v.Approx)
			}
		}
		var again diag.List
		if v2 := parseCSVValues("v.csv", src, k, &again); len(v2) != len(values) || again.Error() != errs.Error() {
			t.Fatal("reading the same bytes twice gave different results")
		}
	})
}
