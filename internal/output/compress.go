package output

import (
	"bytes"
	"fmt"
	"io"

	"github.com/bantin/bantin/internal/compress"
)

// Compressed returns a sink that writes, beside every text file
// (compress.Compressible: HTML, CSS, JS, JSON, CSV, XML, SVG, txt), its
// gzip and brotli siblings (page.html.gz, page.html.br), for servers that
// send precompressed files (nginx gzip_static/brotli_static, bantin
// serve). It is what site.yaml's `compress: true` turns on; the build
// wraps its sink with it.
//
// Why a wrapper: every file of a build passes through the sink, so no
// producer needs to know about compression, and the rules of the sink
// beneath still hold. A sibling is handed to the sink beneath as a copy
// whose fingerprint is the encoder version and the source's hash, so on
// disk (Tx) an unchanged file's siblings are neither compressed nor
// written again, a build with no change writes nothing, and the siblings
// of a file that is gone are removed with it as stale. What a cached build
// keeps (Keep) it keeps with its siblings, or not at all.
//
// The sink returned keeps the optional methods of s that the build uses:
// Cache, SetCache and Keep of a *Tx, Remove of a *Memory. Discard is
// returned as it is (nothing is written, so nothing is compressed).
func Compressed(s Sink) Sink {
	switch v := s.(type) {
	case Discard, *Discard:
		return s
	case *Tx:
		return &compressedTx{compressed{v}, v}
	case *Memory:
		return &compressedMemory{compressed{v}, v}
	}
	return &compressed{s}
}

// compressed is the wrapper for any sink.
type compressed struct{ inner Sink }

// siblingFingerprint identifies a sibling's bytes: the encoding, the
// encoder settings and the source's identity (its sumOf, or "copy:" and
// the fingerprint of a copied file), so equal fingerprints mean equal
// bytes.
func siblingFingerprint(enc, source string) string {
	return compress.Version + enc + ":" + source
}

var encodings = [...]string{compress.Gzip, compress.Brotli}

func (c *compressed) WriteFile(rel string, data []byte) error {
	if err := c.inner.WriteFile(rel, data); err != nil {
		return err
	}
	if !compress.Compressible(rel) {
		return nil
	}
	return c.siblings(rel, sumOf(data), func() ([]byte, error) { return data, nil })
}

func (c *compressed) CopyFile(rel, fingerprint string, open func() (io.ReadCloser, error)) error {
	if err := c.inner.CopyFile(rel, fingerprint, open); err != nil {
		return err
	}
	if !compress.Compressible(rel) {
		return nil
	}
	return c.siblings(rel, "copy:"+fingerprint, func() ([]byte, error) {
		r, err := open()
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return io.ReadAll(r)
	})
}

// siblings gives file rel, whose bytes read returns and whose content
// fingerprint is src, its compressed siblings: each is encoded only when
// the sink has no sibling of that fingerprint already.
func (c *compressed) siblings(rel, src string, read func() ([]byte, error)) error {
	for _, enc := range encodings {
		err := c.inner.CopyFile(rel+enc, siblingFingerprint(enc, src), func() (io.ReadCloser, error) {
			data, err := read()
			if err != nil {
				return nil, err
			}
			b, err := compress.Encode(enc, data)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", rel+enc, err)
			}
			return io.NopCloser(bytes.NewReader(b)), nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// compressedTx is the wrapper of a disk build: it passes on the build's
// cache and keeps files together with their siblings.
type compressedTx struct {
	compressed
	tx *Tx
}

func (c *compressedTx) Cache() []byte     { return c.tx.Cache() }
func (c *compressedTx) SetCache(b []byte) { c.tx.SetCache(b) }

func (c *compressedTx) StateFile(name string) string { return c.tx.StateFile(name) }

// Keep keeps rel as the live tree has it, and its siblings with it. When
// the live tree lacks a sibling made from that very file (compression was
// off when it was built, or the encoder changed), nothing is kept and the
// build produces the file, which writes the siblings.
func (c *compressedTx) Keep(rel string) (bool, error) {
	if !compress.Compressible(rel) {
		return c.tx.Keep(rel)
	}
	cl, err := Clean(rel)
	if err != nil {
		return false, err
	}
	src, ok := c.tx.liveKnow[cl]
	if !ok {
		return false, nil
	}
	for _, enc := range encodings {
		if c.tx.liveKnow[cl+enc] != "copy:"+siblingFingerprint(enc, src) {
			return false, nil
		}
	}
	for _, p := range []string{cl, cl + compress.Gzip, cl + compress.Brotli} {
		if ok, err := c.tx.Keep(p); err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// compressedMemory is the wrapper of the preview server's in-memory
// build: a removed file takes its siblings with it.
type compressedMemory struct {
	compressed
	mem *Memory
}

func (c *compressedMemory) Remove(rel string) {
	c.mem.Remove(rel)
	if compress.Compressible(rel) {
		for _, enc := range encodings {
			c.mem.Remove(rel + enc)
		}
	}
}
