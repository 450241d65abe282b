package output

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"articles/x/index.html", "articles/x/index.html", true},
		{"a//b/./c.html", "a/b/c.html", true},
		{"../../etc/passwd", "", false},
		{"articles/../../x", "", false},
		{"/etc/passwd", "", false},
		{"a\\..\\b", "", false},
		{"", "", false},
		{".", "", false},
		{"a\x00b", "", false},
	}
	for _, tt := range tests {
		got, err := Clean(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Clean(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestTxCommitReplacesOwnOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	for i, body := range []string{"first", "second"} {
		tx, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.WriteFile("index.html", []byte(body)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := tx.WriteFile("old-only.html", []byte("x")); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if string(got) != "second" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "old-only.html")); err == nil {
		t.Error("a file of the previous build survived")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".public.bantin", "public"}) {
		t.Errorf("beside the output: %v; want only public and its state directory", names)
	}
}

func TestTxAbortKeepsPrevious(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, _ := Begin(out)
	tx.WriteFile("index.html", []byte("good"))
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	tx, _ = Begin(out)
	tx.WriteFile("index.html", []byte("half"))
	tx.Abort()
	got, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if string(got) != "good" {
		t.Errorf("abort changed the output: %q", got)
	}
}

func TestRefusesForeignDirectory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "docs")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "precious.txt"), []byte("mine"), 0o644)
	if _, err := Begin(out); err == nil || !strings.Contains(err.Error(), "was not made by bantin") {
		t.Fatalf("Begin on a foreign directory: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "precious.txt")); string(b) != "mine" {
		t.Error("foreign file touched")
	}
}

func TestWriteCannotEscape(t *testing.T) {
	dir := t.TempDir()
	tx, err := Begin(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for _, p := range []string{"../../etc/x", "../escape.html", "/abs.html"} {
		if err := tx.WriteFile(p, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.html")); err == nil {
		t.Error("file written outside the output")
	}
}

func TestStaleTempDirsRemoved(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	stale := filepath.Join(dir, ".public.tmp-123")
	os.MkdirAll(stale, 0o755)
	os.WriteFile(filepath.Join(stale, Marker), nil, 0o644)
	foreign := filepath.Join(dir, ".public.tmp-notours")
	os.MkdirAll(foreign, 0o755)
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.Abort()
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale temp dir of a killed build not removed")
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Error("a directory without our marker was removed")
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory()
	if err := m.WriteFile("a/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile("../x", nil); err == nil {
		t.Error("escaping write accepted")
	}
	if b, ok := m.Get("a/index.html"); !ok || string(b) != "x" || len(m.Paths()) != 1 {
		t.Error("memory contents wrong")
	}
	c := m.Clone()
	c.WriteFile("a/index.html", []byte("y"))
	c.Remove("a/index.html")
	if b, ok := m.Get("a/index.html"); !ok || string(b) != "x" {
		t.Error("changing a clone changed the original")
	}
	if c.Len() != 0 {
		t.Error("Remove left the file")
	}
}

// TestFreshWriteErrorFailsCommit checks that a file the fresh tree's
// writer cannot write (here: below a path that is a file) fails Commit,
// and that the previous output stays as it was.
func TestFreshWriteErrorFailsCommit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.WriteFile("index.html", []byte("v1")); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	// Rebuilt from scratch: the live tree is not known (its manifest gone).
	entries, _ := os.ReadDir(filepath.Join(filepath.Dir(out), ".public.bantin"))
	for _, e := range entries {
		os.Remove(filepath.Join(filepath.Dir(out), ".public.bantin", e.Name()))
	}
	tx, err = Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "a", "a/b.html"} {
		if err := tx.WriteFile(p, []byte("v2 "+p)); err != nil {
			t.Fatalf("WriteFile(%s): %v", p, err)
		}
	}
	if _, err := tx.Commit(); err == nil || !strings.Contains(err.Error(), "b.html") {
		t.Fatalf("Commit = %v, want an error about a/b.html", err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "v1" {
		t.Errorf("public/index.html = %q, %v; want the previous build's v1", b, err)
	}
}
