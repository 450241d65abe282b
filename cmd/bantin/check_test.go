package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestCheckBrokenData runs `bantin check` on a site with one data file per
// kind of error and compares every reported line, with its line and
// column, to testdata/broken-site.golden.
func TestCheckBrokenData(t *testing.T) {
	dir := filepath.Join("testdata", "broken-site")
	code, stdout, stderr := runCLI("check", "--site", dir, "--as-of", "2024-04-09")
	if code != exitContent {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, exitContent, stdout, stderr)
	}
	got := strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
	golden := filepath.Join("testdata", "broken-site.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("check output differs from %s (go test -update to accept)\n--- got\n%s--- want\n%s", golden, got, want)
	}
}
