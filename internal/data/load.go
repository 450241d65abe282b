package data

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/source"
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

// MaxIDLength caps an id's length. An id becomes a URL segment and file
// names (metrics/<id>.csv, metrics/<id>/index.html); file systems refuse
// names past 255 bytes, so a longer id would pass check and then fail the
// build with "file name too long".
const MaxIDLength = 100

// Load reads every plan and metric file under fsys. Decoding errors go to
// errs; the files are kept anyway, so Validate can report their other
// problems in the same run. prefix is how the user named the site
// directory, so errors read as paths they can open.
//
// Files are read and decoded in parallel, one worker per CPU, each file
// into its own error list; the results are then merged in file-name order,
// plans first, so the set, the duplicate-id errors and the error output
// are the same whatever order the workers finish in.
func Load(fsys fs.FS, prefix string, errs *diag.List) *Set {
	return LoadCached(fsys, prefix, errs, nil)
}

// Cache remembers what each data file decoded to, by its bytes, so that
// loading the data again after one file changed (the preview server does,
// after every save of a plan or metric) decodes only that file. The
// decoded plans and metrics are shared between loads: nothing changes
// them after Validate.
type Cache struct {
	mu    sync.Mutex
	files map[string]cachedFile
}

type cachedFile struct {
	sum    uint64
	plan   *Plan
	metric *Metric
	errs   []*diag.Error

	// csv is the CSV file a metric's values came from ("" when none), and
	// csvSum the hash of its bytes: an edit to the CSV alone must decode
	// the metric again, though its YAML is unchanged.
	csv    string
	csvSum uint64
}

// fresh reports whether the CSV file the cached metric read (if any) still
// holds the bytes it read.
func (c *cachedFile) fresh(fsys fs.FS) bool {
	if c.csv == "" {
		return true
	}
	b, err := source.ReadFile(fsys, c.csv, source.MaxData)
	return err == nil && versionOf(b) == c.csvSum
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cachedFile{}} }

// LoadCached is Load, taking unchanged files from cache (nil: none) and
// recording the others in it.
func LoadCached(fsys fs.FS, prefix string, errs *diag.List, cache *Cache) *Set {
	plans := dataFiles(fsys, PlansDir, prefix, errs)
	metrics := dataFiles(fsys, MetricsDir, prefix, errs)
	files := append(plans, metrics...)
	type result struct {
		plan   *Plan
		metric *Metric
		errs   diag.List
	}
	results := make([]result, len(files))
	work := func(i int) {
		f, r := &files[i], &results[i]
		src, err := source.ReadFile(fsys, f.name, source.MaxData)
		sum := versionOf(src)
		if cache != nil && err == nil {
			cache.mu.Lock()
			c, ok := cache.files[f.display]
			cache.mu.Unlock()
			if ok && c.sum == sum && (c.plan != nil) == (i < len(plans)) && c.fresh(fsys) {
				r.plan, r.metric = c.plan, c.metric
				for _, e := range c.errs {
					r.errs.Add(e)
				}
				return
			}
		}
		if i < len(plans) {
			r.plan = &Plan{ID: f.id, File: f.display, Sum: sum}
		} else {
			r.metric = &Metric{ID: f.id, File: f.display, Sum: sum}
		}
		var csvName string
		var csvSrc []byte
		switch {
		case err != nil && source.IsRefused(err):
			r.errs.Errorf(diag.Pos{File: f.display}, "", "%v", err)
		case err != nil:
			r.errs.Errorf(diag.Pos{File: f.display}, "", "cannot read: %v", err)
		case r.plan != nil:
			yamlx.DecodeFile(f.display, src, 0, r.plan, &r.errs)
			r.plan.decodeBases(&r.errs)
		default:
			csvName, csvSrc = r.metric.decode(fsys, prefix, src, &r.errs)
			if csvSrc != nil {
				r.metric.Sum = versionOf(src, []byte(csvName), csvSrc)
			}
		}
		// A metric whose CSV could not be read is not kept: the file may
		// appear, or become readable, with the YAML unchanged.
		if cache != nil && err == nil && (csvName == "" || csvSrc != nil) {
			cache.mu.Lock()
			cache.files[f.display] = cachedFile{sum: sum, plan: r.plan, metric: r.metric, errs: r.errs.Errors(), csv: csvName, csvSum: versionOf(csvSrc)}
			cache.mu.Unlock()
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				work(i)
			}
		})
	}
	wg.Wait()

	s := NewSet()
	for i, f := range files {
		r := &results[i]
		errs.Add(&r.errs)
		if r.plan != nil {
			if prev, dup := s.Plans[f.id]; dup || f.id == "" {
				if dup {
					errs.Errorf(diag.Pos{File: f.display}, "", "plan id %q is already used by %s", f.id, prev.File)
				}
				s.unlistedPlans = append(s.unlistedPlans, r.plan)
				continue
			}
			s.Plans[f.id] = r.plan
			continue
		}
		if prev, dup := s.Metrics[f.id]; dup || f.id == "" {
			if dup {
				errs.Errorf(diag.Pos{File: f.display}, "", "metric id %q is already used by %s", f.id, prev.File)
			}
			s.unlistedMetrics = append(s.unlistedMetrics, r.metric)
			continue
		}
		s.Metrics[f.id] = r.metric
	}
	return s
}

