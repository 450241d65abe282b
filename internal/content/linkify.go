package content

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Why a body is parsed without GFM's linkify first.
//
// Linkify turns bare addresses in text (https://…, www.…, name@host.vn)
// into links. To find where a word starts, goldmark calls it at every
// space of every paragraph, and those calls were a third of the time it
// took to parse a bulletin — nearly all of them for nothing, since a
// bulletin's addresses are almost always inside Markdown links, where
// linkify never looks.
//
// So a body is parsed first by the same parser without linkify, and again
// with it only when linkify could have found something: when some text
// of the first tree covers the start of a bare address. That is exact.
// Linkify makes a link only at a position p right after a space, '*',
// '_', '~' or '(' (or at a line's start) where the text begins with
// "http:", "https:", "ftp:" or "www.", or with an e-mail address, whose
// first character is a letter or digit. Until linkify first succeeds the
// two parses make the same decisions (a call that finds nothing changes
// nothing but where goldmark cuts a run of text into Text nodes, which the
// HTML does not show once lineEnds has tidied the ends of lines), and the
// character at p — not punctuation, so no other parser starts there — lies
// in a Text node of the first tree. If no Text node covers such a start,
// linkify finds nothing and the first tree is the tree. FuzzLinkifyGate
// checks this against always parsing with linkify.

// lineEnds is the first AST transformer of the parser with linkify. That
// parser cuts text into Text nodes at every space (where goldmark calls
// linkify), and goldmark trims the white space before a line break from
// the last node of the line only: "foo \t \n" kept "foo \t" and "foo    \n"
// ended in "foo <br>", where CommonMark (and the parser without linkify)
// gives "foo\n" and "foo<br>". lineEnds trims the node before an emptied
// last one, so that a body reads the same whichever parser took it.
type lineEnds struct{}

func (lineEnds) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok || t.Segment.Len() != 0 || !(t.SoftLineBreak() || t.HardLineBreak()) {
			return ast.WalkContinue, nil
		}
		if p, ok := t.PreviousSibling().(*ast.Text); ok && p.Segment.Stop == t.Segment.Start && !p.IsRaw() {
			p.Segment = p.Segment.TrimRightSpace(src)
		}
		return ast.WalkContinue, nil
	})
}

// mayLinkify marks, in a parse's context, that the body may hold a bare
// address: linkifyGate found one and the body is to be parsed again with
// linkify.
var mayLinkify = parser.NewContextKey()

// linkifyGate is the first AST transformer of the parser without linkify
// (it runs before any other can move or drop a Text node).
type linkifyGate struct{}

// firstPriority runs linkifyGate and lineEnds before every other
// transformer (lower runs first; linkGuard is 100, footnotes 999,
// shortcodes 1000).
const firstPriority = 1

func (linkifyGate) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if starts := addressStarts(reader.Source()); len(starts) > 0 && textCovers(doc, starts) {
		pc.Set(mayLinkify, true)
	}
}

// span is a half-open range of source offsets.
type span struct{ start, stop int }

// addressStarts returns, in source order, the ranges where a bare address
// linkify would take may start: each "http:", "https:", "ftp:" and "www."
// (at its first byte), and before each '@' the run of characters an
// e-mail address's name may hold. It is a superset: the gate only needs
// not to miss one.
func addressStarts(src []byte) []span {
	var out []span
	each(src, ':', func(at int) {
		for _, p := range [...]string{"http", "https", "ftp"} {
			if s := at - len(p); s >= 0 && string(src[s:at]) == p {
				out = append(out, span{s, s + 1})
			}
		}
	})
	each(src, '.', func(at int) {
		if s := at - 3; s >= 0 && string(src[s:at]) == "www" {
			out = append(out, span{s, s + 1})
		}
	})
	each(src, '@', func(at int) {
		s := at
		for s > 0 && emailName(src[s-1]) { // stops at the '@' before: each byte is passed once
			s--
		}
		if s < at {
			out = append(out, span{s, at})
		}
	})
	if len(out) < 2 {
		return out
	}
	// In order, and overlapping ranges joined ("www.x@y.vn" gives two),
	// so that the ends are in order too and textCovers can search them.
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	merged := out[:1]
	for _, s := range out[1:] {
		last := &merged[len(merged)-1]
		if s.start <= last.stop {
			last.stop = max(last.stop, s.stop)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// each calls f with the offset of every c in b, found with bytes.IndexByte
// (vectorised), since the gate reads every body.
func each(b []byte, c byte, f func(at int)) {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], c)
		if j < 0 {
			return
		}
		f(i + j)
		i += j + 1
	}
}

// emailName reports whether c may be in an e-mail address's name, the set
// goldmark's util.FindEmailIndex accepts:
// [a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-].
func emailName(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return c < 0x80 && strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0
}

// textCovers reports whether a Text node of doc overlaps one of starts
// (in order and apart). A code span's text is not looked at: goldmark
// takes a code span whole at its opening backtick, so linkify is never
// called inside one.
func textCovers(doc ast.Node, starts []span) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Kind() == ast.KindCodeSpan {
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		seg := t.Segment
		// The first start that ends after the text begins.
		i, _ := slices.BinarySearchFunc(starts, seg.Start, func(s span, at int) int {
			if s.stop <= at {
				return -1
			}
			return 1
		})
		if i < len(starts) && starts[i].start < seg.Stop {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
