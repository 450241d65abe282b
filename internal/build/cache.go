package build

import (
	"bytes"
	"context"
	"encoding/gob"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
)

// What a disk build remembers between runs, and why it is safe.
//
// A build to disk stores, with the tree it makes live, the stamp of every
// output and, for every article, what rendering its Markdown gave (its
// summary, the data its figures used, the versions that key the graph).
// The next build reads every source as always, but renders an article's
// Markdown only when the article's key changed — its bytes, the settings,
// the theme, the data its figures use, or bantin itself — and produces an
// output only when its stamp changed; every other output is kept as the
// live tree holds it (output.Tx.Keep). The key of everything includes the
// bantin binary's own hash, so a new version never reuses an old result,
// and the output package hands back a cache only with the tree it was
// stored with, so a changed or unknown public/ is built in full.

// cacheSink is a sink that keeps a cache with its live output: output.Tx.
type cacheSink interface {
	Cache() []byte
	SetCache([]byte)
	Keep(rel string) (bool, error)
	StateFile(name string) string
}

// buildCache is what a build stores with its output. It is written as
// a cacheHead, then one cacheEntry for each article: gob encodes each
// value whole in memory before writing it, and a single value of every
// article held a second copy of the record (11 MB at 10,000 bulletins)
// while the build was at its largest.
type buildCache struct {
	Tool     uint64
	Stamps   graph.Stamps
	Articles map[string]cachedArticle // by file name
}

type cacheHead struct {
	Tool     uint64
	Stamps   graph.Stamps
	Articles int // entries that follow
}

type cacheEntry struct {
	Name    string
	Article cachedArticle
}

// cachedArticle is what rendering one article gave.
type cachedArticle struct {
	Key           uint64 // of everything the rendering depended on
	Uses          []string
	Summary       string
	HasCharts     bool
	Version, Card uint64
	// Links and Anchors are what the link check needs of the article:
	// its links with their positions, and the ids of its body.
	Links   []content.Link
	Anchors []string
}

// toolVersion identifies this bantin: a hash of its executable, so that
// any change to the code invalidates every cached result.
var toolVersion = sync.OnceValue(func() uint64 {
	var h graph.Hasher
	h.WriteString(runtime.Version())
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(&h, f)
			f.Close()
			return h.Sum64()
		}
	}
	// Without its own bytes, bantin cannot tell its versions apart: never reuse.
	return 0
})

func decodeCache(b []byte) *buildCache {
	if len(b) == 0 || toolVersion() == 0 {
		return nil
	}
	dec := gob.NewDecoder(bytes.NewReader(b))
	var h cacheHead
	if err := dec.Decode(&h); err != nil || h.Tool != toolVersion() || h.Articles < 0 || h.Articles > len(b) {
		return nil
	}
	c := &buildCache{Tool: h.Tool, Stamps: h.Stamps, Articles: make(map[string]cachedArticle, h.Articles)}
	for range h.Articles {
		var e cacheEntry
		if err := dec.Decode(&e); err != nil {
			return nil
		}
		c.Articles[e.Name] = e.Article
	}
	return c
}

// articleKey is the key of f's rendering, given the data its figures use.
func (s *Site) articleKey(f *articleFile, uses []string) uint64 {
	parts := []string{strconv.FormatUint(f.src, 16), strconv.FormatUint(s.versions.site, 16), strconv.FormatUint(s.versions.theme, 16), strconv.FormatUint(toolVersion(), 16)}
	for _, u := range slices.Sorted(slices.Values(uses)) {
		parts = append(parts, u, strconv.FormatUint(s.versions.data[u], 16))
	}
	return graph.HashString(parts...)
}

// useCache marks as rendered every article whose key is the cached one,
// filling in what rendering would give but the HTML, which is made only
// if an output that shows it must be produced (ensureHTML).
func (s *Site) useCache(c *buildCache) {
	for _, a := range s.Articles {
		f := s.fileOf(a)
		e, ok := c.Articles[f.name]
		if !ok || f.rendered || e.Key != s.articleKey(f, e.Uses) {
			continue
		}
		a.Uses, a.Summary, a.HasCharts = slices.Clone(e.Uses), e.Summary, e.HasCharts
		a.Links, a.Anchors = e.Links, e.Anchors
		a.CardVersion = e.Card
		f.version, f.card = e.Version, e.Card
		f.rendered, f.noHTML = true, true
		f.renderErrs = nil
		// The source is read again in the rare case the HTML is needed
		// (ensureHTML): holding every article's Markdown is most of a
		// large site's memory.
		a.Body = nil
	}
}

// newCache records this build for the next.
func (s *Site) newCache(stamps graph.Stamps) []byte {
	var b bytes.Buffer
	b.Grow(len(stamps)*64 + len(s.Articles)*1100) // about its size: one allocation, not a doubling series
	enc := gob.NewEncoder(&b)
	if err := enc.Encode(cacheHead{Tool: toolVersion(), Stamps: stamps, Articles: len(s.Articles)}); err != nil {
		return nil
	}
	for _, a := range s.Articles {
		f := s.fileOf(a)
		e := cacheEntry{f.name, cachedArticle{Key: s.articleKey(f, a.Uses), Uses: a.Uses, Summary: a.Summary, HasCharts: a.HasCharts, Version: f.version, Card: f.card, Links: a.Links, Anchors: a.Anchors}}
		if err := enc.Encode(e); err != nil {
			return nil
		}
	}
	return b.Bytes()
}

// ensureHTML renders the Markdown of the articles that outputs about to
// be produced show whole (their pages, the feed) and that the cache let
// go unrendered.
func (s *Site) ensureHTML(ctx context.Context, dirty []*graph.Node) {
	need := map[*articleFile]bool{}
	for _, ed := range s.editions {
		feed, page := ed.key("feed"), ed.key("article:")
		for _, n := range dirty {
			switch {
			case n.Key == feed:
				for _, a := range ed.articles[:min(len(ed.articles), feedSize)] {
					need[s.fileOf(a)] = true
				}
			case strings.HasPrefix(n.Key, page):
				if a := ed.bySlug[n.Key[len(page):]]; a != nil {
					need[s.fileOf(a)] = true
				}
			}
		}
	}
	var todo []*articleFile
	for f := range need {
		if f != nil && f.noHTML {
			todo = append(todo, f)
		}
	}
	figures := s.editionFigures()
	s.parallel(ctx, len(todo), func(i int) {
		s.renderMarkdown(todo[i], figures[todo[i].article.Lang])
		todo[i].noHTML = false
	})
}

// body makes sure f's Markdown is in memory, reading the file again if it
// was let go (a one-shot build holds no article's Markdown longer than it
// needs it). The file must not have changed since it was loaded.
func (s *Site) body(f *articleFile, errs *diag.List) bool {
	if f.article.Body != nil {
		return true
	}
	// A one-shot render (streamArticles) gives the buffer back once the
	// page is written and the Markdown let go.
	src, release, err := s.readSource(f.name, s.spent)
	if err != nil {
		errs.Errorf(diag.Pos{File: f.article.File}, "", "%v", err)
		return false
	}
	f.releaseBody = release
	// The front matter was decoded when the site was loaded: the same
	// bytes need only their body cut off again.
	body, line, ok := content.Body(src)
	if !ok || graph.Hash(src) != f.src {
		errs.Errorf(diag.Pos{File: f.article.File}, "", "changed while the site was being built; build again")
		return false
	}
	f.article.Body, f.article.BodyLine = body, line
	if f.article.Body == nil {
		f.article.Body = []byte{}
	}
	return true
}
