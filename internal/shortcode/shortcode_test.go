package shortcode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestBlockDetection checks which shortcodes replace their paragraph and
// what HTML comes out around them.
func TestBlockDetection(t *testing.T) {
	md := newMD()
	tests := []struct {
		name   string
		src    string
		blocks []bool // Node.Block of each shortcode, in order
		html   string
	}{
		{"alone", `{{< chart "a" >}}`, []bool{true},
			`<figure data-sc="chart|a"></figure>` + "\n"},
		{"alone with surrounding whitespace", "  {{< chart \"a\" >}}  \n", []bool{true},
			`<figure data-sc="chart|a"></figure>` + "\n"},
		{"between paragraphs", "Trước.\n\n{{< chart \"a\" >}}\n\nSau.\n", []bool{true},
			"<p>Trước.</p>\n" + `<figure data-sc="chart|a"></figure>` + "\n<p>Sau.</p>\n"},
		{"within text", `Đã số hóa {{< metric "a" >}} hồ sơ.`, []bool{false},
			`<p>Đã số hóa <span data-sc="metric|a"></span> hồ sơ.</p>` + "\n"},
		{"at the start of text", `{{< metric "a" >}} hồ sơ.`, []bool{false},
			`<p><span data-sc="metric|a"></span> hồ sơ.</p>` + "\n"},
		{"two in a paragraph", `{{< metric "a" >}} {{< metric "b" >}}`, []bool{false, false},
			`<p><span data-sc="metric|a"></span> <span data-sc="metric|b"></span></p>` + "\n"},
		{"next line has text", "{{< metric \"a\" >}}\nhồ sơ", []bool{false},
			`<p><span data-sc="metric|a"></span>` + "\nhồ sơ</p>\n"},
		{"emphasised", `**{{< metric "a" >}}**`, []bool{false},
			`<p><strong><span data-sc="metric|a"></span></strong></p>` + "\n"},
		{"link text", `[{{< metric "a" >}}](/so-lieu/)`, []bool{false},
			`<p><a href="/so-lieu/"><span data-sc="metric|a"></span></a></p>` + "\n"},
		{"blockquote", `> {{< chart "a" >}}`, []bool{true},
			"<blockquote>\n" + `<figure data-sc="chart|a"></figure>` + "\n</blockquote>\n"},
		{"tight list item", "- {{< chart \"a\" >}}\n- b\n", []bool{true},
			"<ul>\n<li>\n" + `<figure data-sc="chart|a"></figure>` + "\n</li>\n<li>b</li>\n</ul>\n"},
		{"loose list item", "- a\n\n  {{< chart \"b\" >}}\n", []bool{true},
			"<ul>\n<li>\n<p>a</p>\n" + `<figure data-sc="chart|b"></figure>` + "\n</li>\n</ul>\n"},
		{"list item with text", "- Tỷ lệ: {{< metric \"a\" >}}\n", []bool{false},
			"<ul>\n<li>Tỷ lệ: " + `<span data-sc="metric|a"></span>` + "</li>\n</ul>\n"},
		{"atx heading", `## Kết quả {{< metric "a" >}}`, []bool{false},
			`<h2 id="kt-qu--metric-a-">Kết quả <span data-sc="metric|a"></span></h2>` + "\n"},
		{"heading alone", `## {{< metric "a" >}}`, []bool{false},
			`<h2 id="-metric-a-"><span data-sc="metric|a"></span></h2>` + "\n"},
		{"setext heading", "{{< metric \"a\" >}}\n---\n", []bool{false},
			`<h2 id="-metric-a-"><span data-sc="metric|a"></span></h2>` + "\n"},
		{"table cell", "| Chỉ tiêu | Giá trị |\n|---|--:|\n| Hồ sơ | {{< metric \"a\" >}} |\n", []bool{false},
			"<table>\n<thead>\n<tr>\n<th>Chỉ tiêu</th>\n<th style=\"text-align:right\">Giá trị</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td>Hồ sơ</td>\n<td style=\"text-align:right\"><span data-sc=\"metric|a\"></span></td>\n</tr>\n</tbody>\n</table>\n"},
		{"table cell with an escaped pipe", "| a |\n|---|\n| {{< m \"x\\|y\" >}} |\n", []bool{false},
			"<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><span data-sc=\"m|x|y\"></span></td>\n</tr>\n</tbody>\n</table>\n"},
		// A footnote's last paragraph gets its backlink first, so the
		// shortcode is not alone there.
		{"footnote", "Số liệu[^1].\n\n[^1]: {{< metric \"a\" >}}\n", []bool{false},
			`<p>Số liệu<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>` + "\n" +
				`<div class="footnotes" role="doc-endnotes">` + "\n<hr>\n<ol>\n" + `<li id="fn:1">` + "\n" +
				`<p><span data-sc="metric|a"></span>&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>` +
				"\n</li>\n</ol>\n</div>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := convert(t, md, tt.src, true)
			if len(r.errs) != 0 || r.renderErr != nil {
				t.Fatalf("errors %v, render %v", r.errs, r.renderErr)
			}
			var blocks []bool
			for _, n := range r.nodes {
				blocks = append(blocks, n.Block)
			}
			if fmt.Sprint(blocks) != fmt.Sprint(tt.blocks) {
				t.Errorf("Block flags %v, want %v", blocks, tt.blocks)
			}
			if r.html != tt.html {
				t.Errorf("html\n got %q\nwant %q", r.html, tt.html)
			}
		})
	}
}

