package build

import (
	"encoding/xml"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/view"
)

// TestChangesFeed checks changes.xml on the fixture site: well-formed
// Atom, the newest change first, each entry dated from the data (never
// the clock) with a unique id and a link to the page that shows it, and
// every page linking to it from its head.
func TestChangesFeed(t *testing.T) {
	mem := buildFixture(t, "testdata/site")
	feed := get(t, mem, "changes.xml")
	var f struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Category struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(feed), &f); err != nil {
		t.Fatalf("changes.xml is not XML: %v\n%s", err, feed)
	}
	if f.Updated != "2024-05-10T00:00:00+07:00" {
		t.Errorf("feed updated %s, want the newest change's day", f.Updated)
	}
	tests := []struct {
		kind, title, link, updated string
	}{
		{"done", "T2 Xây dựng cơ sở dữ liệu: hoàn thành ngày 10/5/2024, sau thời hạn 31/3/2024", "https://x.gov.vn/tien-do/plans/ke-hoach-1/#task-T2", "2024-05-10T00:00:00+07:00"},
		{"done", "T1 Ban hành chỉ thị: hoàn thành ngày 11/02/2024, đúng thời hạn 28/02/2024", "https://x.gov.vn/tien-do/plans/ke-hoach-1/#task-T1", "2024-02-11T00:00:00+07:00"},
		{"new", "Hồ sơ được số hóa, Quý I/2024: hơn 2,7 triệu hồ sơ", "https://x.gov.vn/tien-do/metrics/ho-so/", "2024-03-31T00:00:00+07:00"},
		{"new", "Tỷ lệ hồ sơ trực tuyến, Quý I/2024: 96,5%, +2,3 điểm % so với kỳ trước", "https://x.gov.vn/tien-do/metrics/ty-le/", "2024-03-31T00:00:00+07:00"},
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		if ids[e.ID] {
			t.Errorf("two entries with id %s", e.ID)
		}
		ids[e.ID] = true
	}
	for _, tt := range tests {
		found := false
		for _, e := range f.Entries {
			if e.Title == tt.title {
				found = true
				if e.Category.Term != tt.kind || e.Link.Href != tt.link || e.Updated != tt.updated {
					t.Errorf("%s: kind %s link %s updated %s; want %s %s %s", tt.title, e.Category.Term, e.Link.Href, e.Updated, tt.kind, tt.link, tt.updated)
				}
			}
		}
		if !found {
			t.Errorf("no entry %q in\n%s", tt.title, feed)
		}
	}
	for i := 1; i < len(f.Entries); i++ {
		if f.Entries[i].Updated > f.Entries[i-1].Updated {
			t.Errorf("entry %d (%s) is newer than the one before it", i, f.Entries[i].Updated)
		}
	}
	if home := get(t, mem, "index.html"); !strings.Contains(home, `<link rel="alternate" type="application/atom+xml" title="Thay đổi trong kế hoạch và số liệu" href="changes.xml">`) {
		t.Errorf("the home page does not link changes.xml from its head")
	}
}

