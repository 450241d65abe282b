package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitStatus holds every command to SPEC.md's promise: 2 when what
// was typed is wrong (an unknown flag or command, a bad value, an
// unexpected argument), 1 when the files are (content errors, a missing or
// wrong site directory, a file that would be overwritten), and neither
// code stands in for the other.
func TestExitStatus(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	missing := filepath.Join(tmp, "missing")
	broken := filepath.Join("testdata", "broken-site")
	site := filepath.Join(tmp, "site")
	if code, _, errOut := runCLI("new", "site", site); code != exitOK {
		t.Fatal(errOut)
	}
	if code, _, errOut := runCLI("new", "article", "Đã có", "--site", site); code != exitOK {
		t.Fatal(errOut)
	}
	out := filepath.Join(tmp, "out")

	type row struct {
		args []string
		code int
		msg  string // in stderr; "" to check the code only
	}
	var tests []row
	// The commands that share the site flags.
	for _, cmd := range []string{"build", "check", "serve"} {
		tests = append(tests,
			row{[]string{cmd, "--bogus"}, exitUsage, "flag provided but not defined: -bogus"},
			row{[]string{cmd, "--as-of", "2024-13-01"}, exitUsage, "--as-of"},
			row{[]string{cmd, "--as-of", "hôm qua"}, exitUsage, "--as-of"},
			row{[]string{cmd, "--as-of"}, exitUsage, "flag needs an argument"},
			row{[]string{cmd, "--drafts=perhaps"}, exitUsage, "invalid boolean value"},
			row{[]string{cmd, "--warn-links=perhaps"}, exitUsage, "invalid boolean value"},
			row{[]string{cmd, "extra"}, exitUsage, `unexpected argument "extra"`},
			row{[]string{cmd, "--site", missing}, exitContent, "does not exist"},
			row{[]string{cmd, "--site", file}, exitContent, ""},
		)
	}
	tests = append(tests,
		row{[]string{"build", "--site", broken, "--out", out}, exitContent, "errors"},
		row{[]string{"check", "--site", broken}, exitContent, "errors"},
		row{[]string{"serve", "--site", ""}, exitUsage, "empty"},
		row{[]string{"serve", "--site", file}, exitContent, "is not a directory"},
		row{[]string{"serve", "--site", tmp}, exitContent, "is not a site"},
		// Not a site: were the address accepted, serve would stop with 1.
		row{[]string{"serve", "--addr", "nonsense", "--site", tmp}, exitUsage, "--addr"},
		row{[]string{"serve", "--addr", "0.0.0.0:1313", "--site", tmp}, exitUsage, "--expose"},
		row{[]string{"version", "--bogus"}, exitUsage, "-bogus"},
		row{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		row{[]string{"--bogus"}, exitUsage, "unknown command"},
		row{[]string{"help", "build", "extra"}, exitUsage, `unexpected argument "extra"`},
		row{[]string{"help", "frobnicate"}, exitUsage, "unknown command"},
		row{[]string{"new"}, exitUsage, "Usage"},
		row{[]string{"new", "page"}, exitUsage, `unknown kind "page"`},
		row{[]string{"new", "site"}, exitUsage, "give one directory"},
		row{[]string{"new", "site", ""}, exitUsage, "directory name is empty"},
		row{[]string{"new", "site", "a", "b"}, exitUsage, "give one directory"},
		row{[]string{"new", "site", "--bogus", "x"}, exitUsage, "-bogus"},
		row{[]string{"new", "site", site}, exitContent, "not empty"},
		row{[]string{"new", "site", file}, exitContent, "not a directory"},
		row{[]string{"new", "article", "--site", site}, exitUsage, "give a title"},
		row{[]string{"new", "article", "--site", site, "!!!"}, exitUsage, "no letter or digit"},
		row{[]string{"new", "article", "--bogus", "x"}, exitUsage, "-bogus"},
		row{[]string{"new", "article", "Tiêu đề", "--site", ""}, exitUsage, "empty"},
		row{[]string{"new", "article", "Đã có", "--site", site}, exitContent, "already exists"},
		row{[]string{"new", "article", "Tiêu đề", "--site", missing}, exitContent, "does not exist"},
		row{[]string{"new", "article", "Tiêu đề", "--site", file}, exitContent, "is not a directory"},
		row{[]string{"new", "article", "Tiêu đề", "--site", tmp}, exitContent, "site.yaml"},
	)
	for _, tt := range tests {
		code, _, errOut := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("bantin %q: exit %d, want %d with %q in stderr:\n%s", tt.args, code, tt.code, tt.msg, errOut)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed build wrote its output directory")
	}
}
