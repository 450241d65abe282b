// Command echarts-bundle builds the theme's charting library,
// templates/assets/echarts/echarts.min.js: a trimmed build of Apache
// ECharts holding only the chart types, components and renderers bantin
// uses (entry.js says which and why), about a third of the full
// dist/echarts.min.js, so chart pages download and parse less.
//
// Run it with `go generate ./scripts/echarts-bundle` from the repository
// root (it needs npm and the npm registry). It installs the exact packages
// of package-lock.json with `npm ci` into a temporary directory (nothing
// is left in the tree), bundles entry.js with esbuild's Go API (the
// version go.mod pins; this program is its only user, so the bantin
// binary does not carry it), and writes the bundle with a header that
// records the versions and the hash of its inputs, the licences of what
// it contains, and README.md with the sizes.
//
// To change what is bundled, edit entry.js; to change the ECharts version,
// edit package.json and run `npm install --package-lock-only` here first.
// The test in this directory fails while the bundle does not match its
// inputs.
//
//go:generate go run .
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundleName is the bundle's file name in the output directory; the theme
// (templates/base.html) loads assets/echarts/echarts.min.js.
const bundleName = "echarts.min.js"

func main() {
	out := flag.String("out", filepath.Join("..", "..", "templates", "assets", "echarts"), "the output `directory`")
	modules := flag.String("node-modules", "", "use this node_modules `directory` (installed from package-lock.json) instead of running npm ci")
	flag.Parse()
	if err := run(".", *out, *modules); err != nil {
		fmt.Fprintf(os.Stderr, "echarts-bundle: %v\n", err)
		os.Exit(1)
	}
}

func run(dir, out, modules string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "entry.js")); err != nil {
		return errors.New("no entry.js here: run `go generate ./scripts/echarts-bundle` from the repository root")
	}
	if modules == "" {
		tmp, err := os.MkdirTemp("", "echarts-bundle-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if modules, err = install(dir, tmp); err != nil {
			return err
		}
	}
	b, err := Bundle(dir, modules)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, bundleName), b.Bytes()); err != nil {
		return err
	}
	for _, l := range licences {
		src, err := os.ReadFile(filepath.Join(modules, filepath.FromSlash(l.from)))
		if err != nil {
			return fmt.Errorf("licence: %w", err)
		}
		if err := writeFile(filepath.Join(out, l.to), src); err != nil {
			return err
		}
	}
	if err := writeFile(filepath.Join(out, "README.md"), []byte(b.readme())); err != nil {
		return err
	}
	fmt.Printf("echarts-bundle: %s: %d bytes (%d gzipped)\n", filepath.Join(out, bundleName), len(b.Bytes()), gzipSize(b.Bytes()))
	return nil
}

// licences are copied beside the bundle: ECharts' own (Apache-2.0, with
// its NOTICE), d3's (parts of it are in ECharts' scales), and those of the
// two packages ECharts depends on, whose code the bundle contains.
var licences = []struct{ from, to string }{
	{"echarts/LICENSE", "LICENSE"},
	{"echarts/NOTICE", "NOTICE"},
	{"echarts/licenses/LICENSE-d3", "LICENSE-d3"},
	{"zrender/LICENSE", "LICENSE-zrender"},
	{"tslib/LICENSE.txt", "LICENSE-tslib"},
}

// install runs `npm ci` for package-lock.json in tmp and returns the
// node_modules directory. --ignore-scripts: no package code runs here.
func install(dir, tmp string) (string, error) {
	for _, name := range []string{"package.json", "package-lock.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			return "", err
		}
	}
	cmd := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	cmd.Dir = tmp
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm ci: %w", err)
	}
	return filepath.Join(tmp, "node_modules"), nil
}

// Result is a built bundle: the header and the minified code.
type Result struct {
	Header   string
	Body     []byte
	Versions map[string]string // npm package → version
	Esbuild  string
}

// Bytes is the bundle file: header then body.
func (r Result) Bytes() []byte { return append([]byte(r.Header), r.Body...) }

