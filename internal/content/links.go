package content

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/bantin/bantin/internal/diag"
)

// Link is one Markdown link or image of an article, recorded while its body
// is parsed so that the build can tell, once it knows every output of the
// site, whether a link that points inside the site lands on something
// (internal/build/links.go). Links are recorded, not checked, here: what
// the site holds is known only when all its inputs are loaded.
type Link struct {
	// Dest is the destination as the author wrote it (after Markdown's
	// own unescaping), for messages.
	Dest string
	// Href is what the page's href or src carries: Dest percent-escaped
	// the way goldmark writes it, so the check reads the URL a browser
	// follows.
	Href  string
	Pos   diag.Pos // of the link's "[" or the image's "!" in File
	Image bool
}

// recordLinks fills a.Links from the parsed body doc, once the link guard
// has dropped the destinations that may not be written at all. Every
// position is found with one pass over the body: the offsets are turned
// into lines and columns through a table of line starts, so an article
// with many links costs no more than one scan of its text.
func recordLinks(a *Article, doc ast.Node) {
	a.Links = nil
	var lines []int // offsets of line starts in a.Body, made on the first link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		image := false
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest, image = n.Destination, true
		default:
			return ast.WalkContinue, nil
		}
		if lines == nil {
			lines = lineStarts(a.Body)
		}
		line, col := offsetLineCol(a.Body, lines, n.Pos())
		a.Links = append(a.Links, Link{
			Dest:  string(dest),
			Href:  string(util.URLEscape(dest, true)),
			Pos:   a.Pos(line, col),
			Image: image,
		})
		return ast.WalkContinue, nil
	})
}

// lineStarts returns the offset at which each line of src starts.
func lineStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offsetLineCol turns an offset of src into a 1-based line and column, the
// column counted in characters like every position bantin reports. An
// offset goldmark did not set (negative) gives the start of the body.
func offsetLineCol(src []byte, starts []int, off int) (line, col int) {
	if off < 0 || off > len(src) {
		return 1, 1
	}
	i, found := slices.BinarySearch(starts, off)
	if !found {
		i--
	}
	return i + 1, utf8.RuneCount(src[starts[i]:off]) + 1
}

// idAttr finds the id attributes of rendered HTML. The HTML is goldmark's
// own, or the sanitiser's, or a shortcode's template output: attribute
// values are always double-quoted and escaped there, so a quote or an
// " id=" inside text or another attribute cannot be mistaken for one.
// recordAnchors fills a.Anchors with the ids of the rendered body: the
// headings' ids, the footnotes', the figures' and any kept from raw HTML,
// each once, sorted. The body is HTML the renderer and the sanitiser
// wrote, so every id is an attribute written ` id="..."`: a scan for
// that is exact, and much cheaper than a regular expression.
func recordAnchors(a *Article) {
	a.Anchors = nil
	const attr = ` id="`
	for h := a.HTML; ; {
		i := strings.Index(h, attr)
		if i < 0 {
			break
		}
		h = h[i+len(attr):]
		j := strings.IndexByte(h, '"')
		if j < 0 {
			break
		}
		// A copy: a slice of a.HTML would keep the whole page alive.
		a.Anchors = append(a.Anchors, strings.Clone(html.UnescapeString(h[:j])))
		h = h[j+1:]
	}
	slices.Sort(a.Anchors)
	a.Anchors = slices.Clip(slices.Compact(a.Anchors))
}
