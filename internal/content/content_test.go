package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/shortcode"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func loadArticles(files map[string]string, drafts bool) ([]*Article, *diag.List) {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys["content/articles/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	var errs diag.List
	return Load(fsys, "", hcm, drafts, &errs), &errs
}

func TestLoadArticle(t *testing.T) {
	arts, errs := loadArticles(map[string]string{
		"a.md": "---\ntitle: \"Kiến nghị đơn giản hóa thủ tục\"\ndate: 2024-04-09\ntags: [Đề án 06, chuyển đổi số, đề án 06]\nsource: {name: Bộ Công an, url: https://bocongan.gov.vn/}\n---\n\nĐoạn đầu **tiên**.\n\nĐoạn hai.\n",
	}, false)
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	a := arts[0]
	if a.Slug != "kien-nghi-don-gian-hoa-thu-tuc" || a.URL() != "articles/kien-nghi-don-gian-hoa-thu-tuc/" {
		t.Errorf("slug %q", a.Slug)
	}
	if a.Date.String() != "2024-04-09" || a.BodyLine != 7 {
		t.Errorf("date %v bodyLine %d", a.Date, a.BodyLine)
	}
	if len(a.Tags) != 2 || a.Tags[0] != (Tag{"Đề án 06", "de-an-06"}) {
		t.Errorf("tags %+v (the repeated tag must merge)", a.Tags)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown key and wrong type, all at once",
			"---\ntitle: x\ndate: 2024-04-09\nauthor: me\ndraft: maybe\n---\nbody\n",
			[]string{
				`content/articles/x.md:4:1: author: unknown key "author"`,
				`content/articles/x.md:5:8: draft: expected true or false, got "maybe"`,
			}},
		{"impossible date", "---\ntitle: x\ndate: 2024-02-30\n---\n",
			[]string{`content/articles/x.md:3:7: date: "2024-02-30" is not a date`}},
		{"missing title", "---\ndate: 2024-04-09\n---\n",
			[]string{`content/articles/x.md:2:1: title: required key "title" is missing`}},
		{"no front matter", "# Hello\n", []string{`content/articles/x.md:1:1: missing front matter`}},
		{"unclosed front matter", "---\ntitle: x\n", []string{`content/articles/x.md:1:1: missing front matter`}},
		{"bad slug", "---\ntitle: x\ndate: 2024-04-09\nslug: ../../etc\n---\n",
			[]string{`content/articles/x.md:4:7: slug: "../../etc" is not a valid slug`}},
		{"javascript source", "---\ntitle: x\ndate: 2024-04-09\nsource: {name: a, url: \"javascript:alert(1)\"}\n---\n",
			[]string{`source.url: "javascript:alert(1)" is not an http(s) URL`}},
		{"yaml syntax", "---\ntitle: [x\ndate: 2024-04-09\n---\n", []string{`content/articles/x.md:`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs := loadArticles(map[string]string{"x.md": tt.src}, false)
			got := errs.Errors()
			if len(arts) != 0 || len(got) != len(tt.want) {
				t.Fatalf("articles %d, errors %v; want %q", len(arts), errs, tt.want)
			}
			for i, e := range got {
				if !strings.Contains(e.Error(), tt.want[i]) {
					t.Errorf("error %d = %q, want it to contain %q", i, e, tt.want[i])
				}
			}
		})
	}
}

func TestDuplicateSlugNamesBothFiles(t *testing.T) {
	_, errs := loadArticles(map[string]string{
		"a.md": "---\ntitle: Chuyển đổi số\ndate: 2024-04-09\n---\n",
		"b.md": "---\ntitle: Chuyen doi so\ndate: 2024-05-09\n---\n",
	}, false)
	if !strings.Contains(errs.Error(), "content/articles/b.md:2:8: slug \"chuyen-doi-so\" is already used by content/articles/a.md") {
		t.Errorf("got %q", errs.Error())
	}
}

func TestDraftsAndOrder(t *testing.T) {
	files := map[string]string{
		"old.md":   "---\ntitle: Cũ\ndate: 2024-01-01\n---\n",
		"new.md":   "---\ntitle: Mới\ndate: 2025-01-01\n---\n",
		"draft.md": "---\ntitle: Nháp\ndate: 2026-01-01\ndraft: true\n---\n",
	}
	arts, _ := loadArticles(files, false)
	if len(arts) != 2 || arts[0].Slug != "moi" || arts[1].Slug != "cu" {
		t.Errorf("without drafts: %v", slugs(arts))
	}
	arts, _ = loadArticles(files, true)
	if len(arts) != 3 || arts[0].Slug != "nhap" {
		t.Errorf("with drafts: %v", slugs(arts))
	}
}

