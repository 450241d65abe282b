package shortcode

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// FuzzParse feeds random Markdown through the engine's flow. It must never
// panic; every position reported must point into the source; every node,
// once resolved, must render without error; and every call must survive a
// round trip through Call.String.
//
//	go test -fuzz FuzzParse ./internal/shortcode/
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{{< metric "records-digitized" "2024-Q1" >}}`,
		`Đạt {{< change "lookup-requests" "2024-Q1" "yoy" >}} lượt.`,
		`{{< chart "online-dossiers" type="bar" from="2023-Q1" >}}`,
		"- {{< progress \"ke-hoach-829\" >}}\n- b\n",
		"> {{< m \"a\\\"b\\\\c\" k=v >}}\n> > {{< Bad\n",
		"| a | b |\n|---|---|\n| {{< m \"x\\|y\" >}} | {{< n |\n",
		"{{</* m \"x\" */>}} `{{< m >}}`\n\n```\n{{< m >}}\n```\n",
		"# {{< m >}}\n\nx[^1]\n\n[^1]: {{< m >}}\n",
		"{{< m \"unclosed >}}\n{{<>}}{{< >}}{{<\n{{</*\n",
		"-\t{{< m >}}\n\n\t{{< m >}}\r\n{{< m\r\n",
		"{{< m “x” k=1 k=2 =v a>b \"a\"\"b\" >}}",
		"[{{< m >}}](/x) ![{{< m >}}](/y.png) **{{< m >}}**",
	} {
		f.Add(s)
	}
	md := newMD()
	f.Fuzz(func(t *testing.T, src string) {
		source := []byte(src)
		pc := parser.NewContext()
		doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
		lines := strings.Count(src, "\n") + 1
		for _, e := range Errors(pc) {
			if e.Offset < 0 || e.Offset > len(source) || e.Line < 1 || e.Line > lines || e.Col < 1 || e.Msg == "" {
				t.Fatalf("bad error %+v in %q", e, src)
			}
			if l, c := lineCol(source, e.Offset); l != e.Line || c != e.Col {
				t.Fatalf("error %+v: position by a full count is %d:%d in %q", e, l, c, src)
			}
		}
		for _, n := range Nodes(doc) {
			c := n.Call
			if c.Offset < 0 || !bytes.HasPrefix(source[c.Offset:], []byte(openDelim)) {
				t.Fatalf("offset %d does not point at {{< in %q", c.Offset, src)
			}
			if c.Line < 1 || c.Line > lines || c.Col < 1 || !validName(c.Name) {
				t.Fatalf("bad call %+v in %q", c, src)
			}
			if l, col := lineCol(source, c.Offset); l != c.Line || col != c.Col {
				t.Fatalf("call %+v: position by a full count is %d:%d in %q", c, l, col, src)
			}
			roundTrip(t, c)
			n.Resolve([]byte(`<b class="x">x</b>`))
		}
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, source, doc); err != nil {
			t.Fatalf("render %q: %v", src, err)
		}
	})
}

// roundTrip checks that c.String() parses back to the same call.
func roundTrip(t *testing.T, c *Call) {
	t.Helper()
	s := c.String()
	pc := parser.NewContext()
	doc := newMD().Parser().Parse(text.NewReader([]byte(s)), parser.WithContext(pc))
	ns := Nodes(doc)
	if len(ns) != 1 || len(Errors(pc)) != 0 {
		t.Fatalf("%s does not parse back: %d nodes, errors %v", s, len(ns), Errors(pc))
	}
	got := ns[0].Call
	if got.Name != c.Name || !reflect.DeepEqual(got.Args, c.Args) || !reflect.DeepEqual(got.Named, c.Named) {
		t.Fatalf("%s parses back to %q %q %v, want %q %q %v", s, got.Name, got.Args, got.Named, c.Name, c.Args, c.Named)
	}
}
