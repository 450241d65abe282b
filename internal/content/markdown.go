package content

import (
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/shortcode"
	"github.com/bantin/bantin/internal/slug"
)

// Resolver turns one shortcode of an article into HTML. The article is
// given so that figures can be shown as of its date; the node tells whether
// the shortcode stands alone (a block) or sits in text. chart reports that
// the HTML draws a chart, so the page must load the charting library.
type Resolver interface {
	Resolve(a *Article, n *shortcode.Node) (html []byte, chart bool, err error)
}

// TreeVisitor is what a Resolver may also be: Tree sees the parsed body,
// its shortcodes resolved, before it is rendered. The build rewrites a
// translation's links there and takes the search index's text from the
// same tree, so a bulletin is parsed once.
type TreeVisitor interface {
	Tree(a *Article, doc ast.Node, src []byte) error
}

// Parse parses a Markdown body as Render does (same extensions and
// transformers), shortcodes unresolved, for what reads the text without
// rendering it: the same text as the page, typography included.
func (m *Markdown) Parse(src []byte) ast.Node {
	doc, _ := m.parse(src)
	return doc
}

// parse parses src with every extension, and returns the tree and the
// parse's context (where shortcode errors are kept). It parses without
// linkify first, and again with it only when the first tree has text where
// a bare address may start (linkify.go says why, and why that is exact).
func (m *Markdown) parse(src []byte) (ast.Node, parser.Context) {
	pc := newContext()
	doc := m.fast.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if pc.Get(mayLinkify) == nil {
		return doc, pc
	}
	pc = newContext()
	return m.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc)), pc
}

// newContext is a fresh parse's context: its own heading ids, so that a
// body parsed twice gets the same ids the second time.
func newContext() parser.Context {
	return parser.NewContext(parser.WithIDs(headingIDs{slug.NewIDs()}))
}

// Markdown renders article bodies. One value serves a whole build and is
// safe for concurrent use.
type Markdown struct {
	md   goldmark.Markdown // every extension; renders every tree
	fast goldmark.Markdown // the same but linkify, with linkifyGate
}

// NewMarkdown configures goldmark the way bulletins need it: GFM tables,
// footnotes, typographic quotes, heading ids, shortcodes. Raw HTML is left
// out unless unsafeHTML is set, and then it is sanitised (sanitize.go);
// link, image and autolink destinations are checked with SafeURL in both
// modes, so no body can carry javascript:, data: or any other scheme but
// http(s), mailto and tel.
func NewMarkdown(unsafeHTML bool) *Markdown {
	rendererOpts := []goldmark.Option{goldmark.WithRendererOptions(
		renderer.WithNodeRenderers(util.Prioritized(tableCells{}, tableCellPriority)))}
	if unsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(
			gmhtml.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{}, sanitizerPriority)),
		))
	}
	md := func(gfm []goldmark.Extender, transformers ...util.PrioritizedValue) goldmark.Markdown {
		return goldmark.New(append(rendererOpts,
			goldmark.WithExtensions(append(gfm, extension.Footnote, typographer, shortcode.Extension)...),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithASTTransformers(append(transformers, util.Prioritized(linkGuard{}, sanitizerPriority))...),
			),
		)...)
	}
	return &Markdown{
		md: md([]goldmark.Extender{extension.GFM}, util.Prioritized(lineEnds{}, firstPriority)),
		// GFM is linkify, tables, strikethrough and task lists.
		fast: md([]goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList},
			util.Prioritized(linkifyGate{}, firstPriority)),
	}
}

// typographer writes real characters (“ ” – …) rather than HTML entities:
// the pages are UTF-8, and the text stays readable in feeds and sources.
var typographer = extension.NewTypographer(extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
	extension.LeftSingleQuote:  []byte("‘"),
	extension.RightSingleQuote: []byte("’"),
	extension.LeftDoubleQuote:  []byte("“"),
	extension.RightDoubleQuote: []byte("”"),
	extension.EnDash:           []byte("–"),
	extension.EmDash:           []byte("—"),
	extension.Ellipsis:         []byte("…"),
	extension.LeftAngleQuote:   []byte("«"),
	extension.RightAngleQuote:  []byte("»"),
	extension.Apostrophe:       []byte("’"),
}))

