// Package shortcode adds Hugo-like shortcodes such as
//
//	{{< metric "records-digitized" "2024-Q1" >}}
//	{{< chart "online-dossiers" type="bar" from="2023-Q1" >}}
//
// to goldmark Markdown, so that bulletin articles can cite figures from the
// site's data instead of copying numbers by hand.
//
// It is a goldmark extension (an inline parser, an AST transformer and a node
// renderer), not a string replacement on HTML: goldmark decides what is code
// and what is prose, so a shortcode inside a code span or code block stays
// literal text, and the typographer never sees the quotes of an argument.
//
// The engine drives one document in three steps:
//
//	pc := parser.NewContext()
//	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
//	errs := shortcode.Errors(pc)          // malformed shortcodes, with line:col
//	for _, n := range shortcode.Nodes(doc) {
//		n.Resolve(html)                   // look the call up in the data
//	}
//	err := md.Renderer().Render(w, src, doc) // fails on a node left unresolved
//
// The extension holds no per-document state: everything a parse produces is
// kept in the AST or in the parser.Context, so one goldmark.Markdown built
// with Extension may convert many documents from several goroutines at once.
package shortcode

import (
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Call is one shortcode as the author wrote it. The engine resolves it by
// looking up Name and the arguments in the site's data; the position lets
// it report a bad reference the way a compiler would.
type Call struct {
	// Name is the shortcode name, matching [a-z][a-z0-9-]*.
	Name string
	// Args are the positional arguments, in the order written.
	Args []string
	// Named are the key=value arguments; nil when there are none.
	Named map[string]string
	// Offset is the byte offset of "{{<" in the Markdown source given to the parser.
	Offset int
	// Line and Col locate "{{<" in that source, both 1-based. Col counts
	// characters (runes), not bytes, because that is what editors show:
	// a Vietnamese letter such as "ệ" is one column. A tab is one column.
	// The engine adds the line count of any front matter it cut off.
	Line, Col int
}

// Arg returns the i-th positional argument (0-based), and whether it was
// given, so a resolver can tell a missing argument from an empty one.
func (c *Call) Arg(i int) (string, bool) {
	if i < 0 || i >= len(c.Args) {
		return "", false
	}
	return c.Args[i], true
}

// Get returns the named argument key, and whether it was given.
func (c *Call) Get(key string) (string, bool) {
	v, ok := c.Named[key]
	return v, ok
}

// String writes the call back in canonical shortcode syntax (every argument
// quoted, named arguments sorted by key), for use in error messages.
func (c *Call) String() string {
	var b strings.Builder
	b.WriteString("{{< ")
	b.WriteString(c.Name)
	for _, a := range c.Args {
		b.WriteByte(' ')
		b.WriteString(quote(a))
	}
	keys := make([]string, 0, len(c.Named))
	for k := range c.Named {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteByte(' ')
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(quote(c.Named[k]))
	}
	b.WriteString(" >}}")
	return b.String()
}

// quote writes s as a shortcode string: only " and \ are escaped.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// Node is what the engine works with for one shortcode of a parsed document:
// the call, where it stood, and the HTML it resolves to. The same *Node is
// shared by the AST node that carries it (an *InlineNode or a *BlockNode), so
// setting HTML here is what the renderer writes.
type Node struct {
	// Call is the shortcode as written.
	Call *Call
	// Block is true when the shortcode stood alone in its paragraph (or in
	// the text of a tight list item). Its HTML then replaces the whole
	// paragraph, so a chart's <figure> never lands inside a <p>; an engine
	// that wants paragraph styling for a lone value wraps it in <p> itself.
	// When false, the HTML is written inline within text (phrasing content).
	// Set by the parser; read-only for the engine.
	Block bool
	// HTML is written to the output as is. It is trusted: the engine must
	// have escaped anything that came from data or from the arguments.
	HTML []byte
	// Resolved records that the engine has set HTML. Rendering a document
	// with an unresolved node fails with an *UnresolvedError, so a forgotten
	// resolution cannot silently drop content.
	Resolved bool
}

// Resolve sets the HTML the node renders as and marks it resolved.
func (n *Node) Resolve(html []byte) {
	n.HTML = html
	n.Resolved = true
}

// KindShortcode is the AST kind of an *InlineNode, a shortcode within text.
var KindShortcode = ast.NewNodeKind("Shortcode")

// KindShortcodeBlock is the AST kind of a *BlockNode, a shortcode that
// replaced a paragraph it stood alone in.
var KindShortcodeBlock = ast.NewNodeKind("ShortcodeBlock")

// InlineNode is the goldmark AST node of a shortcode within text (inside a
// paragraph with other content, a heading, a table cell, a link text...).
// Its shortcode data is the embedded *Node.
type InlineNode struct {
	ast.BaseInline
	*Node
}

// Kind implements ast.Node.
func (n *InlineNode) Kind() ast.NodeKind { return KindShortcode }

// Dump implements ast.Node, for debugging.
func (n *InlineNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, dumpFields(n.Node), nil)
}

// BlockNode is the goldmark AST node of a shortcode that stood alone in its
// paragraph: it takes the paragraph's place, so its HTML is not wrapped in
// <p>. Its shortcode data is the embedded *Node.
type BlockNode struct {
	ast.BaseBlock
	*Node
}

// Kind implements ast.Node.
func (n *BlockNode) Kind() ast.NodeKind { return KindShortcodeBlock }

// Dump implements ast.Node, for debugging.
func (n *BlockNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, dumpFields(n.Node), nil)
}

func dumpFields(n *Node) map[string]string {
	return map[string]string{
		"Call":     n.Call.String(),
		"Line":     strconv.Itoa(n.Call.Line),
		"Col":      strconv.Itoa(n.Call.Col),
		"Block":    strconv.FormatBool(n.Block),
		"Resolved": strconv.FormatBool(n.Resolved),
	}
}

// Of returns the shortcode data of an AST node of kind KindShortcode or
// KindShortcodeBlock, and nil for any other node. It lets code that walks the
// AST itself treat both kinds alike.
func Of(n ast.Node) *Node {
	switch n := n.(type) {
	case *InlineNode:
		return n.Node
	case *BlockNode:
		return n.Node
	}
	return nil
}

// Nodes returns every shortcode of a parsed document in document order
// (footnote definitions come last, where goldmark moves them), so the engine
// can resolve them all before rendering.
func Nodes(doc ast.Node) []*Node {
	var out []*Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if sc := Of(n); sc != nil {
				out = append(out, sc)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Extension adds shortcodes to a goldmark.Markdown:
//
//	md := goldmark.New(goldmark.WithExtensions(extension.GFM, shortcode.Extension))
//
// It is stateless, so one value serves every Markdown and every goroutine.
var Extension goldmark.Extender = extender{}

type extender struct{}

// Priorities: the inline parser is the only one triggered by '{', so its
// priority only has to be valid. The transformer runs after goldmark's own
// (the footnote transformer is 999) so that it sees the final tree, e.g. a
// footnote paragraph that already got its backlink.
const (
	parserPriority      = 100
	transformerPriority = 1000
	rendererPriority    = 100
)

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(inlineParser{}, parserPriority)),
		parser.WithASTTransformers(util.Prioritized(blockTransformer{}, transformerPriority)),
	)
	m.Renderer().AddOptions(
		renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, rendererPriority)),
	)
}
