package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		safe bool
	}{
		{"https://example.gov.vn/a?b=c#d", true},
		{"HTTP://EXAMPLE.GOV.VN/", true},
		{"mailto:ban@example.gov.vn", true},
		{"tel:+84-24-1234", true},
		{"/articles/x/", true},
		{"../x.png", true},
		{"x.png", true},
		{"#fn:1", true},
		{"?page=2", true},
		{"//example.gov.vn/x", true},
		{"a/b:c", true},
		{"", true},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{" \x00javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"&#106;avascript:alert(1)", false},
		{"javascript&colon;alert(1)", false},
		{"vbscript:msgbox(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"data:image/png;base64,AAAA", false},
		{"file:///etc/passwd", false},
		{"blob:https://x/y", false},
		{"ftp://example.gov.vn/", false},
		{"unknown:x", false},
		{"java%73cript:alert(1)", false},
		{"\u00a0javascript:alert(1)", false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.url); got != tt.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.url, got, tt.safe)
		}
	}
}

func TestSafeURLList(t *testing.T) {
	tests := []struct {
		v    string
		safe bool
	}{
		{"a.png 1x, b.png 2x", true},
		{"https://x/a.png 640w,https://x/b.png 1280w", true},
		{"ok.png 1x, javascript:alert(1) 2x", false},
		{"data:image/png;base64,AAAA 1x", false},
		{"x.png,javascript:alert(1)", false},
		{"java\tscript:alert(1) 1x", false},
	}
	for _, tt := range tests {
		if got := safeURLList(tt.v); got != tt.safe {
			t.Errorf("safeURLList(%q) = %v, want %v", tt.v, got, tt.safe)
		}
	}
}

// TestSanitizeHTML pins the policy on single pieces of raw HTML.
func TestSanitizeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<em>raw</em>`, `<em>raw</em>`},
		{`<a href="/x" title="t" target="_blank">`, `<a href="/x" title="t" target="_blank">`},
		{`<a href="javascript:alert(1)">`, `<a>`},
		{`<a href="JaVaScRiPt&colon;alert(1)">`, `<a>`},
		{`<a href="  java&#x0A;script:alert(1)">`, `<a>`},
		{`<img src=x onerror=alert(1)>`, `<img src="x">`},
		{`<img src="data:image/png;base64,AAAA" alt="a">`, `<img alt="a">`},
		{`<img name="getElementById" id="i" src="a.png">`, `<img id="i" src="a.png">`},
		{`<div OnClick="alert(1)" ONMOUSEOVER=alert(1) class="c">x</div>`, `<div class="c">x</div>`},
		{`<p style="width: expression(alert(1))">chữ</p>`, `<p>chữ</p>`},
		{`<script>alert(1)</script>after`, `after`},
		{`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`, ``},
		{`<style>body{background:expression(alert(1))}</style>`, ``},
		{`<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>`, ``},
		{`<object data="x"><param name=a value=b>fallback</object>`, ``},
		{`<embed src="javascript:alert(1)">kept`, `kept`},
		{`<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0"><link rel="x" href="y">`, ``},
		{`<svg><svg></svg><a xlink:href="javascript:alert(1)">x</a></svg>after`, `after`},
		{`<math><maction xlink:href="javascript:alert(1)">x</maction></math>`, ``},
		{`<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">Gửi</button><input type="image" src="javascript:alert(1)"></form>`, `Gửi`},
		{`<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`, `<img src="x">&#34;&gt;`},
		{`<details open ontoggle=alert(1)>x</details>`, `<details open="">x</details>`},
		{`<img srcset="ok.png 1x, javascript:alert(1) 2x" src="ok.png">`, `<img src="ok.png">`},
		{`<img srcset="a.png 1x, b.png 2x">`, `<img srcset="a.png 1x, b.png 2x">`},
		{`<video poster="javascript:alert(1)" src="v.mp4" controls></video>`, `<video src="v.mp4" controls=""></video>`},
		{`<!-- comment --><!DOCTYPE html><?php x ?>text`, `text`},
		{`<custom-el data-x="1">text</custom-el><font color=red>f</font>`, `textf`},
		{"a\x00b", "a\uFFFDb"},
		{`<a href="/x?a=1&amp;b=&quot;2&quot;">`, `<a href="/x?a=1&amp;b=&#34;2&#34;">`},
		{`<p>&lt;script&gt; &amp; &copy;</p>`, `<p>&lt;script&gt; &amp; ©</p>`},
		{`<a "onclick"=x b<c=1 href=/y>`, `<a href="/y">`},
	}
	for _, tt := range tests {
		if got := string(sanitizeHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("sanitizeHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestHostileMarkdown renders every file of testdata/hostile in both modes
// and checks the result the way a browser would read it (html.Parse, the
// full HTML5 parser): no script-capable element, no event handler, no
// inline style, no URL with a dangerous scheme, and the readable text kept.
func TestHostileMarkdown(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile inputs: %v", err)
	}
	// keep is text each file's page must still show.
	keep := map[string][]string{
		"link-javascript.md":    {"x"},
		"link-mixed-case.md":    {"x"},
		"link-obfuscated.md":    {"y", "z", "w"},
		"link-other-schemes.md": {"x", "y", "z"},
		"link-reference.md":     {"x"},
		"autolink-javascript.md": {
			"javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:msgbox(1)",
		},
		"image-data.md":    {"x", "y", "z"},
		"image-in-link.md": {"x"},
	}
	keepUnsafe := map[string][]string{
		"raw-a-href.md": {"đây", "đó"},
		"raw-script.md": {"Dòng", "chữ"},
		"raw-style.md":  {"chữ"},
		"raw-form.md":   {"Gửi"},
	}
	for _, unsafe := range []bool{false, true} {
		md := NewMarkdown(unsafe)
		for _, f := range files {
			name := filepath.Base(f)
			t.Run(fmt.Sprintf("%s/unsafe=%v", name, unsafe), func(t *testing.T) {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				a, errs := render(t, md, string(src))
				if errs.Len() > 0 {
					t.Fatal(errs)
				}
				out := a.HTML
				for _, p := range checkLive(t, out) {
					t.Errorf("%s\nin:\n%s\nout:\n%s", p, src, out)
				}
				want := keep[name]
				if unsafe {
					want = append(want, keepUnsafe[name]...)
				}
				text := PlainText(out)
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("text %q lost; page text: %q", w, text)
					}
				}
			})
		}
	}
}

