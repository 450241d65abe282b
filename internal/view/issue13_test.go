package view

import (
	"html"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/shortcode"
	"github.com/bantin/bantin/internal/site"
)

// The site of these tests: a plan whose deadlines move (with the
// documents behind the moves) and a metric revised after a bulletin.
const movesPlan = `title: Kế hoạch thử
issued: 2024-01-01
basis: {doc: 1/QĐ-BCĐ, date: 2024-01-01, by: Ban Chỉ đạo, url: "https://example.gov.vn/qd-1"}
tasks:
  - id: A
    title: Việc đã lùi hạn
    owner: Cục A
    kind: scheduled
    due: 2024-03-31
    basis: Kế hoạch 5/KH
    updates:
      - {date: 2024-02-01, status: in-progress, progress: 50, basis: Báo cáo 7/BC}
      - {date: 2024-03-20, due: 2024-06-30, basis: "Công văn 123/BCA-V01", note: lùi theo đề nghị}
  - id: B
    title: Việc lùi hai lần
    owner: Cục A
    kind: scheduled
    due: 2024-04-30
    updates:
      - {date: 2024-04-01, due: 2024-07-31}
      - {date: 2024-05-01, due: 2024-09-30}
  - id: C
    title: Việc quá hạn
    owner: Cục B
    kind: scheduled
    due: 2024-02-29
  - id: D
    title: Việc thường xuyên
    kind: recurring
  - id: E
    title: Việc xong đúng hạn
    owner: Cục B
    kind: scheduled
    due: 2024-05-31
    updates:
      - {date: 2024-05-02, status: done}
`

const revisedMetric = `title: Hồ sơ số hóa
unit: hồ sơ
kind: flow
period: quarter
source: {name: Bộ Công an}
values:
  - {period: 2023-Q4, value: 2500000}
  - period: 2024-Q1
    value: 2700000
    approx: over
    revisions:
      - {date: 2024-07-15, value: 2750000, note: số liệu chính thức, basis: Báo cáo 9/BC}
`

