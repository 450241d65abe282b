// Package graph is the site's output graph: every file a build writes —
// page, feed, sitemap, open-data file, theme asset, static file — is a
// Node with its output path, its kind, a stable key, the inputs it
// depends on (with their versions) and the producer that makes it.
//
// The graph is what makes a rebuild incremental. A node's stamp is a hash
// of its inputs' keys and versions; after an edit the preview server
// builds the graph again (cheap: no rendering happens while building it),
// and only the nodes whose stamp changed are produced. Outputs that
// disappeared are removed. Inputs are named, not pointed at, so a new
// kind of output (a search index, an embed, a second language) is only a
// new producer that adds nodes.
package graph

import (
	"cmp"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"unsafe"
)

// Kind is what an output is, for counting and for the sitemap.
type Kind uint8

// The kinds of output.
const (
	Page   Kind = iota // an HTML page listed in the sitemap
	Hidden             // an HTML page outside the sitemap (404, redirects)
	Feed               // Atom feeds
	Index              // sitemap, robots.txt
	Data               // open-data files (CSV, JSON)
	Asset              // theme assets
	Static             // files copied from content/static
	Search             // the files of the search index, which the preview makes last
)

// Input is something an output depends on: a key ("article:content/a.md",
// "metric:records", "theme", "site") and the version the node was built
// from. Versions are content hashes, so an edit that changes nothing that
// an output shows (a saved file with the same bytes) re-renders nothing.
type Input struct {
	Key     string
	Version uint64
}

// Node is one output.
type Node struct {
	Path   string // the output file, relative to the output root ("articles/x/index.html")
	Kind   Kind
	Key    string // stable identity, for messages: "article:x", "tag:y:2"
	Inputs []Input
	// Produce makes the file's bytes. Exactly one of Produce and Copy is set.
	Produce func() ([]byte, error)
	// Lend, when set, is Produce into a reused buffer, for a build that
	// writes the bytes at once through a sink that lends them
	// (output.Lender): release gives the buffer back, once the bytes are
	// written. Nothing is lent on error.
	Lend func() (b []byte, release func(), err error)
	// Copy streams a file that is not held in memory (static files);
	// Fingerprint identifies the source version (size and time).
	Copy        func() (io.ReadCloser, error)
	Fingerprint string

	stamp    uint64 // Stamp, once computed: a node's inputs never change
	pathHash uint64 // PathHash, once computed
}

// PathHash is a hash of the node's path, made once: the sitemap's version
// adds those of every page after each edit.
func (n *Node) PathHash() uint64 {
	if n.pathHash == 0 {
		n.pathHash = fnvString(fnvOffset, n.Path) | 1
	}
	return n.pathHash
}

// Stamp hashes the node's kind, path and inputs: equal stamps mean the
// output would be the same bytes, so it need not be produced again.
func (n *Node) Stamp() uint64 {
	if n.stamp == 0 {
		n.stamp = n.computeStamp() | 1 // never 0, which means "not yet"
	}
	return n.stamp
}

func (n *Node) computeStamp() uint64 {
	h := fnvOffset
	h = fnvByte(h, byte(n.Kind))
	h = fnvString(h, n.Path)
	for _, in := range n.Inputs {
		h = fnvByte(h, 0)
		h = fnvString(h, in.Key)
		for i := range 8 {
			h = fnvByte(h, byte(in.Version>>(8*i)))
		}
	}
	if n.Copy != nil {
		h = fnvByte(h, 1)
		h = fnvString(h, n.Fingerprint)
	}
	return h
}

// FNV-1a, inline, for stamps and path hashes: they are computed for every
// node on every rebuild, over short keys and eight-byte versions, where a
// call into the CRCs per piece would cost more than the hashing itself.
// Content, long, goes through Hasher.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

func fnvByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// Graph is the set of outputs of one build, at most one per path.
type Graph struct {
	nodes  []*Node
	byPath map[string]*Node
}

// New returns an empty graph.
//
// size is how many outputs it will likely hold (the last graph's, in a
// preview that makes one at every save): its index is then made once at
// that size, not grown step by step.
func New(size int) *Graph {
	return &Graph{byPath: make(map[string]*Node, size), nodes: make([]*Node, 0, size)}
}

