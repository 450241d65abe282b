//go:build !unix

package source

// appendFile reports false: the caller reads name through the fs.FS.
func (d Dir) appendFile(dst []byte, name string, max int64) ([]byte, bool) { return nil, false }
