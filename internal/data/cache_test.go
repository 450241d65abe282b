package data

import (
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
)

// TestLoadCached: loading again with a cache gives what a plain load gives,
// decodes again only the file that changed, and keeps the errors of a
// file taken from the cache.
func TestLoadCached(t *testing.T) {
	fsys := fstest.MapFS{
		MetricsDir + "/a.yaml": {Data: []byte("title: A\nunit: hồ sơ\nkind: flow\nperiod: year\nvalues:\n  - {period: 2023, value: 1}\n")},
		MetricsDir + "/b.yaml": {Data: []byte("title: B\nunit: hồ sơ\nkind: flow\nperiod: year\nbogus: 1\nvalues:\n  - {period: 2023, value: 2}\n")},
	}
	asOf := date.Date{Year: 2024, Month: 1, Day: 1}
	cache := NewCache()
	load := func() (*Set, string) {
		var errs diag.List
		s := LoadCached(fsys, "", &errs, cache)
		s.Validate(asOf, &errs)
		return s, errs.Error()
	}
	first, errs1 := load()
	fsys[MetricsDir+"/a.yaml"] = &fstest.MapFile{Data: []byte("title: A2\nunit: hồ sơ\nkind: flow\nperiod: year\nvalues:\n  - {period: 2023, value: 5}\n")}
	second, errs2 := load()
	if errs1 != errs2 || errs2 == "" {
		t.Errorf("errors changed or were lost: %q then %q", errs1, errs2)
	}
	if second.Metrics["b"] != first.Metrics["b"] {
		t.Error("the unchanged file was decoded again")
	}
	if second.Metrics["a"] == first.Metrics["a"] || second.Metrics["a"].Title != "A2" || second.Metrics["a"].Values[0].Value != 5 {
		t.Errorf("the changed file was not decoded again: %+v", second.Metrics["a"])
	}
	var plain diag.List
	p := Load(fsys, "", &plain)
	p.Validate(asOf, &plain)
	if plain.Error() != errs2 || p.Metrics["a"].Title != "A2" {
		t.Errorf("a plain load differs: %q", plain.Error())
	}
}
