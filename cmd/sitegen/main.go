// Command sitegen writes a synthetic bantin site of any size — Vietnamese
// bulletins with headings, lists, tables, links and tags, metrics with years
// of values, plans with long task histories — for benchmarks and growth
// tests. With -hugo it also writes the same articles as a minimal Hugo site,
// so the two tools can be timed on the same Markdown (scripts/bench-compare).
//
//	go run ./cmd/sitegen -articles 10000 -metrics 300 -plans 20 [-seed 1] [-hugo HUGODIR] DIR
//
// The output depends only on the flags: one seed, the same bytes. Every
// date in it is on or before 2025-12-31; build it with --as-of 2026-01-01.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

const (
	exitOK    = 0
	exitError = 1 // writing failed
	exitUsage = 2 // wrong usage, or a directory that is not empty
)

const synopsis = "sitegen [-articles N] [-metrics N] [-plans N] [-seed N] [-hugo HUGODIR] DIR"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("sitegen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s\n\nWrites a synthetic bantin site into DIR (new or empty).\n\n", synopsis)
		fl.PrintDefaults()
	}
	var cfg config
	fl.IntVar(&cfg.articles, "articles", 1000, "number of articles")
	fl.IntVar(&cfg.metrics, "metrics", 50, "number of metrics")
	fl.IntVar(&cfg.plans, "plans", 5, "number of plans")
	fl.Uint64Var(&cfg.seed, "seed", 1, "random seed: the same seed writes the same bytes")
	hugoDir := fl.String("hugo", "", "also write the articles as a Hugo site into this `directory` (new or empty)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() != 1 {
		fmt.Fprintf(stderr, "sitegen: give one output directory\nUsage: %s\n", synopsis)
		return exitUsage
	}
	dir := fl.Arg(0)
	for _, c := range []struct {
		name string
		n    int
	}{{"-articles", cfg.articles}, {"-metrics", cfg.metrics}, {"-plans", cfg.plans}} {
		if c.n < 0 || c.n > 10_000_000 {
			fmt.Fprintf(stderr, "sitegen: %s %d is out of range (0 to 10000000)\n", c.name, c.n)
			return exitUsage
		}
	}
	dirs := []string{dir}
	if *hugoDir != "" {
		a, errA := filepath.Abs(dir)
		b, errB := filepath.Abs(*hugoDir)
		if errA == nil && errB == nil && a == b {
			fmt.Fprintln(stderr, "sitegen: -hugo must name another directory than DIR")
			return exitUsage
		}
		dirs = append(dirs, *hugoDir)
	}
	for _, d := range dirs {
		if err := checkEmpty(d); err != nil {
			fmt.Fprintf(stderr, "sitegen: %v\n", err)
			return exitUsage
		}
	}

	site, twin := newGen(cfg).site(*hugoDir != "")
	if err := write(dir, site); err != nil {
		fmt.Fprintf(stderr, "sitegen: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "Wrote a site of %d articles, %d metrics and %d plans to %s\n", cfg.articles, cfg.metrics, cfg.plans, dir)
	if *hugoDir != "" {
		if err := write(*hugoDir, twin); err != nil {
			fmt.Fprintf(stderr, "sitegen: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stdout, "Wrote its Hugo twin to %s (build it with: hugo -s %s)\n", *hugoDir, *hugoDir)
	}
	fmt.Fprintf(stdout, "Build it with: bantin build --site %s --as-of %s\n", dir, AsOf)
	return exitOK
}

// checkEmpty refuses a directory that holds anything: generating into an
// existing site would mix its files with ours.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: give a new or empty directory", dir)
	}
	return nil
}

func write(dir string, files []file) error {
	made := map[string]bool{}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
