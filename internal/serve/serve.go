// Package serve is the preview server behind `bantin serve`: it builds the
// site into memory, serves it under the site's base path, watches the
// sources and rebuilds on every change, and tells open pages to reload.
//
// Writers keep the preview open beside their editor, so the server is
// built around two promises. A mistake never blanks the preview: a build
// with content errors keeps the last good site on screen, lists the errors
// in the terminal and over the page, and the next good build clears them,
// without a restart. And nothing a preview needs leaks into a published
// site: the reload script is injected only here (build.Options.LiveReload),
// and is served from /__bantin/, outside any site path.
//
// The server holds no global state: everything hangs off a *Server, whose
// Handler can be tested without a network and whose Serve takes any
// listener. Each change currently rebuilds the whole site; rebuild receives
// the changed files so that it can later rerun only the stages they touch.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/urls"
)

// The server's own URL paths. They live under one prefix that no site
// path uses, at the root of the host, so they work whatever the base path.
const (
	// Prefix starts every path the server answers itself.
	Prefix = "/__bantin/"
	// ReloadScript is the script every preview page loads; it is what
	// build.Options.LiveReload is set to.
	ReloadScript = Prefix + "reload.js"
	// EventsPath streams server-sent events: "hello" on connecting,
	// "reload" after a good build, "build-error" after a failed one. (Not
	// "error": EventSource reserves that name for connection failures.)
	EventsPath = Prefix + "events"
	// StatusPath returns the state of the latest build as JSON (Status).
	StatusPath = Prefix + "status"
)

// Defaults for options left zero.
const (
	// DefaultAddr is loopback only: a preview shows drafts and unfinished
	// figures, which must not be reachable from the network by default.
	DefaultAddr = "127.0.0.1:1313"
	// DefaultDebounce gathers the burst of events one save makes (write,
	// chmod, rename of a backup) into one rebuild.
	DefaultDebounce = 100 * time.Millisecond
	// DefaultKeepAlive is how often an idle event stream gets a comment
	// line, so dead connections are noticed and proxies keep it open.
	DefaultKeepAlive = 15 * time.Second
)

// Options configure a Server. Only Build.Theme is required.
type Options struct {
	// Build says what to build. LiveReload is set by the server. Progress,
	// when set, is used for the first build only, the one that can be long;
	// rebuilds stay quiet.
	Build build.Options
	// Addr is the host:port Run listens on; "" means DefaultAddr. It must
	// be a loopback address (see ParseAddr) unless Expose is set.
	Addr string
	// Expose lets Run listen on a non-loopback Addr (":1313", "0.0.0.0",
	// a LAN address), which makes the preview, drafts included, reachable
	// from other machines. Run then warns on Err, naming every address it
	// can be reached at, and the handler answers to those addresses too.
	Expose bool
	// AllowHosts are more Host header values the handler answers to, each
	// "name" (any port) or "name:port", e.g. the name of a reverse proxy.
	// Requests naming any other host are refused (DNS rebinding); see
	// CheckAllowHost.
	AllowHosts []string
	// Debounce is how long the server waits after a change for more
	// changes before rebuilding; 0 means DefaultDebounce.
	Debounce time.Duration
	// KeepAlive is the interval of keep-alive comments on event streams;
	// 0 means DefaultKeepAlive.
	KeepAlive time.Duration
	// Out receives what a writer wants to see: where the site is served
	// and one line per build. Err receives content errors. nil discards.
	Out, Err io.Writer
}

// Server previews one site. Create it with New; it serves once (Run or Serve).
type Server struct {
	opts Options
	dir  string // the site directory, as given
	// instance tells this process's builds from another's, so a page that
	// reconnects to a restarted server reloads.
	instance string

	buildMu sync.Mutex // serialises builds
	// searchWG counts the search index updates under way (searchLater).
	searchWG sync.WaitGroup
	first    bool // under buildMu: the next build is the first

	site *build.Site // under buildMu: the site as last loaded

	mu      sync.RWMutex
	current *snapshot // the last good build; nil before the first
	errs    []string  // the latest build's errors; nil when it succeeded
	good    int       // good builds so far, for build ids

	logMu   sync.Mutex
	hub     *hub
	closing chan struct{} // closed when Serve ends: event streams stop
	once    sync.Once
}

// snapshot is one good build, served as a whole: a request never sees
// half of one build and half of the next.
type snapshot struct {
	files    *output.Memory
	basePath string // the site's URL path, "/" or "/sub/path/"
	id       string // changes with every good build; the ETag of its files
	stats    build.Stats
}

// Status is the state of the latest build, as StatusPath returns it.
type Status struct {
	// Build identifies the build being served; "" before the first good one.
	Build string `json:"build"`
	// OK is false when the latest build failed (the previous good one is
	// still served).
	OK bool `json:"ok"`
	// Errors are the latest build's errors, one line each, compiler style.
	Errors []string `json:"errors"`
	// BasePath is the URL path the site is served under.
	BasePath string `json:"basePath"`
	// Pages, Files and DurationMS describe the build being served.
	Pages      int   `json:"pages"`
	Files      int   `json:"files"`
	DurationMS int64 `json:"durationMs"`
}

