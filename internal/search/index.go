// Package search makes a site's search index at build time, for a small
// script of the theme (templates/assets/search.js) to search in the
// reader's browser: no server, no other host.
//
// The index is split the way Pagefind splits its own, so that a query
// loads only what it needs:
//
//   - index.json, the manifest: the number of documents, the layout, and
//     the first key of every shard;
//   - s/<i>.bin, the shards: the postings of a contiguous range of keys
//     (folded words, in byte order), each shard about the same size;
//   - d/<j>.json, the documents: address, title, date, kind and the text
//     excerpts are cut from, Chunk documents a file, fetched only for
//     the results shown.
//
// A query of three words loads the manifest, at most three shards and the
// document files of the first results. The number of shards and document
// files depends only on the number of documents (Layout), so the build
// knows every output path before the index is made, and makes it only when
// its inputs change.
//
// Words are folded on both sides (Fold): lowercase, diacritics removed, đ
// read as d; each posting keeps the word as written, so a query typed with
// its accents ranks the documents that have them first. Numbers are tokens
// as written ("96,5", "746.000"). A document's fields rank title > tags >
// summary > body.
package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Field weights, one bit each in a posting: a document's score for a word
// is the highest field it appears in, so title > tags > summary > body.
const (
	Body    = 1
	Summary = 2
	Tags    = 4
	Title   = 8
)

// Doc is one searchable document: a bulletin, a plan, a task, a metric.
type Doc struct {
	URL     string // site-relative ("articles/x/", "plans/p/#task-T01")
	Kind    string // shown beside the result: "Bản tin", "Kế hoạch"...
	Title   string
	Date    string // as shown, formatted for the site's language; may be empty
	Tags    []string
	Summary string
	Body    string // the text, figures as they read (Text); its white space need not be squeezed
}

// ExcerptRunes caps the text kept with a document for excerpts: results
// show a window around the first match, and a match further in shows the
// start of the text instead. The whole body is indexed regardless.
const ExcerptRunes = 1500

// MaxDocs is the most documents an index holds: a posting keeps the
// document's number in 28 bits.
const MaxDocs = 1 << 28

// Chunk is how many documents share one document file: results are
// fetched a few at a time, and fewer files make the build lighter.
const Chunk = 8

// DocsPerShard sets the number of shards: one per DocsPerShard documents,
// so a shard's size stays about the same as the site grows.
const DocsPerShard = 48

// Layout is the shape of an index of a given number of documents: how
// many shards and document files it has. It depends on nothing else.
type Layout struct {
	Docs, Shards, Chunks int
}

// NewLayout is the layout of an index of n documents.
func NewLayout(n int) Layout {
	return Layout{Docs: n, Shards: max(1, (n+DocsPerShard-1)/DocsPerShard), Chunks: (n + Chunk - 1) / Chunk}
}

// The files of an index, relative to its directory.
const ManifestFile = "index.json"

// ShardFile is the i-th shard's file.
func ShardFile(i int) string { return "s/" + strconv.Itoa(i) + ".bin" }

// ChunkFile is the j-th document file.
func ChunkFile(j int) string { return "d/" + strconv.Itoa(j) + ".json" }

// Files lists every file of the layout: the manifest, the shards, the
// document files.
func (l Layout) Files() []string {
	out := []string{ManifestFile}
	for i := range l.Shards {
		out = append(out, ShardFile(i))
	}
	for j := range l.Chunks {
		out = append(out, ChunkFile(j))
	}
	return out
}

// Builder collects documents in the order given (a document's number is
// its rank among equals: the build adds the newest bulletins first).
// Adding tokenises at once and keeps only the postings and the excerpt,
// so memory grows with the index, not with the site's text.
type Builder struct {
	// words holds each written form met, by word: one lookup a posting.
	// The forms are grouped by key (term) only when the index is built.
	words map[string]*variant
	docs  []docMeta
	// put records which documents have been given, and unordered that
	// one came after a higher number: the postings are then sorted once,
	// when the index is built.
	put       []bool
	unordered bool
	// taken holds the hash of each document file written before Build
	// (TakeChunk), by number; Build leaves those files out.
	taken map[int]uint64
}

