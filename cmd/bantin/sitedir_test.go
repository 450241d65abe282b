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

func TestCheckOut(t *testing.T) {
	site := t.TempDir()
	for _, d := range []string{"content/static", "content/articles", "templates"} {
		os.MkdirAll(filepath.Join(site, d), 0o755)
	}
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(filepath.Join(site, "content"), link)
	tests := []struct {
		out string
		ok  bool
	}{
		{filepath.Join(site, "public"), true},
		{filepath.Join(site, "dist", "www"), true},
		{filepath.Join(t.TempDir(), "www"), true},
		{site, false},
		{filepath.Dir(site), false},
		{filepath.Join(site, "content"), false},
		{filepath.Join(site, "content", "static", "x"), false},
		{filepath.Join(site, "content", "articles", "x"), false},
		{filepath.Join(site, "templates"), false},
		{filepath.Join(link, "static", "x"), false}, // through a link
		{"", false},
	}
	for _, tt := range tests {
		err := checkOut(site, tt.out)
		if (err == nil) != tt.ok {
			t.Errorf("checkOut(site, %q) = %v, want ok=%v", tt.out, err, tt.ok)
		}
		if err != nil && exitCodeOf(err) != exitUsage {
			t.Errorf("checkOut(site, %q): exit %d, want the usage status", tt.out, exitCodeOf(err))
		}
	}
	// End to end: nothing is written into the sources.
	copied := copySite(t, fixture)
	code, _, stderr := runCLI("build", "--site", copied, "--out", filepath.Join(copied, "content", "static", "out"))
	if code != exitUsage || !strings.Contains(stderr, "inside the site's sources") {
		t.Errorf("build --out inside content/static: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(copied, "content", "static", "out")); err == nil {
		t.Error("the refused output directory was created")
	}
}