// New returns a server for opts.Build.SiteDir. It does not build yet:
// call Rebuild, or let Serve do the first build.
func New(opts Options) (*Server, error) {
	if opts.Build.Theme == nil {
		return nil, errors.New("serve: no built-in theme given")
	}
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.KeepAlive <= 0 {
		opts.KeepAlive = DefaultKeepAlive
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	if opts.Err == nil {
		opts.Err = io.Discard
	}
	dir := opts.Build.SiteDir
	if dir == "" {
		dir = "."
	}
	return &Server{
		opts:     opts,
		dir:      dir,
		instance: strconv.FormatInt(time.Now().UnixNano(), 36),
		first:    true,
		hub:      newHub(),
		closing:  make(chan struct{}),
	}, nil
}

// Rebuild builds the whole site again. On success the new build is served
// from the next request on and open pages reload; on failure the previous
// good build stays and open pages show the errors. Either way the result is
// logged. The error is the build's: content errors come as a *diag.List.
func (s *Server) Rebuild() error { return s.rebuild(nil) }

// rebuild brings the preview up to date after the files in changed
// (absolute paths) were touched; nil means "anything may have changed",
// which loads the site afresh. Otherwise only those inputs are reloaded
// and only the outputs that depend on them are rendered, into a copy of
// the build being served, which replaces it in one step.
func (s *Server) rebuild(changed []string) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	first := s.first
	s.first = false

	opts := s.opts.Build
	opts.LiveReload = ReloadScript
	opts.DeferSearch = true // pages first; the index after (searchLater)
	if !first {
		opts.Progress = nil
	}
	start := time.Now()
	ctx := context.Background()
	prev, _ := s.state()
	var files *output.Memory
	var stats build.Stats
	var err error
	if s.site == nil || changed == nil {
		s.site, err = build.Open(opts)
		if err == nil {
			files = output.NewMemory()
			stats, err = s.site.RenderInto(ctx, files)
			stats.Changed = nil // everything: every page reloads
		}
	} else {
		if prev != nil && s.site.Rendered() {
			files = prev.files.Clone()
		} else {
			files = output.NewMemory()
		}
		stats, err = s.site.Update(ctx, s.relative(changed), files)
		if !s.site.Rendered() || prev == nil {
			stats.Changed = nil
		}
	}
	stats.Duration = time.Since(start)

	if err != nil {
		lines := errorLines(err)
		s.mu.Lock()
		s.errs = lines
		s.mu.Unlock()
		s.hub.broadcast(errorEvent(lines))
		s.logErrors(lines)
		return err
	}
	s.mu.Lock()
	s.good++
	snap := &snapshot{files: files, basePath: s.site.Config.BasePath(), id: s.instance + "-" + strconv.Itoa(s.good), stats: stats}
	snap.stats.Files = files.Len()
	s.current = snap
	s.errs = nil
	s.mu.Unlock()
	s.hub.broadcast(reloadEvent(snap.id, pageURLs(stats.Changed, snap.basePath)))
	verb := "rebuilt"
	if first {
		verb = "built"
	}
	n := stats.Rendered
	if first {
		n = stats.Pages
	}
	s.logf("%s in %d ms (%d %s)\n", verb, stats.Duration.Milliseconds(), n, plural(n, "page", "pages"))
	if stats.Deferred > 0 {
		s.searchWG.Add(1)
		go s.searchLater()
	}
	return nil
}

// searchLater makes the search index a rebuild left for later, into a copy
// of the build being served, and swaps it in: an edit shows at once, and
// the index, which depends on every bulletin, follows. A rebuild that
// comes first makes this one find nothing left to do.
func (s *Server) searchLater() {
	defer s.searchWG.Done()
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	prev, _ := s.state()
	if prev == nil || s.site == nil || !s.site.Rendered() {
		return
	}
	start := time.Now()
	files := prev.files.Clone()
	stats, err := s.site.UpdateSearch(context.Background(), files)
	if err != nil {
		s.logf("search index not updated: %v\n", err)
		return
	}
	if stats.Rendered == 0 {
		return
	}
	s.mu.Lock()
	s.good++
	snap := &snapshot{files: files, basePath: prev.basePath, id: s.instance + "-" + strconv.Itoa(s.good), stats: prev.stats}
	snap.stats.Files = files.Len()
	s.current = snap
	s.mu.Unlock()
	s.hub.broadcast(reloadEvent(snap.id, pageURLs(stats.Changed, snap.basePath)))
	s.logf("search index updated in %d ms\n", time.Since(start).Milliseconds())
}

