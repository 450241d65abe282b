package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// inputs are the files whose bytes decide the bundle, relative to this
// directory: the entry (what is registered), the npm manifest and lock
// (which versions of echarts, zrender and tslib), and this file (how
// esbuild is called). Their hash is recorded in the bundle's header, and
// TestBundleMatchesInputs fails when any of them changes without the
// bundle being generated again.
var inputs = []string{"entry.js", "package.json", "package-lock.json", "options.go"}

// inputHash is the sha256 of the inputs, each preceded by its name and
// length so that moving bytes from one file to another changes it.
// Line endings are normalised, so a checkout with CRLF gives the same hash.
func inputHash(dir string) (string, error) {
	h := sha256.New()
	for _, name := range inputs {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", fmt.Errorf("reading input: %w", err)
		}
		b = []byte(strings.ReplaceAll(string(b), "\r\n", "\n"))
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// esbuildVersion is the version of github.com/evanw/esbuild this program
// was built with (go.mod pins it), as recorded in the header.
func esbuildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/evanw/esbuild" {
				if d.Replace != nil {
					return d.Replace.Version
				}
				return d.Version
			}
		}
	}
	return "unknown"
}

// buildOptions is how esbuild bundles entry.js: one self-contained IIFE
// that sets the global `echarts` (charts.js uses it; pages load the file
// with a plain deferred <script>, which the pages' CSP allows), minified,
// with ECharts' development checks compiled out (NODE_ENV=production, as
// in ECharts' own dist build), for browsers from ES2015 on (the library
// itself is ES5 plus tslib helpers). Legal comments are dropped because
// the generated header names the licences, which sit beside the bundle.
func buildOptions(dir, nodeModules string) api.BuildOptions {
	return api.BuildOptions{
		EntryPoints:       []string{filepath.Join(dir, "entry.js")},
		AbsWorkingDir:     dir,
		NodePaths:         []string{nodeModules},
		Bundle:            true,
		Format:            api.FormatIIFE,
		GlobalName:        "echarts",
		Platform:          api.PlatformBrowser,
		Target:            api.ES2015,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		TreeShaking:       api.TreeShakingTrue,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetASCII,
		Define:            map[string]string{"process.env.NODE_ENV": `"production"`},
		LogLevel:          api.LogLevelWarning,
		Write:             false,
	}
}
