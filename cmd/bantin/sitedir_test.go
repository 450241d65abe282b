package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckSiteDir(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "site.yaml")
	os.WriteFile(file, []byte("x"), 0o644)
	link := filepath.Join(tmp, "link")
	if err := os.Symlink(tmp, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dir  string
		code int    // exitOK when the directory is fine
		msg  string // in the error
	}{
		{tmp, exitOK, ""},
		{".", exitOK, ""},
		{link, exitOK, ""},
		{"", exitUsage, "--site: the directory name is empty"},
		{file, exitContent, file + " is not a directory"},
		{filepath.Join(tmp, "missing"), exitContent, "does not exist"},
		{filepath.Join(file, "below"), exitContent, "not a directory"},
	}
	for _, tt := range tests {
		err := checkSiteDir(tt.dir)
		if tt.code == exitOK {
			if err != nil {
				t.Errorf("checkSiteDir(%q) = %v", tt.dir, err)
			}
			continue
		}
		if err == nil || exitCodeOf(err) != tt.code || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("checkSiteDir(%q) = %v (exit %d); want exit %d with %q", tt.dir, err, exitCodeOf(err), tt.code, tt.msg)
		}
	}
}