// relative turns the watcher's absolute paths into paths relative to the
// site directory, slash-separated, as build.Site.Update takes them.
func (s *Server) relative(changed []string) []string {
	root, err := filepath.Abs(s.dir)
	if err != nil {
		return changed
	}
	out := make([]string, 0, len(changed))
	for _, c := range changed {
		if rel, err := filepath.Rel(root, c); err == nil {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	return out
}

// pageURLs turns the output files a build changed into the URL paths
// pages are open at, so only those reload; nil (or too many to list)
// means every page reloads.
func pageURLs(files []string, basePath string) []string {
	if files == nil || len(files) > 500 {
		return nil
	}
	out := []string{}
	for _, f := range files {
		switch path.Ext(f) {
		case ".html", ".xml", ".csv", ".json", ".txt", ".bin": // .bin: the search index's shards
			out = append(out, basePath+urls.FromFile(f))
		default:
			// A style sheet, script or image may be used by any page.
			return nil
		}
	}
	return out
}

// errorLines turns a build error into the lines shown in the terminal and
// the overlay: one per content error.
func errorLines(err error) []string {
	var list *diag.List
	if errors.As(err, &list) {
		var lines []string
		for _, e := range list.Errors() {
			lines = append(lines, e.Error())
		}
		if len(lines) > 0 {
			return lines
		}
	}
	return []string{err.Error()}
}

func (s *Server) logErrors(lines []string) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	for _, l := range lines {
		fmt.Fprintln(s.opts.Err, l)
	}
	keep := "nothing to serve yet"
	s.mu.RLock()
	if s.current != nil {
		keep = "still serving the last good build"
	}
	s.mu.RUnlock()
	fmt.Fprintf(s.opts.Err, "bantin: %d %s (%s)\n", len(lines), plural(len(lines), "error", "errors"), keep)
}

func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Out, format, args...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Status reports the latest build.
func (s *Server) Status() Status {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := Status{OK: s.errs == nil, Errors: append([]string{}, s.errs...), BasePath: "/"}
	if c := s.current; c != nil {
		st.Build = c.id
		st.BasePath = c.basePath
		st.Pages, st.Files = c.stats.Pages, c.stats.Files
		st.DurationMS = c.stats.Duration.Milliseconds()
	}
	return st
}

// state returns what requests are served from.
func (s *Server) state() (*snapshot, []string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.current, s.errs
}

// Run listens on the configured address and serves until ctx is done. It
// refuses a non-loopback address unless Options.Expose is set, and when
// it is, warns on Err with every address the preview is reachable at.
func (s *Server) Run(ctx context.Context) error {
	a, err := ParseAddr(s.opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen address %w", err)
	}
	if !a.Loopback && !s.opts.Expose {
		return fmt.Errorf("serve: %s is not a loopback address: it would make the preview, drafts included, reachable from other machines; that needs Expose (--expose)", a)
	}
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w (is another bantin serve running? choose another --addr)", err)
	}
	if !a.Loopback {
		s.warnExposed(ln.Addr())
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done, then shuts down gracefully: event
// streams end, requests in flight finish (for up to five seconds), and the
// listener is closed. It builds first if Rebuild was never called, and
// watches content/ and templates/ while it serves. A Server serves once.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer ln.Close()
	s.buildMu.Lock()
	first := s.first
	s.buildMu.Unlock()
	if first {
		s.Rebuild() // errors are logged and shown on the pages
	}
	// Without a watcher the preview still works, only without live reload
	// (Linux's inotify limits are the usual cause): say so, and go on.
	w, err := newWatcher(s.dir)
	if err != nil {
		s.logMu.Lock()
		fmt.Fprintf(s.opts.Err, "bantin: %v; pages will not reload by themselves\n", err)
		s.logMu.Unlock()
	} else {
		defer w.close()
	}

	srv := newHTTPServer(s.Handler())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.logf("Serving %s (Ctrl+C to stop)\n", s.URL(ln.Addr()))

	wctx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		if w != nil {
			s.watch(wctx, w)
		}
	}()

	select {
	case <-ctx.Done():
		err = nil
	case err = <-served:
	}
	stopWatch()
	<-watched
	s.once.Do(func() { close(s.closing) })
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil && err == nil {
		err = serr
	}
	if err != nil && !errors.Is(err, net.ErrClosed) && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// URL is the address of the site's home page when served on addr. An
// unspecified address (0.0.0.0, ::) listens on every interface, loopback
// included (Go listens on IPv4 and IPv6 at once then), so the URL names
// 127.0.0.1, which a browser on this machine can always open; the other
// addresses are listed by the warning Run prints.
func (s *Server) URL(addr net.Addr) string {
	host := addr.String()
	if h, port, err := net.SplitHostPort(host); err == nil {
		if ip := net.ParseIP(h); ip != nil && ip.IsUnspecified() {
			h = "127.0.0.1"
		}
		host = net.JoinHostPort(escapeZone(h), port)
	}
	return "http://" + host + s.Status().BasePath
}

// watch rebuilds after changes, once a burst of events has settled.
func (s *Server) watch(ctx context.Context, w *watcher) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var pending []string
	for {
		select {
		case <-ctx.Done():
			return
		case name, ok := <-w.changes:
			if !ok {
				return
			}
			pending = append(pending, name)
			timer.Reset(s.opts.Debounce)
		case err, ok := <-w.errors:
			if !ok {
				return
			}
			s.logMu.Lock()
			fmt.Fprintf(s.opts.Err, "bantin: watching %s: %v\n", filepath.Clean(s.dir), err)
			s.logMu.Unlock()
		case <-timer.C:
			changed := pending
			pending = nil
			s.rebuild(changed)
		}
	}
}
