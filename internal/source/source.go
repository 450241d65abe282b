// Package source reads a site's input files safely. Every loader (site
// settings, articles, plans, metrics, static files, templates) goes
// through it, so one place decides what an input may be: a regular file,
// not a symbolic link (a metric linked to /etc/passwd would be published),
// not a FIFO or device (reading one hangs or never ends), and no larger
// than the limit its kind allows, checked before reading and enforced
// while reading, so /dev/zero or a huge sparse file cannot fill memory.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// The size limits of each kind of input, in bytes. They are generous for
// what editors write by hand and small enough that a mistake cannot
// exhaust the machine.
const (
	MaxSettings = 1 << 20   // content/site.yaml
	MaxArticle  = 4 << 20   // one Markdown article
	MaxData     = 16 << 20  // one plan or metric file (a daily series of decades)
	MaxTemplate = 4 << 20   // one template or theme asset read into memory
	MaxStatic   = 512 << 20 // one file under content/static (copied, never held whole)
)

// Error explains why an input was refused; it names no position, as it
// concerns the whole file.
type Error struct {
	Name   string // the path as given
	Reason string
}

func (e *Error) Error() string { return e.Reason }

// Check reports whether name in fsys is an input bantin may read: a
// regular file (not a link, FIFO, socket or device) of at most max bytes.
// It does not open the file, so checking a FIFO cannot block.
func Check(fsys fs.FS, name string, max int64) (fs.FileInfo, error) {
	info, err := fs.Lstat(fsys, name)
	if err != nil {
		return nil, err
	}
	return info, checkInfo(name, info, max)
}

func checkInfo(name string, info fs.FileInfo, max int64) error {
	mode := info.Mode()
	switch {
	case mode&fs.ModeSymlink != 0:
		return &Error{name, "is a symbolic link; bantin reads only regular files inside the site (copy the file itself here)"}
	case mode.IsDir():
		return &Error{name, "is a directory, not a file"}
	case !mode.IsRegular():
		return &Error{name, fmt.Sprintf("is not a regular file (%s); bantin reads only regular files", kind(mode))}
	case info.Size() > max:
		return &Error{name, fmt.Sprintf("is %s, larger than the %s limit for this kind of file", size(info.Size()), size(max))}
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads name from fsys after Check, and never more than max
// bytes even if the file grows while it is read.
func ReadFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	return AppendFile(nil, fsys, name, max)
}

// AppendFile is ReadFile into dst's spare capacity (appended to dst), for
// a reader that reuses one buffer for many files.
func AppendFile(dst []byte, fsys fs.FS, name string, max int64) ([]byte, error) {
	if d, ok := fsys.(Dir); ok {
		if b, ok := d.appendFile(dst, name, max); ok {
			return b, nil
		}
		// Refused, missing or unreadable: the checks below say which.
	}
	if _, err := Check(fsys, name, max); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been swapped since Check: check what was opened.
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkInfo(name, info, max); err != nil {
		return nil, err
	}
	// Sized from Stat, so the bytes are read into one allocation (io.ReadAll
	// would grow and copy its buffer several times for each file).
	buf := bytes.NewBuffer(dst)
	buf.Grow(int(min(info.Size(), max)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if int64(len(b)-len(dst)) > max {
		return nil, &Error{name, fmt.Sprintf("grew past the %s limit while being read", size(max))}
	}
	return b, nil
}

// Open opens name after Check, for inputs that are streamed rather than
// read whole (static files). The caller closes it.
func Open(fsys fs.FS, name string, max int64) (fs.File, fs.FileInfo, error) {
	if _, err := Check(fsys, name, max); err != nil {
		return nil, nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil {
		err = checkInfo(name, info, max)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// IsRefused reports whether err is a refusal by this package rather than
// an I/O failure.
func IsRefused(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
