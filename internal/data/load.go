package data

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/yamlx"
)

// Where plans and metrics live, relative to the site directory.
const (
	PlansDir   = "content/data/plans"
	MetricsDir = "content/data/metrics"
)

// validID is the form a plan or metric id (its file name) must take: it
// becomes part of URLs and shortcodes, so it stays ASCII and lower case.
var validID = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

// Load reads every plan and metric file under fsys. Decoding errors go to
// errs; the files are kept anyway, so Validate can report their other
// problems in the same run. prefix is how the user named the site
// directory, so errors read as paths they can open.
func Load(fsys fs.FS, prefix string, errs *diag.List) *Set {
	s := NewSet()
	for _, f := range dataFiles(fsys, PlansDir, prefix, errs) {
		p := &Plan{ID: f.id, File: f.display}
		yamlx.DecodeFile(f.display, f.src, 0, p, errs)
		if prev, dup := s.Plans[f.id]; dup || f.id == "" {
			if dup {
				errs.Errorf(diag.Pos{File: f.display}, "", "plan id %q is already used by %s", f.id, prev.File)
			}
			s.unlistedPlans = append(s.unlistedPlans, p)
			continue
		}
		s.Plans[f.id] = p
	}
	for _, f := range dataFiles(fsys, MetricsDir, prefix, errs) {
		m := &Metric{ID: f.id, File: f.display}
		yamlx.DecodeFile(f.display, f.src, 0, m, errs)
		if prev, dup := s.Metrics[f.id]; dup || f.id == "" {
			if dup {
				errs.Errorf(diag.Pos{File: f.display}, "", "metric id %q is already used by %s", f.id, prev.File)
			}
			s.unlistedMetrics = append(s.unlistedMetrics, m)
			continue
		}
		s.Metrics[f.id] = m
	}
	return s
}

type dataFile struct {
	id      string // "" when the file name is not a valid id
	display string
	src     []byte
}

// dataFiles reads the YAML files directly inside dir, sorted by name.
func dataFiles(fsys fs.FS, dir, prefix string, errs *diag.List) []dataFile {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs.Errorf(diag.Pos{File: filepath.Join(prefix, filepath.FromSlash(dir))}, "", "%v", err)
		}
		return nil
	}
	var out []dataFile
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		display := filepath.Join(prefix, filepath.FromSlash(dir), name)
		src, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			errs.Errorf(diag.Pos{File: display}, "", "%v", err)
			continue
		}
		id := strings.TrimSuffix(name, ext)
		if !validID.MatchString(id) {
			errs.Errorf(diag.Pos{File: display}, "", "file name %q is not a valid id: use lower-case ASCII letters, digits and dashes, like ke-hoach-829.yaml", name)
			id = ""
		}
		out = append(out, dataFile{id: id, display: display, src: src})
	}
	return out
}

// PlanIDs returns the ids of every plan, sorted.
func (s *Set) PlanIDs() []string { return sortedKeys(s.Plans) }

// MetricIDs returns the ids of every metric, sorted.
func (s *Set) MetricIDs() []string { return sortedKeys(s.Metrics) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Find returns the metric's value for period p. Series are short, and a
// scan holds whether or not Validate has put the values in order.
func (m *Metric) Find(p period.Period) (Value, bool) {
	for _, v := range m.Values {
		if v.Period == p {
			return v, true
		}
	}
	return Value{}, false
}
