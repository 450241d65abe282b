package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
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
