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

	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/serve"
	"github.com/bantin/bantin/internal/site"
)

func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve", "serve [--site DIR] [--addr HOST:PORT] [--drafts=false] [--as-of DATE]")
	var f siteFlags
	f.bind(fs, "show plans and metrics as of this `date` (YYYY-MM-DD; default today)", true, "include articles marked draft: true (a preview shows them; --drafts=false hides them)")
	addr := fs.String("addr", serve.DefaultAddr, "listen on this `host:port` (loopback only by default)")
	if code, stop := parse(e, fs, args); stop {
		return code
	}
	opts, code, stop := f.options(e, fs)
	if stop {
		return code
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	return serveSite(ctx, e, opts, *addr)
}

// serveSite builds the site, then serves it until ctx is done. The first
// build shows progress on a terminal; content errors in it do not stop the
// server (they are shown, and fixing them recovers), but a directory that
// is not a site does.
func serveSite(ctx context.Context, e *env, opts build.Options, addr string) int {
	dir := opts.SiteDir
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(site.File))); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "bantin serve: %s is not a site: it has no %s (bantin new site DIR makes one)\n", dir, site.File)
		return exitContent
	}
	progress := newProgress(e.stderr)
	clearLine := sync.OnceFunc(progress.done)
	opts.Progress = progress.update
	srv, err := serve.New(serve.Options{
		Build: opts,
		Addr:  addr,
		Out:   clearing{e.stdout, clearLine},
		Err:   clearing{e.stderr, clearLine},
	})
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