// TestBlockNodeInAST checks the tree itself: the block node takes the
// paragraph's place and shares its *Node with Nodes' result.
func TestBlockNodeInAST(t *testing.T) {
	src := []byte("Mở đầu.\n\n{{< chart \"a\" >}}\n")
	doc := newMD().Parser().Parse(text.NewReader(src))
	second := doc.FirstChild().NextSibling()
	b, ok := second.(*BlockNode)
	if !ok {
		t.Fatalf("second child is %s, want a BlockNode", second.Kind())
	}
	if b.Kind() != KindShortcodeBlock || b.Type() != ast.TypeBlock || !b.Block || b.Pos() != bytes.Index(src, []byte("{{<")) {
		t.Errorf("kind %s type %v block %v pos %d", b.Kind(), b.Type(), b.Block, b.Pos())
	}
	if !b.HasBlankPreviousLines() {
		t.Error("the block node keeps the paragraph's blank-line flag")
	}
	if ns := Nodes(doc); len(ns) != 1 || ns[0] != b.Node || Of(b) != b.Node || Of(doc) != nil {
		t.Error("Nodes and Of must return the node's own *Node")
	}
}

func TestNodesOrder(t *testing.T) {
	src := "# {{< a >}}\n\n{{< b >}}\n\n- {{< c >}} x\n  > {{< d >}}\n\n| {{< e >}} |\n|-|\n| {{< f >}} |\n\ny[^1] {{< g >}}\n\n[^1]: {{< h >}}\n"
	r := convert(t, newMD(), src, true)
	var names []string
	for _, n := range r.nodes {
		names = append(names, n.Call.Name)
	}
	if got := strings.Join(names, " "); got != "a b c d e f g h" {
		t.Errorf("order %q", got)
	}
}

// TestCodeIsLiteral: goldmark decides what code is; a shortcode there, even
// a malformed one, is text.
func TestCodeIsLiteral(t *testing.T) {
	md := newMD()
	tests := []struct{ name, src, html string }{
		{"code span", "Viết `{{< metric \"a\" >}}` như sau.",
			"<p>Viết <code>{{&lt; metric &quot;a&quot; &gt;}}</code> như sau.</p>\n"},
		{"code span with backticks", "``{{< m `x` >}}``",
			"<p><code>{{&lt; m `x` &gt;}}</code></p>\n"},
		{"malformed in code span", "`{{< Bad \"x`", "<p><code>{{&lt; Bad &quot;x</code></p>\n"},
		{"fenced", "```markdown\n{{< metric \"a\" >}}\n{{< bad\n```\n",
			"<pre><code class=\"language-markdown\">{{&lt; metric &quot;a&quot; &gt;}}\n{{&lt; bad\n</code></pre>\n"},
		{"tilde fence in list", "- x\n\n  ~~~\n  {{< m >}}\n  ~~~\n",
			"<ul>\n<li>\n<p>x</p>\n<pre><code>{{&lt; m &gt;}}\n</code></pre>\n</li>\n</ul>\n"},
		{"indented", "Đoạn.\n\n    {{< metric \"a\" >}}\n",
			"<p>Đoạn.</p>\n<pre><code>{{&lt; metric &quot;a&quot; &gt;}}\n</code></pre>\n"},
		{"raw html attribute", "a <span title=\"{{< m >}}\">b</span>",
			"<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := convert(t, md, tt.src, true)
			if len(r.nodes) != 0 || len(r.errs) != 0 {
				t.Errorf("nodes %d errors %v, want none", len(r.nodes), r.errs)
			}
			if r.html != tt.html {
				t.Errorf("html\n got %q\nwant %q", r.html, tt.html)
			}
		})
	}
}

