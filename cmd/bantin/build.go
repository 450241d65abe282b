package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/output"
)

// siteFlags are the flags build, check and serve share.
type siteFlags struct {
	site      string
	asOf      string
	drafts    bool
	warnLinks bool
	warnings  warnings // the broken links --warn-links let through
}

// bind registers the shared flags on fs; the commands differ only in what
// --as-of means to them and whether drafts are in by default.
func (f *siteFlags) bind(fs *flag.FlagSet, asOfUsage string, drafts bool, draftsUsage string) {
	fs.StringVar(&f.site, "site", ".", "the site `directory` (holding content/site.yaml)")
	fs.StringVar(&f.asOf, "as-of", "", asOfUsage)
	fs.BoolVar(&f.drafts, "drafts", drafts, draftsUsage)
	fs.BoolVar(&f.warnLinks, "warn-links", false, "report links and anchors of articles that lead nowhere in the site as warnings,\nnot errors: the run goes on and succeeds")
}

// warnings holds the broken links of a --warn-links run, to be printed
// once the progress line is gone.
type warnings struct {
	mu   sync.Mutex
	list []*diag.Error
}

func (w *warnings) add(e *diag.Error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.list = append(w.list, e)
}

// flush prints the warnings held, one per line, and a count.
func (w *warnings) flush(out io.Writer) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.list {
		fmt.Fprintln(out, warningLine(e))
	}
	if n := len(w.list); n > 0 {
		fmt.Fprintf(out, "bantin: %d %s (--warn-links)\n", n, plural(n, "warning", "warnings"))
	}
	w.list = nil
}

// warningLine is e as a warning, compiler style:
// "content/articles/b.md:21:16: warning: link to … does not resolve …".
func warningLine(e *diag.Error) string {
	var b strings.Builder
	if e.Pos.File != "" {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	b.WriteString("warning: ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// options turns the parsed flags into build options. These commands take
// no arguments beyond their flags, so a leftover one is a usage error.
func (f *siteFlags) options(e *env, fs *flag.FlagSet) (build.Options, int, bool) {
	opts := build.Options{SiteDir: f.site, Drafts: f.drafts, Theme: bantin.Theme()}
	if f.warnLinks {
		opts.WarnLinks = f.warnings.add
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "bantin %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return opts, exitUsage, true
	}
	if f.asOf != "" {
		d, err := date.Parse(f.asOf)
		if err != nil {
			fmt.Fprintf(e.stderr, "bantin: --as-of: %v\n", err)
			return opts, exitUsage, true
		}
		opts.AsOf = d
	}
	if err := checkSiteDir(f.site); err != nil {
		fmt.Fprintf(e.stderr, "bantin %s: %v\n", fs.Name(), err)
		return opts, exitCodeOf(err), true
	}
	return opts, 0, false
}

func runBuild(e *env, args []string) int {
	fs := newFlags(e, "build", "build [--site DIR] [--out DIR] [--as-of DATE] [--drafts] [--warn-links]")
	var f siteFlags
	f.bind(fs, "show plans and metrics as of this `date` (YYYY-MM-DD; default today)", false, "include articles marked draft: true")
	out := fs.String("out", "", "the output `directory` (default DIR/public)")
	if code, stop := parse(e, fs, args); stop {
		return code
	}
	opts, code, stop := f.options(e, fs)
	if stop {
		return code
	}
	if *out == "" {
		*out = filepath.Join(f.site, "public")
	}
	if err := checkOut(f.site, *out); err != nil {
		fmt.Fprintf(e.stderr, "bantin build: %v\n", err)
		return exitCodeOf(err)
	}
	start := time.Now()
	// Ctrl-C or a TERM stops the build at once; the previous output stays
	// as it was, since nothing is swapped in before the build is complete.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	progress := newProgress(e.stderr)
	opts.Progress = progress.update
	paceCollector()
	s, err := build.Load(opts)
	if err != nil {
		f.warnings.flush(e.stderr)
		return report(e, err)
	}
	budgetMemory(len(s.Articles))
	tx, err := output.Begin(*out)
	if err != nil {
		return report(e, err)
	}
	stats, err := s.RenderContext(ctx, tx)
	progress.done()
	f.warnings.flush(e.stderr)
	if err != nil {
		tx.Abort()
		if ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "bantin: build stopped; %s is unchanged\n", *out)
			return exitContent
		}
		return report(e, err)
	}
	ws, err := tx.Commit()
	if err != nil {
		return report(e, err)
	}
	what := fmt.Sprintf("%d written, %d removed", ws.Written, ws.Removed)
	if s.Config.Compress {
		// The counts are of files on disk, each page's .gz and .br beside
		// it: say so, or 545 written of "189 files" reads as a fault.
		what = fmt.Sprintf("%d written, .gz and .br copies included; %d removed", ws.Written, ws.Removed)
	}
	if !ws.Swapped {
		what = "no change"
	}
	fmt.Fprintf(e.stdout, "Built %d pages, %d files (%s) in %s → %s\n", stats.Pages, stats.Files, what, since(start), *out)
	return exitOK
}

func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check", "check [--site DIR] [--as-of DATE] [--drafts] [--warn-links]")
	var f siteFlags
	f.bind(fs, "check plans as of this `date` (YYYY-MM-DD; default today)", true, "check articles marked draft: true too")
	if code, stop := parse(e, fs, args); stop {
		return code
	}
	opts, code, stop := f.options(e, fs)
	if stop {
		return code
	}
	paceCollector()
	s, err := build.Load(opts)
	if err != nil {
		f.warnings.flush(e.stderr)
		return report(e, err)
	}
	budgetMemory(len(s.Articles))
	// Render, keeping nothing: shortcodes and templates are checked too,
	// nothing is written, static files are not read.
	_, err = s.Render(output.Discard{})
	f.warnings.flush(e.stderr)
	if err != nil {
		return report(e, err)
	}
	a, p, m := len(s.Articles), len(s.Data.Plans), len(s.Data.Metrics)
	fmt.Fprintf(e.stdout, "No errors: %d %s, %d %s, %d %s.\n", a, plural(a, "article", "articles"), p, plural(p, "plan", "plans"), m, plural(m, "metric", "metrics"))
	return exitOK
}

