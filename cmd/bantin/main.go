// Command bantin builds public progress bulletins — articles, plans and
// metrics — into a static website. Run `bantin help` for the commands.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/bantin/bantin/internal/diag"
)

// Exit statuses, as SPEC.md promises them.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors
	exitUsage   = 2 // wrong usage
)

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	run     func(env *env, args []string) int
}

// env is what a command may touch: the output streams. Tests pass buffers.
type env struct {
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", runBuild},
		{"check", "validate everything, write nothing", runCheck},
		{"serve", "preview the site with live reload", runServe},
		{"new", "scaffold a site or an article", runNew},
		{"schema", "write JSON Schemas of the YAML files, for editors", runSchema},
		{"version", "print the version", runVersion},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 2 {
			fmt.Fprintf(stderr, "bantin help: unexpected argument %q (bantin help COMMAND)\n", args[2])
			return exitUsage
		}
		if len(args) == 2 {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "bantin: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "bantin builds public progress bulletins into a static website.")
	fmt.Fprintln(w, "\nUsage:\n  bantin <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'bantin <command> --help' for a command's flags.")
}

// newFlags makes a flag set that prints its usage to the right stream and
// never exits the process itself.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: bantin %s\n", synopsis)
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags; it returns an exit status when the command must stop.
// The flag package prints the usage itself, on -h as on a bad flag; here
// -h prints it once, to stdout (asked for, so exit 0), and a bad flag its
// message and the usage to stderr (exit 2).
func parse(e *env, fs *flag.FlagSet, args []string) (int, bool) {
	var msg bytes.Buffer
	fs.SetOutput(&msg)
	err := fs.Parse(args)
	fs.SetOutput(e.stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(e.stdout)
		fs.Usage()
		fs.SetOutput(e.stderr)
		return exitOK, true
	case err != nil:
		e.stderr.Write(msg.Bytes())
		return exitUsage, true
	}
	return 0, false
}

// report prints an error: content errors one per line, compiler style, and
// returns the exit status that goes with it.
func report(e *env, err error) int {
	var list *diag.List
	if errors.As(err, &list) {
		errs := list.Errors()
		for _, d := range errs {
			fmt.Fprintln(e.stderr, d.Error())
		}
		fmt.Fprintf(e.stderr, "bantin: %d %s\n", len(errs), plural(len(errs), "error", "errors"))
		return exitContent
	}
	fmt.Fprintf(e.stderr, "bantin: %v\n", err)
	return exitContent
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
