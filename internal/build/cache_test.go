package build

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	bantin "github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/graph"
	"github.com/bantin/bantin/internal/output"
)

// TestCacheRoundTrip: the record a build leaves for the next (a head,
// then an entry per article) reads back as it was made; a record cut
// short, of another bantin, or claiming more entries than it could hold,
// reads as none.
func TestCacheRoundTrip(t *testing.T) {
	s, err := Open(Options{SiteDir: "testdata/site", AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Render(output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	stamps := graph.Stamps{"index.html": 7, "articles/a/index.html": 9}
	b := s.newCache(stamps)
	c := decodeCache(b)
	if c == nil {
		t.Fatal("a build's record reads as none")
	}
	if c.Tool != toolVersion() || !reflect.DeepEqual(c.Stamps, stamps) || len(c.Articles) != len(s.Articles) || len(s.Articles) == 0 {
		t.Fatalf("record: tool %x, stamps %v, %d articles; want %x, %v, %d", c.Tool, c.Stamps, len(c.Articles), toolVersion(), stamps, len(s.Articles))
	}
	for _, a := range s.Articles {
		f := s.fileOf(a)
		e := c.Articles[f.name]
		if e.Key != s.articleKey(f, a.Uses) || e.Summary != a.Summary || e.Card != f.card || e.Version != f.version || !reflect.DeepEqual(e.Links, a.Links) || !reflect.DeepEqual(e.Anchors, a.Anchors) {
			t.Errorf("%s: record %+v", f.name, e)
		}
	}

	head := func(h cacheHead) []byte {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(h); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for name, bad := range map[string][]byte{
		"empty":         nil,
		"garbage":       []byte("not a gob at all"),
		"cut short":     b[:len(b)*2/3],
		"other bantin":  head(cacheHead{Tool: toolVersion() + 1}),
		"entries short": head(cacheHead{Tool: toolVersion(), Articles: 3}),
		"huge count":    head(cacheHead{Tool: toolVersion(), Articles: 1 << 40}),
	} {
		if decodeCache(bad) != nil {
			t.Errorf("%s: read as a record", name)
		}
	}
}
