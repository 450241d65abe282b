package view

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"ngắn", 10, "ngắn"},
		{"  hai   khoảng\ttrắng \n", 50, "hai khoảng trắng"},
		{"Hồ sơ thủ tục hành chính được số hóa", 12, "Hồ sơ thủ…"},
		{"một; hai; ba; bốn", 12, "một; hai…"},
		{"Từdàiliềnkhôngcókhoảngtrắng", 10, "Từdàiliền…"},
		{"exactly ten", 11, "exactly ten"},
	} {
		got := Clip(c.in, c.n)
		if got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if utf8.RuneCountInString(got) > c.n {
			t.Errorf("Clip(%q, %d) = %q: longer than %d", c.in, c.n, got, c.n)
		}
	}
}

// TestClipLong: a very long input is cut in one pass (the loop stops at
// the limit), and the result is within the limit.
func TestClipLong(t *testing.T) {
	s := strings.Repeat("chỉ số; ", 200000)
	got := Clip(s, DescriptionMax)
	if n := utf8.RuneCountInString(got); n > DescriptionMax || !strings.HasSuffix(got, "…") {
		t.Errorf("Clip of 1.6 M characters gave %d characters: %q", n, got)
	}
}
