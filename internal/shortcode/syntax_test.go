package shortcode

import (
	"reflect"
	"strings"
	"testing"
)

func TestSyntaxValid(t *testing.T) {
	md := newMD()
	tests := []struct {
		src   string
		name  string
		args  []string
		named map[string]string
	}{
		// The spec's examples.
		{`{{< metric "records-digitized" "2024-Q1" >}}`, "metric", []string{"records-digitized", "2024-Q1"}, nil},
		{`{{< change "lookup-requests" "2024-Q1" "yoy" >}}`, "change", []string{"lookup-requests", "2024-Q1", "yoy"}, nil},
		{`{{< chart "online-dossiers" type="bar" from="2023-Q1" >}}`, "chart", []string{"online-dossiers"},
			map[string]string{"type": "bar", "from": "2023-Q1"}},
		{`{{< progress "ke-hoach-829" >}}`, "progress", []string{"ke-hoach-829"}, nil},
		// Spacing.
		{`{{<metric x>}}`, "metric", []string{"x"}, nil},
		{`{{< metric >}}`, "metric", nil, nil},
		{"{{<\tm\tx\t>}}", "m", []string{"x"}, nil},
		{`{{<   m   "a"    b   >}}`, "m", []string{"a", "b"}, nil},
		{`{{< m "a">}}`, "m", []string{"a"}, nil},
		// Bare tokens and named arguments in any order; positional order is kept.
		{`{{< m a key=b "c d" e >}}`, "m", []string{"a", "c d", "e"}, map[string]string{"key": "b"}},
		{`{{< m k=a=b >}}`, "m", nil, map[string]string{"k": "a=b"}},
		{`{{< m format="full" approx=over >}}`, "m", nil, map[string]string{"format": "full", "approx": "over"}},
		{`{{< m fromPeriod=x to_period=y a-b=z >}}`, "m", nil,
			map[string]string{"fromPeriod": "x", "to_period": "y", "a-b": "z"}},
		{`{{< m {x} a/b 1.5% >}}`, "m", []string{"{x}", "a/b", "1.5%"}, nil},
		// Strings: Vietnamese text, escapes, empty, delimiters inside.
		{`{{< m "Kế hoạch số 829/QĐ-TTg" >}}`, "m", []string{"Kế hoạch số 829/QĐ-TTg"}, nil},
		{`{{< m "nói \"không\" với \\ giấy" >}}`, "m", []string{`nói "không" với \ giấy`}, nil},
		{`{{< m "a\|b" >}}`, "m", []string{"a|b"}, nil},
		{`{{< m "" k="" >}}`, "m", []string{""}, map[string]string{"k": ""}},
		{`{{< m "x >}} y" >}}`, "m", []string{"x >}} y"}, nil},
		{`{{< m "it's -- <b>" >}}`, "m", []string{"it's -- <b>"}, nil},
		// Names.
		{`{{< m-2 >}}`, "m-2", nil, nil},
		{`{{< ke-hoach-829 >}}`, "ke-hoach-829", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			r := convert(t, md, tt.src, true)
			if len(r.errs) != 0 {
				t.Fatalf("unexpected errors: %v", r.errs)
			}
			if len(r.nodes) != 1 {
				t.Fatalf("got %d nodes, want 1; html %q", len(r.nodes), r.html)
			}
			c := r.nodes[0].Call
			if c.Name != tt.name || !reflect.DeepEqual(c.Args, tt.args) || !reflect.DeepEqual(c.Named, tt.named) {
				t.Errorf("got %q %q %v, want %q %q %v", c.Name, c.Args, c.Named, tt.name, tt.args, tt.named)
			}
			if c.Offset != 0 || c.Line != 1 || c.Col != 1 {
				t.Errorf("position: offset %d %d:%d, want 0 1:1", c.Offset, c.Line, c.Col)
			}
			if r.renderErr != nil {
				t.Errorf("render: %v", r.renderErr)
			}
		})
	}
}

