// Package diag carries content errors with their source position, so that
// every stage of a build can report problems the way a compiler does
// (file:line:col: message) and a run can report all of them at once.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
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
//
// Callers check for new errors with `before := errs.Len(); ...; if
// errs.Len() != before`, often once per item of a large file, so Len must
// not cost more as the list grows: duplicates are dropped as they are
// added (by their formatted text, which Add computes once per error), Len
// is the length of the kept slice, and Errors sorts only when something
// was added since it last sorted.
type List struct {
	mu     sync.Mutex
	errs   []*Error            // distinct errors, in the order added
	seen   map[string]struct{} // the formatted text of each error in errs
	sorted []*Error            // errs in report order; nil when stale
	sorts  int                 // how many times errs was sorted, for tests
}

// Add records an error. A plain error without a position is kept with an
// empty position so nothing is lost. An error equal in every part to one
// already recorded is dropped.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var joined interface{ Unwrap() []error }
	var de *Error
	var dl *List
	switch {
	case errors.As(err, &dl):
		if dl == l {
			return // adding a list to itself adds nothing new
		}
		// Take the other list's errors before locking this one, so two
		// lists added to each other cannot deadlock.
		for _, e := range dl.Errors() {
			l.add(e)
		}
	case errors.As(err, &joined):
		for _, e := range joined.Unwrap() {
			l.Add(e)
		}
	case errors.As(err, &de):
		l.add(de)
	default:
		l.add(&Error{Msg: err.Error()})
	}
}

func (l *List) add(e *Error) {
	key := e.Error()
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, dup := l.seen[key]; dup {
		return
	}
	if l.seen == nil {
		l.seen = map[string]struct{}{}
	}
	l.seen[key] = struct{}{}
	l.errs = append(l.errs, e)
	l.sorted = nil
}

// Errorf records a positioned error.
func (l *List) Errorf(pos Pos, path, format string, args ...any) {
	l.Add(Errorf(pos, path, format, args...))
}

// Len reports how many distinct errors were collected. It takes constant
// time, so it can be called after every item of a long file.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// Errors returns the collected errors ordered by file, line and column
// (errors at one place in the order they were added), with exact
// duplicates removed. The caller may keep or change the returned slice.
func (l *List) Errors() []*Error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sorted == nil && len(l.errs) > 0 {
		l.sorted = slices.Clone(l.errs)
		slices.SortStableFunc(l.sorted, func(a, b *Error) int {
			return cmp.Or(
				strings.Compare(a.Pos.File, b.Pos.File),
				cmp.Compare(a.Pos.Line, b.Pos.Line),
				cmp.Compare(a.Pos.Col, b.Pos.Col))
		})
		l.sorts++
	}
	return slices.Clone(l.sorted)
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
