package output

import (
	"bytes"
	"compress/gzip"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/bantin/bantin/internal/compress"
)

// aBuild is one build's outputs: written files, and static files copied
// with a fingerprint.
type aBuild struct {
	write  site
	copies map[string]string // path → content; the fingerprint is the content's length and first byte
}

// compressedBuild writes b through Compressed into out and commits; keep
// lists paths to Keep instead of writing (as a cached build does: those it
// cannot keep it writes). opens counts the static sources opened.
func compressedBuild(t *testing.T, out string, b aBuild, keep map[string]bool, opens *atomic.Int64) Stats {
	t.Helper()
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	s := Compressed(tx)
	ks, ok := s.(interface {
		Keep(string) (bool, error)
		Cache() []byte
		SetCache([]byte)
	})
	if !ok {
		t.Fatal("Compressed(*Tx) lost the Tx's Keep, Cache or SetCache")
	}
	for p, v := range b.write {
		if keep[p] {
			if ok, err := ks.Keep(p); err != nil {
				t.Fatal(err)
			} else if ok {
				continue
			}
		}
		if err := s.WriteFile(p, []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	for p, v := range b.copies {
		v := v
		fp := string(rune(len(v))) + v[:1]
		if err := s.CopyFile(p, fp, func() (io.ReadCloser, error) {
			opens.Add(1)
			return io.NopCloser(strings.NewReader(v)), nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func decode(t *testing.T, name string, b []byte) string {
	t.Helper()
	var r io.Reader
	switch filepath.Ext(name) {
	case ".gz":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r = zr
	case ".br":
		r = brotli.NewReader(bytes.NewReader(b))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

// checkSiblings asserts that every text file of got has both siblings,
// decoding to it, that nothing else has any, and that no sibling is left
// without its file.
func checkSiblings(t *testing.T, got site) {
	t.Helper()
	for p, v := range got {
		if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			src := p[:len(p)-3]
			if want, ok := got[src]; !ok {
				t.Errorf("%s is left without %s", p, src)
			} else if d := decode(t, p, []byte(v)); d != want {
				t.Errorf("%s decodes to %q, want %q", p, d, want)
			}
			continue
		}
		for _, enc := range []string{".gz", ".br"} {
			_, has := got[p+enc]
			if has != compress.Compressible(p) {
				t.Errorf("%s: sibling %s present = %v, want %v", p, enc, has, compress.Compressible(p))
			}
		}
	}
}

func TestCompressedTx(t *testing.T) {
	first := aBuild{
		write: site{
			"index.html":              "<h1>Tiến độ</h1>" + strings.Repeat("<p>96,5%</p>", 100),
			"metrics/a.csv":           "period,value\n2024-Q1,2700000\n",
			"metrics/a.json":          `{"values":[1,2,3]}`,
			"feed.xml":                "<feed/>",
			"assets/echarts/x.min.js": "var echarts={}",
			"img/photo.png":           "\x89PNG not text",
		},
		copies: map[string]string{"static/logo.svg": "<svg/>", "static/report.pdf": "%PDF"},
	}
	out := filepath.Join(t.TempDir(), "public")
	var opens atomic.Int64
	st := compressedBuild(t, out, first, nil, &opens)
	got := tree(t, out)
	checkSiblings(t, got)
	if _, ok := got["index.html.br"]; !ok || st.Written != len(got) {
		t.Fatalf("first build wrote %d of %d files: %v", st.Written, len(got), got)
	}

	t.Run("same bytes in another directory", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "public")
		compressedBuild(t, other, first, nil, &atomic.Int64{})
		if !equal(tree(t, other), got) {
			t.Error("two builds of the same files differ")
		}
	})

	t.Run("no change writes nothing", func(t *testing.T) {
		before := mtimes(t, out)
		opens.Store(0)
		st := compressedBuild(t, out, first, nil, &opens)
		if st.Swapped || st.Written != 0 {
			t.Errorf("a build with no change: %+v", st)
		}
		if n := opens.Load(); n != 0 {
			t.Errorf("a build with no change opened static files %d times (to compress them again)", n)
		}
		if after := mtimes(t, out); len(after) != len(before) {
			t.Error("the live tree changed")
		}
	})

	t.Run("kept files keep their siblings", func(t *testing.T) {
		keep := map[string]bool{}
		for p := range first.write {
			keep[p] = true
		}
		st := compressedBuild(t, out, first, keep, &opens)
		if st.Swapped || st.Written != 0 {
			t.Errorf("a cached build with no change: %+v", st)
		}
		if !equal(tree(t, out), got) {
			t.Error("a cached build differs from the full build")
		}
	})

	t.Run("a changed file's siblings change, a removed file's go", func(t *testing.T) {
		next := aBuild{write: site{}, copies: first.copies}
		for p, v := range first.write {
			next.write[p] = v
		}
		next.write["index.html"] = "<h1>Mới</h1>"
		delete(next.write, "metrics/a.json")
		delete(next.copies, "static/logo.svg")
		next.copies = map[string]string{"static/report.pdf": "%PDF"}
		compressedBuild(t, out, next, nil, &opens)
		now := tree(t, out)
		checkSiblings(t, now)
		for _, p := range []string{"metrics/a.json.gz", "metrics/a.json.br", "static/logo.svg.gz", "static/logo.svg.br"} {
			if _, ok := now[p]; ok {
				t.Errorf("%s outlived its file", p)
			}
		}
		if decode(t, "index.html.br", []byte(now["index.html.br"])) != "<h1>Mới</h1>" {
			t.Error("index.html.br was not rewritten")
		}
		first = next
	})

	t.Run("compression off removes every sibling", func(t *testing.T) {
		commit(t, out, first.write)
		for p := range tree(t, out) {
			if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
				t.Errorf("%s left after a build without compression", p)
			}
		}
	})

	t.Run("on again: a cached build cannot keep files without siblings", func(t *testing.T) {
		keep := map[string]bool{}
		for p := range first.write {
			keep[p] = true
		}
		// Keep must refuse (and claim nothing), so writing the file is
		// not a second write of the same path.
		compressedBuild(t, out, aBuild{write: first.write}, keep, &opens)
		checkSiblings(t, tree(t, out))
		fresh := filepath.Join(t.TempDir(), "public")
		compressedBuild(t, fresh, aBuild{write: first.write}, nil, &atomic.Int64{})
		if !equal(tree(t, out), tree(t, fresh)) {
			t.Error("the incremental build differs from a fresh one")
		}
	})
}

func TestCompressedMemory(t *testing.T) {
	m := NewMemory()
	s := Compressed(m)
	r, ok := s.(interface{ Remove(string) })
	if !ok {
		t.Fatal("Compressed(*Memory) lost Remove")
	}
	if _, ok := s.(interface{ Keep(string) (bool, error) }); ok {
		t.Fatal("Compressed(*Memory) has Keep: the build would take it for a disk sink")
	}
	if err := s.WriteFile("a/index.html", []byte("<p>xin chào</p>")); err != nil {
		t.Fatal(err)
	}
	if err := s.CopyFile("s/x.css", "fp", func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("p{}")), nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("b.png", []byte("png")); err != nil {
		t.Fatal(err)
	}
	got := site{}
	for _, p := range m.Paths() {
		b, _ := m.Get(p)
		got[p] = string(b)
	}
	checkSiblings(t, got)
	if len(got) != 7 {
		t.Errorf("memory holds %d files, want 7: %v", len(got), m.Paths())
	}
	r.Remove("a/index.html")
	r.Remove("b.png")
	if p := m.Paths(); strings.Join(p, " ") != "s/x.css s/x.css.br s/x.css.gz" {
		t.Errorf("after Remove: %v", p)
	}
}

func TestCompressedErrors(t *testing.T) {
	if _, ok := Compressed(Discard{}).(Discard); !ok {
		t.Error("Compressed(Discard) should stay Discard")
	}
	s := Compressed(NewMemory())
	for _, rel := range []string{"../x.html", "/abs.css", ""} {
		if err := s.WriteFile(rel, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) accepted a path outside the output", rel)
		}
	}
	bad := func() (io.ReadCloser, error) { return nil, io.ErrUnexpectedEOF }
	if err := Compressed(NewMemory()).CopyFile("x.css", "fp", bad); err == nil {
		t.Error("a source that cannot be opened is not an error")
	}
}
