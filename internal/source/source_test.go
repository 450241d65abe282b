//go:build unix

package source

import (
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
	fsys := os.DirFS(dir)
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
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !IsRefused(err)):
			t.Errorf("%s: %v, %d bytes; want a refusal saying %q", tt.name, err, len(b), tt.want)
		}
	}
}
