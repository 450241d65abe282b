package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestLinksRecordedWithPositions: every Markdown link and image of a body
// is recorded with its place in the article file (the line counted from
// the file's first line, the column in characters, Vietnamese letters
// included), in document order, inline, reference-style, nested in lists
// and quotes; refused destinations (javascript:) are not recorded, since
// the page does not carry them.
func TestLinksRecordedWithPositions(t *testing.T) {
	body := "Đọc [bài trước](../bai-truoc/) và ![ảnh](/anh/bia.png \"Bìa\").\n" + // line 5
		"\n" +
		"- mục [xem][ref]\n" + // line 7
		"> trích [mục lục](#muc-luc) <https://example.org/x>\n" + // line 8
		"[nguy hiểm](javascript:alert(1)) [dấu cách](<tệp có dấu cách.pdf>)\n" + // line 9
		"\n[ref]: ../../metrics/x/\n"
	a, errs := render(t, NewMarkdown(false), body)
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, l := range a.Links {
		got = append(got, fmt.Sprintf("%s %q %q %v", l.Pos, l.Dest, l.Href, l.Image))
	}
	want := []string{
		`content/articles/x.md:5:5 "../bai-truoc/" "../bai-truoc/" false`,
		`content/articles/x.md:5:35 "/anh/bia.png" "/anh/bia.png" true`,
		`content/articles/x.md:7:7 "../../metrics/x/" "../../metrics/x/" false`,
		`content/articles/x.md:8:9 "#muc-luc" "#muc-luc" false`,
		`content/articles/x.md:9:34 "tệp có dấu cách.pdf" "t%E1%BB%87p%20c%C3%B3%20d%E1%BA%A5u%20c%C3%A1ch.pdf" false`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("links\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// TestLinkPositionsAfterCRLF: a file saved with CRLF line endings reports
// the same positions as its LF twin (the body is normalised first).
func TestLinkPositionsAfterCRLF(t *testing.T) {
	md := NewMarkdown(false)
	lf, _ := render(t, md, "a\n\nb [x](y/)\n")
	crlf, _ := render(t, md, "a\r\n\r\nb [x](y/)\r\n")
	if len(lf.Links) != 1 || len(crlf.Links) != 1 || lf.Links[0].Pos != crlf.Links[0].Pos || lf.Links[0].Pos.String() != "content/articles/x.md:7:3" {
		t.Errorf("LF %+v, CRLF %+v", lf.Links, crlf.Links)
	}
}

// TestAnchorsAreTheBodysIDs: the ids a link's #fragment may name are those
// of the rendered body — headings (with Vietnamese-aware slugs and -1 for
// a repeat), footnotes, and ids a shortcode's HTML carries — sorted, each
// once.
func TestAnchorsAreTheBodysIDs(t *testing.T) {
	a, errs := render(t, NewMarkdown(false), "## Kiến nghị\n\n## Kiến nghị\n\nChú thích[^1].\n\n[^1]: Nguồn.\n")
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	for _, id := range []string{"kien-nghi", "kien-nghi-1", "fn:1", "fnref:1"} {
		if _, found := slices.BinarySearch(a.Anchors, id); !found {
			t.Errorf("anchors %q lack %q", a.Anchors, id)
		}
	}
	if !slices.IsSorted(a.Anchors) {
		t.Errorf("anchors not sorted: %q", a.Anchors)
	}
}

// TestManyLinksLinear: 20,000 links in one body all get their exact
// position. Positions come from one table of line starts and a binary
// search, not a count from the start of the body per link (which would be
// 20,000 scans of 600 KB here); no clock is read, the size is the guard.
func TestManyLinksLinear(t *testing.T) {
	var b strings.Builder
	const n = 20000
	for i := range n {
		fmt.Fprintf(&b, "Dòng %d [liên kết](../a-%d/)\n", i, i)
	}
	a, errs := render(t, NewMarkdown(false), b.String())
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	if len(a.Links) != n {
		t.Fatalf("%d links, want %d", len(a.Links), n)
	}
	last := a.Links[n-1].Pos
	if last.Line != 5+n-1 || last.Col != 12 {
		t.Errorf("last link at %v", last)
	}
}

// TestCoverFrontMatter: cover: is a path of the site from its root or an
// http(s) URL; anything else is an error at the key with the reason.
func TestCoverFrontMatter(t *testing.T) {
	tests := []struct {
		cover, want, err string
	}{
		{"images/bia.png", "images/bia.png", ""},
		{"/images/bia.png", "images/bia.png", ""},
		{"/images/b%C3%ACa%20m%E1%BB%9Bi.png", "images/bìa mới.png", ""},
		{"https://cdn.example.gov.vn/bia.jpg", "https://cdn.example.gov.vn/bia.jpg", ""},
		{`""`, "", `content/articles/x.md:4:8: cover: the image is empty`},
		{"javascript:alert(1)", "", `content/articles/x.md:4:8: cover: "javascript:alert(1)" is not an http(s) URL or a path of the site`},
		{"data:image/png;base64,AAAA", "", `is not an http(s) URL or a path of the site`},
		{"//cdn.example/x.png", "", `has no scheme`},
		{"../../etc/passwd", "", `climbs out of the site`},
		{"images/", "", `names a directory`},
		{"images/a.png?v=2", "", `without ? or #`},
	}
	for _, tt := range tests {
		t.Run(tt.cover, func(t *testing.T) {
			arts, errs := loadArticles(map[string]string{"x.md": "---\ntitle: x\ndate: 2024-04-09\ncover: " + tt.cover + "\n---\nbody\n"}, false)
			if tt.err != "" {
				if len(arts) != 0 || !strings.Contains(errs.Error(), tt.err) {
					t.Fatalf("errors %q, want %q", errs.Error(), tt.err)
				}
				return
			}
			if errs.Len() > 0 || len(arts) != 1 {
				t.Fatal(errs)
			}
			if arts[0].Cover != tt.want {
				t.Errorf("cover %q, want %q", arts[0].Cover, tt.want)
			}
		})
	}
}
