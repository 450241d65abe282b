package output

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestMkdirSpreadPutsFlagsBack checks that mkdirSpread makes the
// directory and leaves its parent's flags as they were: FS_TOPDIR_FL is
// held only while the one directory is made. Where the file system has no
// inode flags (tmpfs), there is nothing to check.
func TestMkdirSpreadPutsFlagsBack(t *testing.T) {
	dir := t.TempDir()
	before, err := flagsOf(dir)
	if err != nil {
		t.Skipf("%s has no inode flags (%v): spreading does not apply", dir, err)
	}
	child := filepath.Join(dir, "a")
	if err := mkdirSpread(dir, child); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(child); err != nil || !fi.IsDir() {
		t.Fatalf("%s was not made a directory: %v", child, err)
	}
	after, err := flagsOf(dir)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("parent's flags went from %#x to %#x", before, after)
	}
	if f, err := flagsOf(child); err != nil || f&fsTopdirFlag != 0 {
		t.Errorf("new directory's flags %#x (%v): FS_TOPDIR_FL must not be set", f, err)
	}
}

func flagsOf(dir string) (uint32, error) {
	f, err := os.Open(dir)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
}
