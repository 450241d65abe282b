package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bantin/bantin/internal/schema"
)

// TestSchemaCommand: bantin schema DIR writes every schema, as generated,
// and lists them; wrong usage exits 2, a directory it cannot write 1.
func TestSchemaCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"schema", "a", "b"}, exitUsage},
		{[]string{"schema", ""}, exitUsage},
		{[]string{"schema", "--bogus"}, exitUsage},
		{[]string{"schema", "--help"}, exitOK},
		{[]string{"help", "schema"}, exitOK},
	} {
		if code, _, errOut := runCLI(tc.args...); code != tc.code {
			t.Errorf("bantin %q: exit %d, want %d\n%s", tc.args, code, tc.code, errOut)
		}
	}

	dir := filepath.Join(t.TempDir(), "out", "schema")
	code, out, errOut := runCLI("schema", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	files, err := schema.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := filepath.Join(dir, f.Name)
		if !strings.Contains(out, name+"\n") {
			t.Errorf("%s is not listed in:\n%s", name, out)
		}
		if b, err := os.ReadFile(name); err != nil || !bytes.Equal(b, f.Data) {
			t.Errorf("%s: not the generated schema (%v)", name, err)
		}
	}

	// A file where the directory should be: an error, not a usage error.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("schema", blocked); code != exitContent || !strings.Contains(errOut, "bantin: write schemas:") {
		t.Errorf("schema into a file: exit %d\n%s", code, errOut)
	}
}

// TestSchemaDefaultDir: with no DIR, the schemas go to ./schema.
func TestSchemaDefaultDir(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, _, errOut := runCLI("schema"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(schema.Dir, "site.schema.json")); err != nil {
		t.Error(err)
	}
}