// Render fills a.HTML, a.Summary, a.Links and a.Anchors. Malformed shortcodes and references
// the resolver cannot satisfy are reported, all of them, at their place in
// the article file.
func (m *Markdown) Render(a *Article, r Resolver, errs *diag.List) {
	doc, pc := m.parse(a.Body)
	before := errs.Len()
	for _, e := range shortcode.Errors(pc) {
		errs.Errorf(a.Pos(e.Line, e.Col), "", "%s", e.Msg)
	}
	for _, n := range shortcode.Nodes(doc) {
		c := n.Call
		out, chart, err := r.Resolve(a, n)
		if err != nil {
			errs.Errorf(a.Pos(c.Line, c.Col), "", "%s: %v", c.Name, err)
			continue
		}
		n.Resolve(out)
		a.HasCharts = a.HasCharts || chart
	}
	if errs.Len() != before {
		return
	}
	// The summary first: a TreeVisitor may read it (the search index).
	a.Summary = strings.TrimSpace(a.Front.Summary)
	if a.Summary == "" {
		a.Summary = m.firstParagraph(a.Body, doc)
	}
	if v, ok := r.(TreeVisitor); ok {
		if err := v.Tree(a, doc, a.Body); err != nil {
			errs.Errorf(a.Pos(1, 1), "", "%v", err)
			return
		}
	}
	var buf strings.Builder
	buf.Grow(len(a.Body) + len(a.Body)/2) // HTML is a little longer than its Markdown: one allocation, not a doubling series
	if err := m.md.Renderer().Render(builderWriter{&buf}, a.Body, doc); err != nil {
		errs.Errorf(a.Pos(1, 1), "", "rendering Markdown: %v", err)
		return
	}
	a.HTML = buf.String() // the builder's bytes, not a copy: the page template takes a string
	recordLinks(a, doc)
	recordAnchors(a)
}

// builderWriter lets goldmark write straight into a strings.Builder: a
// writer that is a util.BufWriter is used as it is, where any other one
// gets a bufio.Writer of its own (4 KB for every page, and a second copy
// of the bytes). A Builder buffers nothing, so there is nothing to flush,
// and its String is the bytes written, not a copy of them.
type builderWriter struct{ *strings.Builder }

func (builderWriter) Available() int { return 0 }
func (builderWriter) Buffered() int  { return 0 }
func (builderWriter) Flush() error   { return nil }

var _ util.BufWriter = builderWriter{}

// firstParagraph returns the plain text of the first top-level paragraph,
// figures included, for list pages and feeds.
func (m *Markdown) firstParagraph(src []byte, doc ast.Node) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph {
			continue
		}
		var buf strings.Builder
		if err := m.md.Renderer().Render(builderWriter{&buf}, src, n); err != nil {
			return ""
		}
		return PlainText(buf.String())
	}
	return ""
}

// PlainText strips tags from trusted, well-formed HTML and folds white space.
// Line breaks become spaces; inline tags vanish without splitting words.
func PlainText(h string) string {
	var b strings.Builder
	for {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:lt])
		gt := strings.IndexByte(h[lt:], '>')
		if gt < 0 {
			break
		}
		if tag := h[lt : lt+gt]; strings.HasPrefix(tag, "<br") || strings.HasPrefix(tag, "</p") {
			b.WriteByte(' ')
		}
		h = h[lt+gt+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// headingIDs leaves shortcodes out of heading ids: goldmark passes the
// heading's source text, and an anchor should not change when a figure is
// updated ("## Hơn {{< metric … >}} hồ sơ" → "hon-ho-so").
type headingIDs struct{ *slug.IDs }

var shortcodeSource = regexp.MustCompile(`\{\{<.*?>\}\}`)

func (h headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return h.IDs.Generate(shortcodeSource.ReplaceAll(value, nil), kind)
}
