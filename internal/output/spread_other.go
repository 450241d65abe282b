//go:build !linux

package output

import "os"

// mkdirSpread is os.Mkdir here: the directory flag that spreads a tree on
// Linux (FS_TOPDIR_FL, for ext4) has no counterpart.
var mkdirSpread = func(parent, dir string) error { return os.Mkdir(dir, 0o755) }
