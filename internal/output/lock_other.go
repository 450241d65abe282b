//go:build !unix

package output

import (
	"errors"
	"os"
)

// lockFile is an exclusive lock file; without flock, a killed build may
// leave it behind, and the error says how to remove it.
type lockFile struct{ name string }

// ErrLocked says another build holds the output.
var ErrLocked = errors.New("another bantin build is writing this output now (or a killed one left its lock file: remove it if no build runs)")

func acquire(name string) (*lockFile, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, ErrLocked
		}
		return nil, err
	}
	f.Close()
	return &lockFile{name}, nil
}

func (l *lockFile) release() {
	if l != nil && l.name != "" {
		os.Remove(l.name)
		l.name = ""
	}
}
