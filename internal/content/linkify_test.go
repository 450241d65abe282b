package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/bantin/bantin/internal/shortcode"
)

// renderBoth renders src as the build does (without linkify first, see
// linkify.go) and as it would with linkify always on, and reports whether
// the first parse was kept.
func renderBoth(t testing.TB, m *Markdown, src []byte) (gated, always string, fast bool) {
	t.Helper()
	var g, a strings.Builder
	doc, _ := m.parse(src)
	resolveAll(doc)
	if err := m.md.Renderer().Render(builderWriter{&g}, src, doc); err != nil {
		t.Fatal(err)
	}
	full := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(newContext()))
	resolveAll(full)
	if err := m.md.Renderer().Render(builderWriter{&a}, src, full); err != nil {
		t.Fatal(err)
	}
	pc := newContext()
	m.fast.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return g.String(), a.String(), pc.Get(mayLinkify) == nil
}

// resolveAll gives every shortcode of doc its name as HTML, so that the
// tree can be rendered.
func resolveAll(doc ast.Node) {
	for _, n := range shortcode.Nodes(doc) {
		n.Resolve([]byte("<i>" + n.Call.Name + "</i>"))
	}
}

func TestLinkifyGate(t *testing.T) {
	m := NewMarkdown(false)
	for _, tc := range []struct {
		name, src string
		fast      bool // the parse without linkify is kept
	}{
		{"plain Vietnamese", "Tỷ lệ đạt **96,5%** (tăng 2,7 triệu) ngày 09/4/2024.\n", true},
		{"address only in links", "Xem [Cổng](https://dichvucong.gov.vn/) và [trang](http://x.vn \"t\").\n\n[ref]: https://a.vn\n", true},
		{"image and autolink", "![ảnh](https://a.vn/x.png) <https://b.vn> `https://c.vn`\n", true},
		{"bare https", "Truy cập https://dichvucong.gov.vn ngay.\n", false},
		{"bare www", "Truy cập www.bocongan.gov.vn.\n", false},
		{"e-mail", "Gửi về lienhe@bocongan.gov.vn.\n", false},
		{"e-mail name with dots", "Gửi về ban.tin@bocongan.gov.vn.\n", false},
		{"unclosed link", "[xem](https://a.vn chưa đóng\n", false},
		{"line start in a quote", ">https://a.vn\n", false},
		{"table cell", "| a | b |\n|---|---|\n|https://a.vn|www.b.vn|\n", false},
		{"after emphasis", "*https://a.vn* _www.b.vn_ ~x@y.vn~\n", false},
		{"in a link label", "[https://a.vn](https://a.vn)\n", false},
		{"footnote", "Văn bản[^1].\n\n[^1]:https://a.vn\n", false},
		{"e-mail name split by a code span", "foo`bar@x.vn` a\n", false},
		{"not an address", "tỷ lệ: 96% www http ftp vn.\n", true},
		{"a code span", "Lệnh `curl https://a.vn -H x@y.vn` và `www.b.vn`\n", true},
		{"at sign alone", "giá @ 5 nghìn\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gated, always, fast := renderBoth(t, m, []byte(tc.src))
			if gated != always {
				t.Errorf("HTML differs from always parsing with linkify:\n got %q\nwant %q", gated, always)
			}
			if fast != tc.fast {
				t.Errorf("first parse kept = %v, want %v (HTML %q)", fast, tc.fast, gated)
			}
		})
	}
}

// TestEmailName checks the gate's set of an address's name characters
// against goldmark's own: a byte goldmark takes there and the gate did not
// would let a bare address through unlinked.
func TestEmailName(t *testing.T) {
	for c := range 256 {
		goldmark := util.FindEmailIndex([]byte{byte(c), '@', 'a', '.', 'v', 'n'}) >= 0
		if emailName(byte(c)) != goldmark {
			t.Errorf("emailName(%q) = %v, goldmark's FindEmailIndex %v", byte(c), emailName(byte(c)), goldmark)
		}
	}
}

// TestLinkifyGateSite renders every bulletin of the example site both ways.
func TestLinkifyGateSite(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "content", "articles", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example bulletins: %v", err)
	}
	for _, unsafe := range []bool{false, true} {
		m := NewMarkdown(unsafe)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if gated, always, _ := renderBoth(t, m, src); gated != always {
				t.Errorf("%s (unsafe HTML %v): HTML differs from always parsing with linkify", f, unsafe)
			}
		}
	}
}

// FuzzLinkifyGate checks the claim in linkify.go: parsing without linkify
// when no text may start a bare address gives the same HTML as parsing
// with it, whatever the body.
func FuzzLinkifyGate(f *testing.F) {
	for _, s := range []string{
		"Truy cập https://a.vn, www.b.vn hoặc x@y.vn.\n",
		"[a](https://a.vn) ![b](www.b.vn) <c@d.vn> `e@f.vn`\n",
		"*http://a.vn*_www.b.vn_ (ftp://c.vn) ~g@h.vn~\n",
		"> www.a.vn\n>\n> - x@y.vn\n\n| https://a.vn |\n|--|\n| b |\n",
		"a\\ https://b.vn\\\nc  \nwww.d.vn\n",
		"{{< metric \"x\" >}}@a.vn {{< chart \"y\" >}}\n",
		"&amp;x@y.vn &#64; a&#x40;b.vn\n",
	} {
		f.Add([]byte(s), false)
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), true)
	}
	safe, unsafe := NewMarkdown(false), NewMarkdown(true)
	f.Fuzz(func(t *testing.T, src []byte, raw bool) {
		m := safe
		if raw {
			m = unsafe
		}
		if gated, always, fast := renderBoth(t, m, src); gated != always {
			t.Fatalf("first parse kept %v, HTML differs from always parsing with linkify:\n got %q\nwant %q", fast, gated, always)
		}
	})
}
