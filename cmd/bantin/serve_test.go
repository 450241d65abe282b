package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/serve"
)

func TestServeUsage(t *testing.T) {
	if code, out, _ := runCLI("serve", "--help"); code != exitOK || !strings.Contains(out, "--addr") {
		t.Errorf("serve --help: exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI("serve", "extra"); code != exitUsage {
		t.Errorf("serve extra: exit %d", code)
	}
	if code, _, _ := runCLI("serve", "--as-of", "2024-02-30"); code != exitUsage {
		t.Errorf("serve --as-of 2024-02-30: exit %d", code)
	}
	code, _, errOut := runCLI("serve", "--site", t.TempDir())
	if code != exitContent || !strings.Contains(errOut, "is not a site") {
		t.Errorf("serve on an empty directory: exit %d\n%s", code, errOut)
	}
}

// lockedBuffer lets the test read what the server goroutine writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeStartsAndStops(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runCLI("new", "site", dir); code != exitOK {
		t.Fatal(errOut)
	}
	var out, errOut lockedBuffer
	e := &env{stdout: &out, stderr: &errOut}
	opts := build.Options{SiteDir: dir, Drafts: true, Theme: bantin.Theme()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- serveSite(ctx, e, serve.Options{Build: opts, Addr: "127.0.0.1:0"}) }()

	serving := regexp.MustCompile(`Serving (http://127\.0\.0\.1:\d+/tien-do/) \(Ctrl\+C to stop\)`)
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == ""; time.Sleep(10 * time.Millisecond) {
		if m := serving.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no serving line:\n%s\n%s", out.String(), errOut.String())
		}
	}
	if !strings.Contains(out.String(), "built in ") {
		t.Errorf("no build line: %q", out.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %d", url, resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(out.String(), "Stopped.") {
			t.Errorf("exit %d\n%s", code, out.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop")
	}
}
