package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is one build's files.
type site map[string]string

func commit(t *testing.T, out string, files site) Stats {
	t.Helper()
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		if err := tx.WriteFile(p, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// tree reads every file under dir but the marker.
func tree(t *testing.T, dir string) site {
	t.Helper()
	got := site{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() || d.Name() == Marker {
			return nil
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return got
}

func mtimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		info, err := d.Info()
		if err == nil {
			m[p] = info.ModTime()
		}
		return nil
	})
	return m
}

func equal(a, b site) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestIncrementalWrites follows a sequence of builds and checks that each
// leaves exactly its own files live, writes only what changed, and that a
// build with no change writes nothing at all.
func TestIncrementalWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	builds := []site{
		{"index.html": "home 1", "a/index.html": "a", "b/index.html": "b", "x.css": "css"},
		{"index.html": "home 2", "a/index.html": "a", "c/index.html": "c", "x.css": "css"},
		{"index.html": "home 3", "a/index.html": "a2", "c/index.html": "c", "x.css": "css"},
		{"index.html": "home 3", "a/index.html": "a2", "c/index.html": "c", "x.css": "css", "b": "b is a file now"},
		{"index.html": "home 3", "a/index.html": "a2", "c/index.html": "c", "x.css": "css", "b/index.html": "b is a directory again"},
	}
	for i, files := range builds {
		st := commit(t, out, files)
		if got := tree(t, out); !equal(got, files) {
			t.Fatalf("build %d: live output %v, want %v", i, got, files)
		}
		if i >= 3 && st.Written > 3 {
			t.Errorf("build %d wrote %d files; the spare tree (two builds old) differed in at most three", i, st.Written)
		}
	}
	before := mtimes(t, out)
	time.Sleep(20 * time.Millisecond)
	last := builds[len(builds)-1]
	for range 2 {
		st := commit(t, out, last)
		if st.Swapped {
			t.Error("a build with no change swapped the output")
		}
	}
	after := mtimes(t, out)
	for p, m := range before {
		if !after[p].Equal(m) {
			t.Errorf("a build with no change touched %s", p)
		}
	}
	if st := commit(t, out, last); st.Written != 0 {
		t.Errorf("third unchanged build wrote %d files to the spare", st.Written)
	}
}

// TestKilledBuildThenRecovers leaves a spare half-written with no
// manifest, as a killed build does, and checks the next build is right.
func TestKilledBuildThenRecovers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	commit(t, out, site{"index.html": "1", "a.html": "a"})
	commit(t, out, site{"index.html": "2", "a.html": "a"})
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.WriteFile("index.html", []byte("half"))
	tx.WriteFile("junk.html", []byte("junk"))
	tx.lock.release() // killed: no Commit, no Abort
	if got := tree(t, out); !equal(got, site{"index.html": "2", "a.html": "a"}) {
		t.Fatalf("a killed build changed the live output: %v", got)
	}
	want := site{"index.html": "3", "b.html": "b"}
	commit(t, out, want)
	if got := tree(t, out); !equal(got, want) {
		t.Fatalf("after a killed build: %v, want %v", got, want)
	}
}

func TestConcurrentBuildRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	commit(t, out, site{"index.html": "1"})
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if _, err := Begin(out); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Begin while one runs: %v, want ErrLocked", err)
	}
}

