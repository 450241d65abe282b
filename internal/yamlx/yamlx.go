// Package yamlx decodes YAML strictly and keeps source positions.
//
// yaml.v3's own strict mode reports lines but not columns or field paths,
// and stops at the first type error of a field. bantin promises editors
// compiler-style errors (file:line:col: path: message) for every problem of a
// file at once, so this package walks yaml.Node trees itself: unknown keys,
// duplicate keys, wrong types and missing required fields all become
// positioned diag errors, and decoding goes on after each one.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/source"
)

// MaxSize is the largest YAML input accepted, a guard against hostile
// files. It is the limit of the largest kind of YAML file, data files, so
// that what the loader reads, this package parses.
const MaxSize = source.MaxData

// MaxDepth is how deeply values may nest. bantin's own formats nest four
// levels (tasks, updates, an update's keys); the limit leaves room for
// mistakes to be reported as type errors, and keeps a hostile file of
// thousands of "[" from driving the decoder's recursion.
const MaxDepth = 100

// maxNodes caps how many nodes one document may expand to, so a handful of
// nested aliases ("billion laughs") cannot exhaust memory.
const maxNodes = 1_000_000

// Unmarshaler is implemented by types that parse themselves from one node,
// such as dates, periods and statuses. A returned error is reported at the
// node's position with the field's path.
type Unmarshaler interface {
	UnmarshalYAMLNode(n *yaml.Node) error
}

// Finisher is implemented by structs that set fields of their own once
// all their keys are decoded: a text given per language (data.Text) fills
// the plain string field beside it, which the rest of bantin reads. It is
// called even when some keys had errors, so it must not assume valid values.
type Finisher interface {
	FinishYAML()
}

// NodeError is an error an Unmarshaler returns about a node inside the
// one it was given (a key or a value of its mapping), so that it is
// reported at that node, with Sub ("en") added to the field's path. An
// Unmarshaler may return several, joined with errors.Join.
type NodeError struct {
	Node *yaml.Node
	Sub  string
	Err  error
}

func (e *NodeError) Error() string { return e.Err.Error() }
func (e *NodeError) Unwrap() error { return e.Err }

// Meta, as a struct field of any name, receives where the struct's mapping
// and each of its keys stand, for validation errors after decoding.
type Meta struct {
	Pos  diag.Pos // the mapping itself
	Path string   // the mapping's path, e.g. "tasks[3]"
	// keys are where each key's value is, in the mapping's file. A slice,
	// not a map: a site holds one Meta per mapping it read (a daily series
	// is thousands), and a mapping has a handful of keys.
	keys []keyPos

	nulls map[string]bool // keys written with no value ("due:", "due: ~")
}

// IsNull reports whether key was written with no value: "key:", "key: ~"
// or "key: null". Decoding leaves such a field at its zero value, the same
// as a key left out, so rules that need a value use this to tell a key
// left empty (reported at the key) from one left out (reported at the
// mapping).
func (m Meta) IsNull(key string) bool { return m.nulls[key] }

// keyPos is where a key's value is. name is the field's own string,
// shared by every mapping of its type; items, for a list, holds where
// each item is, in the same file. Nothing in it points anywhere else, so
// the collector has little to follow in a large site's thousands.
type keyPos struct {
	name string
	lineCol
	items []lineCol
}

type lineCol struct{ line, col int32 }

func (m Meta) pos(lc lineCol) diag.Pos {
	return diag.Pos{File: m.Pos.File, Line: int(lc.line), Col: int(lc.col)}
}

// Item returns the position of item i of the list under key, or of the
// key's value when there is no such item.
func (m Meta) Item(key string, i int) diag.Pos {
	if k := m.key(key); k != nil && i >= 0 && i < len(k.items) {
		return m.pos(k.items[i])
	}
	return m.At(key)
}

// At returns the position of key's value, or of the mapping when key is absent.
func (m Meta) At(key string) diag.Pos {
	if k := m.key(key); k != nil {
		return m.pos(k.lineCol)
	}
	return m.Pos
}

