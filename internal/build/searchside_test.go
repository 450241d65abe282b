package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bantin/bantin"
)

// TestSearchSideKeepsDocuments checks that a disk build which renders
// only the bulletins that changed reads no bulletin's Markdown again for
// the search index, once a build (a clean one too) has kept the
// documents; and that a damaged documents file only costs that reading
// (TestDiskBuildsEqualFull checks that the output is a clean build's).
func TestSearchSideKeepsDocuments(t *testing.T) {
	// More bulletins than the feed quotes whole: an edit to an old one
	// renders that one alone.
	dir := syntheticSite(t, 2*feedSize)
	opts := Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
	out := filepath.Join(t.TempDir(), "public")
	side := filepath.Join(filepath.Dir(out), ".public.bantin", searchSideName("vi"))
	reread := func(edit string) int64 {
		t.Helper()
		before := searchReread.Load()
		replaceIn(t, dir, "content/articles/"+edit, "\n---\n", "\n---\n\nMột câu mới.\n")
		buildTo(t, opts, out)
		return searchReread.Load() - before
	}

	buildTo(t, opts, out) // one-shot: indexes while rendering, and keeps the documents
	if _, err := os.Stat(side); err != nil {
		t.Fatalf("a clean build kept no search documents: %v", err)
	}
	// The edited bulletin is indexed from the tree its page is rendered
	// from, the others from the kept documents: no Markdown is read again.
	if n := reread("bai-00000.md"); n != 0 {
		t.Errorf("the first edit after a clean build read %d bulletins again, want none", n)
	}
	if n := reread("bai-00012.md"); n != 0 {
		t.Errorf("the next edit build read %d bulletins again, want none", n)
	}
	if err := os.WriteFile(side, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := reread("bai-00024.md"); n < 2*feedSize {
		t.Errorf("with a damaged documents file, an edit build read %d bulletins again, want all of them", n)
	}
	if n := reread("bai-00036.md"); n != 0 {
		t.Errorf("after that, an edit build read %d bulletins again, want none", n)
	}
}
