package build

import (
	"encoding/json"
	"strings"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/urls"
	"github.com/bantin/bantin/internal/view"
)

// The open-data catalogue: datapackage.json at the site root, a
// Frictionless Data Package (v1, the tabular profile) with one resource
// per CSV file the site publishes (each metric's, each plan's tasks and
// moved deadlines), each with its Table Schema; and the data/ page, the
// same list for people. Both are made from the same list (datasets), so
// they cannot disagree.

// DataPackage is datapackage.json.
type DataPackage struct {
	Profile     string           `json:"profile"`
	Name        string           `json:"name"`
	Title       string           `json:"title"`
	Description string           `json:"description,omitempty"`
	Homepage    string           `json:"homepage"`
	Licenses    []PackageLicense `json:"licenses,omitempty"`
	Sources     []PackageSource  `json:"sources,omitempty"`
	Resources   []Resource       `json:"resources"`
}

// PackageLicense is a licence as the Data Package specification has it.
type PackageLicense struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

// PackageSource is where data comes from: a metric's or a plan's source.
type PackageSource struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Resource is one CSV file of the package.
type Resource struct {
	Profile     string           `json:"profile"`
	Name        string           `json:"name"`
	Path        string           `json:"path"` // relative to datapackage.json, which is at the site root
	Title       string           `json:"title"`
	Description string           `json:"description,omitempty"`
	Format      string           `json:"format"`
	Mediatype   string           `json:"mediatype"`
	Encoding    string           `json:"encoding"`
	Sources     []PackageSource  `json:"sources,omitempty"`
	Schema      view.TableSchema `json:"schema"`
}

// Dataset is one metric or plan on the data/ page, with its files.
type Dataset struct {
	Title, Page string // the dataset's title and its page (site-relative)
	CSV, JSON   string // its files (site-relative)
	Moves       string // a plan's moved-deadlines CSV; empty for a metric
	Source      *data.Source
}

// DataIndex is what data.html receives.
type DataIndex struct {
	Metrics, Plans []Dataset
	License        *PackageLicense // nil when the site declares none
	Package        string          // datapackage.json, site-relative
	AsOf           string          // the day the plans' files are as of, formatted
}

// Resource names are the dataset's kind and id; ids hold no ".", so no
// two can meet.
func metricResource(id string) string { return "metric-" + id }
func planResource(id string) string   { return "plan-" + id }
func movesResource(id string) string  { return "moves-" + id }

// dataPackage makes datapackage.json: resources in the order of the data
// page (metrics, then plans, each by id), the package's sources those of
// its resources, each once, in that order.
func (s *Site) dataPackage() ([]byte, error) {
	L := s.Locale
	asOf := L.Date(s.AsOf)
	dp := DataPackage{
		Profile:     "tabular-data-package",
		Name:        packageName(s.Config.Base.Host + s.Config.Base.Path),
		Title:       s.siteTitle(),
		Description: s.siteDescription(),
		Homepage:    s.Config.AbsURL(""),
		Resources:   []Resource{},
	}
	if l := s.license(); l != nil {
		dp.Licenses = []PackageLicense{*l}
	}
	seen := map[PackageSource]bool{}
	sources := func(src *data.Source) []PackageSource {
		if src == nil {
			return nil
		}
		ps := PackageSource{Title: src.Name, Path: src.URL}
		if !seen[ps] {
			seen[ps] = true
			dp.Sources = append(dp.Sources, ps)
		}
		return []PackageSource{ps}
	}
	csv := func(name, path, title, desc string, src *data.Source, schema view.TableSchema) Resource {
		return Resource{Profile: "tabular-data-resource", Name: name, Path: path, Title: title, Description: desc,
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8", Sources: sources(src), Schema: schema}
	}
	for _, id := range s.Data.MetricIDs() {
		m := s.Data.Metrics[id]
		dp.Resources = append(dp.Resources, csv(metricResource(id), urls.MetricCSV(id), m.Title, m.Description, m.Source, view.MetricSchema(m, L)))
	}
	for _, id := range s.Data.PlanIDs() {
		p := s.Data.Plans[id]
		dp.Resources = append(dp.Resources,
			csv(planResource(id), urls.PlanCSV(id), p.Title, L.Tf("data.res.plan", asOf), p.Source, view.PlanSchema(L)),
			csv(movesResource(id), urls.PlanMovesCSV(id), p.Title, L.Tf("data.res.moves", asOf), p.Source, view.MovesSchema(planResource(id), L)))
	}
	b, err := json.MarshalIndent(dp, "", "  ")
	return append(b, '\n'), err
}

// license is the site's licence in the package's terms; nil when none.
func (s *Site) license() *PackageLicense {
	l := s.Config.License
	if l == nil {
		return nil
	}
	return &PackageLicense{Name: l.Name, Path: l.Path, Title: l.Title}
}

// packageName makes the package's name from where the site lives
// ("example.gov.vn/tien-do/" → "example-gov-vn-tien-do"): a name should
// not change when the site's title does, and the address is what names a
// site. Only what the specification allows in a name is kept.
func packageName(where string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(where) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "site"
	}
	return b.String()
}

// dataIndex is the data/ page's list.
func (s *Site) dataIndex() DataIndex {
	d := DataIndex{License: s.license(), Package: urls.DataPackage, AsOf: s.Locale.Date(s.AsOf)}
	for _, id := range s.Data.MetricIDs() {
		m := s.Data.Metrics[id]
		d.Metrics = append(d.Metrics, Dataset{Title: m.Title, Page: urls.Metric(id), CSV: urls.MetricCSV(id), JSON: urls.MetricJSON(id), Source: m.Source})
	}
	for _, id := range s.Data.PlanIDs() {
		p := s.Data.Plans[id]
		d.Plans = append(d.Plans, Dataset{Title: p.Title, Page: urls.Plan(id, ""), CSV: urls.PlanCSV(id), JSON: urls.PlanJSON(id), Moves: urls.PlanMovesCSV(id), Source: p.Source})
	}
	return d
}

// catalogueNodes are datapackage.json and the data/ page. Both list every
// dataset, with its title and source, so they depend on all the data; and
// on the settings (the licence, the title, the as-of day, the language of
// the descriptions). The page depends on the theme too.
func (s *Site) catalogueNodes() []*graph.Node {
	in := []graph.Input{s.siteInput(), s.allData()}
	nodes := []*graph.Node{{Path: urls.DataPackage, Kind: graph.Data, Key: "datapackage", Inputs: in, Produce: s.dataPackage}}
	nodes = append(nodes, s.htmlNode(graph.Page, "data", urls.Data(), s.Locale.T("data.title"), "data", "data.html",
		[]graph.Input{s.siteInput(), s.themeInput(), s.allData()}, func(pg *render.Page) error {
			pg.Data = s.dataIndex()
			return nil
		}))
	return nodes
}
