//go:build unix

package source

import (
	"io/fs"
	"slices"

	"golang.org/x/sys/unix"
)

// appendFile reads name into dst's spare capacity when it is a regular
// file of at most max bytes, and reports false for anything else (a link,
// a FIFO, a device, a directory, a file too large or missing, an error),
// which the caller's checks then word. As there, the path is checked
// before it is opened, so nothing but a regular file is ever opened (a
// FIFO would block, a device may act on being opened), and what was
// opened is checked again: not a link (O_NOFOLLOW), and the file that was
// checked. The difference is the system calls: package os offers every
// file it opens to the runtime's poller, four fcntl calls and an
// epoll_ctl (which epoll refuses for a regular file) around each open,
// eleven calls a file where this makes six.
func (d Dir) appendFile(dst []byte, name string, max int64) ([]byte, bool) {
	if !fs.ValidPath(name) || d.root == "" {
		return nil, false
	}
	p := d.root + "/" + name
	var st, opened unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil || !regular(&st, max) {
		return nil, false
	}
	// Any error, EINTR included, leaves the file to the caller's way
	// through package os, which retries and words it.
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	if err := unix.Fstat(fd, &opened); err != nil || !regular(&opened, max) || opened.Dev != st.Dev || opened.Ino != st.Ino {
		return nil, false
	}
	// Sized from fstat, so the bytes are read into one allocation; read
	// to the end, but never more than max+1 bytes (one more says the file
	// grew past max while being read).
	start := len(dst)
	limit := start + int(max) + 1
	dst = slices.Grow(dst, int(opened.Size)+1)
	for len(dst) < limit {
		if len(dst) == cap(dst) {
			dst = slices.Grow(dst, min(len(dst)-start, limit-len(dst)))
		}
		n, err := unix.Read(fd, dst[len(dst):min(cap(dst), limit)])
		if err != nil {
			return nil, false
		}
		if n == 0 {
			break
		}
		dst = dst[:len(dst)+n]
	}
	if int64(len(dst)-start) > max {
		return nil, false
	}
	return dst, true
}

// regular reports whether st is a regular file of at most max bytes.
func regular(st *unix.Stat_t, max int64) bool {
	return st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size <= max
}
