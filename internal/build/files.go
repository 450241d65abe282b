package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/source"
)

// StaticDir holds files copied as they are to the output root.
const StaticDir = "content/static"

// staticFile is one file under content/static.
type staticFile struct {
	rel         string // relative to StaticDir, slash-separated
	fingerprint string // size and modification time
}

// loadStatic lists content/static. Links, special files and names that
// would not survive the trip to a web server are errors, each naming the
// file: a name with a backslash, a control character or invalid UTF-8.
func (s *Site) loadStatic() {
	errs := &diag.List{}
	s.static = nil
	err := fs.WalkDir(s.fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == StaticDir {
			return nil
		}
		rel := p[len(StaticDir)+1:]
		pos := diag.Pos{File: s.display(p)}
		if !utf8.ValidString(rel) || strings.ContainsAny(rel, "\\\x00") || strings.ContainsFunc(rel, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			errs.Errorf(diag.Pos{File: s.display(StaticDir)}, "", "%q: the file name must be valid UTF-8 without backslashes or control characters", rel)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			errs.Errorf(pos, "", "symbolic links are not copied; put the file itself in content/static")
			return nil
		}
		if rel == output.Marker {
			errs.Errorf(pos, "", "the name %s is reserved for the marker bantin keeps in its output directory; rename the file", output.Marker)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := source.Check(s.fsys, p, source.MaxStatic)
		if err != nil {
			errs.Errorf(pos, "", "%v", err)
			return nil
		}
		s.static = append(s.static, staticFile{rel: rel, fingerprint: fmt.Sprintf("%d-%d", info.Size(), info.ModTime().UnixNano())})
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs.Add(err)
	}
	s.staticErrs = errs.Errors()
}

// fileNodes adds the theme's assets and the static files. A static file
// whose path is also another output's (content/static/index.html) is an
// error naming both; every such clash is reported.
func (s *Site) fileNodes(g *graph.Graph) error {
	errs := &diag.List{}
	for _, a := range s.renderer.Assets() {
		err := g.Add(&graph.Node{Path: a.Path, Kind: graph.Asset, Key: "asset:" + a.Path,
			Inputs:  []graph.Input{{Key: "asset:" + a.Path, Version: graph.HashString(a.Hash)}},
			Produce: func() ([]byte, error) { return a.Data, nil }})
		if err != nil {
			errs.Add(err)
		}
	}
	for _, f := range s.static {
		name := path.Join(StaticDir, f.rel)
		err := g.Add(&graph.Node{Path: f.rel, Kind: graph.Static, Key: "static:" + f.rel, Fingerprint: f.fingerprint,
			Copy: func() (io.ReadCloser, error) {
				file, _, err := source.Open(s.fsys, name, source.MaxStatic)
				return file, err
			}})
		if err != nil {
			errs.Errorf(diag.Pos{File: s.display(name)}, "", "%v", err)
		}
	}
	return errs.Err()
}

// graph describes every output of the site as it stands. Every clash of
// two outputs on one path is reported, not only the first.
//
// Each edition (one per language, editions.go) makes its pages, lists,
// feeds and search index with its own producers; the articles' pages, the
// sitemap, robots.txt, the theme's assets and the static files are made
// once for the whole site.
func (s *Site) graph() (*graph.Graph, error) {
	g := graph.New(len(s.stamps)) // the last graph's size, in the preview
	s.noteLists()
	figures := s.editionFigures()
	errs := &diag.List{}
	// The lists are most of the work; they are made beside the rest.
	lists := make([][]*graph.Node, len(s.editions))
	shown := make([]cardLists, len(s.editions))
	key := s.listsKey()
	var wg sync.WaitGroup
	for i, ed := range s.editions {
		if c := s.lists[ed.Lang]; c != nil && c.key == key {
			// No article came, went, moved or changed what lists and
			// topic feeds show of it: those are the last graph's.
			lists[i], shown[i] = c.nodes, c.shown
			continue
		}
		wg.Go(func() {
			sub := s.in(ed)
			nodes, cards := sub.listNodes(figures[ed.Lang])
			lists[i], shown[i] = append(nodes, sub.tagFeedNodes()...), cards
		})
	}
	pages := s.articleNodes(figures)
	data := make([][]*graph.Node, len(s.editions))
	for i, ed := range s.editions {
		sub := s.in(ed)
		data[i] = append(sub.dataNodes(figures[ed.Lang]), sub.embedNodes(figures[ed.Lang])...)
	}
	wg.Wait()
	if !s.oneShot {
		for i, ed := range s.editions {
			s.lists[ed.Lang] = &listsCache{key: key, nodes: lists[i], shown: shown[i]}
		}
	}
	s.cardLists = shown[0]
	if len(shown) > 1 {
		s.cardLists = cardLists{}
		for _, cl := range shown {
			maps.Copy(s.cardLists, cl)
		}
	}
	for i, ed := range s.editions {
		ed.addNodes(g, lists[i], errs)
	}
	for _, n := range pages {
		errs.Add(g.Add(n)) // each in its language's edition already
	}
	for i, ed := range s.editions {
		ed.addNodes(g, data[i], errs)
	}
	for _, ed := range s.editions {
		sub := s.in(ed)
		for _, add := range []func(*graph.Graph) error{sub.changesNodes, sub.searchNodes, sub.feedNodes} {
			ed.addGraph(g, add, errs)
		}
	}
	for _, add := range []func(*graph.Graph) error{
		s.sitemapNodes, // the sitemap lists the pages added before it
		s.fileNodes,    // last: a static file clashing with a page is the one named wrong
	} {
		errs.Add(add(g))
	}
	// Every output is in g by now, so this is where the articles' links
	// are checked against them.
	if errs.Len() == 0 {
		errs.Add(s.checkLinks(g))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return g, nil
}
