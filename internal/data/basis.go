package data

import (
	"errors"
	"reflect"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/yamlx"
)

// Basis is the document an item rests on: the decision behind a plan, the
// letter that moved a deadline, the resolution that set a target. Editors
// write it either as text naming the document,
//
//	basis: "Công văn 123/BCA-V01"
//
// or as a mapping when they know more:
//
//	basis: {doc: 829/QĐ-BCĐ, date: 2024-02-06, by: Bộ Công an, url: https://...}
//
// Both forms give the same type, so pages and exports handle one shape;
// the text form fills Doc alone.
type Basis struct {
	// Meta is the mapping's place and keys for the mapping form; for the
	// text form it holds no keys, and errors point at the item's "basis".
	Meta yamlx.Meta
	Doc  string    // the document's number or name; never empty once valid
	Date date.Date // the day it was issued; zero when not given
	By   string    // who issued it; empty when not given
	URL  string    // a web address (http or https) of the text; empty when not given

	// bad is set when the value was neither text nor a mapping (decoding
	// said so), so validation does not call it empty as well.
	bad bool

	// node is the mapping form, kept by UnmarshalYAMLNode until the loader
	// decodes it with the file's name (see decodeBases); nil after that.
	node *yaml.Node
}

// MappingType is the type the mapping form of a Basis decodes into. The
// JSON Schemas (package schema) describe a type that decodes from text or
// a mapping by it, so they list the keys the loader reads.
func (Basis) MappingType() reflect.Type { return reflect.TypeFor[basisFields]() }

// basisFields is the mapping form of a Basis, decoded strictly by yamlx.
type basisFields struct {
	Meta yamlx.Meta
	Doc  string    `yaml:"doc" yamlx:"required"`
	Date date.Date `yaml:"date"`
	By   string    `yaml:"by"`
	URL  string    `yaml:"url"`
}

// UnmarshalYAMLNode accepts text (any scalar, read as written) or a
// mapping. A mapping is only kept here: an Unmarshaler sees one node and
// returns one error, but a mapping deserves what every other mapping gets
// (unknown keys with suggestions, wrong types, a missing doc, all of them,
// each at its own line and column). The loader decodes it right after the
// file, with the file's name and the field's path; see decodeBases.
func (b *Basis) UnmarshalYAMLNode(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*b = Basis{Doc: n.Value}
		return nil
	case yaml.MappingNode:
		*b = Basis{node: n}
		return nil
	}
	*b = Basis{bad: true}
	return errBasisForm
}

var errBasisForm = errors.New("expected the document's number as text, or a mapping {doc, date, by, url}, got a list")

// basisDecoder decodes the mapping form of every Basis of one file. A
// mapping is decoded once however often it is used: a basis written as an
// alias (*doc) of an anchored mapping gets the same fields, and the
// mapping's problems are reported once, for its first use, at the
// anchor's lines. Decoding each use again would let a file of a thousand
// aliases of one mapping with a thousand bad keys report a million
// errors.
type basisDecoder struct {
	dec  *yamlx.Decoder
	errs *diag.List
	done map[*yaml.Node]basisFields
}

func newBasisDecoder(file string, errs *diag.List) *basisDecoder {
	return &basisDecoder{dec: yamlx.NewDecoder(file, nil), errs: errs}
}

// decode finishes b, found under path (such as "tasks[2].updates[0].basis"):
// it decodes a kept mapping, reports its problems with path in front of
// each field, and drops the node.
func (d *basisDecoder) decode(b *Basis, path string) {
	if b == nil || b.node == nil {
		return
	}
	f, seen := d.done[b.node]
	if !seen {
		var local diag.List
		d.dec.Errs = &local
		d.dec.Decode(b.node, &f)
		for _, e := range local.Errors() {
			e2 := *e
			e2.Path = joinPath(path, e.Path)
			d.errs.Add(&e2)
		}
		if d.done == nil {
			d.done = map[*yaml.Node]basisFields{}
		}
		d.done[b.node] = f
	}
	meta := f.Meta
	meta.Path = joinPath(path, meta.Path)
	*b = Basis{Meta: meta, Doc: f.Doc, Date: f.Date, By: f.By, URL: f.URL}
}

func joinPath(path, key string) string {
	switch {
	case path == "":
		return key
	case key == "":
		return path
	}
	return path + "." + key
}

// decodeBases finishes every Basis of the plan; see Basis.UnmarshalYAMLNode.
func (p *Plan) decodeBases(errs *diag.List) {
	d := newBasisDecoder(p.File, errs)
	d.decode(p.Basis, p.Meta.Field("basis"))
	for i := range p.Tasks {
		t := &p.Tasks[i]
		d.decode(t.Basis, t.Meta.Field("basis"))
		for j := range t.Updates {
			u := &t.Updates[j]
			d.decode(u.Basis, u.Meta.Field("basis"))
		}
	}
}

// decodeBases finishes every Basis of the metric; see Basis.UnmarshalYAMLNode.
func (m *Metric) decodeBases(errs *diag.List) {
	d := newBasisDecoder(m.File, errs)
	if m.Target != nil {
		d.decode(m.Target.Basis, m.Target.Meta.Field("basis"))
	}
	for i := range m.Values {
		v := &m.Values[i]
		for j := range v.Revisions {
			r := &v.Revisions[j]
			d.decode(r.Basis, r.Meta.Field("basis"))
		}
	}
}

// validate checks what decoding cannot: that the document is named, and
// that its link is a web address (it becomes a link on public pages).
// at is the position of the item's "basis" value, field its path, for the
// text form, which has no keys of its own.
func (b *Basis) validate(at diag.Pos, field string, errs *diag.List) {
	if b == nil || b.node != nil || b.bad {
		return
	}
	if b.Meta.Pos.Line == 0 { // the text form: only a decoded mapping has a place
		if isBlank(b.Doc) {
			errs.Errorf(at, field, "basis is empty: name the document, e.g. basis: \"Công văn 123/BCA-V01\", or leave the key out")
		}
		return
	}
	if b.Meta.Has("doc") && !b.Meta.IsNull("doc") && isBlank(b.Doc) {
		errs.Errorf(b.Meta.At("doc"), b.Meta.Field("doc"), "doc is empty: name the document, e.g. doc: 829/QĐ-BCĐ")
	}
	if b.Meta.Has("url") && !b.Meta.IsNull("url") && !isWebAddress(b.URL) {
		errs.Errorf(b.Meta.At("url"), b.Meta.Field("url"), "%q is not a web address: a link to a document starts with https:// or http://", b.URL)
	}
}