// TestSafeMarkdownKept checks that the guards leave ordinary content
// alone, in both modes.
func TestSafeMarkdownKept(t *testing.T) {
	tests := []struct {
		src    string
		unsafe bool
		want   []string
	}{
		{"[Bộ](https://bocongan.gov.vn/) và [thư](mailto:a@b.vn), [gọi](tel:113).\n", false,
			[]string{`<a href="https://bocongan.gov.vn/">Bộ</a>`, `<a href="mailto:a@b.vn">thư</a>`, `<a href="tel:113">gọi</a>`}},
		{"[x](../y/) [f](#chu-thich) ![ảnh](/img/a.png \"T\")\n", false,
			[]string{`<a href="../y/">x</a>`, `<a href="#chu-thich">f</a>`, `<img src="/img/a.png" alt="ảnh" title="T">`}},
		{"<https://example.gov.vn/> và www.example.gov.vn\n", false,
			[]string{`<a href="https://example.gov.vn/">https://example.gov.vn/</a>`, `<a href="http://www.example.gov.vn">www.example.gov.vn</a>`}},
		{"<ban@example.gov.vn>\n", false, []string{`<a href="mailto:ban@example.gov.vn">ban@example.gov.vn</a>`}},
		{"Chú thích[^1].\n\n[^1]: Nguồn.\n", false, []string{`href="#fn:1"`}},
		{"<figure><img src=\"a.png\" alt=\"A\"><figcaption>Hình</figcaption></figure>\n", true,
			[]string{`<figure><img src="a.png" alt="A"><figcaption>Hình</figcaption></figure>`}},
		{"Chữ <abbr title=\"Bộ Công an\">BCA</abbr> và <a href=\"/x/\">x</a>.\n", true,
			[]string{`<abbr title="Bộ Công an">BCA</abbr>`, `<a href="/x/">x</a>`}},
		{"<table>\n<tr><td colspan=\"2\">1</td></tr>\n</table>\n", true, []string{`<td colspan="2">1</td>`}},
	}
	for _, tt := range tests {
		a, errs := render(t, NewMarkdown(tt.unsafe), tt.src)
		if errs.Len() > 0 {
			t.Fatal(errs)
		}
		for _, w := range tt.want {
			if !strings.Contains(a.HTML, w) {
				t.Errorf("%q (unsafe=%v): HTML lacks %s:\n%s", tt.src, tt.unsafe, w, a.HTML)
			}
		}
	}
}

// dangerousSchemes are checked by checkLive on its own, not with SafeURL,
// so that the test does not trust the code it tests.
var dangerousSchemes = []string{"javascript:", "vbscript:", "data:", "file:"}

// checkLive parses out as a browser would and lists what could run code
// or load a document of the author's making.
func checkLive(t *testing.T, out string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "style", "base", "meta", "link", "svg", "math", "form", "frame", "frameset", "noscript", "template":
				if !(n.Data == "meta" || n.Data == "link" || n.Data == "base") || n.Parent == nil || n.Parent.Data != "head" {
					problems = append(problems, "element <"+n.Data+">")
				}
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") {
					problems = append(problems, fmt.Sprintf("<%s %s=%q>: event handler", n.Data, a.Key, a.Val))
				}
				if k == "style" {
					problems = append(problems, fmt.Sprintf("<%s style=%q>: inline style", n.Data, a.Val))
				}
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= 0x20 {
						return -1
					}
					return r
				}, a.Val))
				for _, s := range dangerousSchemes {
					if strings.Contains(v, s) {
						problems = append(problems, fmt.Sprintf("<%s %s=%q>: %s URL", n.Data, a.Key, a.Val, s))
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return problems
}

// BenchmarkSanitizeHTML shows the sanitiser's cost grows linearly with its
// input (compare ns/op across the sizes), nested dropped elements included.
func BenchmarkSanitizeHTML(b *testing.B) {
	unit := `<div class="c" onclick="x"><a href="javascript:1">t</a><svg><svg><a>y</a></svg></svg><img src=a.png srcset="a.png 1x, b.png 2x"></div>`
	for _, n := range []int{100, 1000, 10000} {
		in := []byte(strings.Repeat(unit, n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				sanitizeHTML(in)
			}
		})
	}
}