// TestTypographer: the typographer curls quotes in prose, but the quotes of
// a shortcode are syntax, consumed before it sees them.
func TestTypographer(t *testing.T) {
	src := `"Số liệu" -- {{< metric "hồ sơ" k="it's" >}} và {{< change "a" "yoy" >}}...`
	r := convert(t, newMD(), src, true)
	if len(r.errs) != 0 || len(r.nodes) != 2 {
		t.Fatalf("errors %v, nodes %d", r.errs, len(r.nodes))
	}
	c := r.nodes[0].Call
	if a, _ := c.Arg(0); a != "hồ sơ" {
		t.Errorf("arg %q", a)
	}
	if v, _ := c.Get("k"); v != "it's" {
		t.Errorf("named %q", v)
	}
	want := `<p>&ldquo;Số liệu&rdquo; &ndash; <span data-sc="metric|hồ sơ|map[k:it&#39;s]"></span> và <span data-sc="change|a|yoy"></span>&hellip;</p>` + "\n"
	if r.html != want {
		t.Errorf("html\n got %q\nwant %q", r.html, want)
	}
}

// TestPositions: Line and Col of calls, Col counted in characters.
func TestPositions(t *testing.T) {
	src := "---\n" + // not front matter for goldmark: a thematic break
		"# Tiêu đề\n" +
		"\n" +
		"Đoạn văn có dấu: ạ ệ ở ữ.\n" +
		"\n" +
		"Mục tiêu năm 2024.\n" +
		"Đạt {{< metric \"records-digitized\" \"2024-Q1\" >}} hồ sơ, {{< change \"a\" \"yoy\" >}}.\n"
	r := convert(t, newMD(), src, true)
	if len(r.errs) != 0 || len(r.nodes) != 2 {
		t.Fatalf("errors %v, nodes %d", r.errs, len(r.nodes))
	}
	tests := []struct{ line, col, offset int }{
		{7, 5, strings.Index(src, "{{<")},
		{7, 57, strings.LastIndex(src, "{{<")},
	}
	for i, tt := range tests {
		c := r.nodes[i].Call
		if c.Line != tt.line || c.Col != tt.col || c.Offset != tt.offset {
			t.Errorf("call %d at offset %d %d:%d, want offset %d %d:%d", i, c.Offset, c.Line, c.Col, tt.offset, tt.line, tt.col)
		}
		if !bytes.HasPrefix([]byte(src[c.Offset:]), []byte("{{<")) {
			t.Errorf("offset %d does not point at {{<", c.Offset)
		}
	}
	// "Đạt " is 4 characters but 7 bytes: the column is not a byte count.
	if got := strings.Index(src[strings.LastIndex(src[:tests[0].offset], "\n")+1:], "{{<") + 1; got == 5 {
		t.Fatal("test source must have multi-byte characters before the shortcode")
	}
}