type dataFile struct {
	id      string // "" when the file name is not a valid id
	name    string // the path in fsys
	display string // the path as the user named it, for errors
}

// dataFiles lists the YAML files directly inside dir, sorted by name. Each
// entry must be what its place promises: a YAML file must be a regular
// file, and a link, a directory or a special file (FIFO, socket, device)
// is an error rather than something followed or passed over in silence.
// Other regular files (a README, .gitkeep) are left alone.
func dataFiles(fsys fs.FS, dir, prefix string, errs *diag.List) []dataFile {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs.Errorf(diag.Pos{File: filepath.Join(prefix, filepath.FromSlash(dir))}, "", "cannot list: %v", err)
		}
		return nil
	}
	var out []dataFile
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		display := filepath.Join(prefix, filepath.FromSlash(dir), name)
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			errs.Errorf(diag.Pos{File: display}, "", "is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)")
			continue
		case t.IsDir():
			errs.Errorf(diag.Pos{File: display}, "", "is a directory; %s holds files only (sub-directories are not read)", dir)
			continue
		case !t.IsRegular():
			// Worded as every other input refused for its kind.
			if _, err := source.Check(fsys, path.Join(dir, name), source.MaxData); err != nil {
				errs.Errorf(diag.Pos{File: display}, "", "%v", err)
			} else {
				errs.Errorf(diag.Pos{File: display}, "", "is not a regular file; bantin reads only regular files")
			}
			continue
		case ext != ".yaml" && ext != ".yml":
			continue
		}
		id := strings.TrimSuffix(name, ext)
		switch {
		case len(id) > MaxIDLength:
			errs.Errorf(diag.Pos{File: display}, "", "file name is %d characters before %s; an id is at most %d, as it becomes URLs and file names (metrics/<id>.csv)", len(id), ext, MaxIDLength)
			id = ""
		case !validID.MatchString(id):
			errs.Errorf(diag.Pos{File: display}, "", "file name %q is not a valid id: use lower-case ASCII letters, digits and dashes, like ke-hoach-829.yaml", name)
			id = ""
		}
		out = append(out, dataFile{id: id, name: path.Join(dir, name), display: display})
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

// Find returns the metric's value for period p, or the first one when a
// period is listed twice (an error Validate reports). Metric pages look up
// every row, so a scan would make a daily series of decades quadratic:
// Find uses an index from period to position, built on first use (safe
// for concurrent readers) and rebuilt by Validate after it sorts. An index
// gone stale because Values changed afterwards is caught by checking the
// value found, and Find then scans, so it is never wrong.
func (m *Metric) Find(p period.Period) (Value, bool) {
	m.index.once.Do(m.buildIndex)
	if x := &m.index; !x.stale(m.Values) {
		i, ok := x.at[p]
		if !ok {
			return Value{}, false
		}
		if m.Values[i].Period == p {
			return m.Values[i], true
		}
	}
	for _, v := range m.Values {
		if v.Period == p {
			return v, true
		}
	}
	return Value{}, false
}

// metricIndex maps each period of a metric to its first position.
type metricIndex struct {
	once sync.Once
	at   map[period.Period]int
	n    int    // len(Values) when built
	ptr  *Value // &Values[0] when built, to notice a new slice
}

func (x *metricIndex) stale(vs []Value) bool {
	return len(vs) != x.n || (len(vs) > 0 && &vs[0] != x.ptr)
}

func (m *Metric) buildIndex() {
	at := make(map[period.Period]int, len(m.Values))
	for i, v := range m.Values {
		if _, dup := at[v.Period]; !dup {
			at[v.Period] = i
		}
	}
	m.index.at, m.index.n = at, len(m.Values)
	if len(m.Values) > 0 {
		m.index.ptr = &m.Values[0]
	}
}

// reindex rebuilds the index now, for Validate after it reorders Values
// in place (which keeps the slice, so Find could not tell); it must not
// run while others read the metric.
func (m *Metric) reindex() {
	m.index = metricIndex{}
	m.index.once.Do(m.buildIndex)
}

// versionOf is the version of a data file's bytes (Plan.Sum, Metric.Sum):
// stable across runs, so a build can tell which files changed. A metric
// whose values are in a CSV file hashes its YAML, the CSV's name and the
// CSV's bytes, each part with its length first, so no two different
// inputs run together into the same bytes.
func versionOf(parts ...[]byte) uint64 {
	var h graph.Hasher
	if len(parts) == 1 {
		h.Write(parts[0])
		return h.Sum64()
	}
	for _, b := range parts {
		var n [8]byte
		for i := range n {
			n[i] = byte(uint64(len(b)) >> (8 * i))
		}
		h.Write(n[:])
		h.Write(b)
	}
	return h.Sum64()
}
