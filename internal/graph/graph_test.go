package graph

import (
	"slices"
	"strings"
	"testing"
)

func node(path string, ins ...Input) *Node {
	return &Node{Path: path, Key: "k:" + path, Inputs: ins, Produce: func() ([]byte, error) { return nil, nil }}
}

func TestAddRefusesTwoOutputsOnOnePath(t *testing.T) {
	g := New(0)
	if err := g.Add(node("index.html")); err != nil {
		t.Fatal(err)
	}
	err := g.Add(&Node{Path: "index.html", Key: "static:index.html"})
	if err == nil || !strings.Contains(err.Error(), "k:index.html and static:index.html") {
		t.Errorf("second node on one path: %v", err)
	}
}

// TestDiff: a node is produced again exactly when one of its inputs has
// another version, or it is new; paths no longer in the graph are removed.
func TestDiff(t *testing.T) {
	site := Input{Key: "site", Version: 1}
	build := func(aVersion uint64, withC bool) *Graph {
		g := New(0)
		g.Add(node("a", site, Input{Key: "article:a", Version: aVersion}))
		g.Add(node("b", site, Input{Key: "article:b", Version: 7}))
		if withC {
			g.Add(node("c", site))
		}
		return g
	}
	dirty, removed, first := build(1, true).Diff(nil)
	if len(dirty) != 3 || len(removed) != 0 {
		t.Fatalf("first build: %d dirty, %v removed", len(dirty), removed)
	}
	dirty, removed, _ = build(2, false).Diff(first)
	var paths []string
	for _, n := range dirty {
		paths = append(paths, n.Path)
	}
	if !slices.Equal(paths, []string{"a"}) || !slices.Equal(removed, []string{"c"}) {
		t.Errorf("after changing a and dropping c: dirty %v, removed %v", paths, removed)
	}
}

func TestStampDependsOnEveryInput(t *testing.T) {
	base := node("p", Input{Key: "x", Version: 1}, Input{Key: "y", Version: 2}).Stamp()
	for _, n := range []*Node{
		node("p", Input{Key: "x", Version: 1}, Input{Key: "y", Version: 3}),
		node("p", Input{Key: "x", Version: 1}),
		node("p", Input{Key: "y", Version: 2}, Input{Key: "x", Version: 1}),
		node("q", Input{Key: "x", Version: 1}, Input{Key: "y", Version: 2}),
	} {
		if n.Stamp() == base {
			t.Errorf("%s %v has the stamp of p [x@1 y@2]", n.Path, n.Inputs)
		}
	}
}

// TestHash checks what versions rely on: Hash and HashString agree, the
// parts' boundaries count, and every change of one or two bytes anywhere
// in a page-sized text changes both halves of the version (each CRC
// sees every change of up to 32 bits, so a half left alone is a CRC
// left out).
func TestHash(t *testing.T) {
	for _, parts := range [][]string{nil, {""}, {"", ""}, {"a", "b"}, {"ab"}, {"a", "", "b"}, {"Đề án 06", "96,5%"}} {
		var bs [][]byte
		for _, p := range parts {
			bs = append(bs, []byte(p))
		}
		if Hash(bs...) != HashString(parts...) {
			t.Errorf("Hash and HashString differ on %q", parts)
		}
	}
	seen := map[uint64][]string{}
	for _, parts := range [][]string{nil, {""}, {"", ""}, {"a", "b"}, {"ab"}, {"a", "", "b"}, {"ab", ""}, {"", "ab"}} {
		h := HashString(parts...)
		if prev, ok := seen[h]; ok {
			t.Errorf("%q and %q have the same version", prev, parts)
		}
		seen[h] = parts
	}
	text := []byte(strings.Repeat("Bộ Công an đã số hóa hơn 2,7 triệu hồ sơ. ", 300))
	base := Hash(text)
	for i := range text {
		for _, d := range []byte{1, 0x80} {
			text[i] ^= d
			if h := Hash(text); h>>32 == base>>32 || uint32(h) == uint32(base) {
				t.Fatalf("flipping bit %#x of byte %d: version %x, was %x", d, i, h, base)
			}
			if i > 0 {
				text[i-1] ^= 0x40
				if Hash(text) == base {
					t.Fatalf("changing bytes %d and %d leaves the version unchanged", i-1, i)
				}
				text[i-1] ^= 0x40
			}
			text[i] ^= d
		}
	}
}