func TestSyntaxErrors(t *testing.T) {
	md := newMD()
	tests := []struct {
		src       string
		line, col int
		msg       string // a part of the message
	}{
		{`{{<`, 1, 1, "not closed"},
		{`{{< metric "x"`, 1, 1, "not closed"},
		{"{{< metric \"x\"\n>}}", 1, 1, "cannot span lines"},
		{`{{< >}}`, 1, 1, "no name"},
		{`{{<>}}`, 1, 1, "no name"},
		{`{{< "x" >}}`, 1, 5, "no name"},
		{`{{< Metric "x" >}}`, 1, 5, `invalid shortcode name "Metric"`},
		{`{{< 1m >}}`, 1, 5, "invalid shortcode name"},
		{`{{< m_x >}}`, 1, 5, "invalid shortcode name"},
		{`{{< số >}}`, 1, 5, "invalid shortcode name"},
		{`{{< /metric >}}`, 1, 5, "closing shortcodes"},
		{`{{< > >}}`, 1, 5, `unexpected ">"`},
		{`{{< metric "x >}}`, 1, 12, `string is not closed`},
		{"{{< m \"a\nb\" >}}", 1, 7, `string is not closed`},
		{`{{< m "a\n" >}}`, 1, 9, `unknown escape "\n"`},
		{`{{< m "a\` + "\n", 1, 7, `string is not closed`},
		{`{{< m a>b >}}`, 1, 8, `unexpected ">"`},
		{`{{< m a >}`, 1, 9, `unexpected ">"`},
		{`{{< m "a""b" >}}`, 1, 10, "missing space"},
		{`{{< m"a" >}}`, 1, 6, "missing space"},
		{`{{< m k= >}}`, 1, 7, `"k" has no value`},
		{`{{< m =v >}}`, 1, 7, "missing argument name"},
		{`{{< m 2k=v >}}`, 1, 7, `invalid argument name "2k"`},
		{`{{< m https://x.vn/?a=b >}}`, 1, 7, "invalid argument name"},
		{`{{< m k=1 k=2 >}}`, 1, 11, `"k" is given twice`},
		{`{{< m k="a"x >}}`, 1, 12, "missing space"},
		{`{{< m “Hà Nội” >}}`, 1, 7, "curly quotes"},
		{`{{</* m "x"`, 1, 1, `"*/>}}"`},
		{`{{</*/>}}`, 1, 1, `"*/>}}"`},
		// Position past multi-byte characters.
		{`Số liệu: {{< m "ế`, 1, 16, "string is not closed"},
		{"a\nb\n  c {{< M >}}", 3, 9, "invalid shortcode name"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			r := convert(t, md, tt.src, true)
			if len(r.errs) != 1 {
				t.Fatalf("got errors %v, want one", r.errs)
			}
			e := r.errs[0]
			if e.Line != tt.line || e.Col != tt.col || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got %v, want %d:%d: …%s…", e, tt.line, tt.col, tt.msg)
			}
			if len(r.nodes) != 0 {
				t.Errorf("a malformed shortcode must not become a node: %v", r.nodes[0].Call)
			}
			// It still renders, as escaped literal text.
			if r.renderErr != nil {
				t.Errorf("render: %v", r.renderErr)
			}
			if !strings.Contains(r.html, "{{&lt;") || strings.Contains(r.html, "data-sc") {
				t.Errorf("malformed shortcode should render as escaped text, got %q", r.html)
			}
		})
	}
}

func TestErrorFormatAndOrder(t *testing.T) {
	r := convert(t, newMD(), "{{< B >}}\n\ntext {{< a \"x\n\n{{< c >}}\n", true)
	if len(r.errs) != 2 {
		t.Fatalf("got %v", r.errs)
	}
	if got := r.errs[0].Error(); !strings.HasPrefix(got, "1:5: invalid shortcode name") {
		t.Errorf("first error %q", got)
	}
	if got := r.errs[1].Error(); !strings.HasPrefix(got, "3:12: string is not closed") {
		t.Errorf("second error %q", got)
	}
	if len(r.nodes) != 1 || r.nodes[0].Call.Name != "c" {
		t.Errorf("the valid shortcode after the errors is still parsed: %v", r.nodes)
	}
	if Errors(nil) != nil {
		t.Error("Errors(nil) must be nil")
	}
}

// TestMalformedRecovery checks what a malformed shortcode consumes: through
// the first ">}}" after the problem, else to the end of the line; the rest
// of the line is ordinary Markdown again.
func TestMalformedRecovery(t *testing.T) {
	md := newMD()
	tests := []struct{ src, html string }{
		{`a {{< B >}} *b*`, "<p>a {{&lt; B &gt;}} <em>b</em></p>\n"},
		{`a {{< m "x *b*`, "<p>a {{&lt; m &quot;x *b*</p>\n"},
		{"a {{< m\n*b*", "<p>a {{&lt; m\n<em>b</em></p>\n"},
	}
	for _, tt := range tests {
		r := convert(t, md, tt.src, true)
		if r.html != tt.html {
			t.Errorf("%q: got %q, want %q", tt.src, r.html, tt.html)
		}
	}
}

// TestNotShortcodes lists text that looks close to a shortcode but is
// ordinary text: no node and no error.
func TestNotShortcodes(t *testing.T) {
	md := newMD()
	tests := []struct{ src, html string }{
		{`{{ .Title }}`, "<p>{{ .Title }}</p>\n"},
		{`{ x } {{x}}`, "<p>{ x } {{x}}</p>\n"},
		{`{{% m %}}`, "<p>{{% m %}}</p>\n"},
		{`{<`, "<p>{&lt;</p>\n"},
		{`\{{< m >}}`, "<p>{{&lt; m &gt;}}</p>\n"},
		{`{{{`, "<p>{{{</p>\n"},
	}
	for _, tt := range tests {
		r := convert(t, md, tt.src, true)
		if len(r.nodes) != 0 || len(r.errs) != 0 || r.html != tt.html {
			t.Errorf("%q: nodes %d, errors %v, html %q; want html %q", tt.src, len(r.nodes), r.errs, r.html, tt.html)
		}
	}
}

func TestEscapedShortcode(t *testing.T) {
	md := newMD()
	tests := []struct{ src, html string }{
		{`{{</* metric "x" */>}}`, "<p>{{&lt; metric &quot;x&quot; &gt;}}</p>\n"},
		{`Viết {{</* metric "số-liệu" "2024-Q1" */>}} để trích số liệu.`,
			"<p>Viết {{&lt; metric &quot;số-liệu&quot; &quot;2024-Q1&quot; &gt;}} để trích số liệu.</p>\n"},
		// The inside is not parsed: anything goes, even what would be an error.
		{`{{</* Bad "unclosed */>}}`, "<p>{{&lt; Bad &quot;unclosed &gt;}}</p>\n"},
		{`{{</**/>}}`, "<p>{{&lt;&gt;}}</p>\n"},
		// In code it stays exactly as written.
		{"`{{</* m */>}}`", "<p><code>{{&lt;/* m */&gt;}}</code></p>\n"},
	}
	for _, tt := range tests {
		r := convert(t, md, tt.src, true)
		if len(r.nodes) != 0 || len(r.errs) != 0 || r.html != tt.html {
			t.Errorf("%q: nodes %d, errors %v\n got html %q\nwant html %q", tt.src, len(r.nodes), r.errs, r.html, tt.html)
		}
	}
}

func TestCallMethods(t *testing.T) {
	c := &Call{Name: "chart", Args: []string{"a", `say "hi" \ ok`}, Named: map[string]string{"type": "bar", "from": "2023-Q1"}}
	if v, ok := c.Arg(1); !ok || v != `say "hi" \ ok` {
		t.Errorf("Arg(1) = %q %v", v, ok)
	}
	for _, i := range []int{-1, 2} {
		if _, ok := c.Arg(i); ok {
			t.Errorf("Arg(%d) must be absent", i)
		}
	}
	if v, ok := c.Get("type"); !ok || v != "bar" {
		t.Errorf("Get(type) = %q %v", v, ok)
	}
	if _, ok := c.Get("to"); ok {
		t.Error("Get(to) must be absent")
	}
	if _, ok := (&Call{Name: "m"}).Get("x"); ok {
		t.Error("Get on a call without named arguments must be absent")
	}
	want := `{{< chart "a" "say \"hi\" \\ ok" from="2023-Q1" type="bar" >}}`
	if got := c.String(); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
	// String is valid syntax that parses back to the same call.
	r := convert(t, newMD(), want, true)
	if len(r.nodes) != 1 {
		t.Fatalf("String() output does not parse: %v", r.errs)
	}
	got := r.nodes[0].Call
	if got.Name != c.Name || !reflect.DeepEqual(got.Args, c.Args) || !reflect.DeepEqual(got.Named, c.Named) {
		t.Errorf("round trip: got %v", got)
	}
}