// key is key's entry, nil when the mapping has no such key.
func (m Meta) key(name string) *keyPos {
	for i := range m.keys {
		if m.keys[i].name == name {
			return &m.keys[i]
		}
	}
	return nil
}

// Field returns the path of key inside this mapping, e.g. "tasks[3].due".
func (m Meta) Field(key string) string { return join(m.Path, key) }

// Has reports whether key was written in the mapping.
func (m Meta) Has(key string) bool {
	for _, k := range m.keys {
		if k.name == key {
			return true
		}
	}
	return false
}

// Parse reads one YAML document. lineOffset is added to every line, for
// YAML embedded in a larger file (front matter). Every problem comes back
// as a *diag.Error with the best position that can be known:
//
//   - a byte that is not UTF-8, or a character YAML forbids (NUL and other
//     control characters), at its line and column, found before yaml.v3
//     sees the text, since yaml.v3 names no position for them;
//   - a syntax error at its line (see syntaxError for why yaml.v3's own
//     line cannot be used as it is);
//   - nesting deeper than MaxDepth at the first node too deep;
//   - a second document ("---" and more YAML) at its "---": it would be
//     silently ignored otherwise.
func Parse(file string, src []byte, lineOffset int) (*yaml.Node, error) {
	if len(src) > MaxSize {
		return nil, diag.Errorf(diag.Pos{File: file}, "", "file is larger than %d MiB", MaxSize>>20)
	}
	at := func(line, col int) diag.Pos {
		if line == 0 {
			return diag.Pos{File: file}
		}
		return diag.Pos{File: file, Line: line + lineOffset, Col: col}
	}
	if line, col, msg := checkText(src); msg != "" {
		return nil, diag.Errorf(at(line, col), "", "%s", msg)
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		line, col, msg := syntaxError(src, err)
		return nil, diag.Errorf(at(line, col), "", "invalid YAML: %s", msg)
	}
	if n := tooDeep(&doc); n != nil {
		return nil, diag.Errorf(at(n.Line, n.Column), "", "values are nested more than %d levels deep", MaxDepth)
	}
	// A later document: yaml.v3 reads only the first, so its values would
	// be dropped without a word. An empty one (a lone trailing "---") holds
	// nothing to lose and is let through.
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col, msg := syntaxError(src, err)
			return nil, diag.Errorf(at(line, col), "", "invalid YAML: %s", msg)
		}
		if !emptyDocument(&next) {
			return nil, diag.Errorf(at(next.Line, next.Column), "", "a second YAML document starts here; a file holds one document (remove this \"---\" line or move what follows into the first document)")
		}
	}
	if lineOffset != 0 {
		shift(&doc, lineOffset, map[*yaml.Node]bool{})
	}
	return &doc, nil
}

func emptyDocument(n *yaml.Node) bool {
	return n.Kind == 0 || len(n.Content) == 0 ||
		(len(n.Content) == 1 && isNull(n.Content[0]) && n.Content[0].Value == "" && n.Content[0].Anchor == "")
}

func shift(n *yaml.Node, by int, seen map[*yaml.Node]bool) {
	if n == nil || seen[n] {
		return
	}
	seen[n] = true
	n.Line += by
	for _, c := range n.Content {
		shift(c, by, seen)
	}
}

// Decoder turns nodes into Go values, reporting problems into Errs.
type Decoder struct {
	File   string
	Errs   *diag.List
	nodes  int
	errors int // reported so far; past MaxErrors the rest are counted, not listed
}

// MaxErrors is how many errors one file reports. A file reused through
// aliases can repeat one mistake tens of thousands of times; the first
// ones tell the editor what to fix.
const MaxErrors = 100

// full reports whether the file has reported MaxErrors already; the first
// error past it says so, once.
func (d *Decoder) full(n *yaml.Node) bool {
	d.errors++
	if d.errors <= MaxErrors {
		return false
	}
	if d.errors == MaxErrors+1 {
		d.Errs.Errorf(d.Pos(n), "", "more than %d errors in this file; fix these first", MaxErrors)
	}
	return true
}

// NewDecoder returns a decoder for one file that reports into errs.
func NewDecoder(file string, errs *diag.List) *Decoder {
	return &Decoder{File: file, Errs: errs}
}

