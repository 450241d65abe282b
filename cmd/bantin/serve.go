package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/serve"
	"github.com/bantin/bantin/internal/site"
)

func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve", "serve [--site DIR] [--addr HOST:PORT [--expose]] [--allow-host NAME]... [--drafts=false] [--as-of DATE] [--warn-links]")
	var f siteFlags
	f.bind(fs, "show plans and metrics as of this `date` (YYYY-MM-DD; default today)", true, "include articles marked draft: true (a preview shows them; --drafts=false hides them)")
	addr := fs.String("addr", serve.DefaultAddr, "listen on this `host:port`; only a loopback address (127.0.0.1, [::1], localhost) unless --expose is given")
	expose := fs.Bool("expose", false, "allow a non-loopback --addr (0.0.0.0:1313, :1313, a LAN address): the preview, drafts included,\nbecomes reachable from other machines, and a warning lists the addresses")
	var allowHosts []string
	fs.Func("allow-host", "also answer requests whose Host header is this `name` (any port) or name:port, e.g. a reverse proxy's;\nrepeatable. Other names are refused, which stops DNS rebinding", func(v string) error {
		if err := serve.CheckAllowHost(v); err != nil {
			return err
		}
		allowHosts = append(allowHosts, v)
		return nil
	})
	if code, stop := parse(e, fs, args); stop {
		return code
	}
	opts, code, stop := f.options(e, fs)
	if stop {
		return code
	}
	// The address is checked before anything is built: a typing mistake is
	// a usage error, and so is exposing drafts without asking for it.
	a, err := serve.ParseAddr(*addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "bantin serve: --addr: %v\n", err)
		return exitUsage
	}
	if !a.Loopback && !*expose {
		fmt.Fprintf(e.stderr, "bantin serve: --addr %s listens beyond this machine: anyone on the network could read the preview (drafts too, unless --drafts=false).\n"+
			"Add --expose if that is what you want, or use a loopback address such as %s.\n", *addr, serve.DefaultAddr)
		return exitUsage
	}
	if a.Loopback && *expose {
		fmt.Fprintf(e.stderr, "bantin serve: note: --expose has no effect: %s is a loopback address (for the network, use e.g. --addr 0.0.0.0:%d --expose)\n", *addr, a.Port)
	}
	if err := checkSiteDir(f.site); err != nil {
		fmt.Fprintf(e.stderr, "bantin serve: %v\n", err)
		return exitCodeOf(err)
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	return serveSite(ctx, e, serve.Options{Build: opts, Addr: *addr, Expose: *expose, AllowHosts: allowHosts})
}

// serveSite builds the site, then serves it until ctx is done. The first
// build shows progress on a terminal; content errors in it do not stop the
// server (they are shown, and fixing them recovers), but a directory that
// is not a site does. so.Out and so.Err are set here.
func serveSite(ctx context.Context, e *env, so serve.Options) int {
	dir := so.Build.SiteDir
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(site.File))); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "bantin serve: %s is not a site: it has no %s (bantin new site DIR makes one)\n", dir, site.File)
		return exitContent
	}
	progress := newProgress(e.stderr)
	clearLine := sync.OnceFunc(progress.done)
	so.Build.Progress = progress.update
	so.Out = clearing{e.stdout, clearLine}
	so.Err = clearing{e.stderr, clearLine}
	if so.Build.WarnLinks != nil {
		so.Build.WarnLinks = serveWarnings(so.Err)
	}
	srv, err := serve.New(so)
	if err != nil {
		return report(e, err)
	}
	if err := srv.Rebuild(); err != nil {
		var list *diag.List
		if !errors.As(err, &list) {
			clearLine()
			return report(e, err)
		}
	}
	if err := srv.Run(ctx); err != nil {
		return report(e, err)
	}
	fmt.Fprintln(e.stdout, "Stopped.")
	return exitOK
}

// clearing clears the progress line of the first build before anything
// else is written, so messages never land after "Rendering 80/120 files…".
type clearing struct {
	w     io.Writer
	clear func()
}

func (c clearing) Write(p []byte) (int, error) {
	c.clear()
	return c.w.Write(p)
}

// serveWarnings prints the broken links of a --warn-links preview as they
// are found. The check runs again on every rebuild, so each warning is
// printed once, the first time, not at every save of any file.
func serveWarnings(w io.Writer) func(*diag.Error) {
	var mu sync.Mutex
	seen := map[string]bool{}
	return func(e *diag.Error) {
		line := warningLine(e)
		mu.Lock()
		defer mu.Unlock()
		if !seen[line] {
			seen[line] = true
			fmt.Fprintln(w, line)
		}
	}
}
