// Package output writes a built site. Rendering hands files to a Sink; the
// disk sink (Tx) fills a temporary directory beside the target and swaps it
// in only when the whole build succeeded, so a failed or killed build never
// leaves a half-written site, and the preview server uses Memory instead.
package output

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build. Implementations must be safe for
// concurrent use: pages are rendered in parallel.
type Sink interface {
	WriteFile(rel string, data []byte) error
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

// WriteFile stores a copy of data under rel.
func (m *Memory) WriteFile(rel string, data []byte) error {
	c, err := Clean(rel)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[c]; dup {
		return fmt.Errorf("output path %q written twice", c)
	}
	m.files[c] = append([]byte(nil), data...)
	return nil
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
