package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Marker is the file that tells an output directory bantin made (and may
// therefore replace) from one it must not touch.
const Marker = ".bantin"

const markerText = "This directory is written by bantin and replaced on every build.\n"

// Tx is one build's output on disk: files go to a temporary directory
// beside the target, and Commit swaps it in.
type Tx struct {
	target string
	tmp    string
	mu     sync.Mutex
	seen   map[string]bool
	done   bool
}

// Begin starts writing a build for target. It refuses a target that exists,
// is not empty and carries no Marker: bantin never replaces what it did not create.
func Begin(target string) (*Tx, error) {
	target = filepath.Clean(target)
	if err := checkReplaceable(target); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Tx{target: target, tmp: tmp, seen: map[string]bool{}}, nil
}

func checkReplaceable(target string) error {
	info, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("output: %s exists and is not a directory; refusing to replace it", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, Marker)); err != nil {
		return fmt.Errorf("output: %s is not empty and was not made by bantin (no %s file); refusing to replace it — choose another --out or empty it yourself", target, Marker)
	}
	return nil
}

// removeStale deletes temporary directories that a killed build left beside
// the target. Only directories named like ours and carrying our marker go.
func removeStale(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(name, "."+base+".tmp-") || strings.HasPrefix(name, "."+base+".old-")) {
			continue
		}
		dir := filepath.Join(parent, name)
		if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
			os.RemoveAll(dir)
		}
	}
}

// Dir is the temporary directory being filled.
func (t *Tx) Dir() string { return t.tmp }

// WriteFile writes one file of the build; rel must stay inside the output.
func (t *Tx) WriteFile(rel string, data []byte) error {
	c, err := Clean(rel)
	if err != nil {
		return err
	}
	t.mu.Lock()
	dup := t.seen[c]
	t.seen[c] = true
	t.mu.Unlock()
	if dup {
		return fmt.Errorf("output path %q written twice", c)
	}
	p := filepath.Join(t.tmp, filepath.FromSlash(c))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Commit puts the new output in place of the old one. On Linux the two
// directories are exchanged in one step, so the target is never missing;
// elsewhere the old one is moved aside first.
func (t *Tx) Commit() error {
	if t.done {
		return errors.New("output: transaction already finished")
	}
	t.done = true
	if _, err := os.Lstat(t.target); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(t.tmp, t.target)
	}
	if err := checkReplaceable(t.target); err != nil {
		os.RemoveAll(t.tmp)
		return err
	}
	if exchange(t.tmp, t.target) == nil {
		return os.RemoveAll(t.tmp) // now holds the previous output
	}
	old := filepath.Join(filepath.Dir(t.tmp), strings.Replace(filepath.Base(t.tmp), ".tmp-", ".old-", 1))
	if err := os.Rename(t.target, old); err != nil {
		os.RemoveAll(t.tmp)
		return fmt.Errorf("output: %w", err)
	}
	if err := os.Rename(t.tmp, t.target); err != nil {
		os.Rename(old, t.target)
		return fmt.Errorf("output: %w", err)
	}
	return os.RemoveAll(old)
}

// Abort drops the temporary directory; the previous output stays as it was.
func (t *Tx) Abort() {
	if t.done {
		return
	}
	t.done = true
	os.RemoveAll(t.tmp)
}
