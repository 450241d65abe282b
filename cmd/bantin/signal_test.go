//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// treeSums hashes every file under dir.
func treeSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			sums[p] = sha256.Sum256(b)
		}
		return nil
	})
	return sums
}

// TestSignalStopsBuild: Ctrl-C (SIGINT) or SIGTERM stops a build at once,
// exits 1 saying so, and leaves the previous output exactly as it was;
// the next build runs (the lock went with the process).
func TestSignalStopsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a 3,000-article site")
	}
	bin := filepath.Join(t.TempDir(), "bantin")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := copySite(t, fixture)
	for i := range 3000 {
		body := fmt.Sprintf("---\ntitle: Bản tin số %d\ndate: 2024-%02d-%02d\ntags: [nhóm %d]\n---\n\n"+
			"Đã số hóa {{< metric \"ho-so\" \"2024-Q1\" >}}.\n\n## Mục\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", i, i%12+1, i%28+1, i%30)
		os.WriteFile(filepath.Join(site, "content", "articles", fmt.Sprintf("bai-%04d.md", i)), []byte(body), 0o644)
	}
	public := filepath.Join(site, "public")
	run := func() *exec.Cmd {
		cmd := exec.Command(bin, "build", "--site", site, "--as-of", "2024-06-30")
		cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &bytes.Buffer{}
		return cmd
	}
	build := func(what string) {
		cmd := run()
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", what, err, cmd.Stderr)
		}
	}
	build("first build")
	before := treeSums(t, public)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		// A change to the settings, so that every page is rendered again
		// (a build after a small edit is too quick to interrupt).
		settings := filepath.Join(site, "content", "site.yaml")
		src, _ := os.ReadFile(settings)
		os.WriteFile(settings, append(src, []byte("copyright: Bản tin, lần dựng "+sig.String()+"\n")...), 0o644)
		cmd := run()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		cmd.Process.Signal(sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			stderr := cmd.Stderr.(*bytes.Buffer).String()
			if err == nil {
				t.Logf("%v: the build finished before the signal; nothing to check", sig)
				before = treeSums(t, public)
				os.WriteFile(settings, src, 0o644)
				continue
			}
			if code := cmd.ProcessState.ExitCode(); code != exitContent || !strings.Contains(stderr, "build stopped") {
				t.Errorf("%v: exit %d, stderr %q; want 1 and \"build stopped\"", sig, code, stderr)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v did not stop the build within 10 s", sig)
		}
		after := treeSums(t, public)
		if len(after) != len(before) {
			t.Fatalf("%v: public/ has %d files, had %d", sig, len(after), len(before))
		}
		for p, s := range before {
			if after[p] != s {
				t.Errorf("%v: %s changed", sig, p)
			}
		}
		os.WriteFile(settings, src, 0o644)
	}
	build("a build after the interrupted ones")
}
