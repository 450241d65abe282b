package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// fsTopdirFlag is FS_TOPDIR_FL, chattr's "T": the directory is the top of
// a hierarchy, so ext4's Orlov allocator spreads its subdirectories over
// the block groups instead of packing them beside it.
const fsTopdirFlag = 0x00020000

// spreadSubdirs marks dir with FS_TOPDIR_FL, best effort. The mark is
// what the flag is for: the output tree is a hierarchy of thousands of
// small directories. It matters after a large delete: ext4 without a
// journal will not reuse an inode freed in the last 30 seconds, and finds
// that out by reading each one, so every file created in a group where
// thousands were just freed costs a walk over all of them. New
// directories placed in other groups do not pay it. File systems that do
// not know the flag refuse it, and nothing changes.
func spreadSubdirs(dir string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	defer f.Close()
	fd := int(f.Fd())
	flags, err := unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS)
	if err != nil || flags&fsTopdirFlag != 0 {
		return
	}
	unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags|fsTopdirFlag))
}
