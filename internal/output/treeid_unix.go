//go:build unix

package output

import (
	"fmt"
	"os"
	"syscall"
)

// treeID names a directory by its device and inode: they stay with it
// through renames and exchanges, so a manifest keyed by them always
// describes the tree it was written for. "" when dir cannot be read.
func treeID(dir string) string {
	info, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%x-%x", uint64(st.Dev), uint64(st.Ino))
}
