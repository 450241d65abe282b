package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// copySite copies a fixture site into a temporary directory.
func copySite(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

const fixture = "../../internal/build/testdata/site"

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(b)
		}
		return nil
	})
	return files
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{nil, exitUsage, ""},
		{[]string{"frobnicate"}, exitUsage, ""},
		{[]string{"help"}, exitOK, "Commands:"},
		{[]string{"build", "--help"}, exitOK, "Usage: bantin build"},
		{[]string{"check", "-h"}, exitOK, "Usage: bantin check"},
		{[]string{"version", "--help"}, exitOK, "Usage: bantin version"},
		{[]string{"build", "--bogus"}, exitUsage, ""},
		{[]string{"build", "--as-of", "2024-13-01"}, exitUsage, ""},
		{[]string{"build", "extra"}, exitUsage, ""},
		{[]string{"version"}, exitOK, "bantin "},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("bantin %v: exit %d, stdout %q; want exit %d and %q", tt.args, code, out, tt.code, tt.out)
		}
		switch {
		case code == exitOK && errOut != "":
			t.Errorf("bantin %v: exit 0 with stderr %q; want it empty (help goes to stdout, once)", tt.args, errOut)
		case code == exitUsage && errOut == "":
			t.Errorf("bantin %v: exit 2 with nothing on stderr; want what is wrong there", tt.args)
		}
		if n := strings.Count(out+errOut, "Usage: bantin "+firstWord(tt.args)); n > 1 {
			t.Errorf("bantin %v: usage printed %d times", tt.args, n)
		}
	}
}

func firstWord(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func TestBuildThenBrokenFrontMatterKeepsOutput(t *testing.T) {
	site := copySite(t, fixture)
	code, out, errOut := runCLI("build", "--site", site, "--as-of", "2024-06-30")
	if code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "Built ") {
		t.Errorf("no summary line: %q", out)
	}
	public := filepath.Join(site, "public")
	before := snapshot(t, public)
	if len(before) < 10 {
		t.Fatalf("first build wrote only %d files", len(before))
	}

	bad := filepath.Join(site, "content", "articles", "c.md")
	os.WriteFile(bad, []byte("---\ntitle: Bản tin thứ ba\ndate: 2024-02-01\ndraft: perhaps\nauthor: x\n---\nBody\n"), 0o644)
	code, _, errOut = runCLI("build", "--site", site, "--as-of", "2024-06-30")
	if code != exitContent {
		t.Fatalf("broken build: exit %d, want 1", code)
	}
	name := filepath.Join(site, "content", "articles", "c.md")
	for _, want := range []string{
		name + `:4:8: draft: expected true or false, got "perhaps"`,
		name + `:5:1: author: unknown key "author"`,
		"bantin: 2 errors",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	after := snapshot(t, public)
	if len(after) != len(before) {
		t.Fatalf("output changed: %d files before, %d after", len(before), len(after))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s changed after a failed build", p)
		}
	}
	// Beside public/ there is only its state directory (the spare tree
	// and the lock), documented in the README.
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") && e.Name() != ".public.bantin" {
			t.Errorf("temporary directory %s left behind", e.Name())
		}
	}
}

func TestBuildTwiceIsByteIdentical(t *testing.T) {
	site := copySite(t, fixture)
	out1, out2 := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{out1, out2} {
		if code, _, errOut := runCLI("build", "--site", site, "--out", out, "--as-of", "2024-06-30"); code != 0 {
			t.Fatal(errOut)
		}
	}
	a, b := snapshot(t, out1), snapshot(t, out2)
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for p := range a {
		if a[p] != b[p] {
			t.Errorf("%s differs", p)
		}
	}
}

func TestSlugCannotLeaveOutput(t *testing.T) {
	site := copySite(t, fixture)
	os.WriteFile(filepath.Join(site, "content", "articles", "evil.md"),
		[]byte("---\ntitle: Evil\ndate: 2024-01-01\nslug: ../../etc\n---\nx\n"), 0o644)
	code, _, errOut := runCLI("build", "--site", site)
	if code != exitContent || !strings.Contains(errOut, `evil.md:4:7: slug: "../../etc" is not a valid slug`) {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "etc")); err == nil {
		t.Error("something was written outside the output directory")
	}
	// A title made of dots and slashes gives a harmless slug.
	os.WriteFile(filepath.Join(site, "content", "articles", "evil.md"),
		[]byte("---\ntitle: \"../../etc/passwd\"\ndate: 2024-01-01\n---\nx\n"), 0o644)
	if code, _, errOut := runCLI("build", "--site", site, "--as-of", "2024-06-30"); code != 0 {
		t.Fatal(errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "articles", "etc-passwd", "index.html")); err != nil {
		t.Errorf("the article did not land inside public/: %v", err)
	}
}

func TestRefusesForeignOutput(t *testing.T) {
	site := copySite(t, fixture)
	out := filepath.Join(t.TempDir(), "docs")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "mine.txt"), []byte("keep"), 0o644)
	code, _, errOut := runCLI("build", "--site", site, "--out", out)
	if code == exitOK || !strings.Contains(errOut, "was not made by bantin") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "mine.txt")); string(b) != "keep" {
		t.Error("foreign file touched")
	}
}

func TestCheckWritesNothing(t *testing.T) {
	site := copySite(t, fixture)
	code, out, errOut := runCLI("check", "--site", site, "--as-of", "2024-06-30")
	if code != exitOK || !strings.Contains(out, "No errors") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("check wrote public/")
	}
}

// TestCheckCounts: check's last line counts what it read, in words that
// agree with the numbers (a new site has one of each).
func TestCheckCounts(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runCLI("new", "site", site); code != exitOK {
		t.Fatalf("new site: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI("check", "--site", site)
	if want := "No errors: 1 article, 1 plan, 1 metric.\n"; code != exitOK || out != want {
		t.Fatalf("exit %d: %q, want %q\n%s", code, out, want, errOut)
	}
}