// DecodeFile parses src and decodes it into v, a pointer to a struct. It
// reports whether the file was free of errors.
func DecodeFile(file string, src []byte, lineOffset int, v any, errs *diag.List) bool {
	before := errs.Len()
	doc, err := Parse(file, src, lineOffset)
	if err != nil {
		errs.Add(err)
		return false
	}
	NewDecoder(file, errs).Decode(doc, v)
	return errs.Len() == before
}

// Decode decodes a document or value node into v, a non-nil pointer.
func (d *Decoder) Decode(n *yaml.Node, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("yamlx: Decode needs a non-nil pointer")
	}
	if n.Kind == yaml.DocumentNode {
		c := n
		if len(n.Content) > 0 {
			c = n.Content[0]
		}
		// A document with nothing in it ("---" alone) is an empty mapping
		// where the document starts, like an empty file: yaml.v3 places its
		// null value on a line the file may not have.
		if len(n.Content) == 0 || c.Kind == yaml.ScalarNode && c.Tag == "!!null" && c.Value == "" {
			n = &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Column: n.Column}
		} else {
			n = c
		}
	}
	if n.Kind == 0 { // empty input
		n = &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	d.value(n, rv.Elem(), "")
}

// Pos returns the position of n in the decoder's file.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.File, Line: n.Line, Col: n.Column}
}

func (d *Decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	if d.full(n) {
		return
	}
	d.Errs.Errorf(d.Pos(n), path, format, args...)
}

var (
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
	metaType        = reflect.TypeFor[Meta]()
)

func (d *Decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if d.nodes++; d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.errorf(n, path, "document expands to more than %d values (too many aliases?)", maxNodes)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		d.value(n.Alias, v, path)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if isNull(n) {
			return
		}
		if err := v.Addr().Interface().(Unmarshaler).UnmarshalYAMLNode(n); err != nil {
			d.report(n, path, err)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), path)
	case reflect.Struct:
		d.structure(n, v, path)
	case reflect.Slice:
		d.sequence(n, v, path)
	case reflect.Map:
		d.mapping(n, v, path)
	default:
		d.scalar(n, v, path)
	}
}

// report records err at n; an error that already carries a position is
// kept as is, and a NodeError is reported at its own node.
func (d *Decoder) report(n *yaml.Node, path string, err error) {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			d.report(n, path, e)
		}
		return
	}
	var ne *NodeError
	if errors.As(err, &ne) && ne.Node != nil {
		if ne.Sub != "" {
			path = join(path, ne.Sub)
		}
		d.errorf(ne.Node, path, "%s", ne.Err.Error())
		return
	}
	var de *diag.Error
	if errors.As(err, &de) {
		if !d.full(n) {
			d.Errs.Add(de)
		}
		return
	}
	d.errorf(n, path, "%s", err.Error())
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// Describe names what a node holds, for an error that says what was
// expected and what was found: "a mapping", "a list", the quoted text.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "nothing"
}

func (d *Decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping of keys to values, got %s", Describe(n))
		return
	}
	fields := fieldsOf(v.Type())
	meta := Meta{Pos: d.Pos(n), Path: path, keys: make([]keyPos, 0, len(n.Content)/2)}
	keyNodes := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		name := k.Value
		if prev, dup := keyNodes[name]; dup {
			d.errorf(k, join(path, name), "key %q is already defined at line %d", name, prev.Line)
			continue
		}
		keyNodes[name] = k
		f, ok := fields.byName[name]
		if !ok {
			if d.errors < MaxErrors {
				d.errorf(k, join(path, name), "unknown key %q%s", name, suggest(name, fields.names))
			} else {
				d.full(k)
			}
			continue
		}
		kp := keyPos{name: f.name, lineCol: lineCol{int32(val.Line), int32(val.Column)}}
		target := val
		if target.Kind == yaml.AliasNode && target.Alias != nil {
			target = target.Alias
		}
		if isNull(target) {
			if meta.nulls == nil {
				meta.nulls = map[string]bool{}
			}
			meta.nulls[name] = true
		}
		if target.Kind == yaml.SequenceNode {
			kp.items = make([]lineCol, len(target.Content))
			for i, c := range target.Content {
				kp.items[i] = lineCol{int32(c.Line), int32(c.Column)}
			}
		}
		meta.keys = append(meta.keys, kp)
		d.value(val, v.FieldByIndex(f.index), join(path, name))
	}
	for _, f := range fields.list {
		if !f.required {
			continue
		}
		if k, ok := keyNodes[f.name]; !ok {
			d.errorf(n, join(path, f.name), "required key %q is missing", f.name)
		} else if val := n.Content[indexOf(n, k)+1]; isNull(val) {
			d.errorf(val, join(path, f.name), "required key %q has no value", f.name)
		}
	}
	if fields.meta != nil {
		v.FieldByIndex(fields.meta).Set(reflect.ValueOf(meta))
	}
	if v.CanAddr() {
		if f, ok := v.Addr().Interface().(Finisher); ok {
			f.FinishYAML()
		}
	}
}

