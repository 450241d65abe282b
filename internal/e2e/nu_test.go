package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuJarEnv names the W3C Nu HTML checker's jar for TestNuHTMLChecker.
// .ci/run installs the npm package vnu-jar into vnuCacheDir and sets it.
const vnuJarEnv = "BANTIN_VNU_JAR"

// vnuJarInPackage is where the npm package vnu-jar keeps the jar, under
// the directory given to npm install --prefix.
var vnuJarInPackage = filepath.Join("node_modules", "vnu-jar", "build", "dist", "vnu.jar")

// vnuCacheDir is where .ci/run installs vnu-jar when BANTIN_VNU_JAR is not
// set: <user cache dir>/bantin/vnu. The test looks there too, so a machine
// that ran .ci/run once runs the check with a plain go test.
func vnuCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "bantin", "vnu")
}

// TestNuHTMLChecker runs the W3C Nu HTML checker (vnu.jar) over every HTML
// file of the built example site — pages, lists, tag pages, the 404 page
// and the redirects — and fails on any error it reports, each with its
// page, line and column. Warnings are not errors (the checker says
// "consider" things there). It needs Java and vnu.jar: it skips, saying
// so, only when there is no java; with java but no jar it fails, naming
// how to get it, since a skipped validity check would pass unseen.
func TestNuHTMLChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("the Nu checker takes seconds (Java); skipped with -short")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("no java on PATH: the W3C Nu HTML checker (vnu.jar) needs Java 11 or later; install Debian's default-jre-headless (.ci/run does)")
	}
	jar := findVnuJar(t)

	mem, _ := buildSite(t)
	dir := t.TempDir()
	var files []string
	for _, p := range mem.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		b, _ := mem.Get(p)
		file := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	if len(files) < 10 {
		t.Fatalf("only %d HTML files in the example site's output", len(files))
	}
	// --no-langdetect: the checker guesses a page's language from its text
	// and warns when it differs from <html lang>; short Vietnamese pages are
	// guessed wrong, and a warning is not what this test is about.
	args := append([]string{"-jar", jar, "--errors-only", "--no-langdetect", "--format", "json", "--stdout", "--exit-zero-always"}, files...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("running %s %s: %v\n%s", java, strings.Join(args[:9], " "), err, stderr.String())
	}
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstColumn                int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("the checker's report is not JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	errors := 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		errors++
		page := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(dir, page); err == nil {
			page = filepath.ToSlash(rel)
		}
		t.Errorf("%s:%d:%d: %s\n\t%s", page, m.LastLine, m.FirstColumn, m.Message, strings.TrimSpace(m.Extract))
	}
	t.Logf("the Nu checker read %d HTML files; %d errors", len(files), errors)
}

// findVnuJar returns the checker's jar: $BANTIN_VNU_JAR, else where .ci/run
// installs it. Without it the test fails: java is there, so the check can
// run once the jar is fetched.
func findVnuJar(t *testing.T) string {
	t.Helper()
	if p := os.Getenv(vnuJarEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s=%s: %v", vnuJarEnv, p, err)
		}
		return p
	}
	if dir := vnuCacheDir(); dir != "" {
		p := filepath.Join(dir, vnuJarInPackage)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatal(fmt.Sprintf("java is installed but the Nu HTML checker's vnu.jar is not: run .ci/run, or "+
		"npm install --prefix %s vnu-jar, or set %s to a vnu.jar", vnuCacheDir(), vnuJarEnv))
	return ""
}
