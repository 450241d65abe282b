package chart

import (
	"fmt"
	"strings"
	"testing"
)

// longSpec is a daily series of n values, each with its own label.
func longSpec(n int) Spec {
	s := Spec{ID: "long", Title: "Một chuỗi dài", Type: Line, Lang: "vi", Series: []Series{{Name: "Giá trị"}}}
	for i := range n {
		s.Categories = append(s.Categories, fmt.Sprintf("%d/%d/%d", i%28+1, i/28%12+1, 2000+i/336))
		s.Series[0].Values = append(s.Series[0].Values, float64(i))
	}
	return s
}

// TestLongSeries draws a daily series of decades: every label comes back
// once, in order. (Putting labels back used to search the whole option
// once per label, a time growing with the square of the series.)
func TestLongSeries(t *testing.T) {
	spec := longSpec(20000)
	f, err := Render(spec)
	if err != nil {
		t.Fatal(err)
	}
	data := string(f.Data)
	last := -1
	for _, label := range []string{spec.Categories[0], spec.Categories[10000], spec.Categories[19999]} {
		i := strings.Index(data, `"`+label+`"`)
		if i <= last {
			t.Fatalf("label %q missing or out of order", label)
		}
		last = i
	}
	if strings.Contains(data, "bantin-str-") {
		t.Error("a placeholder was left in the option")
	}
}

func BenchmarkRenderLongSeries(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		spec := longSpec(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Render(spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