// movesBuilder is a builder for the site above as of asOf, with the
// built-in theme (for the fragments shortcodes render).
func movesBuilder(t *testing.T, lang string, asOf date.Date) *Builder {
	t.Helper()
	errs := &diag.List{}
	fsys := fstest.MapFS{
		"content/site.yaml":                  {Data: []byte("title: Thử\nbaseURL: https://x.gov.vn/\nlanguage: " + lang + "\n")},
		"content/data/plans/ke-hoach.yaml":   {Data: []byte(movesPlan)},
		"content/data/metrics/records.yaml":  {Data: []byte(revisedMetric)},
		"content/data/metrics/share.yaml":    {Data: []byte(share)},
		"content/data/metrics/lookup-r.yaml": {Data: []byte(lookups)},
	}
	cfg := site.Load(fsys, "", errs)
	set := data.Load(fsys, "", errs)
	// Checked as of the end of the year, so that pages of an earlier day
	// can be made of the same data (a real build as of that day would
	// refuse the later revision).
	set.Validate(day(2024, 12, 31), errs)
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	L, err := locale.New(lang)
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(cfg, L, bantin.Theme(), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	return New(cfg, L, set, asOf, r)
}

func day(y, m, d int) date.Date { return date.Date{Year: y, Month: time.Month(m), Day: d} }

// TestPlanViewLightsAndMoves checks the plan page's task rows (current
// deadline as of the page's date, the original beside a moved one, the
// light with its reason in words), its counts of lights per plan and per
// owner, its ledger of moves with their basis, and the printed rules.
func TestPlanViewLightsAndMoves(t *testing.T) {
	b := movesBuilder(t, "vi", day(2024, 6, 15))
	v, err := b.PlanView("ke-hoach", "")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]TaskRow{}
	for _, r := range v.Tasks {
		rows[r.ID] = r
	}
	tests := []struct {
		id, due, original     string
		moves                 int
		light, label, reason  string
		basis, updateBasisDoc string
	}{
		{"A", "30/6/2024", "31/3/2024", 1, "amber", "Vàng", "còn 15 ngày đến hạn", "Kế hoạch 5/KH", "Báo cáo 7/BC"},
		{"B", "30/9/2024", "30/4/2024", 2, "amber", "Vàng", "thời hạn đã điều chỉnh 2 lần", "", ""},
		{"C", "29/02/2024", "", 0, "red", "Đỏ", "quá hạn 107 ngày", "", ""},
		{"D", "", "", 0, "grey", "Xám", "nhiệm vụ thường xuyên", "", ""},
		{"E", "31/5/2024", "", 0, "green", "Xanh", "hoàn thành đúng hạn", "", ""},
	}
	for _, tt := range tests {
		r, ok := rows[tt.id]
		if !ok {
			t.Fatalf("no row %s", tt.id)
		}
		if r.Due != tt.due || r.OriginalDue != tt.original || r.Moves != tt.moves {
			t.Errorf("%s: due %q original %q moves %d, want %q %q %d", tt.id, r.Due, r.OriginalDue, r.Moves, tt.due, tt.original, tt.moves)
		}
		if r.Light.Light != tt.light || r.Light.Label != tt.label || !strings.Contains(r.Light.Reason, tt.reason) {
			t.Errorf("%s: light %+v, want %s %s %q", tt.id, r.Light, tt.light, tt.label, tt.reason)
		}
		if got := docOf(r.Basis); got != tt.basis {
			t.Errorf("%s: basis %q, want %q", tt.id, got, tt.basis)
		}
		if got := docOf(r.UpdateBasis); got != tt.updateBasisDoc {
			t.Errorf("%s: update basis %q, want %q", tt.id, got, tt.updateBasisDoc)
		}
	}
	if got := counts(v.Lights); got != "Đỏ=1 Vàng=2 Xanh=1 Xám=1" {
		t.Errorf("lights %s", got)
	}
	if v.Basis == nil || v.Basis.Doc != "1/QĐ-BCĐ" || v.Basis.By != "Ban Chỉ đạo" || v.Basis.Date != "01/01/2024" || v.Basis.URL == "" {
		t.Errorf("plan basis %+v", v.Basis)
	}
	owners := map[string][]string{}
	for _, r := range v.LightsByOwner {
		owners[r.Label] = r.Cells
	}
	for owner, want := range map[string]string{"Cục A": "2 0 2 0 0", "Cục B": "2 1 0 1 0", "Chưa xác định đơn vị": "1 0 0 0 1"} {
		if got := strings.Join(owners[owner], " "); got != want {
			t.Errorf("lights of %s: %s, want %s (total, red, amber, green, grey)", owner, got, want)
		}
	}
	var ledger []string
	for _, m := range v.Moves {
		ledger = append(ledger, m.TaskID+" "+m.From+"→"+m.To+" "+m.Days+" "+docOf(m.Basis)+" "+m.Date)
	}
	want := []string{
		"A 31/3/2024→30/6/2024 +91 ngày Công văn 123/BCA-V01 20/3/2024",
		"B 30/4/2024→31/7/2024 +92 ngày  01/4/2024",
		"B 31/7/2024→30/9/2024 +61 ngày  01/5/2024",
	}
	if strings.Join(ledger, "\n") != strings.Join(want, "\n") {
		t.Errorf("ledger\n%s\nwant\n%s", strings.Join(ledger, "\n"), strings.Join(want, "\n"))
	}
	if len(v.Rules) != 4 || !strings.Contains(v.Rules[1].Text, "30 ngày") || !strings.Contains(v.Rules[1].Text, "quá 1 lần") || !strings.Contains(v.Rules[1].Text, "sau thời hạn") {
		t.Errorf("rules %+v", v.Rules)
	}
	if v.Summary.Moved != 2 || v.Summary.MovedText != "2 thời hạn đã điều chỉnh" {
		t.Errorf("summary moved %d %q", v.Summary.Moved, v.Summary.MovedText)
	}

	// Before the moves, the same page shows the first deadlines.
	early, err := movesBuilder(t, "en", day(2024, 3, 1)).PlanView("ke-hoach", "by-status")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range early.Tasks {
		if r.ID == "A" && (r.Due != "31 March 2024" || r.OriginalDue != "" || r.Moves != 0) {
			t.Errorf("A before its move: %+v", r)
		}
		if r.ID == "C" && (r.Light.Label != "Red" || r.Light.Reason != "overdue by 1 days") {
			t.Errorf("C the day after its deadline: %+v", r.Light)
		}
	}
	if len(early.Moves) != 0 || early.Summary.MovedText != "" {
		t.Errorf("moves before any: %+v %q", early.Moves, early.Summary.MovedText)
	}
}

