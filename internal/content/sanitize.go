package content

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Article bodies are written by people, but the pages are read by the
// public: nothing in a body may run code in a reader's browser, whatever
// site.yaml's unsafeHTML says. Two guards make sure of it.
//
// linkGuard (both modes) checks the destination of every Markdown link,
// image and autolink with SafeURL. A link to a refused URL is unwrapped
// (its text stays, as plain text); a refused image is replaced by its alt
// text; a refused autolink by its label. goldmark itself blanks dangerous
// hrefs only in safe mode, and its list lets data: images through.
//
// With unsafeHTML on, raw HTML (inline tags and HTML blocks) goes through
// sanitizeHTML, which parses it with golang.org/x/net/html's tokenizer and
// writes back only what the policy below allows; with it off, goldmark
// drops raw HTML as before. The policy, element by element:
//
//   - dropped with everything inside: script, style, iframe, frame(set),
//     object, embed, applet, param, noscript, noembed, noframes, template,
//     textarea, title, xmp, plaintext, select, svg, math, head, base, meta,
//     link, portal — code, plug-ins, foreign markup whose parsing differs
//     (mutation XSS), and elements that change the page as a whole;
//   - kept: the formatting, list, table, figure and media elements of
//     allowedElements;
//   - anything else (form, input, button, font, custom elements, …) loses
//     its tags, and its text stays;
//   - comments, doctypes, processing instructions: dropped.
//
// And attribute by attribute, on the elements kept:
//
//   - on* event handlers: dropped;
//   - style: dropped — the pages' Content-Security-Policy (style-src
//     'self') refuses inline styles anyway, and a dropped attribute is
//     quieter than a reported violation;
//   - name: dropped — <img name="getElementById"> would replace
//     document.getElementById for the site's own scripts (DOM clobbering);
//     id keeps anchors working;
//   - URL attributes (href, src, action, formaction, xlink:href, poster,
//     cite, background, …): dropped unless SafeURL; srcset, imagesrcset and
//     ping: dropped unless every URL in them is safe;
//   - attribute names outside [a-z][a-z0-9_.:-]*: dropped.
//
// Everything is written back from the tokens, text and attribute values
// escaped again, so what the browser parses is exactly what was checked.

// sanitizerPriority places the raw-HTML renderer before goldmark's own
// (priority 1000; the lowest number wins).
const sanitizerPriority = 100

// linkGuard is the AST transformer that neutralises refused link, image
// and autolink destinations.
type linkGuard struct{}

// Transform implements parser.ASTTransformer.
func (linkGuard) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var refused []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = util.URLEscape(n.Destination, true) // what goldmark writes
		case *ast.Image:
			dest = util.URLEscape(n.Destination, true)
		case *ast.AutoLink:
			dest = util.URLEscape(n.URL(src), false)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(dest), []byte("mailto:")) {
				dest = append([]byte("mailto:"), dest...)
			}
		default:
			return ast.WalkContinue, nil
		}
		if !SafeURL(string(dest)) {
			refused = append(refused, n)
		}
		return ast.WalkContinue, nil
	})
	// Outer nodes come first, so an image inside a refused link has its
	// new parent by the time it is unwrapped itself.
	for _, n := range refused {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// rawHTMLRenderer writes raw HTML through sanitizeHTML. It is registered
// only when unsafeHTML is on.
type rawHTMLRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw []byte
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		raw = append(raw, s.Value(src)...)
	}
	_, err := w.Write(sanitizeHTML(raw))
	return ast.WalkSkipChildren, err
}

// renderHTMLBlock sanitises a block's lines and its closing line together,
// so an element opened in one and closed in the other is seen whole.
func renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var raw []byte
	for i := 0; i < n.Lines().Len(); i++ {
		l := n.Lines().At(i)
		raw = append(raw, l.Value(src)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(src)...)
	}
	_, err := w.Write(sanitizeHTML(raw))
	return ast.WalkContinue, err
}

// allowedElements are kept, with their attributes filtered. None of them
// is a raw-text element or foreign content, so a browser parses the output
// the way the tokenizer parsed the input.
var allowedElements = atomSet(
	atom.A, atom.Abbr, atom.Address, atom.Article, atom.Aside, atom.Audio,
	atom.B, atom.Bdi, atom.Bdo, atom.Blockquote, atom.Br, atom.Caption,
	atom.Cite, atom.Code, atom.Col, atom.Colgroup, atom.Data, atom.Dd,
	atom.Del, atom.Details, atom.Dfn, atom.Div, atom.Dl, atom.Dt, atom.Em,
	atom.Figcaption, atom.Figure, atom.Footer, atom.H1, atom.H2, atom.H3,
	atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr, atom.I, atom.Img,
	atom.Ins, atom.Kbd, atom.Li, atom.Mark, atom.Ol, atom.P, atom.Picture,
	atom.Pre, atom.Q, atom.Rp, atom.Rt, atom.Ruby, atom.S, atom.Samp,
	atom.Section, atom.Small, atom.Source, atom.Span, atom.Strong, atom.Sub,
	atom.Summary, atom.Sup, atom.Table, atom.Tbody, atom.Td, atom.Tfoot,
	atom.Th, atom.Thead, atom.Time, atom.Tr, atom.Track, atom.U, atom.Ul,
	atom.Var, atom.Video, atom.Wbr,
)

