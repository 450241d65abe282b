package output

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestFreshTreeSpreadsSubdirs checks that a fresh output tree marks the
// directories that hold directories with FS_TOPDIR_FL (so ext4 spreads
// them), and leaves the ones that hold only files alone. Where the file
// system has no such flags (tmpfs), there is nothing to check.
func TestFreshTreeSpreadsSubdirs(t *testing.T) {
	dir := t.TempDir()
	if _, err := flagsOf(dir); err != nil {
		t.Skipf("%s has no inode flags (%v): spreading does not apply", dir, err)
	}
	out := filepath.Join(dir, "public")
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"articles/a/index.html", "articles/b/index.html", "index.html"} {
		if err := tx.WriteFile(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir  string
		want bool
	}{{".", true}, {"articles", true}, {"articles/a", false}} {
		f, err := flagsOf(filepath.Join(out, c.dir))
		if err != nil {
			t.Fatal(err)
		}
		if got := f&fsTopdirFlag != 0; got != c.want {
			t.Errorf("%s: FS_TOPDIR_FL set = %v, want %v", c.dir, got, c.want)
		}
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
