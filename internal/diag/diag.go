// Package diag carries content errors with their source position, so that
// every stage of a build can report problems the way a compiler does
// (file:line:col: message) and a run can report all of them at once.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Pos is a place in a source file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as editors expect to jump to it.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one content error: where it is, which field it concerns and what is wrong.
type Error struct {
	Pos  Pos
	Path string // e.g. "values[3].period"; empty when the error concerns no single field
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.File != "" {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errorf builds a positioned error.
func Errorf(pos Pos, path, format string, args ...any) *Error {
	return &Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// List collects the errors of a run. It is safe for concurrent use, so
// stages that work in parallel can share one list.
type List struct {
	mu   sync.Mutex
	errs []*Error
}

// Add records an error. A plain error without a position is kept with an
// empty position so nothing is lost.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var joined interface{ Unwrap() []error }
	var de *Error
	var dl *List
	switch {
	case errors.As(err, &dl) && dl != l:
		l.errs = append(l.errs, dl.sorted()...)
	case errors.As(err, &joined):
		l.mu.Unlock()
		for _, e := range joined.Unwrap() {
			l.Add(e)
		}
		l.mu.Lock()
	case errors.As(err, &de):
		l.errs = append(l.errs, de)
	default:
		l.errs = append(l.errs, &Error{Msg: err.Error()})
	}
}

// Errorf records a positioned error.
func (l *List) Errorf(pos Pos, path, format string, args ...any) {
	l.Add(Errorf(pos, path, format, args...))
}

// Len reports how many distinct errors were collected.
func (l *List) Len() int {
	return len(l.Errors())
}

// Errors returns the collected errors ordered by file, line and column,
// with exact duplicates removed.
func (l *List) Errors() []*Error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sorted()
}

func (l *List) sorted() []*Error {
	out := make([]*Error, len(l.errs))
	copy(out, l.errs)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	dedup := out[:0]
	for i, e := range out {
		if i > 0 && e.Error() == out[i-1].Error() {
			continue
		}
		dedup = append(dedup, e)
	}
	return dedup
}

// Err returns the list itself as an error when it holds any error, else nil.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return l
}

// Error joins all messages, one per line.
func (l *List) Error() string {
	errs := l.Errors()
	lines := make([]string, len(errs))
	for i, e := range errs {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}
