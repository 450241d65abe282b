package main

import (
	"fmt"
	"strings"

	"github.com/bantin/bantin/internal/schema"
)

const schemaSynopsis = "schema [DIR]"

// runSchema writes the JSON Schemas of site.yaml, plans, metrics and
// article front matter into DIR (default: schema). They are generated
// from the types the loader decodes into, so running it again after an
// upgrade of bantin brings an editor's completion up to date; it writes
// only the schema files, each whole.
func runSchema(e *env, args []string) int {
	flags := newFlags(e, "schema", schemaSynopsis)
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "Usage: bantin %s\n\n", schemaSynopsis)
		fmt.Fprintf(flags.Output(), "Writes JSON Schemas (draft 2020-12) into DIR (default %s): %s.\n", schema.Dir, schemaNames())
		fmt.Fprintln(flags.Output(), "Name one at the top of a YAML file so that editors complete keys and flag mistakes:")
		fmt.Fprintln(flags.Output(), "  # yaml-language-server: $schema=../schema/site.schema.json")
	}
	pos, code, stop := parseMixed(e, flags, args)
	if stop {
		return code
	}
	dir := schema.Dir
	switch {
	case len(pos) > 1:
		fmt.Fprintf(e.stderr, "bantin schema: unexpected argument %q (give one directory at most)\nUsage: bantin %s\n", pos[1], schemaSynopsis)
		return exitUsage
	case len(pos) == 1 && strings.TrimSpace(pos[0]) == "":
		fmt.Fprintf(e.stderr, "bantin schema: the directory name is empty\nUsage: bantin %s\n", schemaSynopsis)
		return exitUsage
	case len(pos) == 1:
		dir = pos[0]
	}
	written, err := schema.Write(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "bantin: %v\n", err)
		return exitContent
	}
	for _, name := range written {
		fmt.Fprintln(e.stdout, name)
	}
	return exitOK
}

func schemaNames() string {
	names := make([]string, len(schema.Docs))
	for i, d := range schema.Docs {
		names[i] = d.Name
	}
	return strings.Join(names, ", ")
}
