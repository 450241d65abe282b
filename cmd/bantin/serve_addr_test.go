package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/serve"
)

// Every --addr is checked before anything is built or listened on. The
// site given is an empty directory: were the address accepted, serve would
// stop there instead, with exit 1 and "is not a site".
func TestServeAddrChecks(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		// Beyond loopback, only with --expose.
		{[]string{"--addr", "0.0.0.0:1313"}, exitUsage, "--expose"},
		{[]string{"--addr", ":1313"}, exitUsage, "--expose"},
		{[]string{"--addr", "[::]:1313"}, exitUsage, "--expose"},
		{[]string{"--addr", "192.0.2.10:1313"}, exitUsage, "--expose"},
		{[]string{"--addr", "myhost.example:1313"}, exitUsage, "--expose"},
		// Malformed.
		{[]string{"--addr", "nonsense"}, exitUsage, `--addr: "nonsense" is not host:port`},
		{[]string{"--addr", "127.0.0.1:99999"}, exitUsage, "port 99999 is out of range"},
		{[]string{"--addr", "127.0.0.1:"}, exitUsage, "has no port"},
		{[]string{"--addr", "127.0.0.1:http"}, exitUsage, "is not a number"},
		{[]string{"--addr", ""}, exitUsage, "is not host:port"},
		{[]string{"--addr", "nonsense", "--expose"}, exitUsage, "is not host:port"},
		{[]string{"--allow-host", ""}, exitUsage, "empty host name"},
		{[]string{"--allow-host", "evil example"}, exitUsage, "neither a host name"},
		{[]string{"--allow-host", "proxy.example:0"}, exitUsage, "not a number from 1 to 65535"},
		// Accepted: the address is fine, so serve gets as far as the site.
		{[]string{"--addr", "127.0.0.1:0"}, exitContent, "is not a site"},
		{[]string{"--addr", "localhost:0"}, exitContent, "is not a site"},
		{[]string{"--addr", "[::1]:0"}, exitContent, "is not a site"},
		{[]string{"--allow-host", "preview.example", "--allow-host", "proxy.example:8080"}, exitContent, "is not a site"},
		{[]string{"--addr", "0.0.0.0:0", "--expose"}, exitContent, "is not a site"},
		{[]string{"--expose"}, exitContent, "--expose has no effect"},
	}
	for _, tt := range tests {
		args := append([]string{"serve", "--site", empty}, tt.args...)
		code, _, errOut := runCLI(args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("bantin %q: exit %d, want %d with %q; stderr:\n%s", args, code, tt.code, tt.msg, errOut)
		}
	}
}

func TestServeHelpDocumentsExposure(t *testing.T) {
	_, out, _ := runCLI("serve", "--help")
	for _, want := range []string{"-expose", "-allow-host", "loopback", "DNS rebinding"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve --help lacks %q:\n%s", want, out)
		}
	}
}

func TestServeSiteIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	code, _, errOut := runCLI("serve", "--site", file)
	if code != exitContent || !strings.Contains(errOut, file+" is not a directory") || strings.Contains(errOut, "does not exist") {
		t.Errorf("serve --site FILE: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI("serve", "--site", ""); code != exitUsage || !strings.Contains(errOut, "--site: the directory name is empty") {
		t.Errorf("serve --site '': exit %d\n%s", code, errOut)
	}
}

// With --expose, the warning names the addresses and drafts, the URL
// printed answers, and a request naming another host is refused.
func TestServeExposed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runCLI("new", "site", dir); code != exitOK {
		t.Fatal(errOut)
	}
	var out, errOut lockedBuffer
	e := &env{stdout: &out, stderr: &errOut}
	opts := build.Options{SiteDir: dir, Drafts: true, Theme: bantin.Theme()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- serveSite(ctx, e, serve.Options{Build: opts, Addr: "0.0.0.0:0", Expose: true}) }()
	defer func() {
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("exit %d\n%s", code, errOut.String())
			}
		case <-time.After(5 * time.Second):
			t.Error("serve did not stop")
		}
	}()

	serving := regexp.MustCompile(`Serving http://(127\.0\.0\.1:(\d+))/tien-do/ \(Ctrl\+C to stop\)`)
	var m []string
	for deadline := time.Now().Add(5 * time.Second); m == nil; time.Sleep(10 * time.Millisecond) {
		if m = serving.FindStringSubmatch(out.String()); m == nil && time.Now().After(deadline) {
			t.Fatalf("no serving line:\n%s\n%s", out.String(), errOut.String())
		}
	}
	hostport, port := m[1], m[2]
	if w := errOut.String(); !strings.Contains(w, "WARNING") || !strings.Contains(w, "drafts included") || !strings.Contains(w, ":"+port+"/tien-do/") {
		t.Errorf("no warning naming the addresses and drafts:\n%s", w)
	}
	get := func(host string) int {
		conn, err := net.DialTimeout("tcp", hostport, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(3 * time.Second))
		io.WriteString(conn, "GET /tien-do/ HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(hostport); code != http.StatusOK {
		t.Errorf("the printed URL answers %d", code)
	}
	if code := get("evil.example:" + port); code != http.StatusMisdirectedRequest {
		t.Errorf("Host evil.example: %d, want 421", code)
	}
}