// Bundle builds entry.js in dir against the packages in nodeModules.
func Bundle(dir, nodeModules string) (Result, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return Result{}, err
	}
	if nodeModules, err = filepath.Abs(nodeModules); err != nil {
		return Result{}, err
	}
	r := Result{Versions: map[string]string{}, Esbuild: esbuildVersion()}
	for _, p := range []string{"echarts", "zrender", "tslib"} {
		v, err := packageVersion(nodeModules, p)
		if err != nil {
			return r, err
		}
		r.Versions[p] = v
	}
	in, err := inputHash(dir)
	if err != nil {
		return r, err
	}
	res := api.Build(buildOptions(dir, nodeModules))
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}) {
			msgs = append(msgs, strings.TrimSpace(m))
		}
		return r, fmt.Errorf("esbuild:\n%s", strings.Join(msgs, "\n"))
	}
	if len(res.OutputFiles) != 1 {
		return r, fmt.Errorf("esbuild gave %d output files, want 1", len(res.OutputFiles))
	}
	r.Body = res.OutputFiles[0].Contents
	r.Header = header(r, in, sum(r.Body))
	return r, nil
}

// header is the comment that opens the bundle. TestBundleMatchesInputs
// reads its "input-sha256" and "output-sha256" lines back.
func header(r Result, in, out string) string {
	return fmt.Sprintf(`/*! Apache ECharts %s, trimmed for bantin: line, bar, pie; grid, tooltip, legend, title,
 * aria, markLine; SVG and canvas renderers. Generated by scripts/echarts-bundle
 * (go generate ./scripts/echarts-bundle); do not edit.
 * npm: echarts %s, zrender %s, tslib %s (package-lock.json); esbuild %s (Go API)
 * input-sha256: %s
 * output-sha256: %s
 * Licensed under the Apache License 2.0 (LICENSE, NOTICE); contains zrender
 * (BSD-3-Clause, LICENSE-zrender), tslib (0BSD, LICENSE-tslib) and parts of d3
 * (BSD-3-Clause, LICENSE-d3).
 */
`, r.Versions["echarts"], r.Versions["echarts"], r.Versions["zrender"], r.Versions["tslib"], r.Esbuild, in, out)
}

func (r Result) readme() string {
	b := r.Bytes()
	return fmt.Sprintf("# Apache ECharts %s, trimmed (browser build)\n\n"+
		"`echarts.min.js` is generated by `scripts/echarts-bundle` (`go generate ./scripts/echarts-bundle`;\n"+
		"needs npm): esbuild %s bundles `scripts/echarts-bundle/entry.js` against the npm packages\n"+
		"pinned in `scripts/echarts-bundle/package-lock.json` (echarts %s, zrender %s, tslib %s). It holds\n"+
		"only what bantin draws: line, bar and pie series; grid, tooltip, legend, title, aria and\n"+
		"markLine components; the SVG renderer (charts, `getDataURL()`, `renderToSVGString()`) and the\n"+
		"canvas renderer (PNG through `getDataURL({type: \"png\"})` on a canvas-rendered chart).\n\n"+
		"- echarts.min.js: %d bytes, %d gzipped (`gzip -9`); sha256 `%s`\n"+
		"- the full `dist/echarts.min.js` of echarts 5.6.0 it replaces: 1034102 bytes, 334372 gzipped (`gzip -9`)\n"+
		"- licences: Apache-2.0 (`LICENSE`, `NOTICE`); it contains zrender (BSD-3-Clause,\n"+
		"  `LICENSE-zrender`), tslib (0BSD, `LICENSE-tslib`) and parts of d3 (BSD-3-Clause, `LICENSE-d3`).\n\n"+
		"The bundle's header records the hash of the generator's inputs; the test in\n"+
		"`scripts/echarts-bundle` fails when they change and the bundle was not generated again.\n\n"+
		"It makes no network requests: the only `http` strings in it are the SVG/XLink/XML/XMLNS\n"+
		"namespace URIs the SVG renderer uses as identifiers.\n",
		r.Versions["echarts"], r.Esbuild, r.Versions["echarts"], r.Versions["zrender"], r.Versions["tslib"],
		len(b), gzipSize(b), sum(b))
}

func packageVersion(nodeModules, name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(nodeModules, name, "package.json"))
	if err != nil {
		return "", fmt.Errorf("%s is not installed: %w", name, err)
	}
	var p struct{ Version string }
	if err := json.Unmarshal(b, &p); err != nil || p.Version == "" {
		return "", fmt.Errorf("%s/package.json: no version", name)
	}
	return p.Version, nil
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// writeFile replaces p in one step, so a failed run leaves the old file.
func writeFile(p string, b []byte) error {
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
