// Package slug turns titles, tag names and headings into ASCII URL parts.
//
// Bulletins are written in Vietnamese, and a URL such as
// /articles/kien-nghi-don-gian-hoa/ must survive every mail client, chat app
// and web server, so letters lose their diacritics rather than being dropped
// or percent-encoded. Valid guards the other direction: a slug or id typed by
// a user becomes a directory name, so it must never be able to leave the
// output directory.
package slug

import (
	"strconv"
	"strings"
	"unicode"

	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// Make returns the ASCII slug of s: diacritics removed (đ → d, ư → u,
// ơ → o, ă/â → a, ê → e, ô → o, tone marks dropped), lowercase, with every
// run of other characters collapsed into one dash and no dash at either end.
// It returns "" when s has no letter or digit; the caller decides the
// fallback. The result is always either "" or Valid, and Make(Make(s)) ==
// Make(s).
//
// The result is that of canonical decomposition (NFD), removal of the
// nonspacing marks (Mn) and lowercasing, but computed rune by rune from the
// decomposition tables instead of through a golang.org/x/text transform
// chain: a chain costs about ten allocations per call, and Make runs for
// every title, tag and heading of a site. Decomposing rune by rune gives the
// same letters as decomposing the string, because NFD never composes and
// its reordering moves only combining marks, which are either removed or
// not ASCII (so they end up as a dash either way). TestMakeMatchesNFD checks
// the equivalence over every code point of the first two planes.
func Make(s string) string {
	if Valid(s) {
		return s // already a slug: nothing to fold, nothing to allocate
	}
	var b strings.Builder
	b.Grow(len(s))
	dash := false // a dash is owed before the next kept character
	emit := func(r rune) {
		if r >= utf8.RuneSelf {
			r = unicode.ToLower(r)
		} else if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(byte(r))
			return
		}
		dash = true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			emit(rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 'đ' || r == 'Đ':
			// The Vietnamese letter đ has no canonical decomposition (the
			// stroke is not a combining mark), so it is mapped by hand.
			emit('d')
		case r == utf8.RuneError && size == 1:
			emit(r) // invalid UTF-8: a separator
		default:
			decomp := norm.NFD.PropertiesString(s[i : i+size]).Decomposition()
			if decomp == nil {
				if !unicode.Is(unicode.Mn, r) {
					emit(r)
				}
				break
			}
			for len(decomp) > 0 {
				d, n := utf8.DecodeRune(decomp)
				decomp = decomp[n:]
				if !unicode.Is(unicode.Mn, d) {
					emit(d)
				}
			}
		}
		i += size
	}
	return b.String()
}

// Valid reports whether s is a well-formed slug: one or more groups of
// lowercase ASCII letters and digits joined by single dashes. Slugs and ids
// written by users become path segments, and this shape rules out "..",
// "/", "\", empty names, uppercase (which would collide on case-insensitive
// file systems) and stray dashes.
func Valid(s string) bool {
	if s == "" {
		return false
	}
	prevDash := true // forbids a leading dash
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case ('a' <= c && c <= 'z') || ('0' <= c && c <= '9'):
			prevDash = false
		case c == '-' && !prevDash:
			prevDash = true
		default:
			return false
		}
	}
	return !prevDash // forbids a trailing dash
}

// fallback is the id of a heading whose text has no letter or digit, so
// that every heading can still be linked to.
const fallback = "section"

// IDs gives headings (and other elements) ASCII ids through Make, for one
// Markdown document. goldmark's own generator drops every non-ASCII letter
// ("Kiến nghị" → "kin-ngh"), which makes Vietnamese anchors unreadable.
// Repeated ids get "-1", "-2", … so every id on a page is unique. It
// implements goldmark's parser.IDs. Use one IDs per document; it is not safe
// for concurrent use. The zero value is ready to use.
type IDs struct {
	used map[string]bool
	next map[string]int // the next suffix to try for a base id
}

// NewIDs returns an empty set of ids for one document, to pass to
// parser.WithIDs.
func NewIDs() *IDs {
	return &IDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns a fresh id for an element whose text is value: its slug,
// "section" when the slug is empty, with a numeric suffix when already taken.
// kind is ignored: headings and other elements share one namespace, as ids
// on an HTML page do.
func (ids *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	ids.init()
	base := Make(string(value))
	if base == "" {
		base = fallback
	}
	if !ids.used[base] {
		ids.used[base] = true
		return []byte(base)
	}
	for n := max(ids.next[base], 1); ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if !ids.used[id] {
			ids.used[id] = true
			ids.next[base] = n + 1
			return []byte(id)
		}
	}
}

// Put records an id written by the author (e.g. `{#id}`), so that generated
// ids never collide with it.
func (ids *IDs) Put(value []byte) {
	ids.init()
	ids.used[string(value)] = true
}

func (ids *IDs) init() {
	if ids.used == nil {
		ids.used = map[string]bool{}
	}
	if ids.next == nil {
		ids.next = map[string]int{}
	}
}

// Truncate shortens a slug to at most max bytes, cutting at the last dash
// that keeps it within the limit, so that a long title keeps whole words
// ("ban-chi-dao-...-ket-qua"), or at max itself when the first word alone
// is longer. A slug becomes a directory name, and file systems refuse names
// longer than 255 bytes; bantin keeps them far shorter so that paths under
// a deep output directory and URLs in mail stay manageable. The result of
// a Valid slug is Valid.
func Truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	if cut := strings.LastIndexByte(s[:max+1], '-'); cut > 0 {
		return s[:cut]
	}
	return strings.TrimRight(s[:max], "-")
}
