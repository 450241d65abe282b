package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxToken is the longest token indexed, in bytes. Longer runs of letters
// (a pasted hash, a URL without punctuation) are not words anyone types;
// they are cut so that one hostile line cannot make one huge index entry.
const MaxToken = 48

// Fold is what a search compares: the text lowercased, with Vietnamese
// diacritics removed and đ read as d, so "Đề án 06" and "de an 06" are
// the same words. Each rune folds to exactly one rune, so an offset in
// the folded text is an offset in the original (assets/search.js relies
// on that to highlight matches in the excerpt).
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || ('A' <= s[i] && s[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune lowercases r and strips its marks: the first rune of its
// canonical decomposition (ế → e, Ư → u); đ and Đ, which do not
// decompose, become d.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r >= 0xC0 && r < 0xC0+rune(len(latinFold)) {
		return latinFold[r-0xC0]
	}
	return foldSlow(r)
}

// latinFold holds foldRune for U+00C0 to U+1EFF, where all Vietnamese
// letters are: computed once, since decomposing each rune of a large
// site's text would cost more than the rest of indexing.
var latinFold = func() []rune {
	t := make([]rune, 0x1F00-0xC0)
	for i := range t {
		t[i] = foldSlow(rune(0xC0 + i))
	}
	return t
}()

func foldSlow(r rune) rune {
	switch r {
	case 'đ', 'Đ':
		return 'd'
	}
	l := unicode.ToLower(r)
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Bytes(buf[:utf8.EncodeRune(buf[:], l)])
	if first, _ := utf8.DecodeRune(d); first != utf8.RuneError && !unicode.Is(unicode.Mn, first) {
		return first
	}
	return l
}

// Token is one word or number of a text: Word is as written but
// lowercased (its accents kept, so that an exact-accent match can rank
// first), Key is Word folded (what is looked up).
type Token struct {
	Word, Key string
}

// Tokens splits text into words and numbers. A word is a run of letters,
// digits and combining marks; a number keeps the separators it is written
// with between digits, so "96,5%" gives "96,5" and "746.000" stays one
// token, as readers type them. Everything else separates tokens. The
// text is NFC-normalised first, so decomposed and precomposed accents
// index alike.
func Tokens(text string, yield func(Token)) {
	words(text, func(w string) {
		lower := strings.ToLower(w)
		yield(Token{Word: lower, Key: Fold(lower)})
	})
}

// words is Tokens before lowercasing and folding: each token as it stands
// in the (NFC) text, a substring of it. Prepare folds each distinct word
// once, not each time it occurs.
func words(text string, yield func(string)) {
	if !isNFC(text) {
		text = norm.NFC.String(text)
	}
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		if len(w) > MaxToken {
			w = w[:MaxToken]
			for !utf8.ValidString(w) {
				w = w[:len(w)-1]
			}
		}
		yield(w)
	}
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if (r == ',' || r == '.') && start >= 0 && i > 0 && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1]) {
			continue // a decimal comma or a group separator inside a number
		}
		flush(i)
	}
	flush(len(text))
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if r < rune(len(wordRunes)) {
		return wordRunes[r]
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordRunes holds isWordRune below U+2000, where the letters and accents
// of Vietnamese are: a table lookup instead of a search of Unicode's.
var wordRunes = func() []bool {
	t := make([]bool, 0x2000)
	for r := range t {
		t[r] = isWordRuneSlow(rune(r))
	}
	return t
}()

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isNFC reports whether text is in Unicode normal form C. Text made only
// of runes that are NFC on their own and combine with nothing before them
// is; nfcStarter lists those below U+3000 (every Latin letter of
// Vietnamese, precomposed, and the punctuation and symbols of ordinary
// text). Anything else — a combining accent typed apart, a rune that
// normalizes to another — gets the full check.
func isNFC(text string) bool {
	starter := nfcStarters()
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r >= rune(len(starter)) || !starter[r] {
			return norm.NFC.IsNormalString(text)
		}
		i += size - 1
	}
	return true
}

// nfcStarters is, for each rune below U+3000, whether it is NFC on its
// own and starts a normalization segment (nothing before it combines
// with it): computed from the Unicode tables once.
var nfcStarters = sync.OnceValue(func() []bool {
	t := make([]bool, 0x3000)
	for r := range t {
		if !utf8.ValidRune(rune(r)) {
			continue
		}
		s := string(rune(r))
		t[r] = norm.NFC.IsNormalString(s) && norm.NFC.PropertiesString(s).BoundaryBefore()
	}
	return t
})