// TestNestedErrorPositions: malformed shortcodes inside containers report
// positions in the document, not in the container's text.
func TestNestedErrorPositions(t *testing.T) {
	md := newMD()
	tests := []struct {
		name, src string
		line, col int
	}{
		{"list item", "- mục một\n- mục {{< metric \"x >}}\n", 2, 18},
		{"nested list", "1. Một\n   - Hai {{< Bad >}}\n", 2, 14},
		{"blockquote", "> Trích:\n> > {{< Bad >}}\n", 2, 9},
		{"list in blockquote", "> - ý một\n>   tiếp {{< m\n", 2, 10},
		{"lazy continuation", "> dòng một\ndòng {{< m k= >}}\n", 2, 12},
		{"tab after marker", "-\t{{< Bad >}}\n", 1, 7},
		{"tab indented paragraph in list", "- a\n\n\tb {{< Bad >}}\n", 3, 8},
		{"table cell", "| a | b |\n|---|---|\n| x | ở {{< Bad >}} |\n", 3, 13},
		{"heading", "## Mục {{< m \"x\\q\" >}}\n", 1, 16},
		{"footnote", "x[^1]\n\n[^1]: ghi chú {{< Bad >}}\n", 3, 19},
		{"crlf", "dòng một\r\ndòng {{< m\r\n", 2, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := convert(t, md, tt.src, true)
			if len(r.errs) != 1 {
				t.Fatalf("errors %v, want one", r.errs)
			}
			if e := r.errs[0]; e.Line != tt.line || e.Col != tt.col {
				t.Errorf("got %v, want %d:%d", e, tt.line, tt.col)
			}
		})
	}
}

// TestNestedCallPositions: the same for well-formed calls.
func TestNestedCallPositions(t *testing.T) {
	src := "> - ý một\n>   tiếp {{< m >}}\n\n| a | b |\n|---|---|\n| x | ở {{< n >}} |\n\n-\t{{< o >}}\n"
	r := convert(t, newMD(), src, true)
	want := []string{"m 2:10", "n 6:9", "o 8:3"}
	if len(r.nodes) != len(want) {
		t.Fatalf("nodes %d, errors %v", len(r.nodes), r.errs)
	}
	for i, n := range r.nodes {
		if got := fmt.Sprintf("%s %d:%d", n.Call.Name, n.Call.Line, n.Call.Col); got != want[i] {
			t.Errorf("got %s, want %s", got, want[i])
		}
	}
}

