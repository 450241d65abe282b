package shortcode

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// FuzzRenderOnce checks what FuzzParse does not: that every shortcode the
// engine resolves reaches the page exactly once. Each node is resolved to
// a marker element of its own; raw HTML is off, so the source cannot forge
// one. A figure dropped (say, inside an image description or a heading id)
// or written twice would put a wrong or missing number in a bulletin.
// Nodes must also stand at distinct offsets, and an offset reported as a
// syntax error must not also be a call.
//
//	go test ./internal/shortcode -run '^$' -fuzz '^FuzzRenderOnce$'
func FuzzRenderOnce(f *testing.F) {
	for _, s := range []string{
		"# Hơn {{< metric \"a\" >}} hồ sơ\n\nĐạt {{< m >}} và {{< m >}}.\n",
		"{{< chart \"c\" >}}\n\n- {{< m >}}\n- {{< m >}}\n\n1. x\n\n   {{< m >}}\n",
		"| {{< m \"x\\|y\" >}} | {{< m >}} |\n|---|---|\n| {{< m >}} | {{< m k=\"v\" >}} |\n",
		"x[^1] y[^1]\n\n[^1]: {{< m >}}\n\n[^2]: {{< unused >}}\n",
		"[{{< m >}}][r] [{{< m >}}][r] ![{{< m >}}](/i.png) ![a][r]\n\n[r]: /x \"{{< m >}}\"\n",
		"Setext {{< m >}}\n===\n\n> {{< m >}}\n> > {{< m >}}\n\n<div>{{< m >}}</div>\n",
		"*{{< m >}}* **{{< m >}}** ~~{{< m >}}~~ <https://a.b/{{< m >}}> `{{< m >}}`\n",
		"{{< m \"a>}}b\" >}}{{< m >}}{{</* m */>}}{{< m\n",
	} {
		f.Add(s)
	}
	md := newMD()
	f.Fuzz(func(t *testing.T, src string) {
		source := []byte(src)
		pc := parser.NewContext()
		doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
		errAt := map[int]bool{}
		for _, e := range Errors(pc) {
			errAt[e.Offset] = true
		}
		nodes := Nodes(doc)
		at := map[int]bool{}
		for i, n := range nodes {
			c := n.Call
			if at[c.Offset] {
				t.Fatalf("two nodes at offset %d in %q", c.Offset, src)
			}
			at[c.Offset] = true
			if errAt[c.Offset] {
				t.Fatalf("offset %d is both a call and a syntax error in %q", c.Offset, src)
			}
			n.Resolve([]byte(fmt.Sprintf("<sc-fuzz-%d></sc-fuzz-%d>", i, i)))
		}
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, source, doc); err != nil {
			t.Fatalf("render %q: %v", src, err)
		}
		out := buf.String()
		for i, n := range nodes {
			if c := strings.Count(out, fmt.Sprintf("<sc-fuzz-%d>", i)); c != 1 {
				t.Fatalf("shortcode %s (node %d, block %v) is on the page %d times:\nsource %q\nHTML %q", n.Call, i, n.Block, c, src, out)
			}
		}
		if c := strings.Count(out, "<sc-fuzz-"); c != len(nodes) {
			t.Fatalf("%d nodes but %d markers:\nsource %q\nHTML %q", len(nodes), c, src, out)
		}
	})
}

// FuzzCallString builds calls from arbitrary names and values, not only
// from what the parser yields, and checks that String writes each one so
// that it parses back to the same call: quote must escape whatever a value
// holds. Values that could not have come from a source line (a line break)
// and names outside the grammar are left out.
//
//	go test ./internal/shortcode -run '^$' -fuzz '^FuzzCallString$'
func FuzzCallString(f *testing.F) {
	f.Add("metric", "records-digitized", "2024-Q1", "format", "full")
	f.Add("chart", `a"b\c`, `>}}`, "from", `\|`)
	f.Add("m", "", " ", "k", "{{< m >}}")
	f.Add("m", "“x”", "\t\x00\xff", "K_-1", "a=b")
	f.Fuzz(func(t *testing.T, name, a1, a2, key, val string) {
		if !validName(name) || !validKey(key) {
			return
		}
		for _, s := range []string{a1, a2, val} {
			if strings.ContainsAny(s, "\n") {
				return
			}
		}
		c := &Call{Name: name, Args: []string{a1, a2}, Named: map[string]string{key: val}}
		s := c.String()
		pc := parser.NewContext()
		doc := newMD().Parser().Parse(text.NewReader([]byte(s)), parser.WithContext(pc))
		ns := Nodes(doc)
		if len(ns) != 1 || len(Errors(pc)) != 0 {
			t.Fatalf("%q does not parse back: %d nodes, errors %v", s, len(ns), Errors(pc))
		}
		got := ns[0].Call
		if got.Name != c.Name || !reflect.DeepEqual(got.Args, c.Args) || !reflect.DeepEqual(got.Named, c.Named) {
			t.Fatalf("%q parses back to %q %q %v, want %q %q %v", s, got.Name, got.Args, got.Named, c.Name, c.Args, c.Named)
		}
		if !ns[0].Block {
			t.Fatalf("%q alone in a document is not a block", s)
		}
	})
}
