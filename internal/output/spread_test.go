package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFreshTreeSpreadsOneInSixteen checks which directories of a fresh
// tree are placed as the top of a hierarchy: every top-level directory,
// and below them the first subdirectory of each directory and every
// spreadEvery-th after it, in the order the build writes them.
func TestFreshTreeSpreadsOneInSixteen(t *testing.T) {
	var spread []string
	var spare string // the tree being written
	out := filepath.Join(t.TempDir(), "public")
	orig := mkdirSpread
	mkdirSpread = func(parent, dir string) error {
		rel, err := filepath.Rel(spare, dir)
		if err != nil {
			return err
		}
		spread = append(spread, filepath.ToSlash(rel))
		return os.Mkdir(dir, 0o755)
	}
	t.Cleanup(func() { mkdirSpread = orig })

	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	spare = tx.spare
	var paths []string
	for i := range 40 {
		paths = append(paths, fmt.Sprintf("articles/a%02d/index.html", i))
	}
	paths = append(paths, "tags/x/index.html", "index.html")
	for _, p := range paths {
		if err := tx.WriteFile(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := []string{"articles", "articles/a00", "articles/a16", "articles/a32", "tags", "tags/x"}
	if !slices.Equal(spread, want) {
		t.Errorf("spread directories %q, want %q", spread, want)
	}
	for _, p := range paths {
		if b, err := os.ReadFile(filepath.Join(out, p)); err != nil || string(b) != p {
			t.Errorf("%s: %q, %v", p, b, err)
		}
	}
}