func since(t time.Time) string {
	d := time.Since(t)
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// progress shows "files rendered / total" on a terminal when a build takes
// over a second, and nothing when stderr is not a terminal (logs, CI).
// Rendering is parallel, so update is called from many goroutines.
type progress struct {
	mu      sync.Mutex
	w       io.Writer // nil: stay quiet
	start   time.Time
	shown   bool
	lastOut time.Time
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return &progress{}
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{w: f, start: time.Now()}
}

func (p *progress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w == nil || time.Since(p.start) < time.Second || time.Since(p.lastOut) < 100*time.Millisecond && done < total {
		return
	}
	p.lastOut = time.Now()
	p.shown = true
	fmt.Fprintf(p.w, "\rRendering %d/%d files…", done, total)
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// paceCollector has Go's collector run at GOGC=200 (unless GOGC is set)
// for a one-shot build or check, from its start, where Go's 100 collects
// every time the still-small heap doubles. Those collections cost 5–7%
// of a build's CPU and save no memory: the peak comes later, in the
// render, and is budgetMemory's limit either way (interleaved clean
// builds, 10,000 and 50,000 bulletins: 43 collections against 30, 58
// against 42, the same peak RSS; set before the sources are read rather
// than after, 3% less CPU again in twenty pairs).
func paceCollector() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// budgetMemory gives the collector a soft memory limit for rendering n
// bulletins (unless GOMEMLIMIT is set): 96 MiB and 12.5 KiB a bulletin,
// at least 128 MiB. A render's live heap peaks near 28 MB and 10 KB a
// bulletin (126 MB at 10,000, 517 MB at 50,000: docs/performance.md), so
// the limit sits well above it and bounds the peak: a 50,000-bulletin
// build peaks near 710 MiB instead of 990 with Go's defaults. Should the
// live heap pass the limit after all, Go's collector takes at most half
// the CPU, and the build goes on, slower.
func budgetMemory(n int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(max(128<<20, 96<<20+int64(n)*12800))
}
