package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// watched are the directories of a site whose changes rebuild it, relative
// to the site directory. public/ and anything else beside them are not
// watched: writing public/ must not trigger a rebuild.
var watched = []string{"content", "templates"}

// watcher turns file system events under content/ and templates/ into the
// names of changed files. fsnotify watches one directory at a time, so the
// watcher adds every directory below the roots, and each new one as it
// appears.
type watcher struct {
	fw      *fsnotify.Watcher
	root    string // the site directory, absolute
	changes chan string
	errors  chan error
	done    chan struct{}
	wg      sync.WaitGroup
}

func newWatcher(siteDir string) (*watcher, error) {
	root, err := filepath.Abs(siteDir)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", siteDir, err)
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", siteDir, err)
	}
	w := &watcher{
		fw:      fw,
		root:    root,
		changes: make(chan string),
		errors:  make(chan error),
		done:    make(chan struct{}),
	}
	// The site directory itself, so that content/ or templates/ created
	// (or replaced) later are noticed and watched.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch %s: %w", siteDir, err)
	}
	for _, d := range watched {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			fw.Close()
			return nil, fmt.Errorf("watch %s: %w", siteDir, err)
		}
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// addTree watches dir and every directory below it; a missing dir is fine.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while walking
			}
			return err
		}
		if d.IsDir() {
			return w.fw.Add(p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func (w *watcher) loop() {
	defer w.wg.Done()
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if !w.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					if err := w.addTree(ev.Name); err != nil {
						w.send(nil, err)
					}
				}
			}
			w.send(&ev.Name, nil)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.send(nil, err)
		}
	}
}

// send hands a change or an error to the server, unless the watcher is closing.
func (w *watcher) send(name *string, err error) {
	if name != nil {
		select {
		case w.changes <- *name:
		case <-w.done:
		}
		return
	}
	select {
	case w.errors <- err:
	case <-w.done:
	}
}

// relevant keeps events for files under the watched roots (or the roots
// themselves), and drops attribute changes and editors' scratch files.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	inside := false
	for _, d := range watched {
		if top == d {
			inside = true
		}
	}
	return inside && !scratch(filepath.Base(ev.Name))
}

// scratch reports whether name is a temporary file an editor writes beside
// the real one (vim's swap files and its "4913" probe, Emacs's lock and
// backup files, JetBrains' safe-write files, macOS's folder metadata).
// Saving the real file raises its own event.
func scratch(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store",
		strings.HasPrefix(name, ".#"),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}

// close stops watching. The server stops reading changes before it calls close.
func (w *watcher) close() {
	close(w.done)
	w.fw.Close()
	w.wg.Wait()
}
