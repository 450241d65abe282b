//go:build unix

package output

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// createFile writes data to a new file p (flag adds O_EXCL or O_TRUNC to
// creating it) with the file system calls alone. os.WriteFile and
// os.OpenFile first offer every file they open to the runtime's poller:
// on Linux four fcntl calls and an epoll_ctl (which epoll refuses for a
// regular file) around each open, a third of a large build's system
// calls. A file here is regular, written whole and closed at once, so it
// has no use for the poller; nor for an *os.File.
func createFile(p string, data []byte, flag int) error {
	fd, err := retry(func() (int, error) {
		return unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flag, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := retry(func() (int, error) { return unix.Write(fd, data) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}

// retry calls f again while it is interrupted by a signal, as package os
// does.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}