func docOf(b *BasisView) string {
	if b == nil {
		return ""
	}
	return b.Doc
}

func counts(cs []LightCount) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.Label+"="+strconv.Itoa(c.Count))
	}
	return strings.Join(parts, " ")
}

// TestProgressShowsLights: the progress shortcode (and every plan
// summary) counts lights as of the article's date, each with its name.
func TestProgressShowsLights(t *testing.T) {
	b := movesBuilder(t, "vi", day(2024, 12, 31))
	tests := []struct {
		date date.Date
		want []string
	}{
		{day(2024, 3, 1), []string{`l-red">Đỏ</span> <strong>1</strong>`, `l-amber">Vàng</span> <strong>1</strong>`, `l-green">Xanh</span> <strong>2</strong>`}},
		{day(2024, 6, 15), []string{`l-amber">Vàng</span> <strong>2</strong>`, "2 thời hạn đã điều chỉnh", "#moves"}},
	}
	for _, tt := range tests {
		a := &content.Article{Slug: "bai", Date: tt.date}
		out, _, err := b.Resolve(a, &shortcode.Node{Call: &shortcode.Call{Name: "progress", Args: []string{"ke-hoach"}}, Block: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("progress as of %s lacks %q:\n%s", tt.date, w, out)
			}
		}
	}
}

// TestFiguresAsPublished: a bulletin shows a figure as known on its own
// date; one revised later gets a note linking to the metric's revision
// history; changes are computed from the figures known then.
func TestFiguresAsPublished(t *testing.T) {
	b := movesBuilder(t, "vi", day(2024, 12, 31))
	tests := []struct {
		date        date.Date
		name        string
		args        []string
		want        string
		revisedNote bool
	}{
		{day(2024, 4, 9), "metric", []string{"records", "2024-Q1"}, "hơn 2,7 triệu hồ sơ", true},
		{day(2024, 7, 14), "metric", []string{"records", "2024-Q1"}, "hơn 2,7 triệu hồ sơ", true},
		{day(2024, 7, 15), "metric", []string{"records", "2024-Q1"}, "2,75 triệu hồ sơ", false},
		{day(2024, 9, 1), "metric", []string{"records", "2024-Q1"}, "2,75 triệu hồ sơ", false},
		{day(2024, 4, 9), "change", []string{"records", "2024-Q1", "prev"}, "+200.000", false},
		{day(2024, 9, 1), "change", []string{"records", "2024-Q1", "prev"}, "+250.000", false},
	}
	for _, tt := range tests {
		a := &content.Article{Slug: "bai", Date: tt.date}
		out, _, err := b.Resolve(a, &shortcode.Node{Call: &shortcode.Call{Name: tt.name, Args: tt.args}})
		if err != nil {
			t.Fatalf("%s %v on %s: %v", tt.name, tt.args, tt.date, err)
		}
		got := html.UnescapeString(string(out))
		if !strings.Contains(got, ">"+tt.want+"<") {
			t.Errorf("%s %v on %s = %s, want %q", tt.name, tt.args, tt.date, got, tt.want)
		}
		note := strings.Contains(got, "sau đó điều chỉnh thành 2,75 triệu hồ sơ") && strings.Contains(got, `href="../../metrics/records/#revisions"`)
		if note != tt.revisedNote {
			t.Errorf("%s %v on %s: revised note %v, want %v:\n%s", tt.name, tt.args, tt.date, note, tt.revisedNote, got)
		}
	}
	// Pages as of a day before the revision do not know it.
	early := movesBuilder(t, "vi", day(2024, 7, 1))
	out, _, err := early.Resolve(&content.Article{Slug: "bai", Date: day(2024, 4, 9)}, &shortcode.Node{Call: &shortcode.Call{Name: "metric", Args: []string{"records", "2024-Q1"}}})
	if err != nil || strings.Contains(string(out), "revised") {
		t.Errorf("as of 01/7/2024: %s %v", out, err)
	}
}

