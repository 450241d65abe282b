//go:build !unix

package output

import "os"

// createFile writes data to a new file p (flag adds O_EXCL or O_TRUNC to
// creating it).
func createFile(p string, data []byte, flag int) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|flag, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
