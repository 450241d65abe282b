package shortcode

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// inlineParser turns "{{< ... >}}" within inline text into an *InlineNode.
// Being an inline parser, it never runs inside code spans, code blocks or
// raw HTML, which goldmark keeps literal. It is stateless.
type inlineParser struct{}

func (inlineParser) Trigger() []byte { return []byte{'{'} }

func (inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, seg := block.PeekLine()
	if seg.Padding != 0 {
		return nil // the reader is on indentation, not on our '{'
	}
	src := block.Source()
	start, limit := seg.Start, seg.Stop
	if start < 0 || limit > len(src) || start >= limit {
		return nil
	}
	// A shortcode cannot span lines: stop at the end of this line (the
	// segment already stops at the end of a table cell).
	if i := bytes.IndexByte(src[start:limit], '\n'); i >= 0 {
		limit = start + i
	}
	if !bytes.HasPrefix(src[start:limit], []byte(openDelim)) {
		return nil // a lone '{' or "{{" is ordinary text
	}

	r := scan(src, start, limit)
	block.Advance(r.end - start)
	d := stateOf(pc)
	if r.errMsg != "" {
		line, col := d.lineCol(src, r.errOff)
		d.addError(&SyntaxError{Offset: r.errOff, Line: line, Col: col, Msg: r.errMsg})
	}
	if r.call == nil {
		// An escaped or a malformed shortcode: raw text, HTML-escaped but
		// otherwise untouched (no typographer, no backslash processing).
		// A String, unlike a Text, is never merged with the text after it.
		lit := ast.NewString(r.literal)
		lit.SetRaw(true)
		lit.SetPos(start)
		return lit
	}
	r.call.Line, r.call.Col = d.lineCol(src, start)
	n := &InlineNode{Node: &Node{Call: r.call}}
	n.SetPos(start)
	return n
}

// blockTransformer replaces a paragraph whose only content is one shortcode
// (whitespace aside) with a *BlockNode, so the shortcode's HTML is not
// wrapped in <p>. It also does so for the text of a tight list item, which
// goldmark keeps in a TextBlock instead of a Paragraph. And it turns a
// shortcode in an image description, which could not be rendered, into an
// error. It is stateless.
type blockTransformer struct{}

func (blockTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	type swap struct {
		para ast.Node
		sc   *InlineNode
	}
	var swaps []swap
	var inAlt []*InlineNode
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			if sc := alone(n, src); sc != nil {
				swaps = append(swaps, swap{n, sc})
			}
		case ast.KindImage:
			_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if sc, ok := c.(*InlineNode); ok && entering {
					inAlt = append(inAlt, sc)
				}
				return ast.WalkContinue, nil
			})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, s := range swaps {
		b := &BlockNode{Node: s.sc.Node}
		b.Block = true
		b.SetLines(s.para.Lines())
		b.SetBlankPreviousLines(s.para.HasBlankPreviousLines())
		b.SetPos(s.sc.Pos())
		if parent := s.para.Parent(); parent != nil {
			parent.ReplaceChild(parent, s.para, b)
		}
	}
	// Goldmark renders an image description as plain text for the alt
	// attribute and would silently drop a shortcode there: make it an
	// error instead, and show the call as written.
	for _, sc := range inAlt {
		c := sc.Call
		stateOf(pc).addError(&SyntaxError{Offset: c.Offset, Line: c.Line, Col: c.Col,
			Msg: fmt.Sprintf("shortcode %s cannot be used in an image description (alt text)", c.Name)})
		lit := ast.NewString([]byte(c.String()))
		lit.SetRaw(true)
		lit.SetPos(c.Offset)
		if parent := sc.Parent(); parent != nil {
			parent.ReplaceChild(parent, sc, lit)
		}
	}
}

// alone returns the only shortcode among the children of a paragraph, or
// nil when the paragraph holds anything else than whitespace besides it.
func alone(para ast.Node, src []byte) *InlineNode {
	var found *InlineNode
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *InlineNode:
			if found != nil {
				return nil
			}
			found = c
		case *ast.Text:
			if len(util.TrimLeftSpace(c.Value(src))) != 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return found
}

// nodeRenderer writes a shortcode's resolved HTML. It is stateless.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcode, renderNode)
	reg.Register(KindShortcodeBlock, renderNode)
}

func renderNode(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	sc := Of(n)
	if sc == nil || sc.Call == nil {
		return ast.WalkStop, fmt.Errorf("shortcode: node of kind %s carries no call", n.Kind())
	}
	if !sc.Resolved {
		return ast.WalkStop, &UnresolvedError{Call: sc.Call}
	}
	_, _ = w.Write(sc.HTML)
	if n.Kind() == KindShortcodeBlock && (len(sc.HTML) == 0 || sc.HTML[len(sc.HTML)-1] != '\n') {
		_ = w.WriteByte('\n') // blocks end their line, as goldmark's own do
	}
	return ast.WalkSkipChildren, nil
}

// UnresolvedError is returned by rendering when a shortcode node was never
// resolved: the engine forgot it, and content would silently go missing.
type UnresolvedError struct {
	Call *Call
}

// Error formats the error as "line:col: message"; the engine prefixes the file.
func (e *UnresolvedError) Error() string {
	return fmt.Sprintf("%d:%d: shortcode %s was not resolved", e.Call.Line, e.Call.Col, e.Call)
}
