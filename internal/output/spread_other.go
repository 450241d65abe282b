//go:build !linux

package output

// spreadSubdirs does nothing here: the directory flag it sets on Linux
// (FS_TOPDIR_FL, for ext4) has no counterpart.
func spreadSubdirs(string) {}