func TestUnresolvedFailsRender(t *testing.T) {
	md := newMD()
	for _, src := range []string{"a {{< metric \"x\" >}}\n", "a\n\n  {{< chart \"x\" >}}\n"} {
		r := convert(t, md, src, false)
		var ue *UnresolvedError
		if !errors.As(r.renderErr, &ue) {
			t.Fatalf("%q: render error %v, want *UnresolvedError", src, r.renderErr)
		}
		if ue.Call.Line != 3 && ue.Call.Line != 1 {
			t.Errorf("line %d", ue.Call.Line)
		}
		if !strings.Contains(ue.Error(), "was not resolved") || !strings.Contains(ue.Error(), `"x"`) {
			t.Errorf("message %q", ue.Error())
		}
	}
	// Goldmark's own Convert fails too.
	if err := md.Convert([]byte("{{< m >}}"), &bytes.Buffer{}); err == nil {
		t.Error("Convert must fail on an unresolved shortcode")
	}
	// Resolving to empty HTML is allowed: it is a decision, not an omission.
	src := []byte("a {{< m >}} b\n\n{{< m >}}\n")
	doc := md.Parser().Parse(text.NewReader(src))
	for _, n := range Nodes(doc) {
		n.Resolve(nil)
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil || buf.String() != "<p>a  b</p>\n\n" {
		t.Errorf("got %q, %v", buf.String(), err)
	}
}

// TestConcurrentUse shares one goldmark.Markdown between goroutines that
// convert different documents; run with -race.
func TestConcurrentUse(t *testing.T) {
	md := newMD()
	docs := make([]string, 8)
	for i := range docs {
		docs[i] = fmt.Sprintf("# Bản tin %d\n\nĐạt {{< metric \"m%d\" \"2024-Q%d\" >}} hồ sơ.\n\n{{< chart \"c%d\" type=bar >}}\n\n- {{< Bad%d >}}\n", i, i, i%4+1, i, i)
	}
	want := make([]result, len(docs))
	for i, d := range docs {
		want[i] = convert(t, md, d, true)
	}
	var wg sync.WaitGroup
	errc := make(chan error, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 40 {
				i := (g + k) % len(docs)
				got := convert(t, md, docs[i], true)
				if got.html != want[i].html || len(got.errs) != 1 || got.errs[0].Error() != want[i].errs[0].Error() {
					errc <- fmt.Errorf("doc %d: got %q %v, want %q %v", i, got.html, got.errs, want[i].html, want[i].errs)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
}

// TestExtensionIsReusable: the same Extension value serves several
// Markdown instances, and a Markdown without a caller's context still parses.
func TestExtensionIsReusable(t *testing.T) {
	a := goldmark.New(goldmark.WithExtensions(Extension))
	b := newMD()
	for _, md := range []goldmark.Markdown{a, b} {
		var buf bytes.Buffer
		src := []byte("x {{< m >}}")
		doc := md.Parser().Parse(text.NewReader(src))
		Nodes(doc)[0].Resolve([]byte("<i>1</i>"))
		if err := md.Renderer().Render(&buf, src, doc); err != nil || buf.String() != "<p>x <i>1</i></p>\n" {
			t.Errorf("got %q %v", buf.String(), err)
		}
	}
	// A context used for one document holds only that document's errors.
	pc := parser.NewContext()
	a.Parser().Parse(text.NewReader([]byte("{{< B >}}")), parser.WithContext(pc))
	pc2 := parser.NewContext()
	a.Parser().Parse(text.NewReader([]byte("{{< b >}}")), parser.WithContext(pc2))
	if len(Errors(pc)) != 1 || len(Errors(pc2)) != 0 {
		t.Errorf("errors %v / %v", Errors(pc), Errors(pc2))
	}
}

// TestManyShortcodes: a long document, and a long line full of broken
// shortcodes, keep exact positions and parse in linear time (the line below
// would take minutes if each "{{<" rescanned the line).
func TestManyShortcodes(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "Dòng %d: {{< metric \"m%d\" >}} và {{< B >}} ", i, i)
		if i%3 == 0 {
			b.WriteString("\n\n")
		}
	}
	b.WriteString("\n\n" + strings.Repeat(`{{< a ">}}" `, 20000) + "\n\n" + strings.Repeat(`{{</* >}}`, 20000) + "\n")
	src := b.String()
	source := []byte(src)
	r := convert(t, newMD(), src, true)
	if len(r.nodes) != 2000 || r.renderErr != nil {
		t.Fatalf("nodes %d, render %v", len(r.nodes), r.renderErr)
	}
	for _, n := range r.nodes {
		if l, c := lineCol(source, n.Call.Offset); l != n.Call.Line || c != n.Call.Col {
			t.Fatalf("%v at %d:%d, want %d:%d", n.Call, n.Call.Line, n.Call.Col, l, c)
		}
	}
	if len(r.errs) != 2002 {
		t.Errorf("errors %d, want 2002", len(r.errs))
	}
	for _, e := range r.errs {
		if l, c := lineCol(source, e.Offset); l != e.Line || c != e.Col {
			t.Fatalf("%v, want %d:%d", e, l, c)
		}
	}
}

// TestImageAlt: goldmark writes an image description as plain alt text, so a
// shortcode there could not render; it is an error, not a silent loss.
func TestImageAlt(t *testing.T) {
	r := convert(t, newMD(), `Ảnh ![Biểu đồ {{< metric "a" >}}](/a.png) và {{< metric "b" >}}`, true)
	if len(r.errs) != 1 || r.errs[0].Line != 1 || r.errs[0].Col != 15 || !strings.Contains(r.errs[0].Msg, "image description") {
		t.Errorf("errors %v", r.errs)
	}
	if len(r.nodes) != 1 || r.nodes[0].Call.Name != "metric" || r.nodes[0].Call.Args[0] != "b" {
		t.Errorf("only the shortcode outside the image remains a node: %d", len(r.nodes))
	}
	want := `<p>Ảnh <img src="/a.png" alt="Biểu đồ {{&lt; metric &quot;a&quot; &gt;}}"> và <span data-sc="metric|b"></span></p>` + "\n"
	if r.html != want || r.renderErr != nil {
		t.Errorf("html\n got %q\nwant %q (%v)", r.html, want, r.renderErr)
	}
}
