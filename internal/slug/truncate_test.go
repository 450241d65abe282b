package slug

import (
	"strings"
	"testing"
)

func TestTruncate(t *testing.T) {
	long := strings.Repeat("a", 150)
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"ket-qua", 100, "ket-qua"},
		{"ban-chi-dao-chuyen-doi-so", 11, "ban-chi-dao"}, // the dash right after the limit
		{"ban-chi-dao-chuyen-doi-so", 12, "ban-chi-dao"}, // the limit falls on a dash
		{"ban-chi-dao-chuyen-doi-so", 14, "ban-chi-dao"}, // inside a word: back to its start
		{"ban-chi-dao-chuyen-doi-so", 10, "ban-chi"},     // inside a word
		{long, 100, long[:100]},                          // one word longer than the limit
		{long + "-b", 100, long[:100]},
		{"b-" + long, 100, "b"},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if len(got) > tt.max || !Valid(got) {
			t.Errorf("Truncate(%q, %d) = %q: longer than the limit or not a slug", tt.in, tt.max, got)
		}
	}
}
