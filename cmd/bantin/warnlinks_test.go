package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/serve"
)

// brokenLinkSite writes a site whose only faults are a link to a page
// that does not exist and an anchor no heading has.
func brokenLinkSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/site.yaml":     "title: x\nbaseURL: https://x.gov.vn/tien-do/\n",
		"content/articles/a.md": "---\ntitle: Đích\ndate: 2024-04-01\n---\n## Mục một\n",
		"content/articles/b.md": "---\ntitle: Nguồn\ndate: 2024-04-02\n---\nXem [mất](../khong-co/) và [neo](../dich/#muc-hai).\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestWarnLinksFlag: without --warn-links, build and check stop with exit
// 1 and each broken link or anchor as an error at its line and column;
// with it, the same lines come as warnings ("file:line:col: warning: …")
// on stderr, with a count, and the run succeeds (build writes the site).
func TestWarnLinksFlag(t *testing.T) {
	dir := brokenLinkSite(t)
	const (
		page   = `content/articles/b.md:5:5: link to "../khong-co/" does not resolve to a page of the site`
		anchor = `content/articles/b.md:5:28: link to "../dich/#muc-hai" does not resolve to a page of the site: articles/dich/ has no heading or anchor with the id "muc-hai" (ids there: muc-mot)`
	)
	warn := func(l string) string { return strings.Replace(l, ": link", ": warning: link", 1) }
	out := filepath.Join(t.TempDir(), "public")
	tests := []struct {
		args []string
		code int
		want []string // lines of stderr, the site's directory taken out
	}{
		{[]string{"build", "--out", out}, exitContent, []string{page, anchor, "bantin: 2 errors"}},
		{[]string{"check"}, exitContent, []string{page, anchor, "bantin: 2 errors"}},
		{[]string{"check", "--warn-links"}, exitOK, []string{warn(page), warn(anchor), "bantin: 2 warnings (--warn-links)"}},
		{[]string{"build", "--out", out, "--warn-links"}, exitOK, []string{warn(page), warn(anchor), "bantin: 2 warnings (--warn-links)"}},
	}
	for _, tt := range tests {
		args := append(tt.args, "--site", dir, "--as-of", "2024-04-09")
		code, _, errOut := runCLI(args...)
		got := strings.Split(strings.TrimRight(strings.ReplaceAll(errOut, dir+string(filepath.Separator), ""), "\n"), "\n")
		if code != tt.code || strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("bantin %q: exit %d, want %d; stderr:\n%s\nwant:\n%s", tt.args, code, tt.code, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
	if _, err := os.Stat(filepath.Join(out, "articles", "nguon", "index.html")); err != nil {
		t.Errorf("build --warn-links did not write the bulletin: %v", err)
	}
	if code, usage, _ := runCLI("build", "--help"); code != exitOK || !strings.Contains(usage, "-warn-links") {
		t.Errorf("build --help does not list --warn-links:\n%s", usage)
	}
}

// TestServeWarnLinks: the preview with --warn-links serves a site whose
// links are broken, and prints each broken link once as a warning.
func TestServeWarnLinks(t *testing.T) {
	dir := brokenLinkSite(t)
	var out, errOut lockedBuffer
	e := &env{stdout: &out, stderr: &errOut}
	opts := build.Options{SiteDir: dir, Theme: bantin.Theme(), WarnLinks: (&warnings{}).add}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- serveSite(ctx, e, serve.Options{Build: opts, Addr: "127.0.0.1:0"}) }()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "Serving "); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no serving line:\n%s\n%s", out.String(), errOut.String())
		}
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d", code)
	}
	text := strings.ReplaceAll(errOut.String(), dir+string(filepath.Separator), "")
	for _, want := range []string{
		"content/articles/b.md:5:5: warning: link to \"../khong-co/\" does not resolve to a page of the site\n",
		"content/articles/b.md:5:28: warning: link to \"../dich/#muc-hai\" does not resolve",
	} {
		if strings.Count(text, want) != 1 {
			t.Errorf("stderr has %q %d times, want once:\n%s", want, strings.Count(text, want), text)
		}
	}
}
