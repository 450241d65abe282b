package search

import (
	"strings"
	"unicode/utf8"
)

// excerpt returns the excerpt a document keeps of its text s, the start
// of s squeezed and cut to n characters (cut), and the squeezed start it
// was cut from, for a prefix test of at most n+1 characters. It reads
// only that start of s, and in one pass when s's start is squeezed
// already, as Text's usually is (squeezed).
func excerpt(s string, n int) (text, start string) {
	if end, at, ok := squeezed(s, n); ok {
		start = s[:end]
		return cutAt(start, at), start
	}
	start = squeeze(s, n)
	return cut(start, n), start
}

// squeeze returns the start of s with its white space squeezed — its
// words separated by one space, none before the first or after the last,
// as strings.Join(strings.Fields(s), " ") — up to the first word that
// takes it past n characters, or all of it: enough for cut(·, n), which
// looks no further than the n+1-th character, and for a prefix test of at
// most n+1.
func squeeze(s string, n int) string {
	var b strings.Builder
	runes := 0
	word := -1 // start of the current run of non-space bytes
	for i := 0; runes <= n; {
		// The length of the white space at s[i], or 0; -1 at the end.
		sp := -1
		if i < len(s) {
			sp = spaceLen(s, i)
		}
		if sp == 0 {
			if word < 0 {
				word = i
			}
			i++
			continue
		}
		if word >= 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
				runes++
			}
			b.WriteString(s[word:i])
			runes += utf8.RuneCountInString(s[word:i])
			word = -1
		}
		if sp < 0 {
			break
		}
		i += sp
	}
	return b.String()
}

// squeezed reports whether the first n+1 characters of s (or all of s,
// when shorter) are valid UTF-8 and read as they would squeezed — words
// and single spaces, none first, and none last unless a word follows it
// in s — and where they end, and where the n+1-th starts (-1 when s has
// no more than n).
func squeezed(s string, n int) (end, at int, ok bool) {
	runes := 0
	at, end = -1, len(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c&0xC0 != 0x80 { // a character starts here
			if runes == n {
				at = i
			} else if runes > n {
				end = i
				break
			}
			runes++
		}
		switch {
		case c == ' ':
			if i == 0 || s[i-1] == ' ' {
				return 0, -1, false
			}
		case c < utf8.RuneSelf:
			if asciiSpace[c] {
				return 0, -1, false
			}
		case mayStartSpace(s, i) && spaceAt(s, i) > 0:
			return 0, -1, false
		}
	}
	// A space last is squeezed away unless a word follows it. And
	// characters were counted by their first bytes, as ranging over a
	// string counts them only when it is valid UTF-8.
	if end > 0 && s[end-1] == ' ' && (end == len(s) || spaceLen(s, end) > 0) || !utf8.ValidString(s[:end]) {
		return 0, -1, false
	}
	return end, at, true
}

// spaceLen returns the length of the white space character
// (unicode.IsSpace) that starts at s[i], or 0. Past ASCII, only a byte
// that may start white space is looked at further.
func spaceLen(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	if mayStartSpace(s, i) {
		return spaceAt(s, i)
	}
	return 0
}

// mayStartSpace reports whether s[i], a byte past ASCII, may start white
// space: 0xC2, 0xE2 or 0xE3, or 0xE1 followed by 0x9A (U+1680) — not by
// 0xBA or 0xBB, as in the Vietnamese letters.
func mayStartSpace(s string, i int) bool {
	switch s[i] {
	case 0xC2, 0xE2, 0xE3:
		return true
	case 0xE1:
		return i+1 < len(s) && s[i+1] == 0x9A
	}
	return false
}

// spaceAt returns the length of the white space character (unicode.IsSpace)
// that starts at s[i], a byte past ASCII, or 0. It reads bytes, not runes:
// past ASCII, Unicode's white space is U+0085, U+00A0, U+1680, U+2000 to
// U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, whose encodings start
// with 0xC2, 0xE1, 0xE2 or 0xE3. A continuation byte or an invalid
// sequence is never white space, as for strings.Fields.
func spaceAt(s string, i int) int {
	at := func(k int) byte {
		if i+k < len(s) {
			return s[i+k]
		}
		return 0
	}
	switch s[i] {
	case 0xC2: // U+0085, U+00A0
		if b := at(1); b == 0x85 || b == 0xA0 {
			return 2
		}
	case 0xE1: // U+1680; the Vietnamese letters U+1EA0 to U+1EF9 are E1 BA/BB ..
		if at(1) == 0x9A && at(2) == 0x80 {
			return 3
		}
	case 0xE2:
		switch b, c := at(1), at(2); {
		case b == 0x80 && (0x80 <= c && c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF), // U+2000-200A, U+2028, U+2029, U+202F
			b == 0x81 && c == 0x9F: // U+205F
			return 3
		}
	case 0xE3: // U+3000
		if at(1) == 0x80 && at(2) == 0x80 {
			return 3
		}
	}
	return 0
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// cut returns s cut to at most n runes, at a space when there is one
// near, as a string of its own: an excerpt is kept after the document's
// text is gone, and made in one allocation.
func cut(s string, n int) string {
	at := -1 // where the n+1-th rune starts: the text is longer than n
	for k := range s {
		if n == 0 {
			at = k
			break
		}
		n--
	}
	return cutAt(s, at)
}

// cutAt is cut, told where s's n+1-th rune starts (-1: s has no more).
func cutAt(s string, at int) string {
	if at < 0 {
		return strings.Clone(s)
	}
	if sp := strings.LastIndexByte(s[:at], ' '); sp > at*3/4 {
		at = sp
	}
	return s[:at] + "…"
}
