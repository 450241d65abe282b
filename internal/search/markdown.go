package search

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/bantin/bantin/internal/shortcode"
)

// Figure gives the text a shortcode reads as on the page ("hơn 2,7 triệu
// hồ sơ"), for the index; skip reports a shortcode that is not text at
// all (a chart, a plan's progress box), which is left out. An error stops
// Text and is returned as it is: the caller knows the file, and the call
// carries its line and column.
type Figure func(n *shortcode.Node) (text string, skip bool, err error)

// md parses Markdown the way internal/content does (GFM, footnotes,
// shortcodes), for its text only: nothing is rendered.
var md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, shortcode.Extension))

// Text returns the plain text of a Markdown body, as a reader reads it:
// the words of paragraphs, headings, lists, tables, link texts, image
// descriptions and code, and each figure's text from figure. Raw HTML,
// link targets and shortcodes that draw (charts, progress boxes) are not
// text and are left out: the index is made from the Markdown tree, never
// from rendered HTML, so no script or markup ever reaches it. Malformed
// shortcodes are left out too (the page's own render reports them).
func Text(src []byte, figure Figure) (string, error) {
	return TextOf(md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext())), src, figure)
}

// TextOf is Text of a tree already parsed from src (the one a build
// renders the page from: the article is parsed once, not again for the
// index).
func TextOf(doc ast.Node, src []byte, figure Figure) (string, error) {
	var b plain
	b.b.Grow(len(src)) // the text is about the source's size: one allocation, not a doubling series
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if sc := shortcode.Of(n); sc != nil {
			if !entering {
				return ast.WalkContinue, nil
			}
			t, skip, err := figure(sc)
			if err != nil {
				return ast.WalkStop, err
			}
			if !skip {
				if sc.Block {
					b.space()
				}
				b.writeString(t)
			}
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				b.write(n.Segment.Value(src))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.space()
				}
			}
		case *ast.String:
			if entering {
				b.write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.write(n.Label(src))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				b.space()
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					b.write(seg.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *extast.TableCell:
			b.space()
		default:
			if n.Type() == ast.TypeBlock {
				b.space()
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return "", err
	}
	return b.String(), nil
}

// plain collects text with its white space squeezed as it is written:
// the words separated by one space, none before the first or after the
// last — strings.Join(strings.Fields(text), " "), without the copy.
type plain struct {
	b       strings.Builder
	pending bool // white space was seen since the last word
}

// space separates what comes next from what came before.
func (p *plain) space() { p.pending = p.b.Len() > 0 }

// write adds s: its words go in as they are, each run of white space
// (unicode.IsSpace, as strings.Fields has it) becomes one pending space.
func (p *plain) write(s []byte) { writePlain(p, s) }

// writeString is write for a string.
func (p *plain) writeString(s string) { writePlain(p, s) }

func writePlain[T string | []byte](p *plain, s T) {
	word := -1 // start of the current run of non-space bytes
	for i := 0; i < len(s); {
		// The length of the white space at s[i], or 0. This loop sees
		// nearly every byte of a text: past ASCII, only a byte that may
		// start white space is looked at further.
		n := 0
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				n = 1
			}
		} else if mayStartSpace(s, i) {
			n = spaceAt(s, i)
		}
		switch {
		case n == 0:
			if word < 0 {
				word = i
			}
			i++
			continue
		case word >= 0:
			p.add(s[word:i])
			word = -1
			p.pending = true
		default:
			p.pending = p.pending || p.b.Len() > 0
		}
		i += n
	}
	if word >= 0 {
		p.add(s[word:])
	}
}

// mayStartSpace reports whether s[i], a byte past ASCII, may start white
// space: 0xC2, 0xE2 or 0xE3, or 0xE1 followed by 0x9A (U+1680) — not by
// 0xBA or 0xBB, as in the Vietnamese letters.
func mayStartSpace[T string | []byte](s T, i int) bool {
	switch s[i] {
	case 0xC2, 0xE2, 0xE3:
		return true
	case 0xE1:
		return i+1 < len(s) && s[i+1] == 0x9A
	}
	return false
}

// add writes one run of non-space text, after the pending space.
func (p *plain) add(w any) {
	if p.pending {
		p.b.WriteByte(' ')
		p.pending = false
	}
	switch w := w.(type) {
	case string:
		p.b.WriteString(w)
	case []byte:
		p.b.Write(w)
	}
}

// spaceAt returns the length of the white space character (unicode.IsSpace)
// that starts at s[i], a byte past ASCII, or 0. It reads bytes, not runes:
// past ASCII, Unicode's white space is U+0085, U+00A0, U+1680, U+2000 to
// U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, whose encodings start
// with 0xC2, 0xE1, 0xE2 or 0xE3. A continuation byte or an invalid
// sequence is never white space, as for strings.Fields.
func spaceAt[T string | []byte](s T, i int) int {
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

// String is the text.
func (p *plain) String() string { return p.b.String() }
