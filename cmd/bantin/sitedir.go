package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// usageError is a mistake in what was typed on the command line (exit 2),
// as opposed to a problem with the files it names (exit 1).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// exitCodeOf is the exit status for an error of a command-line check:
// exitUsage for a usageError, exitContent for anything else.
func exitCodeOf(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitContent
}

// checkSiteDir checks the --site value before anything is read, so that a
// mistake gets a message naming it: build.Load says only "does not exist",
// even for a regular file. An empty value is a usage error (an unset shell
// variable, bantin build --site "$SITE", must not quietly mean the current
// directory); a missing path, a file or an unreadable one is a problem with
// the file system (exitCodeOf tells which). A symbolic link to a directory
// is fine.
func checkSiteDir(dir string) error {
	if dir == "" {
		return usageError{"--site: the directory name is empty"}
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("site directory %s does not exist", dir)
	case err != nil:
		return fmt.Errorf("site directory: %w", err)
	case !info.IsDir():
		return fmt.Errorf("site directory %s is not a directory (--site names the directory holding content/site.yaml)", dir)
	}
	return nil
}

// checkOut refuses an output directory that would overwrite or feed back
// into the sources: the site directory itself or one holding it, or a
// directory inside content/ (a build would publish its own output as
// static files, or read it as articles) or templates/. Any other place,
// the default public/ among them, is fine. Paths are compared after
// resolving symbolic links, so a link cannot hide the overlap.
func checkOut(site, out string) error {
	if out == "" {
		return usageError{"--out: the directory name is empty"}
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return filepath.Clean(p)
		}
		// Resolve the longest part that exists: the output may not yet.
		rest := ""
		for cur := a; ; cur = filepath.Dir(cur) {
			if r, err := filepath.EvalSymlinks(cur); err == nil {
				return filepath.Join(r, rest)
			}
			if filepath.Dir(cur) == cur {
				return a
			}
			rest = filepath.Join(filepath.Base(cur), rest)
		}
	}
	s, o := abs(site), abs(out)
	within := func(p, dir string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	switch {
	case within(s, o):
		return usageError{fmt.Sprintf("--out %s would replace the site itself (it holds %s); choose a directory beside it, such as %s", out, site, filepath.Join(site, "public"))}
	case within(o, filepath.Join(s, "content")), within(o, filepath.Join(s, "templates")):
		return usageError{fmt.Sprintf("--out %s is inside the site's sources (content/ or templates/), where the next build would read it back; choose a directory outside them, such as %s", out, filepath.Join(site, "public"))}
	}
	return nil
}
