package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// fsTopdirFlag is FS_TOPDIR_FL, chattr's "T": the directory is the top of
// a hierarchy, so ext4's Orlov allocator places each new subdirectory in
// the block group with the fewest directories instead of beside it.
const fsTopdirFlag = 0x00020000

// mkdirSpread makes dir, a new subdirectory of parent, with parent marked
// FS_TOPDIR_FL while it is made, so that ext4 places dir where the disk
// has the fewest directories; parent's flags are then put back. The mark
// is best effort: file systems without inode flags (tmpfs) refuse it, and
// dir is made all the same.
var mkdirSpread = func(parent, dir string) error {
	f, err := os.Open(parent)
	if err != nil {
		return os.Mkdir(dir, 0o755)
	}
	defer f.Close()
	fd := int(f.Fd())
	flags, err := unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS)
	if err != nil || flags&fsTopdirFlag != 0 {
		return os.Mkdir(dir, 0o755)
	}
	if err := unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags|fsTopdirFlag)); err != nil {
		return os.Mkdir(dir, 0o755)
	}
	err = os.Mkdir(dir, 0o755)
	unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags))
	return err
}
