package shortcode

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// newMD builds goldmark the way the engine does: every extension it uses,
// plus shortcodes.
func newMD() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer, Extension),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// result is everything the engine gets out of one document.
type result struct {
	nodes     []*Node
	errs      []*SyntaxError
	html      string
	renderErr error
}

// fakeHTML stands for what the engine would produce: a visible, unambiguous
// rendering of the call, block or inline.
func fakeHTML(n *Node) []byte {
	parts := []string{n.Call.Name}
	parts = append(parts, n.Call.Args...)
	if n.Call.Named != nil {
		parts = append(parts, fmt.Sprint(n.Call.Named))
	}
	s := html.EscapeString(strings.Join(parts, "|"))
	if n.Block {
		return []byte(`<figure data-sc="` + s + `"></figure>`)
	}
	return []byte(`<span data-sc="` + s + `"></span>`)
}

// convert runs the engine's flow on src: parse, collect errors, resolve
// every node with fakeHTML (unless resolve is false), render.
func convert(t testing.TB, md goldmark.Markdown, src string, resolve bool) result {
	t.Helper()
	source := []byte(src)
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	r := result{nodes: Nodes(doc), errs: Errors(pc)}
	if resolve {
		for _, n := range r.nodes {
			n.Resolve(fakeHTML(n))
		}
	}
	var buf bytes.Buffer
	r.renderErr = md.Renderer().Render(&buf, source, doc)
	r.html = buf.String()
	return r
}
