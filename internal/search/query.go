package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// This file reads an index the way templates/assets/search.js does, step
// for step, so that Go tests can check ranking and measure what a query
// transfers. A change to the query rules must be made in both.

// Fetch returns the bytes of one file of the index, by its name relative
// to the index directory ("index.json", "s/3.bin").
type Fetch func(name string) ([]byte, error)

// Reader searches an index through fetch, loading each file at most once.
type Reader struct {
	fetch  Fetch
	m      manifest
	shards map[int]map[string][]posted
	chunks map[int][]docMeta
}

// posted is one written form of a key and the documents it is in.
type posted struct {
	word   string
	docs   []int
	fields []uint8
}

// Hit is one result.
type Hit struct {
	ID                     int
	URL, Kind, Title, Date string
	Summary, Text          string
	Exact                  int // query words matched with their accents as typed
	Score                  int // the sum, over query words, of the best field's weight
}

// Open reads the manifest.
func Open(fetch Fetch) (*Reader, error) {
	b, err := fetch(ManifestFile)
	if err != nil {
		return nil, err
	}
	r := &Reader{fetch: fetch, shards: map[int]map[string][]posted{}, chunks: map[int][]docMeta{}}
	if err := json.Unmarshal(b, &r.m); err != nil {
		return nil, fmt.Errorf("search: %s: %w", ManifestFile, err)
	}
	if len(r.m.Keys) == 0 || r.m.Chunk <= 0 {
		return nil, fmt.Errorf("search: %s: no shards", ManifestFile)
	}
	return r, nil
}

// shardOf is the shard a key would be in: the last whose first key is not
// after it.
func (r *Reader) shardOf(key string) int {
	i, _ := slices.BinarySearchFunc(r.m.Keys, key, func(k, key string) int {
		if k <= key {
			return -1
		}
		return 1
	})
	return max(0, i-1)
}

func (r *Reader) shard(i int) (map[string][]posted, error) {
	if s, ok := r.shards[i]; ok {
		return s, nil
	}
	b, err := r.fetch(ShardFile(i))
	if err != nil {
		return nil, err
	}
	s, err := decodeShard(b)
	if err != nil {
		return nil, fmt.Errorf("search: %s: %w", ShardFile(i), err)
	}
	r.shards[i] = s
	return s, nil
}

var errCorrupt = errors.New("corrupt shard")

func decodeShard(b []byte) (map[string][]posted, error) {
	uv := func() (uint64, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, errCorrupt
		}
		b = b[n:]
		return v, nil
	}
	str := func() (string, error) {
		n, err := uv()
		if err != nil || n > uint64(len(b)) {
			return "", errCorrupt
		}
		s := string(b[:n])
		b = b[n:]
		return s, nil
	}
	nterms, err := uv()
	if err != nil {
		return nil, err
	}
	out := map[string][]posted{}
	for range nterms {
		key, err := str()
		if err != nil {
			return nil, err
		}
		nv, err := uv()
		if err != nil {
			return nil, err
		}
		for range nv {
			word, err := str()
			if err != nil {
				return nil, err
			}
			if word == "" {
				word = key
			}
			n, err := uv()
			if err != nil || n > uint64(len(b)) {
				return nil, errCorrupt
			}
			p := posted{word: word, docs: make([]int, n), fields: make([]uint8, n)}
			doc := 0
			for i := range n {
				v, err := uv()
				if err != nil {
					return nil, err
				}
				doc += int(v >> 4)
				p.docs[i], p.fields[i] = doc, uint8(v&15)
			}
			out[key] = append(out[key], p)
		}
	}
	return out, nil
}

// match is what one query word found: per document, the best field's
// weight and whether the word was written there with its accents as typed.
type match struct {
	weight map[int]int
	exact  map[int]bool
}

// Search returns the first limit results for q, best first, and how many
// there are. Every word of q must be found; the last, when q does not end
// with a space, also matches as the start of a longer word if it is not a
// word of the index itself, so results come while typing. Ranking: more
// words matched with their accents as typed first (only a word typed with
// accents counts: "so" says nothing about "số" or "sở"), then the sum of the
// best field's weight (title > tags > summary > body), then the order the
// documents were added in (newest bulletins first).
func (r *Reader) Search(q string, limit int) ([]Hit, int, error) {
	var words []Token
	Tokens(q, func(t Token) {
		if !slices.ContainsFunc(words, func(w Token) bool { return w.Key == t.Key }) {
			words = append(words, t)
		}
	})
	if len(words) == 0 {
		return nil, 0, nil
	}
	last, _ := utf8.DecodeLastRuneInString(q)
	prefixLast := isWordRune(last)
	var found []match
	for i, w := range words {
		s, err := r.shard(r.shardOf(w.Key))
		if err != nil {
			return nil, 0, err
		}
		ps := s[w.Key]
		if ps == nil && i == len(words)-1 && prefixLast {
			for k, p := range s {
				if strings.HasPrefix(k, w.Key) {
					ps = append(ps, p...)
				}
			}
		}
		m := match{weight: map[int]int{}, exact: map[int]bool{}}
		for _, p := range ps {
			for j, d := range p.docs {
				wt := 1 << (bits.Len8(p.fields[j]) - 1)
				m.weight[d] = max(m.weight[d], wt)
				if w.Word != w.Key && p.word == w.Word {
					m.exact[d] = true
				}
			}
		}
		if len(m.weight) == 0 {
			return nil, 0, nil
		}
		found = append(found, m)
	}
	slices.SortFunc(found, func(a, b match) int { return len(a.weight) - len(b.weight) })
	var hits []Hit
	for d, w := range found[0].weight {
		h := Hit{ID: d, Score: w}
		if found[0].exact[d] {
			h.Exact++
		}
		all := true
		for _, m := range found[1:] {
			w, ok := m.weight[d]
			if !ok {
				all = false
				break
			}
			h.Score += w
			if m.exact[d] {
				h.Exact++
			}
		}
		if all {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Exact != b.Exact {
			return b.Exact - a.Exact
		}
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return a.ID - b.ID
	})
	total := len(hits)
	hits = hits[:min(limit, len(hits))]
	for i := range hits {
		if err := r.fill(&hits[i]); err != nil {
			return nil, 0, err
		}
	}
	return hits, total, nil
}

// fill loads a result's document file and copies what it shows.
func (r *Reader) fill(h *Hit) error {
	j := h.ID / r.m.Chunk
	docs, ok := r.chunks[j]
	if !ok {
		b, err := r.fetch(ChunkFile(j))
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &docs); err != nil {
			return fmt.Errorf("search: %s: %w", ChunkFile(j), err)
		}
		r.chunks[j] = docs
	}
	k := h.ID % r.m.Chunk
	if k >= len(docs) {
		return fmt.Errorf("search: %s has no document %d", ChunkFile(j), h.ID)
	}
	d := docs[k]
	h.URL, h.Kind, h.Title, h.Date, h.Summary, h.Text = d.URL, d.Kind, d.Title, d.Date, d.Summary, d.Text
	return nil
}