// TestBulletinKeepsFigureAfterRevision: a bulletin keeps the figure it
// printed on its date after a later revision, with a note linking to the
// metric's revision history; the metric page shows the latest figure and
// the history. On the fixture site (revised here) and on the example site
// (whose records-digitized carries an illustrative revision).
func TestBulletinKeepsFigureAfterRevision(t *testing.T) {
	fixture := t.TempDir()
	if err := os.CopyFS(fixture, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	replaceIn(t, fixture, "content/data/metrics/ho-so.yaml", `note: "hơn 2,7 triệu"}`, `note: "hơn 2,7 triệu", revisions: [{date: 2024-05-01, value: 2750000, note: số liệu chính thức}]}`)
	tests := []struct {
		site, article, metric string
		asOf                  date.Date
		kept, later, latest   string
	}{
		{fixture, "articles/so-hoa-ho-so-quy-i-2024/index.html", "metrics/ho-so/index.html", asOf, "hơn 2,7 triệu hồ sơ", "sau đó điều chỉnh thành 2,75 triệu hồ sơ", "2,75 triệu hồ sơ"},
		{"../..", "articles/ban-chi-dao-chuyen-doi-so-bo-cong-an-danh-gia-ket-qua-quy-i-2024/index.html", "metrics/records-digitized/index.html", date.Date{Year: 2025, Month: 12, Day: 31}, "hơn 2,7 triệu hồ sơ", "sau đó điều chỉnh thành 2,75 triệu hồ sơ", "2,75 triệu hồ sơ"},
	}
	for _, tt := range tests {
		mem := output.NewMemory()
		if _, err := Build(Options{SiteDir: tt.site, AsOf: tt.asOf, Theme: bantin.Theme()}, mem); err != nil {
			t.Fatalf("%s: %v", tt.site, err)
		}
		page := html.UnescapeString(get(t, mem, tt.article))
		if !strings.Contains(page, ">"+tt.kept+"</data>") || !strings.Contains(page, tt.later) || !strings.Contains(page, "#revisions") {
			t.Errorf("%s: the bulletin does not keep %q with the note %q", tt.site, tt.kept, tt.later)
		}
		metric := html.UnescapeString(get(t, mem, tt.metric))
		for _, w := range []string{`id="revisions"`, "công bố lần đầu", tt.latest} {
			if !strings.Contains(metric, w) {
				t.Errorf("%s: the metric page lacks %q", tt.site, w)
			}
		}
	}
}

// TestExamplePlanShowsLightsAndMoves: the example plan page shows lights
// with their names, the rules, and the ledger of its (illustrative)
// moved deadlines with their basis; the plans list says how many moved.
func TestExamplePlanShowsLightsAndMoves(t *testing.T) {
	mem := output.NewMemory()
	if _, err := Build(Options{SiteDir: "../..", AsOf: asOf, Theme: bantin.Theme()}, mem); err != nil {
		t.Fatal(err)
	}
	plan := html.UnescapeString(get(t, mem, "plans/ke-hoach-829/index.html"))
	for _, w := range []string{
		`id="lights"`, `class="light l-green">Xanh</span>`, "Cách xác định đèn tín hiệu",
		`id="moves"`, "Văn bản minh họa số 01/MH", "Văn bản minh họa số 03/MH (Ban Chỉ đạo (minh họa), 24/6/2024)",
		"ban đầu: 31/12/2024", "Căn cứ",
	} {
		if !strings.Contains(plan, w) {
			t.Errorf("plan page lacks %q", w)
		}
	}
	if plans := html.UnescapeString(get(t, mem, "plans/index.html")); !strings.Contains(plans, "3 thời hạn đã điều chỉnh") {
		t.Errorf("plans list does not say how many deadlines moved")
	}
}

// TestNewestChangesLooksBackFarEnough: the feed's changes, found by
// looking back a month and then twice as far, are the newest of all time,
// with the keys wording every change gives them: on the example site (few
// changes: the window grows to its start) and on a generated site with
// years of daily values (the first month is enough).
func TestNewestChangesLooksBackFarEnough(t *testing.T) {
	daily := t.TempDir()
	var b strings.Builder
	b.WriteString("title: Lượt truy cập\nunit: lượt\nkind: flow\nperiod: day\nsource: {name: Bộ Công an}\nvalues:\n")
	d := date.Date{Year: 2021, Month: 1, Day: 1}
	for i := range 1200 {
		fmt.Fprintf(&b, "  - {period: %s, value: %d}\n", d.AddDays(i), 1000+i%37)
	}
	if err := os.CopyFS(daily, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(daily, "content/data/metrics/luot.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../..", daily} {
		s, err := Load(Options{SiteDir: dir, AsOf: date.Date{Year: 2024, Month: 6, Day: 30}, Theme: bantin.Theme()})
		if err != nil {
			t.Fatal(err)
		}
		figures := s.figures()
		all := figures.Changes(date.Date{}, s.AsOf)
		slices.SortStableFunc(all, func(a, b view.ChangeItem) int { return b.Date.Compare(a.Date) })
		all = all[:min(len(all), changesFeedSize)]
		if got := newestChanges(figures, s.AsOf); !reflect.DeepEqual(got, all) {
			t.Errorf("%s: the newest %d changes differ from the newest of all (%d and %d)", dir, changesFeedSize, len(got), len(all))
		}
	}
}
