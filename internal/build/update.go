package build

import (
	"context"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/site"
)

// Update brings the site up to date after the files in changed (paths
// relative to the site directory, slash-separated) were created, edited
// or removed, and renders into mem only the outputs whose inputs changed,
// removing the outputs that no longer exist. mem must hold the result of
// the previous Update (or RenderInto) of this Site.
//
// What a change reloads: an article, that file alone (and the slug and
// reference checks, which are linear); a plan or metric, the data (then
// only the articles whose figures use what changed render again); a
// static file, the list of static files; site.yaml or a template,
// everything. The result is byte-identical to a full build of the same
// sources; the tests hold it to that.
func (s *Site) Update(ctx context.Context, changed []string, mem *output.Memory) (Stats, error) {
	var articles []string
	var dataChanged, staticChanged, all bool
	for _, c := range changed {
		c = path.Clean(filepath.ToSlash(c))
		switch {
		case c == site.File || c == "templates" || strings.HasPrefix(c, "templates/"):
			all = true
		case strings.HasPrefix(c, content.Dir+"/") && strings.HasSuffix(c, ".md"):
			articles = append(articles, c)
		case c == content.Dir || strings.HasPrefix(c, content.Dir+"/"):
			// A directory under articles appeared or went: list them again.
			all = true
		case strings.HasPrefix(c, data.PlansDir) || strings.HasPrefix(c, data.MetricsDir):
			dataChanged = true
		case c == StaticDir || strings.HasPrefix(c, StaticDir+"/"):
			staticChanged = true
		}
	}
	if all {
		fresh, err := Open(s.opts)
		if err != nil {
			return Stats{}, err
		}
		prev := s.stamps
		*s = *fresh
		// Against the previous stamps, so outputs that are gone are removed.
		return s.render(ctx, mem, prev, true)
	}
	if len(articles) > 0 {
		slices.Sort(articles)
		s.loadArticles(slices.Compact(articles))
	}
	if dataChanged {
		s.loadData()
	}
	if staticChanged {
		s.loadStatic()
	}
	s.checkRefs()
	return s.render(ctx, mem, s.stamps, true)
}

// RenderInto renders every output into mem and remembers what it
// rendered, so that later Updates render only what changed.
func (s *Site) RenderInto(ctx context.Context, mem *output.Memory) (Stats, error) {
	return s.render(ctx, mem, nil, true)
}

// Rendered reports whether the site has rendered into memory, so that
// Update can render only what changed since.
func (s *Site) Rendered() bool { return s.stamps != nil }

// UpdateSearch makes into mem the outputs an Update or RenderInto left for
// later under Options.DeferSearch (the search index), as they stand now.
// It renders nothing else unless something changed without an Update.
func (s *Site) UpdateSearch(ctx context.Context, mem *output.Memory) (Stats, error) {
	s.searchNow = true
	defer func() { s.searchNow = false }()
	return s.render(ctx, mem, s.stamps, true)
}
