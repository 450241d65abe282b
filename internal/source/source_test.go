//go:build unix

package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte("title: x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.yaml"), make([]byte, 2048), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.yaml"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Logf("no FIFO here: %v", err)
	}
	for _, fsys := range []fs.FS{os.DirFS(dir), DirFS(dir)} {
		testReadFile(t, fsys)
	}
	// A Dir's reader appends to what dst holds, as AppendFile does.
	got, err := AppendFile([]byte("head:"), DirFS(dir), "ok.yaml", 1024)
	if err != nil || string(got) != "head:title: x\n" {
		t.Errorf("AppendFile(Dir) = %q, %v", got, err)
	}
}

// testReadFile reads each kind of input from fsys: the same answers
// whether fsys is os.DirFS or a Dir, which reads with fewer system calls.
func testReadFile(t *testing.T, fsys fs.FS) {
	tests := []struct {
		name, want string
	}{
		{"ok.yaml", ""},
		{"big.yaml", "larger than the 1 KiB limit"},
		{"passwd.yaml", "is a symbolic link"},
		{"sub", "is a directory"},
		{"pipe.yaml", "a named pipe"}, // refused before opening: reading would block
	}
	for _, tt := range tests {
		b, err := ReadFile(fsys, tt.name, 1024)
		switch {
		case tt.want == "" && (err != nil || string(b) != "title: x\n"):
			t.Errorf("%T %s: %q, %v", fsys, tt.name, b, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !IsRefused(err)):
			t.Errorf("%T %s: %v, %d bytes; want a refusal saying %q", fsys, tt.name, err, len(b), tt.want)
		}
	}
}
