package shortcode

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden renders each testdata/*.md through the engine's flow (every
// shortcode resolved with fakeHTML) and compares the HTML, followed by the
// syntax errors, with testdata/*.golden. Run with -update to rewrite them
// after checking the difference by eye.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	md := newMD()
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r := convert(t, md, string(src), true)
			if r.renderErr != nil {
				t.Fatalf("render: %v", r.renderErr)
			}
			var b strings.Builder
			b.WriteString(r.html)
			b.WriteString("<!-- shortcodes:\n")
			for _, n := range r.nodes {
				kind := "inline"
				if n.Block {
					kind = "block"
				}
				fmt.Fprintf(&b, "%d:%d %s %s\n", n.Call.Line, n.Call.Col, kind, n.Call)
			}
			b.WriteString("errors:\n")
			for _, e := range r.errs {
				b.WriteString(e.Error())
				b.WriteByte('\n')
			}
			b.WriteString("-->\n")
			got := b.String()
			golden := strings.TrimSuffix(file, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs; got:\n%s", golden, got)
			}
		})
	}
}
