package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/output"
)

// hoSoCSV is the values of testdata/site's ho-so.yaml, as a spreadsheet
// exports them.
const hoSoCSV = "period,value,approx,note\n2023-Q1,2484000,,\n2023-Q2,2500000,,\n2024-Q1,2700000,over,\"hơn 2,7 triệu\"\n"

// csvSite copies testdata/site into a new directory and moves the values
// of the ho-so metric into ho-so.csv beside it.
func csvSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	const metric = "content/data/metrics/ho-so.yaml"
	b, err := os.ReadFile(filepath.Join(dir, metric))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("values:"))
	if i < 0 {
		t.Fatal("ho-so.yaml has no values")
	}
	writeFile(t, dir, metric, string(b[:i])+"values: ho-so.csv\n")
	writeFile(t, dir, "content/data/metrics/ho-so.csv", hoSoCSV)
	return dir
}

// TestCSVMetricBuildsAsYAMLTwin: a metric whose values are kept in a CSV
// file builds the same site, byte for byte, as its YAML twin.
func TestCSVMetricBuildsAsYAMLTwin(t *testing.T) {
	yamlOut, csvOut := output.NewMemory(), output.NewMemory()
	if _, err := Build(Options{SiteDir: "testdata/site", AsOf: asOf, Theme: bantin.Theme()}, yamlOut); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{SiteDir: csvSite(t), AsOf: asOf, Theme: bantin.Theme()}, csvOut); err != nil {
		t.Fatal(err)
	}
	if _, ok := csvOut.Get("metrics/ho-so/index.html"); !ok {
		t.Fatal("no metric page for ho-so")
	}
	sameOutput(t, "CSV twin", csvOut, yamlOut)
}

// TestCSVEditRebuildsMetric: an edit to the CSV file alone (its YAML
// unchanged) changes the metric's page, in the preview's incremental
// update (the path serve's watcher reports) and in a build to disk that
// reuses the previous build's stamps; both equal a clean build.
func TestCSVEditRebuildsMetric(t *testing.T) {
	dir := csvSite(t)
	opts := Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, opts, out)
	s, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := s.RenderInto(context.Background(), mem); err != nil {
		t.Fatal(err)
	}
	before, _ := mem.Get("metrics/ho-so/index.html")
	changed := replaceIn(t, dir, "content/data/metrics/ho-so.csv", "2024-Q1,2700000,over", "2024-Q1,2750000,over")

	next := mem.Clone()
	st, err := s.Update(context.Background(), changed, next)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := next.Get("metrics/ho-so/index.html")
	if bytes.Equal(before, after) || !bytes.Contains(after, []byte("2.750.000")) {
		t.Errorf("the metric page did not change after the CSV edit (%d outputs rendered: %v)", st.Rendered, st.Changed)
	}
	if !slices.ContainsFunc(st.Changed, func(u string) bool { return bytes.Contains([]byte(u), []byte("metrics/ho-so/")) }) {
		t.Errorf("the metric page is not among the changed pages %v, so serve would not reload it", st.Changed)
	}
	full := output.NewMemory()
	if _, err := Build(opts, full); err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "CSV edit, incremental", next, full)

	if st := buildTo(t, opts, out); st.Rendered == 0 {
		t.Error("a build to disk after the CSV edit rendered nothing")
	}
	sameOutput(t, "CSV edit, disk", diskTree(t, out), full)
}
