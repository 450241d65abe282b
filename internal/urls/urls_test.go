package urls

import "testing"

func TestFileAndBack(t *testing.T) {
	for _, tt := range []struct{ url, file string }{
		{Home(), "index.html"},
		{Article("so-hoa"), "articles/so-hoa/index.html"},
		{Articles(1), "articles/index.html"},
		{Articles(3), "articles/page/3/index.html"},
		{Tag("de-an-06", 2), "tags/de-an-06/page/2/index.html"},
		{Plan("ke-hoach-829", "by-owner"), "plans/ke-hoach-829/by-owner/index.html"},
		{Metric("ho-so"), "metrics/ho-so/index.html"},
		{MetricCSV("ho-so"), "metrics/ho-so.csv"},
		{PlanCSV("ke-hoach-829"), "plans/ke-hoach-829.csv"},
		{PlanJSON("ke-hoach-829"), "plans/ke-hoach-829.json"},
		{PlanMovesCSV("ke-hoach-829"), "plans/ke-hoach-829/moves.csv"},
		{EmbedMetric("ho-so"), "embed/metrics/ho-so/index.html"},
		{EmbedPlan("ke-hoach-829"), "embed/plans/ke-hoach-829/index.html"},
		{Data(), "data/index.html"},
		{DataPackage, "datapackage.json"},
		{Search(), "search/index.html"},
		{SearchFile("index.json"), "search/index.json"},
		{Feed, "feed.xml"},
		{NotFound, "404.html"},
	} {
		if got := File(tt.url); got != tt.file {
			t.Errorf("File(%q) = %q, want %q", tt.url, got, tt.file)
		}
		if got := FromFile(tt.file); got != tt.url {
			t.Errorf("FromFile(%q) = %q, want %q", tt.file, got, tt.url)
		}
	}
	if PageOne("articles/") != "articles/page/1/" || Paged("tags/x/", 1) != "tags/x/" {
		t.Error("page 1 of a list is its base")
	}
}
