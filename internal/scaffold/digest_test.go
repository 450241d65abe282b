package scaffold

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
)

var updateGolden = flag.Bool("update", false, "rewrite the digest goldens in testdata")

// exampleSet is the repository's example data, checked as of asOf.
func exampleSet(t *testing.T, asOf date.Date) *data.Set {
	t.Helper()
	errs := &diag.List{}
	set := data.Load(os.DirFS("../.."), "", errs)
	set.Validate(asOf, errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return set
}

// TestDigestGolden compares the digests of the example data with
// testdata/digest-*.md (go test ./internal/scaffold -run Golden -update
// rewrites them; read the diff): the 2024-Q1 window of the issue, and one
// given as days that holds a moved deadline and a revised figure, in
// English.
func TestDigestGolden(t *testing.T) {
	set := exampleSet(t, date.Date{Year: 2025, Month: 12, Day: 31})
	tests := []struct {
		golden, lang, window, since, until string
	}{
		{"digest-2024-Q1.md", "vi", "2024-Q1", "", ""},
		{"digest-2024-04-10-2024-06-30.en.md", "en", "", "2024-04-10", "2024-06-30"},
	}
	for _, tt := range tests {
		L, err := locale.New(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		var w Window
		if tt.window != "" {
			w, err = ParseWindow(tt.window)
		} else {
			w, err = DaysWindow(mustDate(t, tt.since), mustDate(t, tt.until))
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := Digest(set, L, w)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Digest(set, L, w)
		if !bytes.Equal(got, again) {
			t.Errorf("%s: two digests of the same data differ", tt.golden)
		}
		path := filepath.Join("testdata", tt.golden)
		if *updateGolden {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", tt.golden, got, want)
		}
	}
}

func mustDate(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDigestBuilds writes digests into a copy of the example site with
// NewDigest and builds it with drafts: the draft builds at once, shows the
// progress of the plan and the figures from the data, and is a draft (a
// build without drafts leaves it out). The same digest again is refused.
func TestDigestBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 12, 31, 12, 0, 0, 0, hcm)
	var names []string
	for _, spec := range []string{"2024-Q1", "2024-Q2", "2025"} {
		w, err := ParseWindow(spec)
		if err != nil {
			t.Fatal(err)
		}
		name, err := NewDigest(dir, w, now)
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		names = append(names, name)
	}
	if got := filepath.Base(names[0]); got != "2024-03-31-tong-hop-tien-do-quy-i-2024.md" {
		t.Errorf("file name %s", got)
	}
	w, _ := ParseWindow("2024-Q1")
	if _, err := NewDigest(dir, w, now); !errors.Is(err, fs.ErrExist) {
		t.Errorf("the same digest again: %v, want an error that matches fs.ErrExist", err)
	}
	day := date.Of(now)
	mem := buildSite(t, dir, day, true)
	page := string(mustGet(t, mem, "articles/tong-hop-tien-do-quy-i-2024/index.html"))
	for _, want := range []string{"Tổng hợp tiến độ Quý I/2024", "Tình hình đến 31/3/2024", "hơn 2,7 triệu hồ sơ", "hoàn thành ngày 11/02/2024"} {
		if !strings.Contains(page, want) {
			t.Errorf("the Q1 digest lacks %q", want)
		}
	}
	q2 := string(mustGet(t, mem, "articles/tong-hop-tien-do-quy-ii-2024/index.html"))
	for _, want := range []string{"Văn bản minh họa số 01/MH", "điều chỉnh ngày 20/6/2024 thành"} {
		if !strings.Contains(q2, want) {
			t.Errorf("the Q2 digest lacks %q", want)
		}
	}
	published := buildSite(t, dir, day, false)
	if _, ok := published.Get("articles/tong-hop-tien-do-quy-i-2024/index.html"); ok {
		t.Error("a build without drafts published the digest")
	}
}

func mustGet(t *testing.T, m interface{ Get(string) ([]byte, bool) }, p string) []byte {
	t.Helper()
	b, ok := m.Get(p)
	if !ok {
		t.Fatalf("no %s in the output", p)
	}
	return b
}

// TestParseWindow reads the windows a digest may be given.
func TestParseWindow(t *testing.T) {
	tests := []struct {
		in, since, until, err string
	}{
		{"2024-Q1", "2024-01-01", "2024-03-31", ""},
		{"2024-Q4", "2024-10-01", "2024-12-31", ""},
		{"2024-02", "2024-02-01", "2024-02-29", ""},
		{"2024", "2024-01-01", "2024-12-31", ""},
		{"2024-04-09", "2024-04-09", "2024-04-09", ""},
		{"2024-Q5", "", "", "not a quarter"},
		{"2024-13", "", "", "not a month"},
		{"quý 1", "", "", "not a period"},
		{"", "", "", "not a period"},
	}
	for _, tt := range tests {
		w, err := ParseWindow(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseWindow(%q): error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || w.Since.String() != tt.since || w.Until.String() != tt.until {
			t.Errorf("ParseWindow(%q) = %s..%s, %v; want %s..%s", tt.in, w.Since, w.Until, err, tt.since, tt.until)
		}
	}
	if _, err := DaysWindow(date.Date{Year: 2024, Month: 2, Day: 1}, date.Date{Year: 2024, Month: 1, Day: 1}); err == nil {
		t.Error("a window ending before it starts was accepted")
	}
}

// TestMarkdownEscape: text from the data never becomes Markdown or a
// shortcode in the draft.
func TestMarkdownEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kế hoạch 829/QĐ-BCĐ", "Kế hoạch 829/QĐ-BCĐ"},
		{"*đậm* _nghiêng_ [liên kết](x)", `\*đậm\* \_nghiêng\_ \[liên kết\](x)`},
		{`{{< metric "x" >}}`, `\{\{\< metric "x" \>\}\}`},
		{"<script>", `\<script\>`},
		{"# không phải tiêu đề", `\# không phải tiêu đề`},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