// TestMetricRevisionHistory: the metric page lists every figure a revised
// value has had, and shows the latest as its latest value.
func TestMetricRevisionHistory(t *testing.T) {
	b := movesBuilder(t, "vi", day(2024, 12, 31))
	v, err := b.MetricView("records")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Revisions) != 1 {
		t.Fatalf("revisions %+v", v.Revisions)
	}
	g := v.Revisions[0]
	if g.Period != "Quý I/2024" || len(g.Versions) != 2 {
		t.Fatalf("group %+v", g)
	}
	first, rev := g.Versions[0], g.Versions[1]
	if !first.First || first.Date != "31/3/2024" || first.Value != "hơn 2.700.000 hồ sơ" {
		t.Errorf("first %+v", first)
	}
	if rev.First || rev.Date != "15/7/2024" || rev.Value != "2.750.000 hồ sơ" || rev.Note != "số liệu chính thức" || docOf(rev.Basis) != "Báo cáo 9/BC" {
		t.Errorf("revision %+v", rev)
	}
	if len(v.Stats) == 0 || v.Stats[0].Value != "2,75 triệu hồ sơ" {
		t.Errorf("latest %+v", v.Stats)
	}
	if other, _ := b.MetricView("share"); len(other.Revisions) != 0 {
		t.Errorf("unrevised metric has a history: %+v", other.Revisions)
	}
	// As of a day before the revision, there is no history yet.
	if v, _ := movesBuilder(t, "vi", day(2024, 7, 1)).MetricView("records"); len(v.Revisions) != 0 {
		t.Errorf("history before the revision: %+v", v.Revisions)
	}
}

