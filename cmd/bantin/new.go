package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/scaffold"
	"github.com/bantin/bantin/internal/slug"
)

const newSynopsis = `new site DIR | new article "Title" [--site DIR] | new article --digest PERIOD | --since DATE --until DATE [--site DIR]`

func runNew(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "Usage: bantin %s\n", newSynopsis)
		return exitUsage
	}
	switch args[0] {
	case "site":
		return runNewSite(e, args[1:])
	case "article":
		return runNewArticle(e, args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintf(e.stdout, "Usage: bantin %s\n\n", newSynopsis)
		fmt.Fprintln(e.stdout, "  new site DIR       create a working example site in DIR (new or empty)")
		fmt.Fprintln(e.stdout, "  new article TITLE  create content/articles/<today>-<slug>.md, as a draft")
		fmt.Fprintln(e.stdout, "  new article --digest 2024-Q1 | --since DATE --until DATE")
		fmt.Fprintln(e.stdout, "                     draft a bulletin of what changed in the window, from the data")
		return exitOK
	}
	fmt.Fprintf(e.stderr, "bantin new: unknown kind %q (want site or article)\nUsage: bantin %s\n", args[0], newSynopsis)
	return exitUsage
}

func runNewSite(e *env, args []string) int {
	flags := newFlags(e, "new site", "new site DIR")
	pos, code, stop := parseMixed(e, flags, args)
	if stop {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(e.stderr, "bantin new site: give one directory, e.g. bantin new site tien-do")
		return exitUsage
	}
	dir := pos[0]
	if strings.TrimSpace(dir) == "" {
		fmt.Fprintln(e.stderr, "bantin new site: the directory name is empty; give one, e.g. bantin new site tien-do")
		return exitUsage
	}
	files, err := scaffold.NewSite(dir, time.Now())
	if err != nil {
		fmt.Fprintf(e.stderr, "bantin: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(e.stdout, "Created a new site in %s:\n", dir)
	for _, f := range files {
		fmt.Fprintf(e.stdout, "  %s\n", filepath.FromSlash(f))
	}
	fmt.Fprintf(e.stdout, "\nPreview it with live reload:  bantin serve --site %s\n", quoteArg(dir))
	fmt.Fprintf(e.stdout, "Build it into %s:  bantin build --site %s\n", filepath.Join(dir, "public"), quoteArg(dir))
	return exitOK
}

func runNewArticle(e *env, args []string) int {
	flags := newFlags(e, "new article", `new article "Title" [--site DIR] | new article --digest PERIOD | --since DATE --until DATE [--site DIR]`)
	site := flags.String("site", ".", "the site `directory` (holding content/site.yaml)")
	digest := flags.String("digest", "", "draft a digest of what changed in this `period` (2024-Q1, 2024-04, 2024)")
	since := flags.String("since", "", "draft a digest of what changed from this `date` (YYYY-MM-DD), with --until")
	until := flags.String("until", "", "the last `date` of the digest (YYYY-MM-DD), with --since")
	pos, code, stop := parseMixed(e, flags, args)
	if stop {
		return code
	}
	if set := flagsSet(flags); set["digest"] || set["since"] || set["until"] {
		return runNewDigest(e, *site, *digest, *since, *until, set, pos)
	}
	// Words typed without quotes make one title: bantin new article Họp Ban Chỉ đạo.
	title := strings.Join(pos, " ")
	if strings.TrimSpace(title) == "" {
		fmt.Fprintln(e.stderr, `bantin new article: give a title, e.g. bantin new article "Họp Ban Chỉ đạo quý I"`)
		return exitUsage
	}
	// The file name is made from the title: one without a letter or digit
	// ("!!!", "—") is a mistake in what was typed, not in the site.
	if slug.Make(title) == "" {
		fmt.Fprintf(e.stderr, "bantin new article: the title %q has no letter or digit to make a file name from\n", title)
		return exitUsage
	}
	if err := checkSiteDir(*site); err != nil {
		fmt.Fprintf(e.stderr, "bantin new article: %v\n", err)
		return exitCodeOf(err)
	}
	name, err := scaffold.NewArticle(*site, title, time.Now())
	return drafted(e, name, err, "The article is a draft: bantin serve shows it, bantin build leaves it out until you set draft: false.")
}

// drafted reports a new draft: its name on stdout and what to do next on
// stderr, or why it was not written (one that exists is never replaced).
func drafted(e *env, name string, err error, next string) int {
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintf(e.stderr, "bantin: %v\n", err)
			return exitContent
		}
		return report(e, err)
	}
	fmt.Fprintln(e.stdout, name)
	fmt.Fprintln(e.stderr, next)
	return exitOK
}

// parseMixed parses flags placed before, between or after the positional
// arguments (bantin new article "Tiêu đề" --site DIR), which the flag
// package alone stops at. Everything after "--" is positional.
func parseMixed(e *env, flags *flag.FlagSet, args []string) ([]string, int, bool) {
	var rest []string
	for i, a := range args {
		if a == "--" {
			args, rest = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if code, stop := parse(e, flags, args); stop {
			return nil, code, true
		}
		args = flags.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return append(pos, rest...), 0, false
}

// quoteArg quotes a path for a shell command line when it needs it.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// flagsSet names the flags given on the command line.
func flagsSet(flags *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// runNewDigest drafts a digest bulletin (scaffold.NewDigest): of a period
// (--digest 2024-Q1) or of the days from --since to --until. Mixing the
// two, one date without the other, a bad period or date, and a title
// (the digest makes its own) are usage errors.
func runNewDigest(e *env, site, digest, since, until string, set map[string]bool, pos []string) int {
	usage := func(format string, args ...any) int {
		fmt.Fprintf(e.stderr, "bantin new article: "+format+"\n", args...)
		return exitUsage
	}
	if len(pos) > 0 {
		return usage("a digest makes its own title; give --digest PERIOD or --since DATE --until DATE without %q", strings.Join(pos, " "))
	}
	var w scaffold.Window
	var err error
	switch {
	case set["digest"] && (set["since"] || set["until"]):
		return usage("give either --digest PERIOD or --since DATE --until DATE, not both")
	case set["digest"]:
		if w, err = scaffold.ParseWindow(digest); err != nil {
			return usage("--digest: %v", err)
		}
	case !set["since"] || !set["until"]:
		return usage("a digest of days needs both --since DATE and --until DATE, e.g. --since 2024-01-01 --until 2024-03-31")
	default:
		from, err := date.Parse(since)
		if err != nil {
			return usage("--since: %v", err)
		}
		to, err := date.Parse(until)
		if err != nil {
			return usage("--until: %v", err)
		}
		if w, err = scaffold.DaysWindow(from, to); err != nil {
			return usage("%v", err)
		}
	}
	if err := checkSiteDir(site); err != nil {
		fmt.Fprintf(e.stderr, "bantin new article: %v\n", err)
		return exitCodeOf(err)
	}
	name, err := scaffold.NewDigest(site, w, time.Now())
	return drafted(e, name, err, "The digest is a draft: write its text, then set draft: false to publish it (bantin serve shows it now).")
}