func indexOf(n *yaml.Node, c *yaml.Node) int {
	for i, x := range n.Content {
		if x == c {
			return i
		}
	}
	return -1
}

func (d *Decoder) sequence(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "expected a list, got %s", Describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		d.value(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

func (d *Decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode || v.Type().Key().Kind() != reflect.String {
		d.errorf(n, path, "expected a mapping, got %s", Describe(n))
		return
	}
	m := reflect.MakeMap(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			d.errorf(k, join(path, k.Value), "key %q is already defined at line %d", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(val, elem, join(path, k.Value))
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
}

func (d *Decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "expected %s, got %s", kindName(v.Kind()), Describe(n))
		return
	}
	if isNull(n) {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
		return
	case reflect.Bool:
		if n.Tag == "!!bool" {
			var b bool
			if n.Decode(&b) == nil {
				v.SetBool(b)
				return
			}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.Tag == "!!int" {
			i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, v.Type().Bits())
			if err == nil {
				v.SetInt(i)
				return
			}
		}
	case reflect.Float32, reflect.Float64:
		if n.Tag == "!!int" || n.Tag == "!!float" {
			var f float64
			if n.Decode(&f) == nil {
				// .nan and .inf are YAML numbers but no figure: every
				// total, change and chart scale they enter turns to NaN.
				if math.IsNaN(f) || math.IsInf(f, 0) {
					d.errorf(n, path, "expected a finite number, got %s", Describe(n))
					return
				}
				v.SetFloat(f)
				return
			}
		}
	default:
		panic(fmt.Sprintf("yamlx: unsupported field kind %s at %s", v.Kind(), path))
	}
	d.errorf(n, path, "expected %s, got %s", kindName(v.Kind()), Describe(n))
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	}
	return k.String()
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

type field struct {
	name     string
	index    []int
	required bool
}

type structFields struct {
	list   []field
	byName map[string]field
	names  []string
	meta   []int
}

// fieldsOf lists a struct's YAML fields: the `yaml:"name"` tag gives the key
// and `yamlx:"required"` marks a key that must be present.
// A type's fields are listed once and kept (a large site decodes the same
// few types thousands of times); the result is shared and never changed.
func fieldsOf(t reflect.Type) structFields {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(structFields)
	}
	fs, _ := fieldCache.LoadOrStore(t, listFields(t))
	return fs.(structFields)
}

var fieldCache sync.Map // reflect.Type → structFields

func listFields(t reflect.Type) structFields {
	fs := structFields{byName: map[string]field{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Type == metaType {
			fs.meta = sf.Index
			continue
		}
		tag := sf.Tag.Get("yaml")
		if tag == "-" || !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		f := field{name: name, index: sf.Index, required: sf.Tag.Get("yamlx") == "required"}
		fs.list = append(fs.list, f)
		fs.byName[name] = f
		fs.names = append(fs.names, name)
	}
	return fs
}

// suggest names the closest known key when one is near, to catch typos.
func suggest(name string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if dist := distance(strings.ToLower(name), strings.ToLower(k)); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return fmt.Sprintf(" (known keys: %s)", strings.Join(known, ", "))
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
