package search

import (
	"strings"
	"unicode"
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
		c, size := s[i], 1
		var sp bool
		if c < utf8.RuneSelf {
			sp = asciiSpace[c]
		} else {
			var r rune
			switch v := any(s).(type) {
			case string:
				r, size = utf8.DecodeRuneInString(v[i:])
			case []byte:
				r, size = utf8.DecodeRune(v[i:])
			}
			sp = isSpace(r)
		}
		switch {
		case sp && word >= 0:
			p.add(s[word:i])
			word = -1
			p.pending = true
		case sp:
			p.pending = p.pending || p.b.Len() > 0
		case word < 0:
			word = i
		}
		i += size
	}
	if word >= 0 {
		p.add(s[word:])
	}
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

// isSpace is unicode.IsSpace for r past ASCII, without its table search
// for the letters of Vietnamese (U+1EA0 and on), which are nearly all of
// a bulletin's runes that are not ASCII: Unicode's white space past U+00A0
// is U+1680 and U+2000 to U+3000 only.
func isSpace(r rune) bool {
	switch {
	case r == 0x85, r == 0xA0, r == 0x1680:
		return true
	case r < 0x2000 || r > 0x3000:
		return false
	}
	return unicode.IsSpace(r)
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// String is the text.
func (p *plain) String() string { return p.b.String() }