// variant is one written form of a key and its postings: doc<<4 | fields,
// in document order.
type variant struct {
	word, key string
	postings  []uint32 // doc<<4 | fields: 2^28 documents are enough, and the index takes half the memory
	// last is the document of the last posting, plus one (0: none yet),
	// for post to find a word posted again for the same document here,
	// beside the slice it is about to append to, and not in the
	// slice's last element: a read of memory far from everything else,
	// which cost half of all the time post took.
	last uint32
}

// docMeta is what a document file holds of one document.
type docMeta struct {
	URL     string `json:"u"`
	Kind    string `json:"k,omitempty"`
	Title   string `json:"t"`
	Date    string `json:"d,omitempty"`
	Summary string `json:"s,omitempty"`
	Text    string `json:"x,omitempty"`
}

// NewBuilder starts an index.
func NewBuilder() *Builder { return &Builder{words: map[string]*variant{}} }

// Prepared is a document tokenised: each word it holds once, with the
// fields it appears in, and what its document file keeps. Preparing is
// the costly part of indexing and needs nothing of the other documents,
// so a build prepares its documents in parallel, while it renders them,
// and the preview keeps each article's, so that an edit prepares one.
type Prepared struct {
	words []word
	meta  docMeta
}

// word is one written form of a key in a prepared document, and the
// fields (Title, Tags, ...) it appears in.
type word struct {
	key, word string
	fields    uint8
}

// Prepare tokenises d. The result holds no reference into d's strings
// (the words and the excerpt are copies), so keeping it does not keep
// the document's text.
func Prepare(d Doc) *Prepared {
	p := &Prepared{}
	if w, ok := wordLists.Get().(*[]word); ok {
		p.words = (*w)[:0]
	}
	m := preparing.Get().(*wordMaps)
	defer preparing.Put(m)
	return m.prepare(d, p)
}

// prepare is Prepare with m's words, into p.
func (m *wordMaps) prepare(d Doc, p *Prepared) *Prepared {
	m.start()
	defer clear(m.figures) // its keys are d's text
	post := func(text string, field uint8) {
		m.words = appendWords(m.words[:0], text)
		for _, w := range m.words {
			var i int
			if isDigit(w[0]) {
				// A figure ("96,5", "4G"): seldom in two documents, so
				// known for this one only.
				lower := strings.ToLower(w)
				var ok bool
				if i, ok = m.figures[lower]; !ok {
					i = len(p.words)
					m.figures[lower] = i
					lower = own(w, lower)
					p.words = append(p.words, word{key: Fold(lower), word: lower})
				}
			} else {
				e := m.entry(w)
				if e.doc != m.doc {
					e.doc, e.at = m.doc, len(p.words)
					p.words = append(p.words, word{key: e.key, word: e.word})
				}
				i = e.at
			}
			p.words[i].fields |= field
		}
		clear(m.words) // d's text
	}
	post(d.Title, Title)
	for _, t := range d.Tags {
		post(t, Tags)
	}
	post(d.Summary, Summary)
	post(d.Body, Body)
	text, start := excerpt(d.Body, ExcerptRunes)
	p.meta = docMeta{URL: d.URL, Kind: d.Kind, Title: d.Title, Date: d.Date, Text: text}
	if s := cut(d.Summary, ExcerptRunes); s != "" && !strings.HasPrefix(start, s) {
		p.meta.Summary = s
	}
	return p
}

