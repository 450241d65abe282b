package slug

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

func TestMake(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Kiến nghị đơn giản hóa", "kien-nghi-don-gian-hoa"},
		{"Đề án 06", "de-an-06"},
		{"Chuyển đổi số", "chuyen-doi-so"},
		{"Quyết định 829/QĐ-BCĐ", "quyet-dinh-829-qd-bcd"},
		{"../../etc", "etc"},
		{"", ""},
		{"   ", ""},
		{"---", ""},
		{"!!!", ""},
		{"ư ơ ă â ê ô", "u-o-a-a-e-o"},
		{"Ư Ơ Ă Â Ê Ô Đ", "u-o-a-a-e-o-d"},
		{"Người dùng được ưu tiên", "nguoi-dung-duoc-uu-tien"},
		{"Tiếng Việt: ỹ ỵ ử ợ ẫ ặ", "tieng-viet-y-y-u-o-a-a"},
		{"Luật Căn cước", "luat-can-cuoc"},
		{"Bộ Công an", "bo-cong-an"},
		{"Quý I/2024", "quy-i-2024"},
		{"  Hello,   World!  ", "hello-world"},
		{"a--b__c", "a-b-c"},
		{`C:\Windows\system32`, "c-windows-system32"},
		{"/etc/passwd", "etc-passwd"},
		{"96,5%", "96-5"},
		{"café", "cafe"},
		{"ABC", "abc"},
		{"日本語", ""},
		{"VNeID 2.0", "vneid-2-0"},
		// NFD input (already decomposed) gives the same slug as NFC input.
		{"Vie\u0323\u0302t Nam", "viet-nam"},
		// Invalid UTF-8 is treated as a separator, and what follows is
		// folded as usual.
		{"a\xffb", "a-b"},
		{"000\xf5ơ", "000-o"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"kien-nghi-don-gian-hoa", true},
		{"de-an-06", true},
		{"a", true},
		{"0", true},
		{"ke-hoach-829", true},
		{"", false},
		{"..", false},
		{".", false},
		{"../etc", false},
		{"a/b", false},
		{`a\b`, false},
		{"Abc", false},
		{"-abc", false},
		{"abc-", false},
		{"-", false},
		{"a--b", false},
		{"a b", false},
		{"a_b", false},
		{"a.b", false},
		{"chuyển-đổi", false},
		{"a\x00b", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIDsGenerate(t *testing.T) {
	tests := []struct {
		name   string
		put    []string // ids written by the author, before generation
		values []string
		want   []string
	}{
		{"vietnamese", nil, []string{"Kiến nghị đơn giản hóa"}, []string{"kien-nghi-don-gian-hoa"}},
		{"repeats", nil, []string{"Kết quả", "Kết quả", "Kết quả"}, []string{"ket-qua", "ket-qua-1", "ket-qua-2"}},
		{"empty", nil, []string{"!!!", "", "日本"}, []string{"section", "section-1", "section-2"}},
		{"empty after section", nil, []string{"Section", "???"}, []string{"section", "section-1"}},
		{"suffix taken by a title", nil, []string{"a-1", "a", "a"}, []string{"a-1", "a", "a-2"}},
		{"put", []string{"ket-qua", "ket-qua-1"}, []string{"Kết quả"}, []string{"ket-qua-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, ids := range []*IDs{NewIDs(), {}} { // the zero value works too
				for _, p := range tt.put {
					ids.Put([]byte(p))
				}
				for i, v := range tt.values {
					if got := string(ids.Generate([]byte(v), ast.KindHeading)); got != tt.want[i] {
						t.Errorf("Generate(%q) = %q, want %q", v, got, tt.want[i])
					}
				}
			}
		})
	}
}

func TestIDsWithGoldmark(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"vietnamese heading", "## Kiến nghị đơn giản hóa\n", []string{`<h2 id="kien-nghi-don-gian-hoa">Kiến nghị đơn giản hóa</h2>`}},
		{"repeated heading", "## Kết quả\n\n## Kết quả\n", []string{`<h2 id="ket-qua">`, `<h2 id="ket-qua-1">`}},
		{"symbols only", "# ???\n", []string{`<h1 id="section">`}},
		{"path characters", "## ../../etc\n", []string{`<h2 id="etc">`}},
	}
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			ctx := parser.NewContext(parser.WithIDs(NewIDs()))
			if err := md.Convert([]byte(tt.src), &buf, parser.WithContext(ctx)); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output %q lacks %q", buf.String(), w)
				}
			}
		})
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Kiến nghị đơn giản hóa", "Quyết định 829/QĐ-BCĐ", "../../etc", "", "-", "a\xffb", "Ǆ ǅ ǆ", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		// On invalid UTF-8, x/text's NFD leaves the rune after a bad byte
		// undecomposed ("\xf5ơ" gives no "o"); Make treats the bad byte as
		// a separator and folds the rest, so only valid text is compared.
		if want := makeNFD(s); utf8.ValidString(s) && got != want {
			t.Fatalf("Make(%+q) = %q, NFD reference gives %q", s, got, want)
		}
		if got != "" && !Valid(got) {
			t.Fatalf("Make(%q) = %q, not a valid slug", s, got)
		}
		if again := Make(got); again != got {
			t.Fatalf("Make is not idempotent: Make(%q) = %q, Make(%q) = %q", s, got, got, again)
		}
	})
}