func slugs(as []*Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

// fixedResolver resolves every shortcode to its name, and fails for "missing".
type fixedResolver struct{}

func (fixedResolver) Resolve(a *Article, n *shortcode.Node) ([]byte, bool, error) {
	if n.Call.Name == "missing" {
		return nil, false, errors.New(`no metric "x"`)
	}
	return []byte("<b>" + n.Call.Name + "</b>"), n.Call.Name == "chart", nil
}

func render(t *testing.T, md *Markdown, body string) (*Article, *diag.List) {
	t.Helper()
	var errs diag.List
	a := Parse("content/articles/x.md", []byte("---\ntitle: x\ndate: 2024-04-09\n---\n"+body), hcm, &errs)
	if a == nil {
		t.Fatal(errs.Error())
	}
	md.Render(a, fixedResolver{}, &errs)
	return a, &errs
}

func TestRenderMarkdown(t *testing.T) {
	md := NewMarkdown(false)
	a, errs := render(t, md, "Tỷ lệ {{< metric \"x\" >}} \"trích dẫn\".\n\n## Kiến nghị đơn giản hóa\n\n<script>alert(1)</script>\n\n{{< chart \"y\" >}}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nChú thích[^1].\n\n[^1]: Nguồn.\n")
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	h := a.HTML
	for _, want := range []string{
		`<p>Tỷ lệ <b>metric</b> “trích dẫn”.</p>`,
		`<h2 id="kien-nghi-don-gian-hoa">Kiến nghị đơn giản hóa</h2>`,
		"<b>chart</b>",
		"<table>",
		`class="footnotes"`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "<script>") {
		t.Error("raw HTML must be dropped by default")
	}
	if !a.HasCharts {
		t.Error("HasCharts not set")
	}
	if a.Summary != "Tỷ lệ metric “trích dẫn”." {
		t.Errorf("summary %q", a.Summary)
	}
	a, _ = render(t, NewMarkdown(true), "<em>raw</em>\n")
	if !strings.Contains(a.HTML, "<em>raw</em>") {
		t.Error("unsafeHTML must let raw HTML through")
	}
}

// TestTableAlignment: a column's alignment is a class the style sheet
// sets, never a style attribute, which the pages' Content-Security-Policy
// (style-src 'self') has browsers drop — in both modes of raw HTML.
func TestTableAlignment(t *testing.T) {
	const body = "| Tỉnh | Hồ sơ | Tỷ lệ | Ghi chú |\n|:--|--:|:-:|---|\n| Hà Nội | 2,7 triệu | 96,5% | *đạt* |\n"
	want := "<table>\n<thead>\n<tr>\n" +
		`<th class="align-left">Tỉnh</th>` + "\n" +
		`<th class="align-right">Hồ sơ</th>` + "\n" +
		`<th class="align-center">Tỷ lệ</th>` + "\n" +
		"<th>Ghi chú</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n" +
		`<td class="align-left">Hà Nội</td>` + "\n" +
		`<td class="align-right">2,7 triệu</td>` + "\n" +
		`<td class="align-center">96,5%</td>` + "\n" +
		"<td><em>đạt</em></td>\n</tr>\n</tbody>\n</table>\n"
	for _, unsafe := range []bool{false, true} {
		a, errs := render(t, NewMarkdown(unsafe), body)
		if errs.Len() > 0 {
			t.Fatal(errs)
		}
		if a.HTML != want {
			t.Errorf("unsafeHTML=%v:\n got %q\nwant %q", unsafe, a.HTML, want)
		}
	}
}

func TestRenderReportsEveryShortcodeError(t *testing.T) {
	_, errs := render(t, NewMarkdown(false), "Một {{< missing \"x\" >}}.\n\nHai {{< metric \"x\n\nBa {{< missing >}}\n")
	got := errs.Error()
	for _, want := range []string{
		`content/articles/x.md:5:5: missing: no metric "x"`,
		`content/articles/x.md:7:16: string is not closed`,
		`content/articles/x.md:9:4: missing: no metric "x"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

func TestPlainText(t *testing.T) {
	if got := PlainText("<p>Tỷ lệ <strong>96,5</strong>%<br>\n &amp; hơn</p>"); got != "Tỷ lệ 96,5% & hơn" {
		t.Errorf("got %q", got)
	}
}

func TestHeadingIDLeavesShortcodesOut(t *testing.T) {
	a, errs := render(t, NewMarkdown(false), "## Số hóa {{< metric \"x\" \"2024-Q1\" >}} hồ sơ\n")
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(a.HTML, `<h2 id="so-hoa-ho-so">`) {
		t.Errorf("heading id carries the shortcode: %s", a.HTML)
	}
}

// TestTagsShareStorage: a topic's name and slug are one string for all
// the bulletins that carry it (unique.Make), not one per bulletin: a large
// site's collector visits each once.
func TestTagsShareStorage(t *testing.T) {
	var errs diag.List
	parse := func(name, tags string) *Article {
		a := Parse("content/articles/"+name+".md", []byte("---\ntitle: x\ndate: 2024-04-09\ntags: "+tags+"\n---\nx\n"), hcm, &errs)
		if a == nil {
			t.Fatal(errs.Error())
		}
		return a
	}
	a, b := parse("a", "[Đề án 06, dữ liệu dân cư]"), parse("b", "[\"dữ liệu dân cư\", ' Đề án 06 ']")
	same := func(x, y string) bool { return x == y && unsafe.StringData(x) == unsafe.StringData(y) }
	if !same(a.Tags[0].Name, b.Tags[1].Name) || !same(a.Tags[0].Slug, b.Tags[1].Slug) ||
		!same(a.Tags[1].Name, b.Tags[0].Name) || !same(a.Tags[1].Slug, b.Tags[0].Slug) {
		t.Errorf("the same topics in two bulletins are separate strings: %+v, %+v", a.Tags, b.Tags)
	}
	if a.Tags[0].Name != "Đề án 06" || a.Tags[0].Slug != "de-an-06" {
		t.Errorf("tag %+v", a.Tags[0])
	}
}
