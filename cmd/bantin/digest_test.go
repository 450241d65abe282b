package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewDigestCLI: bantin new article --digest PERIOD (or --since and
// --until) writes a draft digest that builds at once; every malformed
// request is a usage error (exit 2) that writes nothing.
func TestNewDigestCLI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runCLI("new", "site", dir); code != exitOK {
		t.Fatal(errOut)
	}
	usage := []struct {
		args []string
		want string
	}{
		{[]string{"--digest", "2024-Q5"}, "not a quarter"},
		{[]string{"--digest", "quý I"}, "not a period"},
		{[]string{"--digest", "2024-Q1", "--since", "2024-01-01", "--until", "2024-03-31"}, "not both"},
		{[]string{"--since", "2024-01-01"}, "needs both"},
		{[]string{"--until", "2024-03-31"}, "needs both"},
		{[]string{"--since", "2024-02-30", "--until", "2024-03-31"}, "--since"},
		{[]string{"--since", "2024-01-01", "--until", "hôm nay"}, "--until"},
		{[]string{"--since", "2024-04-01", "--until", "2024-03-31"}, "before"},
		{[]string{"--digest", "2024-Q1", "Tiêu đề"}, "makes its own title"},
		{[]string{"--digest", "2024-Q1", "--site", ""}, "empty"},
	}
	for _, tt := range usage {
		args := append([]string{"new", "article", "--site", dir}, tt.args...)
		code, _, errOut := runCLI(args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("bantin %v: exit %d %q, want %d and %q", args, code, errOut, exitUsage, tt.want)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content", "articles")); len(entries) != 1 {
		t.Errorf("usage errors wrote files: %d articles", len(entries))
	}
	for _, args := range [][]string{
		{"new", "article", "--digest", "2024", "--site", dir},
		{"new", "article", "--site", dir, "--since", "2024-01-01", "--until", "2024-06-30"},
	} {
		code, out, errOut := runCLI(args...)
		if code != exitOK || !strings.HasSuffix(strings.TrimSpace(out), ".md") || !strings.Contains(errOut, "draft") {
			t.Fatalf("bantin %v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	if code, _, errOut := runCLI("new", "article", "--digest", "2024", "--site", dir); code != exitContent || !strings.Contains(errOut, "already exists") {
		t.Errorf("the same digest again: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI("build", "--site", dir, "--drafts"); code != exitOK {
		t.Errorf("the site with the digests does not build:\n%s", errOut)
	}
}