// wordMaps is what Prepare knows of the words it has met, kept from one
// document to the next on each goroutine (a site's documents share most
// of their words): each word as written, to the entry of its lowercase
// form, which holds its key and where it stands in the document being
// prepared. A word met again in a document is then one lookup — most
// words of Vietnamese are a syllable of at most eight bytes, looked up
// as a number (pack): no string to hash and compare — and a word met
// anew in a document costs no more. Grown afresh for each document, the
// maps were an eighth of all a large build allocates.
type wordMaps struct {
	short map[uint64]*entry // words as written, of at most eight bytes
	long  map[string]*entry // longer ones
	lower map[string]*entry // by lowercase form: the forms of one word share its entry
	// doc numbers the document being prepared: an entry whose doc is
	// this one has its word in the document's list, at at.
	doc uint64
	// figures are the document's figures ("96,5", "4g"), lowercased, to
	// their index in its word list: emptied after each document.
	figures map[string]int
	words   []string // a text's words, as appendWords gives them
}

// entry is a word, lowercased (word) and folded (key), and where it
// stands in the word list of the last document it was met in.
type entry struct {
	word, key string
	doc       uint64
	at        int
}

// pack is a word of at most eight bytes as a number: its bytes, the
// first lowest. No word has a zero byte, so two words never pack alike.
func pack(w string) uint64 {
	var k uint64
	for i := range len(w) {
		k |= uint64(w[i]) << (8 * i)
	}
	return k
}

// maxForms bounds the words wordMaps knows (a few megabytes): a site's
// vocabulary is some thousands of words; should a site have more, the
// maps start afresh, between two documents, when full.
const maxForms = 1 << 15

// start begins a document.
func (m *wordMaps) start() {
	m.doc++
	if len(m.short)+len(m.long) >= maxForms {
		clear(m.short)
		clear(m.long)
		clear(m.lower)
	}
}

// entry returns w's entry, made and kept if w is new. Its strings are
// copies: never a slice of the document's text.
func (m *wordMaps) entry(w string) *entry {
	if len(w) <= 8 {
		if e := m.short[pack(w)]; e != nil {
			return e
		}
	} else if e := m.long[w]; e != nil {
		return e
	}
	lower := strings.ToLower(w)
	e := m.lower[lower]
	if e == nil {
		lower = own(w, lower)
		e = &entry{word: lower, key: Fold(lower)}
		m.lower[lower] = e
	}
	if len(w) <= 8 {
		m.short[pack(w)] = e
	} else if w == e.word {
		m.long[e.word] = e
	} else {
		m.long[strings.Clone(w)] = e
	}
	return e
}

// own returns lower, strings.ToLower(w), as a string of its own: ToLower
// gives w itself back when it has no capital, a slice of the document's
// text, which what Prepare keeps must not hold on to.
func own(w, lower string) string {
	if lower == w {
		return strings.Clone(w)
	}
	return lower
}

func newWordMaps() *wordMaps {
	return &wordMaps{short: map[uint64]*entry{}, long: map[string]*entry{}, lower: map[string]*entry{}, figures: map[string]int{}}
}

var preparing = sync.Pool{New: func() any { return newWordMaps() }}

// Recycle gives p's word list to the next Prepare, for a caller that has
// put p and will not use it again (a one-shot build indexes thousands of
// documents, each of a few hundred words). The index keeps no reference
// to the list, only to the words' strings.
func (p *Prepared) Recycle() {
	w := p.words[:0]
	p.words = nil
	wordLists.Put(&w)
}

var wordLists sync.Pool // *[]word, from Recycle

// Add indexes d as the next document.
func (b *Builder) Add(d Doc) { b.AddPrepared(Prepare(d)) }

// AddPrepared indexes a prepared document as the next document. The
// index is the same whether its documents were added or prepared first.
func (b *Builder) AddPrepared(p *Prepared) { b.Put(len(b.docs), p) }

// Put indexes a prepared document as document number id, for a build that
// prepares its documents on several goroutines, in no set order. Every
// number below the highest given must be given before Build; Add and
// AddPrepared then go on after the highest.
func (b *Builder) Put(id int, p *Prepared) {
	if id < len(b.docs) {
		if b.put[id] {
			panic(fmt.Sprintf("search: document %d given twice", id))
		}
		b.unordered = true // a gap filled: a lower number after a higher one
	}
	for len(b.docs) <= id {
		b.docs = append(b.docs, docMeta{})
		b.put = append(b.put, false)
	}
	b.put[id] = true
	b.docs[id] = p.meta
	for _, w := range p.words {
		b.post(Token{Word: w.word, Key: w.key}, uint64(id), uint64(w.fields))
	}
}

