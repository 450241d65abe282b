//go:build unix

package content

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// specialEntries adds to dir (content/articles of a copy of
// testdata/adversarial) the entries Git cannot carry: links to a file, to
// a directory, to nothing, and named pipe, socket and device files. It
// returns their expected outcomes: each is an error at its path, never
// followed, opened or skipped.
func specialEntries(t *testing.T, dir string) map[string]outcome {
	t.Helper()
	out := map[string]outcome{}
	links := map[string]string{
		"symlink.md":          "../../elsewhere/secret.md",
		"symlink-dir":         "../../elsewhere/dir", // holds inner.md, which must not be read
		"symlink-dangling.md": "../../elsewhere/none.md",
		"symlink-image.png":   "../../elsewhere/secret.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		out[name] = refused(name + ": " + symlinkRefusal)
	}
	// Reading a FIFO blocks until a writer opens it: Load must not try.
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	out["fifo.md"] = refused("fifo.md: is not a regular file (a named pipe)")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	out["fifo.txt"] = refused("fifo.txt: is not a regular file (a named pipe)")
	if l, err := net.Listen("unix", filepath.Join(dir, "socket.md")); err == nil {
		t.Cleanup(func() { l.Close() })
		out["socket.md"] = refused("socket.md: is not a regular file (a socket)")
	} else {
		t.Logf("no socket case: %v", err)
	}
	// A character device like /dev/zero would never end; only root may
	// make one.
	if err := syscall.Mknod(filepath.Join(dir, "zero.md"), syscall.S_IFCHR|0o644, 1<<8|5); err == nil {
		out["zero.md"] = refused("zero.md: is not a regular file (a device)")
	} else {
		t.Logf("no device case: %v", err)
	}
	return out
}
