package search

import (
	"encoding/binary"
	"errors"
)

// preparedVersion starts an encoded Prepared; a change of the encoding
// changes it, and an old encoding is then refused, not misread.
const preparedVersion = 1

// AppendBinary appends p's encoding to b: what a build keeps of a
// document between runs, so that the next build, which renders only the
// bulletins that changed, does not read and tokenise the others again.
func (p *Prepared) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, preparedVersion)
	b = binary.AppendUvarint(b, uint64(len(p.words)))
	for _, w := range p.words {
		b = appendString(b, w.key)
		if w.word == w.key {
			b = appendString(b, "") // the usual case: the word is its key
		} else {
			b = appendString(b, w.word)
		}
		b = append(b, w.fields)
	}
	for _, s := range []string{p.meta.URL, p.meta.Kind, p.meta.Title, p.meta.Date, p.meta.Summary, p.meta.Text} {
		b = appendString(b, s)
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errPrepared = errors.New("search: not an encoded document")

// UnmarshalPrepared decodes what AppendBinary wrote. The bytes come from
// a file of the build's state: anything else — cut short, of another
// version, with lengths past its end — is an error, never a panic.
func UnmarshalPrepared(b []byte) (*Prepared, error) {
	d := decoder{b: b}
	if v := d.byte(); v != preparedVersion {
		return nil, errPrepared
	}
	n := d.uvarint()
	if n > uint64(len(b)) { // each word takes at least three bytes
		return nil, errPrepared
	}
	p := &Prepared{words: make([]word, 0, n)}
	for range n {
		key := d.string()
		w := d.string()
		if w == "" {
			w = key
		}
		p.words = append(p.words, word{key: key, word: w, fields: d.byte()})
	}
	m := &p.meta
	for _, s := range []*string{&m.URL, &m.Kind, &m.Title, &m.Date, &m.Summary, &m.Text} {
		*s = d.string()
	}
	if d.bad || len(d.b) != 0 {
		return nil, errPrepared
	}
	return p, nil
}

// decoder reads an encoding, remembering the first fault.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