func (b *Builder) post(t Token, id, field uint64) {
	v := b.words[t.Word]
	if v == nil {
		v = &variant{word: t.Word, key: t.Key}
		b.words[t.Word] = v
	}
	p := uint32(id)<<4 | uint32(field)
	if v.last == uint32(id)+1 {
		v.postings[len(v.postings)-1] |= p
		return
	}
	v.last = uint32(id) + 1
	v.postings = append(v.postings, p)
}

// Len is the number of documents added.
func (b *Builder) Len() int { return len(b.docs) }

// manifest is index.json.
type manifest struct {
	Version string   `json:"v"` // changes with any file of the index: fetched as ?v=…
	Docs    int      `json:"n"`
	Chunk   int      `json:"c"`
	Keys    []string `json:"k"` // first key of each shard
}

// Build writes the index in layout l, which must be NewLayout(b.Len()):
// every file of l.Files(), by name. The bytes depend only on the
// documents added and their order.
//
// Build uses the builder up: each term's postings and each document's
// excerpt are let go as soon as they are written, so that a large site's
// index is never held twice (once as postings, once as files). Call it
// once; a failed Build leaves the builder unusable too.
func (b *Builder) Build(l Layout) (map[string][]byte, error) {
	if l != NewLayout(len(b.docs)) {
		return nil, fmt.Errorf("search: index of %d documents built for a layout of %d", len(b.docs), l.Docs)
	}
	if len(b.docs) > MaxDocs {
		return nil, fmt.Errorf("search: %d documents; an index holds at most %d", len(b.docs), MaxDocs)
	}
	if i := slices.Index(b.put, false); i >= 0 {
		return nil, fmt.Errorf("search: document %d of %d was never given", i, len(b.docs))
	}
	// The written forms, in key order and by word within a key: each run
	// of one key is a term.
	forms := make([]*variant, 0, len(b.words))
	for _, v := range b.words {
		if b.unordered {
			// By document: a document is posted once per written form
			// (post), so no two postings share the bits above the field's,
			// and their natural order is that — sorted without a call per
			// comparison.
			slices.Sort(v.postings)
		}
		forms = append(forms, v)
	}
	b.unordered = false
	clear(b.words)
	slices.SortFunc(forms, func(x, y *variant) int {
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return strings.Compare(x.word, y.word)
	})
	var keys []string
	var entries [][]byte
	total := 0
	for lo := 0; lo < len(forms); {
		key := forms[lo].key
		hi := lo + 1
		for hi < len(forms) && forms[hi].key == key {
			hi++
		}
		e := encodeTerm(key, forms[lo:hi])
		clear(forms[lo:hi]) // their postings are in e now
		keys = append(keys, key)
		entries = append(entries, e)
		total += len(e)
		lo = hi
	}
	files := make(map[string][]byte, len(l.Files()))
	h := fnv.New64a()
	// Cut the keys into l.Shards ranges of about equal bytes: a term goes
	// to the shard its first byte falls in. The terms are in key order,
	// so each shard is one run of entries.
	first := make([]string, l.Shards)
	counts := make([]uint64, l.Shards)
	ends := make([]int, l.Shards) // entries[ends[s-1]:ends[s]] is shard s
	at := 0
	for i, k := range keys {
		s := min(l.Shards-1, at*l.Shards/max(1, total))
		if counts[s] == 0 {
			first[s] = k
		}
		counts[s]++
		ends[s] = i + 1
		at += len(entries[i])
	}
	// An empty shard takes the first key of the next shard that has one
	// (a lookup takes the last shard whose key is not after the word, so
	// it lands on the full one); empty shards at the end take a key after
	// every word.
	next := string(utf8.MaxRune)
	for s := l.Shards - 1; s >= 0; s-- {
		if counts[s] == 0 {
			first[s] = next
		} else {
			next = first[s]
		}
	}
	lo := 0
	for s := range l.Shards {
		size := 0
		hi := lo
		if counts[s] > 0 {
			hi = ends[s]
		}
		for _, e := range entries[lo:hi] {
			size += len(e)
		}
		out := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+size), counts[s])
		for i := lo; i < hi; i++ {
			out = append(out, entries[i]...)
			entries[i] = nil
		}
		lo = hi
		files[ShardFile(s)] = out
		h.Write(out)
	}
	// The version covers each document file by its own hash, so that
	// a file written early (TakeChunk) counts as one made here.
	for j := range l.Chunks {
		sum, ok := b.taken[j]
		if !ok {
			out, err := b.chunk(j)
			if err != nil {
				return nil, err
			}
			files[ChunkFile(j)] = out
			sum = fileSum(out)
		}
		h.Write(binary.LittleEndian.AppendUint64(nil, sum))
	}
	m, err := json.Marshal(manifest{Version: strconv.FormatUint(h.Sum64(), 36), Docs: len(b.docs), Chunk: Chunk, Keys: first})
	if err != nil {
		return nil, fmt.Errorf("search: manifest: %w", err)
	}
	files[ManifestFile] = append(m, '\n')
	return files, nil
}

