// Package urls is the one place that knows where every output of a site
// lives: the URL of each kind of page, relative to the site root, and the
// file that serves it. Pages, templates, feeds, the sitemap and the
// preview server ask here, so moving a section is a change in one file,
// and a second language or a search index only adds functions.
//
// URLs are site-relative and never start with "/": "" is the home page,
// directories end in "/" ("articles/x/"), files do not ("feed.xml").
package urls

import (
	"strconv"
	"strings"
)

// Home is the home page.
func Home() string { return "" }

// Articles is page n (1-based) of the list of all bulletins.
func Articles(n int) string { return Paged("articles/", n) }

// Article is a bulletin's page.
func Article(slug string) string { return "articles/" + slug + "/" }

// Tags is the list of topics.
func Tags() string { return "tags/" }

// Tag is page n of a topic's bulletins.
func Tag(slug string, n int) string { return Paged("tags/"+slug+"/", n) }

// TagFeed is the Atom feed of a topic's bulletins, beside its first page.
func TagFeed(slug string) string { return "tags/" + slug + "/feed.xml" }

// Paged is page n of a list whose first page is base: base itself, then
// base+"page/2/", and so on.
func Paged(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// PageOne is the address "page/1/" of a list, kept as a redirect to base
// so that hand-edited links to it still work.
func PageOne(base string) string { return base + "page/1/" }

// Plans is the list of plans.
func Plans() string { return "plans/" }

// PlanSorts are the orders a plan's task table is offered in, each its
// own page so that it works without JavaScript: "" (as in the file),
// "by-owner", "by-status".
var PlanSorts = []string{"", "by-owner", "by-status"}

// Plan is a plan's page with its tasks in the given order (one of PlanSorts).
func Plan(id, sort string) string {
	if sort == "" {
		return "plans/" + id + "/"
	}
	return "plans/" + id + "/" + sort + "/"
}

// Metrics is the list of metrics.
func Metrics() string { return "metrics/" }

// Metric is a metric's page.
func Metric(id string) string { return "metrics/" + id + "/" }

// MetricCSV and MetricJSON are a metric's open-data files.
func MetricCSV(id string) string  { return "metrics/" + id + ".csv" }
func MetricJSON(id string) string { return "metrics/" + id + ".json" }

// PlanCSV and PlanJSON are a plan's open-data files: its tasks as of the
// build date (the JSON with their histories). PlanMovesCSV is the ledger
// of the plan's moved deadlines, beside the plan's page.
func PlanCSV(id string) string      { return "plans/" + id + ".csv" }
func PlanJSON(id string) string     { return "plans/" + id + ".json" }
func PlanMovesCSV(id string) string { return "plans/" + id + "/moves.csv" }

// EmbedMetric and EmbedPlan are the embed pages of a metric's chart and of
// a plan's progress chart: the chart alone, without the site's header and
// footer, for an <iframe> on another site.
func EmbedMetric(id string) string { return "embed/metrics/" + id + "/" }
func EmbedPlan(id string) string   { return "embed/plans/" + id + "/" }

// Data is the page that lists every open dataset of the site.
func Data() string { return "data/" }

// DataPackage is the catalogue of the open data (a Frictionless Data
// Package), at the site root where tools look for it.
const DataPackage = "datapackage.json"

// Search is the search page; with ?q=… it opens with that query's results.
func Search() string { return "search/" }

// SearchFile is a file of the search index, which lives beside the search
// page: SearchFile("index.json") = "search/index.json".
func SearchFile(name string) string { return "search/" + name }

// The site's single files.
const (
	Feed     = "feed.xml"
	Sitemap  = "sitemap.xml"
	Robots   = "robots.txt"
	NotFound = "404.html"
	// Changes is the Atom feed of changes to the record itself: tasks
	// done, newly overdue, deadlines moved, metric values new and revised.
	Changes = "changes.xml"
)

// Asset is a theme file, e.g. Asset("style.css") = "assets/style.css".
func Asset(name string) string { return "assets/" + name }

// File is the output file that serves url: a directory's index.html.
func File(url string) string {
	if url == "" || strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}

// FromFile is the URL a file is served at: the inverse of File.
func FromFile(file string) string {
	if file == "index.html" {
		return ""
	}
	if d, ok := strings.CutSuffix(file, "/index.html"); ok {
		return d + "/"
	}
	return file
}
