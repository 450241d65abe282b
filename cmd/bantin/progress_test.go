package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bantin/bantin/internal/output"
)

func TestProgress(t *testing.T) {
	t.Run("quiet when not a terminal", func(t *testing.T) {
		var buf bytes.Buffer
		p := newProgress(&buf)
		p.start = time.Now().Add(-time.Hour)
		p.update(1, 2)
		p.done()
		if buf.Len() != 0 {
			t.Errorf("wrote %q to a non-terminal", buf.String())
		}
	})
	t.Run("quiet for short builds", func(t *testing.T) {
		var buf bytes.Buffer
		p := &progress{w: &buf, start: time.Now()}
		p.update(1, 2)
		p.done()
		if buf.Len() != 0 {
			t.Errorf("wrote %q in the first second", buf.String())
		}
	})
	t.Run("long builds on a terminal", func(t *testing.T) {
		var buf bytes.Buffer
		p := &progress{w: &buf, start: time.Now().Add(-2 * time.Second)}
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Add(1)
			go func() { defer wg.Done(); p.update(i+1, 50) }()
		}
		wg.Wait()
		p.update(50, 50)
		p.done()
		out := buf.String()
		if !strings.Contains(out, "Rendering 50/50 files") || !strings.HasSuffix(out, "\r\033[K") {
			t.Errorf("progress output %q", out)
		}
	})
}

// TestBuildSummaryLine: one line, whose count of files written is the
// count of files the build put on disk; with compress: true (the example
// site) that count takes in the .gz and .br copies, and the line says so.
func TestBuildSummaryLine(t *testing.T) {
	for _, tt := range []struct {
		name, site string
		compressed bool
	}{
		{"plain", fixture, false},
		{"compressed", "../..", true}, // the example site: content/ at the repository's top
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(tt.site, "content"))); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCLI("build", "--site", dir, "--as-of", "2024-06-30")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stderr != "" {
				t.Errorf("stderr not quiet when not a terminal: %q", stderr)
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "Built ") || !strings.Contains(lines[0], " pages, ") || !strings.Contains(lines[0], " files (") || !strings.Contains(lines[0], ") in ") {
				t.Fatalf("want a one-line summary, got %q", stdout)
			}
			var written int
			if _, err := fmt.Sscanf(lines[0][strings.Index(lines[0], " files (")+len(" files ("):], "%d written", &written); err != nil {
				t.Fatalf("no count of files written in %q: %v", lines[0], err)
			}
			files := snapshot(t, filepath.Join(dir, "public"))
			delete(files, output.Marker) // written once, when the directory is first made
			if written != len(files) {
				t.Errorf("%q: %d files on disk", lines[0], len(files))
			}
			if got := strings.Contains(lines[0], ".gz and .br copies included"); got != tt.compressed {
				t.Errorf("%q: says the compressed copies are counted: %v, want %v", lines[0], got, tt.compressed)
			}
		})
	}
}
