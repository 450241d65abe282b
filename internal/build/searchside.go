package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// What a disk build keeps of its search documents, and why.
//
// The search index depends on every bulletin's text, so a build that
// renders only the bulletins that changed (the build's cache, cache.go)
// would have to read and tokenise all the others again to make it: most
// of an edit build's time on a large site. Instead, when it does, it
// keeps each bulletin's prepared document (search.Prepared, encoded) in a
// file of the output's state directory, keyed by the article's key —
// everything its rendering depends on, as for the build's cache — and
// the next such build decodes those whose key has not changed. The file
// is content-addressed: whatever tree is live, an entry is right for its
// key. A one-shot build writes it too, as it indexes each bulletin (the
// encoding is a few microseconds a document), so that the first edit
// after it is as quick as the next ones.
//
// The file: a header line, then per document its length (uvarint) and
// its bytes; then an index (uvarint count, then key, offset and length
// per document) and, in its last 8 bytes, the offset of the index. The
// keys are written last, when every article's is final. It is read by
// offset, so memory holds the index, not the documents.

const searchSideHeader = "bantin search documents 1\n"

// searchSideName is the state file of the search documents of an edition.
func searchSideName(lang string) string { return "search-" + lang + ".docs" }

// sideEntry is where one document's bytes are in the file.
type sideEntry struct{ off, n int64 }

// searchSide is the previous build's file, open for reading; a nil
// *searchSide has nothing.
type searchSide struct {
	f     *os.File
	index map[uint64]sideEntry
}

// maxSideIndex bounds the index read from a state file: a document's entry
// takes at least 10 bytes, and no site has a billion.
const maxSideIndex = 1 << 30

// openSearchSide opens the file at path; any fault (none yet, cut short,
// another version) gives nil: the documents are prepared again.
func openSearchSide(path string) *searchSide {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	side, err := readSideIndex(f)
	if err != nil {
		f.Close()
		return nil
	}
	return side
}

func readSideIndex(f *os.File) (*searchSide, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	head := make([]byte, len(searchSideHeader))
	if size < int64(len(head))+8 {
		return nil, errors.New("too short")
	}
	if _, err := f.ReadAt(head, 0); err != nil || string(head) != searchSideHeader {
		return nil, errors.New("not a search documents file")
	}
	var foot [8]byte
	if _, err := f.ReadAt(foot[:], size-8); err != nil {
		return nil, err
	}
	at := int64(binary.LittleEndian.Uint64(foot[:]))
	if at < int64(len(head)) || at > size-8 || size-8-at > maxSideIndex {
		return nil, errors.New("bad index offset")
	}
	raw := make([]byte, size-8-at)
	if _, err := f.ReadAt(raw, at); err != nil {
		return nil, err
	}
	count, k := binary.Uvarint(raw)
	if k <= 0 || count > uint64(len(raw)) {
		return nil, errors.New("bad index")
	}
	raw = raw[k:]
	side := &searchSide{f: f, index: make(map[uint64]sideEntry, count)}
	for range count {
		if len(raw) < 8 {
			return nil, errors.New("index cut short")
		}
		key := binary.LittleEndian.Uint64(raw)
		raw = raw[8:]
		off, k1 := binary.Uvarint(raw)
		if k1 <= 0 {
			return nil, errors.New("bad offset")
		}
		n, k2 := binary.Uvarint(raw[k1:])
		if k2 <= 0 || off > uint64(at) || n > uint64(at)-off {
			return nil, errors.New("bad entry")
		}
		raw = raw[k1+k2:]
		side.index[key] = sideEntry{int64(off), int64(n)}
	}
	return side, nil
}

// get returns the encoded document of key, or nil.
func (s *searchSide) get(key uint64) []byte {
	if s == nil {
		return nil
	}
	e, ok := s.index[key]
	if !ok {
		return nil
	}
	b := make([]byte, e.n)
	if _, err := s.f.ReadAt(b, e.off); err != nil {
		return nil
	}
	return b
}

func (s *searchSide) close() {
	if s != nil {
		s.f.Close()
	}
}

// sideWriter writes a new file beside path, which replaces path on done.
type sideWriter struct {
	path, tmp string
	f         *os.File
	w         *bufio.Writer
	at        int64
	err       error
}

func newSideWriter(path string) *sideWriter {
	tmp := path + ".new"
	f, err := os.Create(tmp)
	if err != nil {
		return &sideWriter{path: path, err: err}
	}
	w := &sideWriter{path: path, tmp: tmp, f: f, w: bufio.NewWriterSize(f, 256<<10)}
	w.write([]byte(searchSideHeader))
	return w
}

func (w *sideWriter) write(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.w.Write(b)
	w.at += int64(n)
	w.err = err
}

// add writes an encoded document and returns where it is; the caller
// gives it its key in done.
func (w *sideWriter) add(doc []byte) sideEntry {
	var head [binary.MaxVarintLen64]byte
	w.write(head[:binary.PutUvarint(head[:], uint64(len(doc)))])
	e := sideEntry{w.at, int64(len(doc))}
	w.write(doc)
	return e
}

// done writes the index — each document's key and where add put it —
// and puts the file in place; on any failure the old file (or none)
// stays, and the error says why.
func (w *sideWriter) done(keys []uint64, at []sideEntry) error {
	if w.f == nil {
		return w.err
	}
	index := binary.AppendUvarint(nil, uint64(len(keys)))
	for i, k := range keys {
		index = binary.LittleEndian.AppendUint64(index, k)
		index = binary.AppendUvarint(index, uint64(at[i].off))
		index = binary.AppendUvarint(index, uint64(at[i].n))
	}
	start := w.at
	w.write(index)
	w.write(binary.LittleEndian.AppendUint64(nil, uint64(start)))
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if err := w.f.Close(); w.err == nil {
		w.err = err
	}
	w.f = nil
	if w.err == nil {
		w.err = os.Rename(w.tmp, w.path)
	}
	if w.err != nil {
		os.Remove(w.tmp)
		return fmt.Errorf("keeping the search documents: %w", w.err)
	}
	return nil
}

// abort drops what was written; on a nil writer it does nothing.
func (w *sideWriter) abort() {
	if w != nil && w.f != nil {
		w.f.Close()
		os.Remove(w.tmp)
		w.f = nil
	}
}