// TestChangesShortcode checks the windows of {{< changes >}}: since the
// previous bulletin (by date, its day excluded), since a day (included),
// and with no bulletin before; each line with its figure.
func TestChangesShortcode(t *testing.T) {
	b := movesBuilder(t, "vi", day(2024, 12, 31)).WithBulletins([]date.Date{day(2024, 7, 20), day(2024, 3, 25), day(2024, 4, 9)})
	tests := []struct {
		name      string
		date      date.Date
		since     string
		want, not []string
	}{
		{"previous", day(2024, 7, 20), "previous", []string{
			"kể từ bản tin ngày 09/4/2024 đến ngày 20/7/2024",
			"E Việc xong đúng hạn", "hoàn thành ngày 02/5/2024, đúng thời hạn 31/5/2024",
			"B Việc lùi hai lần", "thời hạn chuyển từ 31/7/2024 sang 30/9/2024 (+61 ngày), ngày 01/5/2024",
			"A Việc đã lùi hạn", "quá thời hạn 30/6/2024, đến ngày của bản tin đã quá 20 ngày",
			"Hồ sơ số hóa, Quý I/2024", "điều chỉnh từ hơn 2,7 triệu hồ sơ thành 2,75 triệu hồ sơ ngày 15/7/2024; căn cứ Báo cáo 9/BC",
		}, []string{"Công văn 123"}},
		{"default is previous", day(2024, 4, 9), "", []string{
			"kể từ bản tin ngày 25/3/2024 đến ngày 09/4/2024", "Số liệu mới", "Hồ sơ số hóa, Quý I/2024", "hơn 2,7 triệu hồ sơ, +200.000 so với kỳ trước",
		}, []string{"2,75"}},
		{"no bulletin before", day(2024, 3, 1), "previous", []string{
			"Những thay đổi đến ngày 01/3/2024", "Nhiệm vụ mới quá hạn", "C Việc quá hạn", "quá thời hạn 29/02/2024, đến ngày của bản tin đã quá 1 ngày",
		}, nil},
		{"since a day, included", day(2024, 4, 9), "2024-03-20", []string{
			"từ ngày 20/3/2024 đến ngày 09/4/2024", "A Việc đã lùi hạn", "căn cứ Công văn 123/BCA-V01", `href="../../plans/ke-hoach/#task-A"`,
		}, nil},
		{"nothing changed", day(2024, 6, 10), "2024-06-01", []string{"Không có thay đổi nào"}, []string{"<h3>"}},
	}
	for _, tt := range tests {
		c := &shortcode.Call{Name: "changes"}
		if tt.since != "" {
			c.Named = map[string]string{"since": tt.since}
		}
		out, _, err := b.Resolve(&content.Article{Slug: "bai", Date: tt.date}, &shortcode.Node{Call: c, Block: true})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := html.UnescapeString(string(out))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", tt.name, w, got)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: has %q:\n%s", tt.name, w, got)
			}
		}
	}
}

// TestChangesShortcodeErrors: every bad use is an error in words (the
// engine adds the file, line and column).
func TestChangesShortcodeErrors(t *testing.T) {
	b := movesBuilder(t, "vi", day(2024, 12, 31))
	tests := []struct {
		args  []string
		named map[string]string
		block bool
		want  string
	}{
		{nil, nil, false, "changes must stand alone"},
		{nil, map[string]string{"since": "hôm qua"}, true, "want previous or a date"},
		{nil, map[string]string{"since": "2024-02-30"}, true, "since:"},
		{nil, map[string]string{"since": "2024-05-01"}, true, "since 2024-05-01 is after the article's date 2024-04-09"},
		{nil, map[string]string{"until": "2024-05-01"}, true, `unknown argument "until"`},
		{[]string{"previous", "x"}, nil, true, "too many arguments"},
	}
	for _, tt := range tests {
		n := &shortcode.Node{Call: &shortcode.Call{Name: "changes", Args: tt.args, Named: tt.named}, Block: tt.block}
		_, _, err := b.Resolve(&content.Article{Slug: "bai", Date: day(2024, 4, 9)}, n)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v %v: error %v, want %q", tt.args, tt.named, err, tt.want)
		}
	}
}

// TestPreviousBulletin: the latest bulletin strictly before a day.
func TestPreviousBulletin(t *testing.T) {
	b := (&Builder{}).WithBulletins([]date.Date{day(2024, 6, 1), day(2024, 1, 5), day(2024, 6, 1)})
	tests := []struct {
		day  date.Date
		want date.Date
		ok   bool
	}{
		{day(2024, 1, 5), date.Date{}, false},
		{day(2024, 1, 6), day(2024, 1, 5), true},
		{day(2024, 6, 1), day(2024, 1, 5), true},
		{day(2024, 6, 2), day(2024, 6, 1), true},
	}
	for _, tt := range tests {
		got, ok := b.PreviousBulletin(tt.day)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PreviousBulletin(%s) = %s, %v; want %s, %v", tt.day, got, ok, tt.want, tt.ok)
		}
	}
}