// Add adds n. Two outputs claiming one path is an error naming both, so a
// static file can never silently replace a page.
func (g *Graph) Add(n *Node) error {
	if prev, dup := g.byPath[n.Path]; dup {
		return fmt.Errorf("%s and %s would both be written to %s", prev.Key, n.Key, n.Path)
	}
	g.byPath[n.Path] = n
	g.nodes = append(g.nodes, n)
	return nil
}

// Len is the number of outputs.
func (g *Graph) Len() int { return len(g.nodes) }

// Get returns the node at path.
func (g *Graph) Get(path string) (*Node, bool) {
	n, ok := g.byPath[path]
	return n, ok
}

// Unsorted returns every node in the order added, without copying; the
// caller must not change the slice.
func (g *Graph) Unsorted() []*Node { return g.nodes }

// Nodes returns every node, sorted by path.
func (g *Graph) Nodes() []*Node {
	out := slices.Clone(g.nodes)
	slices.SortFunc(out, func(a, b *Node) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// Count returns how many nodes are of kind k.
func (g *Graph) Count(k Kind) int {
	n := 0
	for _, nd := range g.nodes {
		if nd.Kind == k {
			n++
		}
	}
	return n
}

// Paths returns the output paths of the nodes of kind k, sorted.
func (g *Graph) Paths(k Kind) []string {
	var out []string
	for _, n := range g.nodes {
		if n.Kind == k {
			out = append(out, n.Path)
		}
	}
	slices.Sort(out)
	return out
}

// Stamps records every node's stamp, for the next Diff.
type Stamps map[string]uint64

// Diff compares g with the stamps of a previous build: the nodes to
// produce again (new or changed, sorted by path), the paths that are no
// longer outputs, and g's own stamps for the next Diff. A nil prev means
// everything is new.
func (g *Graph) Diff(prev Stamps) (dirty []*Node, removed []string, now Stamps) {
	now = make(Stamps, len(g.nodes))
	kept := 0 // outputs of prev still in g
	for _, n := range g.nodes {
		st := n.Stamp()
		now[n.Path] = st
		old, ok := prev[n.Path]
		if ok {
			kept++
		}
		if !ok || old != st {
			dirty = append(dirty, n)
		}
	}
	if kept < len(prev) { // else every output of prev is in g: none to remove, and no need to look
		for p := range prev {
			if _, ok := g.byPath[p]; !ok {
				removed = append(removed, p)
			}
		}
	}
	slices.SortFunc(dirty, func(a, b *Node) int { return cmp.Compare(a.Path, b.Path) })
	slices.Sort(removed)
	return dirty, removed, now
}

// Hash is the version of a piece of content, for Input.Version: a
// Hasher's sum of the parts, each part followed by a zero byte.
func Hash(parts ...[]byte) uint64 {
	var h Hasher
	for _, p := range parts {
		h.Write(p)
		h.Write(zero[:])
	}
	return h.Sum64()
}

// HashString is Hash for strings, without copying them to bytes (an
// article's HTML is large).
func HashString(parts ...string) uint64 {
	var h Hasher
	for _, p := range parts {
		h.WriteString(p)
		h.Write(zero[:])
	}
	return h.Sum64()
}

// Hasher hashes content for versions: two CRC-32s of it, Castagnoli's
// in the high half of the sum, IEEE's in the low. Both are computed by
// the CPU's own instructions (some 20 GB/s here, where FNV-1a went at
// 0.9 and hashing the sources and the HTML of a 10,000-bulletin build
// took 2% of its CPU), and their generators are coprime, so two contents
// hash alike only when their difference is a multiple of a degree-64
// polynomial: no change of 64 bits or fewer goes unseen. Its zero value
// is ready to use.
type Hasher struct{ c, i uint32 }

// Write adds p; it never fails.
func (h *Hasher) Write(p []byte) (int, error) {
	h.c = crc32.Update(h.c, castagnoli, p)
	h.i = crc32.Update(h.i, crc32.IEEETable, p)
	return len(p), nil
}

// WriteString adds s without copying it: the CRCs only read it.
func (h *Hasher) WriteString(s string) (int, error) {
	return h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// Sum64 is the hash of what was written.
func (h *Hasher) Sum64() uint64 { return uint64(h.c)<<32 | uint64(h.i) }

var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	zero       [1]byte
)