// droppedWithContent are removed together with everything up to their end
// tag (void ones have none: the tag alone goes).
var droppedWithContent = atomSet(
	atom.Script, atom.Style, atom.Iframe, atom.Frame, atom.Frameset,
	atom.Object, atom.Embed, atom.Applet, atom.Param, atom.Noscript,
	atom.Noembed, atom.Noframes, atom.Template, atom.Textarea, atom.Title,
	atom.Xmp, atom.Plaintext, atom.Select, atom.Svg, atom.Math, atom.Head,
	atom.Base, atom.Meta, atom.Link,
)

// droppedByName are dropped like droppedWithContent but have no atom.
var droppedByName = map[string]bool{"portal": true, "fencedframe": true}

// voidElements have no end tag and no content.
var voidElements = atomSet(
	atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
	atom.Input, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track,
	atom.Wbr,
)

// urlAttributes hold one URL each; urlListAttributes several.
var (
	urlAttributes = map[string]bool{
		"href": true, "src": true, "action": true, "formaction": true,
		"xlink:href": true, "poster": true, "cite": true, "background": true,
		"data": true, "codebase": true, "longdesc": true, "manifest": true,
		"lowsrc": true, "dynsrc": true, "usemap": true, "icon": true,
		"profile": true, "classid": true, "archive": true, "itemtype": true,
	}
	urlListAttributes = map[string]bool{"srcset": true, "imagesrcset": true, "ping": true}
)

var attrName = regexp.MustCompile(`^[a-z][a-z0-9_.:-]*$`)

func atomSet(as ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

// sanitizeHTML applies the policy above to a piece of raw HTML: one inline
// tag, or an HTML block. It runs in time linear in len(raw).
func sanitizeHTML(raw []byte) []byte {
	raw = bytes.ReplaceAll(raw, []byte{0}, []byte("\uFFFD"))
	z := html.NewTokenizer(bytes.NewReader(raw))
	var out bytes.Buffer
	// skip is the element being dropped with its content, depth how many
	// of it are open (an <svg> inside an <svg>).
	var skip string
	depth := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF: the input is a complete string
		}
		tok := z.Token()
		if skip != "" {
			switch {
			case tt == html.StartTagToken && tok.Data == skip:
				depth++
			case tt == html.EndTagToken && tok.Data == skip:
				if depth--; depth == 0 {
					skip = ""
				}
			}
			continue
		}
		switch tt {
		case html.TextToken:
			out.WriteString(html.EscapeString(tok.Data))
		case html.StartTagToken, html.SelfClosingTagToken:
			if droppedWithContent[tok.DataAtom] || droppedByName[tok.Data] {
				if tt == html.StartTagToken && !voidElements[tok.DataAtom] {
					skip, depth = tok.Data, 1
				}
				continue
			}
			if !allowedElements[tok.DataAtom] {
				continue
			}
			out.WriteByte('<')
			out.WriteString(tok.Data)
			for _, a := range tok.Attr {
				if !allowedAttr(a) {
					continue
				}
				out.WriteByte(' ')
				out.WriteString(attrKey(a))
				out.WriteString(`="`)
				out.WriteString(html.EscapeString(a.Val))
				out.WriteByte('"')
			}
			out.WriteByte('>')
		case html.EndTagToken:
			if allowedElements[tok.DataAtom] && !voidElements[tok.DataAtom] {
				out.WriteString("</" + tok.Data + ">")
			}
		}
		// CommentToken, DoctypeToken: dropped.
	}
	return out.Bytes()
}

// attrKey is an attribute's name as written: the tokenizer splits
// "xlink:href" into namespace and key only in foreign content, which is
// never kept, but the name is rebuilt from both to be sure.
func attrKey(a html.Attribute) string {
	if a.Namespace != "" {
		return a.Namespace + ":" + a.Key
	}
	return a.Key
}

// allowedAttr applies the attribute policy.
func allowedAttr(a html.Attribute) bool {
	k := attrKey(a)
	switch {
	case !attrName.MatchString(k):
		return false
	case strings.HasPrefix(k, "on"), k == "style", k == "name", k == "srcdoc":
		return false
	case urlAttributes[k]:
		return SafeURL(a.Val)
	case urlListAttributes[k]:
		return safeURLList(a.Val)
	}
	return true
}
