// Package output writes a built site. Rendering hands files to a Sink; the
// disk sink (Tx) brings a spare tree beside the target up to date and
// swaps it in only when the whole build succeeded, so a failed or killed
// build never leaves a half-written site, and the preview server uses
// Memory instead.
package output

import (
	"fmt"
	"io"
	"maps"
	"path"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build. Implementations must be safe for
// concurrent use: pages are rendered in parallel.
type Sink interface {
	// WriteFile stores data as the file at rel.
	WriteFile(rel string, data []byte) error
	// CopyFile stores the bytes open returns as the file at rel. The
	// fingerprint (size and time of the source) lets a sink that already
	// holds that version skip the copy; static files are streamed this
	// way rather than read whole.
	CopyFile(rel, fingerprint string, open func() (io.ReadCloser, error)) error
}

// Lender is a Sink that can borrow a file's bytes: WriteLent stores data
// as WriteFile does, and calls done, once, when it no longer needs them
// (right away, or later from another goroutine), so that the caller can
// reuse the buffer for its next file. Most of the bytes a large build
// allocates are its pages; written from reused buffers they are not
// garbage for the collector to chase.
type Lender interface {
	WriteLent(rel string, data []byte, done func()) error
}

// Clean checks that rel is a relative slash path that stays inside the
// output directory, and returns it cleaned. Every path a build writes goes
// through it, so a hostile slug such as "../../etc" cannot escape.
func Clean(rel string) (string, error) {
	if rel == "" || strings.ContainsAny(rel, "\\\x00") || strings.HasPrefix(rel, "/") {
		return "", fmt.Errorf("output path %q is not a clean relative path", rel)
	}
	for _, part := range strings.Split(rel, "/") {
		if part == ".." {
			return "", fmt.Errorf("output path %q leaves the output directory", rel)
		}
	}
	c := path.Clean(rel)
	if c == "." || strings.HasPrefix(c, "../") || c == ".." {
		return "", fmt.Errorf("output path %q leaves the output directory", rel)
	}
	return c, nil
}

// Memory keeps a build's files in memory, for the preview server and tests.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory sink.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores data under rel, replacing what was there. The sink
// keeps data itself: the caller must not change it afterwards.
func (m *Memory) WriteFile(rel string, data []byte) error {
	c, err := Clean(rel)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[c] = data
	return nil
}

// CopyFile reads the file open returns into memory.
func (m *Memory) CopyFile(rel, _ string, open func() (io.ReadCloser, error)) error {
	r, err := open()
	if err != nil {
		return err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return m.WriteFile(rel, b)
}

// Remove deletes the file at rel, if any.
func (m *Memory) Remove(rel string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, rel)
}

// Clone returns a copy that shares the files' bytes (they are never
// changed in place), so the preview server can update a copy while the
// original keeps being served.
func (m *Memory) Clone() *Memory {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return &Memory{files: maps.Clone(m.files)}
}

// Len is the number of files.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

// Get returns the file at rel.
func (m *Memory) Get(rel string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[rel]
	return b, ok
}

// Paths lists every file, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Discard checks what a build would write and keeps nothing, for `bantin
// check`: pages are still rendered (so templates and figures are checked),
// and static files are opened but never read.
type Discard struct{}

// WriteFile checks rel and drops data.
func (Discard) WriteFile(rel string, _ []byte) error {
	_, err := Clean(rel)
	return err
}

// CopyFile checks rel and that the source opens.
func (Discard) CopyFile(rel, _ string, open func() (io.ReadCloser, error)) error {
	if _, err := Clean(rel); err != nil {
		return err
	}
	r, err := open()
	if err != nil {
		return err
	}
	return r.Close()
}
