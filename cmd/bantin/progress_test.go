package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
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

func TestBuildSummaryLine(t *testing.T) {
	dir := copySite(t, fixture)
	code, stdout, stderr := runCLI("build", "--site", dir, "--as-of", "2024-06-30")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr not quiet when not a terminal: %q", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "Built ") || !strings.Contains(lines[0], " pages, ") || !strings.Contains(lines[0], " files (") || !strings.Contains(lines[0], ") in ") {
		t.Errorf("want a one-line summary, got %q", stdout)
	}
}
