package view

import (
	"html"
	"strings"
	"testing"
	"testing/fstest"

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

// rendering is a builder with the built-in theme, for what templates make.
func rendering(t *testing.T, lang string) *Builder {
	t.Helper()
	errs := &diag.List{}
	fsys := fstest.MapFS{
		"content/site.yaml":                         {Data: []byte("title: Tiến độ <thử>\nbaseURL: https://x.gov.vn/tien-do/\nlanguage: " + lang + "\ntimezone: Asia/Ho_Chi_Minh\nperPage: 10\n")},
		"content/data/metrics/lookup-requests.yaml": {Data: []byte(lookups + "source: {name: Bộ Công an}\n")},
		"content/data/metrics/online-share.yaml":    {Data: []byte(share)},
	}
	cfg := site.Load(fsys, "", errs)
	set := data.Load(fsys, "", errs)
	asOf := date.Date{Year: 2024, Month: 6, Day: 30}
	set.Validate(asOf, errs)
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

// TestChartToolbar: a chart shortcode writes the chart, its text
// alternative (named by the chart with aria-describedby), its table, and
// the toolbar: PNG and SVG buttons hidden until chart-tools.js shows them,
// CSV and JSON links, the citation in the page's language with the
// page's address and the data's date, and the embed code with its options.
func TestChartToolbar(t *testing.T) {
	tests := []struct {
		lang  string
		named map[string]string
		want  []string
	}{
		{"vi", nil, []string{
			`aria-describedby="metric_lookup_requests_l7-desc"`,
			`<p class="chart-desc" id="metric_lookup_requests_l7-desc">Tăng từ khoảng 1,28 tỷ (Quý I/2023) lên hơn 1,5 tỷ (Quý I/2024), +216 triệu; thấp nhất 0 (Quý II/2023); thiếu số liệu 2 kỳ.</p>`,
			`<span class="chart-images" hidden>Tải biểu đồ: <button type="button" class="chart-dl" data-chart="metric_lookup_requests_l7" data-format="png" data-name="lookup-requests"`,
			`data-format="svg"`,
			`<a href="../../metrics/lookup-requests.csv" download>CSV</a> · <a href="../../metrics/lookup-requests.json" download>JSON</a>`,
			`<p class="cite-text" id="metric_lookup_requests_l7-cite">Yêu cầu tra cứu. Tiến độ <thử>, nguồn: Bộ Công an. Số liệu đến Quý I/2024. https://x.gov.vn/tien-do/articles/a/</p>`,
			`<button type="button" class="chart-copy" data-copy="metric_lookup_requests_l7-cite" data-done="Đã sao chép" hidden>Sao chép</button>`,
			`<iframe src="https://x.gov.vn/tien-do/embed/metrics/lookup-requests/" title="Yêu cầu tra cứu" width="100%" height="470" style="border:0" loading="lazy"></iframe>`,
			`<a href="../../embed/metrics/lookup-requests/">Mở trang nhúng</a>`,
			`"Quý I/2023"`, // axis labels read like the page
		}},
		{"en", map[string]string{"type": "line", "from": "2023-Q2", "height": "400"}, []string{
			`Rose from 0 in Q2 2023 to over 1.5 billion in Q1 2024, +1.5 billion; no data for 2 periods.`,
			`<p class="cite-text" id="metric_lookup_requests_l7-cite">Yêu cầu tra cứu. Tiến độ <thử>, source: Bộ Công an. Data as of Q1 2024. https://x.gov.vn/tien-do/articles/a/</p>`,
			`<iframe src="https://x.gov.vn/tien-do/embed/metrics/lookup-requests/?type=line&amp;from=2023-Q2&amp;height=400" title="Yêu cầu tra cứu" width="100%" height="550"`,
			`<a href="../../embed/metrics/lookup-requests/?type=line&amp;from=2023-Q2&amp;height=400">Open the embed page</a>`,
			`"height":400`,
			`"keys":["2023-Q2","2024-Q1"]`,
		}},
	}
	for _, tc := range tests {
		b := rendering(t, tc.lang)
		n := &shortcode.Node{Call: &shortcode.Call{Name: "chart", Args: []string{"lookup-requests"}, Named: tc.named, Line: 7}, Block: true}
		out, _, err := b.Resolve(&content.Article{Slug: "a"}, n)
		if err != nil {
			t.Fatalf("%s: %v", tc.lang, err)
		}
		// Text is compared unescaped (html/template writes + as &#43;),
		// except in the embed code, which must stay escaped to be code.
		got := string(out)
		plain := html.UnescapeString(got)
		for _, w := range tc.want {
			if !strings.Contains(plain, w) && !strings.Contains(got, w) {
				t.Errorf("%s %v: no %q in\n%s", tc.lang, tc.named, w, got)
			}
		}
		if strings.Contains(got, "<thử>") {
			t.Errorf("%s: the site title reached the page unescaped", tc.lang)
		}
	}
}

// TestChartHeightOption: the height a chart shortcode takes is the embed's
// option too; anything but a whole number of pixels in range is an error.
func TestChartHeightOption(t *testing.T) {
	b := builder(t, "vi")
	for _, h := range []string{"10", "9000", "abc", "300px", "-400"} {
		n := &shortcode.Node{Call: &shortcode.Call{Name: "chart", Args: []string{"lookup-requests"}, Named: map[string]string{"height": h}}, Block: true}
		_, _, err := b.Resolve(&content.Article{}, n)
		if err == nil || !strings.Contains(err.Error(), `height "`+h+`" is not a whole number of pixels from 160 to 800`) {
			t.Errorf("height=%s: error %v", h, err)
		}
	}
}

// TestEmbedQuery: the options travel to the embed page in a fixed order,
// so the same options give the same bytes.
func TestEmbedQuery(t *testing.T) {
	for _, tc := range []struct {
		o    chartOpts
		want string
	}{
		{chartOpts{}, ""},
		{chartOpts{seq: "l3"}, ""},
		{chartOpts{height: 400, typ: "bar"}, "?type=bar&height=400"},
	} {
		if got := tc.o.query(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.o, got, tc.want)
		}
	}
}

// TestBetween counts the periods a series skips, by arithmetic.
func TestBetween(t *testing.T) {
	b := builder(t, "vi")
	m := b.data.Metrics["lookup-requests"]
	if got := between(m.Values[1].Period, m.Values[2].Period); got != 2 {
		t.Errorf("between 2023-Q2 and 2024-Q1: %d, want 2", got)
	}
	if got := between(m.Values[0].Period, m.Values[1].Period); got != 0 {
		t.Errorf("between 2023-Q1 and 2023-Q2: %d, want 0", got)
	}
}

// TestMetricPageAndEmbedShareTheChart: a metric's page and its embed page
// show one chart, made once per build, but each cites its own page: the
// metric's page itself (no Page), the embed the metric's page — in
// whichever order the two are made, as a build's goroutines make them.
func TestMetricPageAndEmbedShareTheChart(t *testing.T) {
	for _, embedFirst := range []bool{true, false} {
		b := builder(t, "vi")
		var v *MetricView
		var e *EmbedView
		var err error
		if embedFirst {
			if e, err = b.MetricEmbed("lookup-requests"); err == nil {
				v, err = b.MetricView("lookup-requests")
			}
		} else {
			if v, err = b.MetricView("lookup-requests"); err == nil {
				e, err = b.MetricEmbed("lookup-requests")
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		if v.Chart.Cite == nil || v.Chart.Cite.Page != "" {
			t.Errorf("embed first %v: the metric page's chart cites %+v, want itself", embedFirst, v.Chart.Cite)
		}
		if e.Figure.Cite == nil || e.Figure.Cite.Page != "metrics/lookup-requests/" {
			t.Errorf("embed first %v: the embed's chart cites %+v, want the metric's page", embedFirst, e.Figure.Cite)
		}
		if e.Figure.Data != v.Chart.Data || &e.Figure.Rows[0] != &v.Chart.Rows[0] {
			t.Errorf("embed first %v: the two pages made the chart twice", embedFirst)
		}
	}
}
