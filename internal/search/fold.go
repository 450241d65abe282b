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
	for _, w := range appendWords(nil, text) {
		lower := strings.ToLower(w)
		yield(Token{Word: lower, Key: Fold(lower)})
	}
}

// appendWords appends to dst the words of text as Tokens splits them,
// each as it stands in the (NFC) text, a substring of it: Prepare folds
// each distinct word once, not each time it occurs. Most text is NFC
// already, and a rune the table knows as NFC on its own says so as the
// words are read: text is scanned once, and checked and normalised in
// full only when a rune does not say so.
func appendWords(dst []string, text string) []string {
	n := len(dst)
	dst, ok := scanWords(dst, text, false)
	if ok {
		return dst
	}
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	dst, _ = scanWords(dst[:n], text, true)
	return dst
}

// scanWords appends text's words to dst. Unless nfc (text is known to be
// NFC), it stops at the first rune the table does not know to be NFC on
// its own, and reports false: its words are then to be taken again, from
// the text checked or normalised.
func scanWords(dst []string, text string, nfc bool) ([]string, bool) {
	class := runeClasses()
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
		dst = append(dst, w)
	}
	for i, r := range text {
		var word bool
		switch {
		case r < utf8.RuneSelf:
			word = asciiWordRune(r)
		case r < rune(len(class)):
			c := class[r]
			if c&nfcStarter == 0 && !nfc {
				return dst, false
			}
			word = c&wordRune != 0
		default:
			if !nfc {
				return dst, false
			}
			word = isWordRuneSlow(r)
		}
		if word {
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
	return dst, true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWordRune(r)
	}
	if class := runeClasses(); r < rune(len(class)) {
		return class[r]&wordRune != 0
	}
	return isWordRuneSlow(r)
}

// asciiWordRune is isWordRune below U+0080: a letter or a digit.
func asciiWordRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// What runeClasses knows of a rune.
const (
	wordRune   = 1 << iota // a letter, digit or combining mark: part of a word
	nfcStarter             // NFC on its own, and nothing before it combines with it
)

// runeClasses holds, for each rune below U+3000 (every Latin letter of
// Vietnamese, precomposed, and the punctuation and symbols of ordinary
// text), whether it is a word rune and whether it is an NFC starter:
// text made only of starters is NFC. One table lookup a rune instead of
// a search of Unicode's tables, computed once.
var runeClasses = sync.OnceValue(func() []uint8 {
	t := make([]uint8, 0x3000)
	for r := range t {
		if isWordRuneSlow(rune(r)) {
			t[r] |= wordRune
		}
		if !utf8.ValidRune(rune(r)) {
			continue
		}
		s := string(rune(r))
		if norm.NFC.IsNormalString(s) && norm.NFC.PropertiesString(s).BoundaryBefore() {
			t[r] |= nfcStarter
		}
	}
	return t
})