// TestConcurrentBuildsNeverCorrupt races builds of different contents;
// each either finishes or is refused, and the live output is always one
// complete build.
func TestConcurrentBuildsNeverCorrupt(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mk := func(n int) site {
		s := site{}
		for i := range 50 {
			s[fmt.Sprintf("p%d/index.html", i)] = fmt.Sprintf("build %d page %d", n, i)
		}
		return s
	}
	commit(t, out, mk(0))
	var wg sync.WaitGroup
	for n := 1; n <= 8; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tx, err := Begin(out)
			if err != nil {
				if !errors.Is(err, ErrLocked) {
					t.Error(err)
				}
				return
			}
			for p, b := range mk(n) {
				tx.WriteFile(p, []byte(b))
			}
			if _, err := tx.Commit(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got := tree(t, out)
	n := -1
	fmt.Sscanf(got["p0/index.html"], "build %d", &n)
	if !equal(got, mk(n)) {
		t.Fatalf("live output is not one complete build: %d files, p0 = %q", len(got), got["p0/index.html"])
	}
}

// TestReadOnlyOutputNotChangedByFailure: a read-only public/ is exchanged
// like any other (its parent is writable), and the next build, which must
// not write into it, sets it aside and builds a fresh spare.
func TestReadOnlyOutput(t *testing.T) {
	if os.Getuid() == 0 {
		t.Log("running as root: permissions are not enforced, checking the flow only")
	}
	out := filepath.Join(t.TempDir(), "public")
	commit(t, out, site{"index.html": "1"})
	commit(t, out, site{"index.html": "2"})
	os.Chmod(out, 0o555)
	defer os.Chmod(out, 0o755)
	commit(t, out, site{"index.html": "3"})
	commit(t, out, site{"index.html": "4"})
	if got := tree(t, out); !equal(got, site{"index.html": "4"}) {
		t.Fatalf("got %v", got)
	}
}

func TestCopyFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	opens := 0
	open := func() (io.ReadCloser, error) {
		opens++
		return io.NopCloser(strings.NewReader("big file")), nil
	}
	for range 3 {
		tx, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.CopyFile("files/big.bin", "8-1", open); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "files/big.bin")); !bytes.Equal(b, []byte("big file")) {
		t.Errorf("copied %q", b)
	}
	if opens != 1 {
		t.Errorf("source opened %d times over three builds; want 1 (the later builds change nothing)", opens)
	}
}

// TestSharedFilesNeverWrittenThrough: files the spare shares with the live
// tree (hard links made when a build keeps them) are replaced, never
// written into, so building never changes public/ before the swap.
func TestSharedFilesNeverWrittenThrough(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	commit(t, out, site{"x": "1", "y": "1"})
	commit(t, out, site{"x": "2", "y": "1"}) // y kept: the spare links it
	commit(t, out, site{"x": "3", "y": "1"})
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.WriteFile("x", []byte("3"))
	tx.WriteFile("y", []byte("changed"))
	if got := tree(t, out); !equal(got, site{"x": "3", "y": "1"}) {
		t.Fatalf("public/ changed before the swap: %v", got)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); !equal(got, site{"x": "3", "y": "changed"}) {
		t.Fatalf("after the swap: %v", got)
	}
}

// TestWriteLent writes builds through WriteLent, scribbling over each
// buffer as soon as done gives it back, as a caller reusing it would: the
// live files must still be right, and done called once for every file —
// written to a fresh tree by its writer, written over a spare, found
// unchanged in the live tree or the spare, or refused.
func TestWriteLent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	builds := []site{
		{"index.html": "home 1", "a/index.html": "a", "b/index.html": "b"},  // fresh tree
		{"index.html": "home 2", "a/index.html": "a", "b/index.html": "b"},  // a fresh spare again, a and b live
		{"index.html": "home 3", "a/index.html": "a2", "c/index.html": "c"}, // the first tree is the spare
		{"index.html": "home 3", "a/index.html": "a2", "c/index.html": "c"}, // no change
	}
	for i, files := range builds {
		tx, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		calls := map[string]int{}
		lend := func(label, rel string, data []byte) error {
			buf := bytes.Clone(data)
			return tx.WriteLent(rel, buf, func() {
				for j := range buf {
					buf[j] = 'X'
				}
				mu.Lock()
				calls[label]++
				mu.Unlock()
			})
		}
		for p, b := range files {
			if err := lend(p, p, []byte(b)); err != nil {
				t.Fatal(err)
			}
		}
		if err := lend("escape", "../escape", []byte("no")); err == nil {
			t.Fatal("a path leaving the output was written")
		}
		if err := lend("twice", "index.html", []byte("twice")); err == nil {
			t.Fatal("a path written twice was accepted")
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := tree(t, out); !equal(got, files) {
			t.Fatalf("build %d: live output %v, want %v", i, got, files)
		}
		for p := range files {
			if calls[p] != 1 {
				t.Errorf("build %d: done called %d times for %s", i, calls[p], p)
			}
		}
		if calls["escape"] != 1 || calls["twice"] != 1 {
			t.Errorf("build %d: done not called once for each refused write: %v", i, calls)
		}
	}
}
