package search

import (
	"strings"

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

// Text returns the text of a Markdown body, as a reader reads it: the
// words of paragraphs, headings, lists, tables, link texts, image
// descriptions and code, and each figure's text from figure. Raw HTML,
// link targets and shortcodes that draw (charts, progress boxes) are not
// text and are left out: the index is made from the Markdown tree, never
// from rendered HTML, so no script or markup ever reaches it. Malformed
// shortcodes are left out too (the page's own render reports them).
//
// The pieces are joined as they are, with a space between blocks, cells
// and lines: their white space is not squeezed here. Words are split on
// it anyway, and Prepare squeezes only the excerpt it keeps (excerpt), a
// few hundred words of a text that may have thousands.
func Text(src []byte, figure Figure) (string, error) {
	return TextOf(md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext())), src, figure)
}

// TextOf is Text of a tree already parsed from src (the one a build
// renders the page from: the article is parsed once, not again for the
// index).
func TextOf(doc ast.Node, src []byte, figure Figure) (string, error) {
	var b strings.Builder
	b.Grow(len(src)) // the text is about the source's size: one allocation, not a doubling series
	// space separates blocks, cells and lines: one space, not a run of
	// them between nested blocks, so that excerpt takes its fast path.
	space := func() {
		if t := b.String(); t != "" && t[len(t)-1] != ' ' {
			b.WriteByte(' ')
		}
	}
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
					space()
				}
				b.WriteString(t)
			}
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				b.Write(n.Segment.Value(src))
				if n.SoftLineBreak() || n.HardLineBreak() {
					space()
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(src))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				space()
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					b.Write(seg.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *extast.TableCell:
			space()
		default:
			if n.Type() == ast.TypeBlock {
				space()
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return "", err
	}
	return b.String(), nil
}
