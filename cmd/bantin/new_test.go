package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"new"}, exitUsage},
		{[]string{"new", "page"}, exitUsage},
		{[]string{"new", "site"}, exitUsage},
		{[]string{"new", "site", "a", "b"}, exitUsage},
		{[]string{"new", "article"}, exitUsage},
		{[]string{"new", "article", "--bogus", "x"}, exitUsage},
		// What was typed is malformed: usage errors, whatever the files.
		{[]string{"new", "site", ""}, exitUsage},
		{[]string{"new", "site", "  "}, exitUsage},
		{[]string{"new", "site", "--", ""}, exitUsage},
		{[]string{"new", "article", ""}, exitUsage},
		{[]string{"new", "article", " ", "\t"}, exitUsage},
		{[]string{"new", "article", "!!!"}, exitUsage},
		{[]string{"new", "article", "—", "?"}, exitUsage},
		{[]string{"new", "article", "--site", "", "Tiêu đề"}, exitUsage},
		{[]string{"new", "--help"}, exitOK},
		{[]string{"new", "site", "--help"}, exitOK},
		{[]string{"new", "article", "-h"}, exitOK},
	}
	for _, tt := range tests {
		if code, _, _ := runCLI(tt.args...); code != tt.code {
			t.Errorf("bantin %v: exit %d, want %d", tt.args, code, tt.code)
		}
	}
}

func TestNewSiteThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tien-do")
	code, out, errOut := runCLI("new", "site", dir)
	if code != exitOK || !strings.Contains(out, "content/site.yaml") || !strings.Contains(out, "bantin serve --site "+dir) {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI("build", "--site", dir); code != exitOK {
		t.Fatalf("the new site does not build: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "articles", "chao-mung-den-voi-ban-tin-tien-do", "index.html")); err != nil {
		t.Error(err)
	}
	// Now the directory holds a site: a second new site is refused.
	code, _, errOut = runCLI("new", "site", dir)
	if code != exitContent || !strings.Contains(errOut, "not empty") {
		t.Errorf("second new site: exit %d\n%s", code, errOut)
	}
}

func TestNewArticleCLI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runCLI("new", "site", dir); code != exitOK {
		t.Fatal(errOut)
	}
	// Flags may follow the title.
	code, out, errOut := runCLI("new", "article", "Họp Ban Chỉ đạo quý I", "--site", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	name := strings.TrimSpace(out)
	if !strings.HasPrefix(name, filepath.Join(dir, "content", "articles")+string(filepath.Separator)) ||
		!strings.HasSuffix(name, "-hop-ban-chi-dao-quy-i.md") {
		t.Errorf("printed %q", name)
	}
	if _, err := os.Stat(name); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "draft") {
		t.Errorf("no word about the draft: %q", errOut)
	}
	// Unquoted words make one title; the same title again is refused.
	code, _, errOut = runCLI("new", "article", "--site", dir, "Họp", "Ban", "Chỉ", "đạo", "quý", "I")
	if code != exitContent || !strings.Contains(errOut, "already exists") {
		t.Errorf("same title again: exit %d\n%s", code, errOut)
	}
	// A title that starts with a dash goes after "--".
	if code, out, errOut := runCLI("new", "article", "--site", dir, "--", "-5% hồ sơ giấy"); code != exitOK || !strings.Contains(out, "-5-ho-so-giay.md") {
		t.Errorf("title after --: exit %d %q %s", code, out, errOut)
	}
	if code, _, errOut := runCLI("build", "--site", dir, "--drafts"); code != exitOK {
		t.Errorf("the site with the new drafts does not build:\n%s", errOut)
	}
	// Not a site.
	if code, _, errOut := runCLI("new", "article", "Tiêu đề", "--site", t.TempDir()); code != exitContent || !strings.Contains(errOut, "site.yaml") {
		t.Errorf("not a site: exit %d\n%s", code, errOut)
	}
}
