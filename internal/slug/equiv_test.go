package slug

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// makeNFD is the former Make, kept as the reference: a golang.org/x/text
// chain that decomposes the whole string and removes nonspacing marks.
func makeNFD(s string) string {
	s = strings.NewReplacer("đ", "d", "Đ", "D").Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)))
	if plain, _, err := transform.String(t, s); err == nil {
		s = plain
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		r = unicode.ToLower(r)
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// TestMakeMatchesNFD checks the rune-by-rune fold against whole-string NFD
// for every code point of the first two planes between letters (where a
// removed mark must not leave a dash and a kept symbol must), and for the
// Latin and combining blocks also next to a decomposed letter and a mark.
func TestMakeMatchesNFD(t *testing.T) {
	limit := rune(0x1FFFF)
	if testing.Short() {
		limit = 0x2FFF
	}
	bad := 0
	for r := rune(0); r <= limit && bad < 20; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		cases := []string{"a" + string(r) + "b"}
		if r < 0x2000 {
			cases = append(cases, "Ê"+string(r)+"\u0301x")
		}
		for _, s := range cases {
			if got, want := Make(s), makeNFD(s); got != want {
				t.Errorf("Make(%+q) = %q, NFD reference gives %q", s, got, want)
				bad++
			}
		}
	}
}

// TestMakeMatchesNFDStrings covers sequences: stacked and reordered marks,
// long runs of marks (where NFD inserts a grapheme joiner), bad bytes at
// the edges (x/text's NFD skips the rune right after a bad byte, so the
// reference is only exact when a bad byte is followed by ASCII or nothing).
func TestMakeMatchesNFDStrings(t *testing.T) {
	for _, s := range []string{
		"Vie\u0323\u0302t Nam",
		"Vie\u0302\u0323t",
		"a" + strings.Repeat("\u0301", 40) + "b",
		"a\u1D165\u0301b", // a spacing mark with a combining class
		"\xff\xfe Đề án \xc3",
		"İstanbul Kelvin \u212A Ångström \u212B",
		"ǅ Ǆ ǆ ﬁ ① ²",
		"한국어 日本語 Ελληνικά Русский",
	} {
		if got, want := Make(s), makeNFD(s); got != want {
			t.Errorf("Make(%+q) = %q, NFD reference gives %q", s, got, want)
		}
	}
}

// TestMakeAllocations pins the cost that made Make 21% of a build's
// allocations: one allocation (the result) for text to fold, none for text
// that is already a slug.
func TestMakeAllocations(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
	}{
		{"Ban Chỉ đạo chuyển đổi số đánh giá kết quả quý I/2024", 1},
		{"Quyết định 829/QĐ-BCĐ", 1},
		{"kien-nghi-don-gian-hoa", 0},
	} {
		if got := testing.AllocsPerRun(100, func() { Make(tt.in) }); got > tt.want {
			t.Errorf("Make(%q): %v allocations, want at most %v", tt.in, got, tt.want)
		}
	}
}