// chunk makes document file j and lets go of its documents' excerpts.
func (b *Builder) chunk(j int) ([]byte, error) {
	lo, hi := j*Chunk, min((j+1)*Chunk, len(b.docs))
	out, err := json.Marshal(b.docs[lo:hi])
	if err != nil {
		return nil, fmt.Errorf("search: document file %d: %w", j, err)
	}
	clear(b.docs[lo:hi]) // the excerpts are in the file now
	return append(out, '\n'), nil
}

func fileSum(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// TakeChunk returns document file j (ChunkFile(j)) as soon as its Chunk
// documents are all put, for a build that writes it then rather than
// after Build: a large site's excerpts are most of what its index holds
// while the site renders. The builder keeps the file's hash, for the
// manifest's version, and Build leaves the file out. ok is false while a
// document of the file is missing, and once it has been taken.
func (b *Builder) TakeChunk(j int) (file []byte, ok bool, err error) {
	lo, hi := j*Chunk, (j+1)*Chunk
	if j < 0 || hi > len(b.put) || slices.Contains(b.put[lo:hi], false) {
		return nil, false, nil
	}
	if _, done := b.taken[j]; done {
		return nil, false, nil
	}
	if file, err = b.chunk(j); err != nil {
		return nil, false, err
	}
	if b.taken == nil {
		b.taken = map[int]uint64{}
	}
	b.taken[j] = fileSum(file)
	return file, true, nil
}

// encodeTerm writes one key and its postings:
//
//	uvarint len(key), key
//	uvarint number of variants
//	per variant: uvarint len(word), word (length 0: the word is the key)
//	             uvarint number of postings
//	             per posting: uvarint (doc - previous doc)<<4 | fields
//
// The variants come sorted by word, so the bytes do not depend on the
// order the words were met in.
func encodeTerm(key string, variants []*variant) []byte {
	out := binary.AppendUvarint(nil, uint64(len(key)))
	out = append(out, key...)
	out = binary.AppendUvarint(out, uint64(len(variants)))
	for _, v := range variants {
		if v.word == key {
			out = binary.AppendUvarint(out, 0)
		} else {
			out = binary.AppendUvarint(out, uint64(len(v.word)))
			out = append(out, v.word...)
		}
		out = binary.AppendUvarint(out, uint64(len(v.postings)))
		prev := uint64(0)
		for _, p := range v.postings {
			doc := uint64(p >> 4)
			out = binary.AppendUvarint(out, (doc-prev)<<4|uint64(p&15))
			prev = doc
		}
	}
	return out
}
