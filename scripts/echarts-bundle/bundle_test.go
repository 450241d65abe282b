package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// bundleDir is where the generator writes, relative to this directory.
var bundleDir = filepath.Join("..", "..", "templates", "assets", "echarts")

// readBundle splits the committed bundle into its header fields and body.
func readBundle(t *testing.T) (fields map[string]string, body []byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(bundleDir, bundleName))
	if err != nil {
		t.Fatal(err)
	}
	end := bytes.Index(b, []byte("\n */\n"))
	if !bytes.HasPrefix(b, []byte("/*! ")) || end < 0 {
		t.Fatalf("%s has no generated header: run go generate ./scripts/echarts-bundle", bundleName)
	}
	head, body := string(b[:end]), b[end+len("\n */\n"):]
	fields = map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^ \* (input-sha256|output-sha256): ([0-9a-f]{64})$`).FindAllStringSubmatch(head, -1) {
		fields[m[1]] = m[2]
	}
	if m := regexp.MustCompile(`npm: echarts (\S+), zrender (\S+), tslib (\S+) \(package-lock.json\); esbuild (\S+) `).FindStringSubmatch(head); m != nil {
		fields["echarts"], fields["zrender"], fields["tslib"], fields["esbuild"] = m[1], m[2], m[3], m[4]
	}
	return fields, body
}

// lockVersions reads the versions package-lock.json pins.
func lockVersions(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		t.Fatalf("package-lock.json: %v", err)
	}
	out := map[string]string{}
	for _, p := range []string{"echarts", "zrender", "tslib"} {
		out[p] = lock.Packages["node_modules/"+p].Version
	}
	return out
}

// TestBundleMatchesInputs fails when the bundle and what it is generated
// from drift apart: entry.js, package.json, package-lock.json or
// options.go changed (input-sha256), the bundle was edited by hand
// (output-sha256), or go.mod now pins another esbuild. It does not run
// npm or esbuild, so it holds in CI without the network; the full
// byte-for-byte rebuild is TestBundleRebuild.
func TestBundleMatchesInputs(t *testing.T) {
	fields, body := readBundle(t)
	in, err := inputHash(".")
	if err != nil {
		t.Fatal(err)
	}
	lock := lockVersions(t)
	const regen = "; run go generate ./scripts/echarts-bundle"
	for _, c := range []struct{ what, got, want string }{
		{"input-sha256 (entry.js, package.json, package-lock.json, options.go)", fields["input-sha256"], in},
		{"output-sha256 (the code after the header)", fields["output-sha256"], sum(body)},
		{"esbuild version (go.mod)", fields["esbuild"], esbuildVersion()},
		{"echarts version (package-lock.json)", fields["echarts"], lock["echarts"]},
		{"zrender version (package-lock.json)", fields["zrender"], lock["zrender"]},
		{"tslib version (package-lock.json)", fields["tslib"], lock["tslib"]},
	} {
		if c.got == "" || c.got != c.want {
			t.Errorf("%s: the bundle says %q, now %q%s", c.what, c.got, c.want, regen)
		}
	}
	if !strings.HasPrefix(string(body), "var echarts=") {
		t.Errorf("the bundle does not define the global echarts that charts.js uses")
	}
}

// TestInputHashSeesEveryInput proves the drift check would fire: changing
// any one input, even by a byte, changes the hash, and CRLF line endings
// alone do not.
func TestInputHashSeesEveryInput(t *testing.T) {
	base, err := inputHash(".")
	if err != nil {
		t.Fatal(err)
	}
	copyInputs := func(t *testing.T) string {
		dir := t.TempDir()
		for _, name := range inputs {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	for _, name := range inputs {
		t.Run(name, func(t *testing.T) {
			dir := copyInputs(t)
			p := filepath.Join(dir, name)
			b, _ := os.ReadFile(p)
			if err := os.WriteFile(p, append(b, ' '), 0o644); err != nil {
				t.Fatal(err)
			}
			if h, err := inputHash(dir); err != nil || h == base {
				t.Errorf("a change to %s leaves the input hash as it was (%v)", name, err)
			}
		})
	}
	t.Run("crlf", func(t *testing.T) {
		dir := copyInputs(t)
		p := filepath.Join(dir, "entry.js")
		b, _ := os.ReadFile(p)
		os.WriteFile(p, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), 0o644)
		if h, err := inputHash(dir); err != nil || h != base {
			t.Errorf("CRLF line endings change the input hash (%v)", err)
		}
	})
}

// TestLicencesBesideBundle: the bundle ships with the licences its header
// names.
func TestLicencesBesideBundle(t *testing.T) {
	for _, l := range licences {
		if st, err := os.Stat(filepath.Join(bundleDir, l.to)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing beside the bundle: %v", l.to, err)
		}
	}
}

// TestBundleRebuild rebuilds the bundle with esbuild and compares it byte
// for byte with the committed one. It needs the npm packages, which go
// test does not fetch (no network in a unit test): install them with
// `npm ci --ignore-scripts` from package-lock.json into a directory and
// set BANTIN_ECHARTS_NODE_MODULES to its node_modules. Without that the
// hash check of TestBundleMatchesInputs stands in.
func TestBundleRebuild(t *testing.T) {
	nm := os.Getenv("BANTIN_ECHARTS_NODE_MODULES")
	if nm == "" {
		t.Skip("BANTIN_ECHARTS_NODE_MODULES is not set: no npm packages to rebuild from (TestBundleMatchesInputs checks the inputs' hash instead)")
	}
	r, err := Bundle(".", nm)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join(bundleDir, bundleName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Bytes(), committed) {
		t.Errorf("rebuilding gives %d bytes (sha256 %s), the committed bundle has %d (sha256 %s); run go generate ./scripts/echarts-bundle",
			len(r.Bytes()), sum(r.Bytes()), len(committed), sum(committed))
	}
}
