// Package build runs the stages in order — load, validate, derive, render,
// write — and owns nothing else: each stage lives in its own package, so
// the preview server can rerun just the ones a change touches.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/view"
)

// Options says what to build and how.
type Options struct {
	SiteDir string    // the site directory; "" means "."
	Drafts  bool      // include articles marked draft
	AsOf    date.Date // the day plans and metrics are shown as of; zero means today in the site's time zone
	Theme   fs.FS     // the built-in templates (package bantin's Theme)
	// LiveReload is the URL path of the reload script pages load in serve mode.
	LiveReload string
	// Progress, when set, is told how many pages are rendered out of how many.
	Progress func(done, total int)
	// Workers caps parallel rendering; 0 means one per CPU.
	Workers int
}

// Stats summarises a build.
type Stats struct {
	Pages    int // HTML pages
	Files    int // every file written, pages included
	Duration time.Duration
}

// Site is a site loaded and checked, ready to render.
type Site struct {
	Config   *site.Config
	Locale   *locale.Locale
	Data     *data.Set
	Articles []*content.Article
	AsOf     date.Date
	Static   []string // files under content/static, relative to it
	fsys     fs.FS
	prefix   string
	opts     Options
	renderer *render.Renderer
	markdown *content.Markdown
}

// Load reads and validates every input of the site. Content errors come
// back together as a *diag.List.
func Load(opts Options) (*Site, error) {
	dir := opts.SiteDir
	if dir == "" {
		dir = "."
	}
	prefix := dir
	if prefix == "." {
		prefix = ""
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("site directory %s does not exist", dir)
	}
	fsys := os.DirFS(dir)
	errs := &diag.List{}
	cfg := site.Load(fsys, prefix, errs)
	if cfg == nil {
		return nil, errs
	}
	loc, err := locale.New(cfg.Language)
	if err != nil {
		return nil, err
	}
	asOf := opts.AsOf
	if asOf.IsZero() {
		asOf = date.Today(cfg.Location)
	}
	s := &Site{Config: cfg, Locale: loc, AsOf: asOf, fsys: fsys, prefix: prefix, opts: opts}
	s.Data = data.Load(fsys, prefix, errs)
	s.Data.Validate(asOf, errs)
	s.Articles = content.Load(fsys, prefix, cfg.Location, opts.Drafts, errs)
	for _, a := range s.Articles {
		if a.Front.Plan != "" {
			if _, ok := s.Data.Plans[a.Front.Plan]; !ok {
				errs.Errorf(a.Front.Meta.At("plan"), "plan", "no plan %q (plans: %s)", a.Front.Plan, list(s.Data.PlanIDs()))
			}
		}
	}
	s.Static = listStatic(fsys, prefix, errs)
	var override fs.FS
	if info, err := fs.Stat(fsys, "templates"); err == nil && info.IsDir() {
		override, _ = fs.Sub(fsys, "templates")
	}
	if opts.Theme == nil {
		return nil, errors.New("build: no built-in theme given")
	}
	s.renderer, err = render.New(cfg, loc, opts.Theme, override)
	if err != nil {
		errs.Add(fmt.Errorf("theme: %w", err))
	} else {
		s.renderer.LiveReload = opts.LiveReload
	}
	s.markdown = content.NewMarkdown(cfg.UnsafeHTML)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func list(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

func listStatic(fsys fs.FS, prefix string, errs *diag.List) []string {
	var files []string
	root := "content/static"
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			errs.Errorf(diag.Pos{File: filepath.Join(prefix, p)}, "", "symbolic links are not copied; put the file itself in content/static")
			return nil
		}
		if !d.IsDir() {
			files = append(files, p[len(root)+1:])
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs.Add(err)
	}
	sort.Strings(files)
	return files
}

// Build loads the site and writes it to sink.
func Build(opts Options, sink output.Sink) (Stats, error) {
	start := time.Now()
	s, err := Load(opts)
	if err != nil {
		return Stats{}, err
	}
	st, err := s.Render(sink)
	st.Duration = time.Since(start)
	return st, err
}

// job is one file to produce.
type job struct {
	path string
	run  func() ([]byte, error)
	page bool
}

// Render renders every article and page and writes them, plus assets and
// static files, to sink. Articles render in parallel, then pages do.
func (s *Site) Render(sink output.Sink) (Stats, error) {
	errs := &diag.List{}
	figures := view.New(s.Config, s.Locale, s.Data, s.AsOf, s.renderer)
	s.parallel(len(s.Articles), func(i int) {
		s.markdown.Render(s.Articles[i], figures, errs)
	})
	if err := errs.Err(); err != nil {
		return Stats{}, err
	}
	jobs := s.pages(figures)
	jobs = append(jobs, s.files(jobs)...)
	var done atomic.Int64
	var pages atomic.Int64
	s.parallel(len(jobs), func(i int) {
		j := jobs[i]
		b, err := j.run()
		if err == nil {
			err = sink.WriteFile(j.path, b)
		}
		if err != nil {
			errs.Add(fmt.Errorf("%s: %w", j.path, err))
		}
		if j.page {
			pages.Add(1)
		}
		if n := done.Add(1); s.opts.Progress != nil {
			s.opts.Progress(int(n), len(jobs))
		}
	})
	if err := errs.Err(); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: int(pages.Load()), Files: len(jobs)}, nil
}

// parallel runs f(0..n-1) on up to Workers goroutines.
func (s *Site) parallel(n int, f func(i int)) {
	workers := s.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
