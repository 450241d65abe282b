package build

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/urls"
)

// TestEmbedNodes: every metric and every plan has an embed page, outside
// the sitemap (Hidden), whose inputs are its full page's (the settings,
// the theme and its one data file), so that an edit of another file does
// not touch it; and the page is the chart alone: no site header or footer,
// the text alternative, the data table, the link back, the site's own
// scripts under its Content-Security-Policy.
func TestEmbedNodes(t *testing.T) {
	s, err := Load(Options{SiteDir: "testdata/site", AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	nodes := s.embedNodes(s.figures())
	var paths []string
	for _, n := range nodes {
		paths = append(paths, n.Path)
	}
	want := []string{
		urls.File(urls.EmbedMetric("ho-so")), urls.File(urls.EmbedMetric("ty-le")), urls.File(urls.EmbedPlan("ke-hoach-1")),
	}
	if !slices.Equal(paths, want) {
		t.Fatalf("embed pages %v, want %v", paths, want)
	}
	tests := []struct {
		path, dataKey, back, desc string
	}{
		{"embed/metrics/ho-so/index.html", "metric:ho-so", "https://x.gov.vn/tien-do/metrics/ho-so/", `<p class="chart-desc" id="metric_ho_so-desc">`},
		{"embed/metrics/ty-le/index.html", "metric:ty-le", "https://x.gov.vn/tien-do/metrics/ty-le/", `<p class="chart-desc" id="metric_ty_le-desc">`},
		{"embed/plans/ke-hoach-1/index.html", "plan:ke-hoach-1", "https://x.gov.vn/tien-do/plans/ke-hoach-1/", `-desc">`},
	}
	for i, tc := range tests {
		n := nodes[i]
		if n.Kind != graph.Hidden {
			t.Errorf("%s: kind %v, want Hidden (not in the sitemap)", n.Path, n.Kind)
		}
		var keys []string
		for _, in := range n.Inputs {
			keys = append(keys, in.Key)
		}
		if !slices.Equal(keys, []string{"site", "theme", tc.dataKey}) {
			t.Errorf("%s: inputs %v, want site, theme, %s", n.Path, keys, tc.dataKey)
		}
		b, err := n.Produce()
		if err != nil {
			t.Fatalf("%s: %v", n.Path, err)
		}
		page := string(b)
		for _, must := range []string{
			"<!DOCTYPE html>", `<meta http-equiv="Content-Security-Policy"`, `<meta name="description" content="`,
			`class="chart-canvas"`, `class="chart-data"`, tc.desc, `<table class="data">`, `<figure class="chart"`, "data-embed",
			`href="` + tc.back + `"`, `<link rel="canonical" href="` + tc.back + `">`,
			`src="../../../assets/chart-tools.js?v=`, `src="../../../assets/charts.js?v=`,
		} {
			if !strings.Contains(page, must) {
				t.Errorf("%s: no %q in\n%s", n.Path, must, page)
			}
		}
		for _, mustNot := range []string{`class="site-header"`, `class="site-footer"`, "<nav", "<script>"} {
			if strings.Contains(page, mustNot) {
				t.Errorf("%s: has %q: an embed has no site chrome and no inline script", n.Path, mustNot)
			}
		}
		// The chart-tools script comes before charts.js, so that the
		// embed's options narrow the data before it is drawn.
		if strings.Index(page, "chart-tools.js") > strings.Index(page, "charts.js") {
			t.Errorf("%s: chart-tools.js must load before charts.js", n.Path)
		}
		if again, _ := n.Produce(); string(again) != page {
			t.Errorf("%s: two productions differ", n.Path)
		}
	}
	// The plan's embed shows its progress over time, on a time axis.
	plan, _ := nodes[2].Produce()
	if !regexp.MustCompile(`"xAxis":\[\{"type":"time"`).Match(plan) {
		t.Errorf("plan embed: no time axis in\n%s", plan)
	}
}
