// Package schema writes JSON Schemas (draft 2020-12) of bantin's YAML
// files, site.yaml, plans, metrics and article front matter, so that an
// editor (VS Code with the YAML extension, told by a
// "# yaml-language-server: $schema=..." line) completes keys and flags
// mistakes as they are typed.
//
// The schemas are not written by hand: they are built by reflection over
// the very types the loader decodes into (site.Config, data.Plan,
// data.Metric, content.FrontMatter), reading the same struct tags yamlx
// reads (`yaml:"name"`, `yamlx:"required"`), so a key added to a type is
// in the schema at the next build. A type that decodes itself (an
// yamlx.Unmarshaler) is described by its Allowed() list when it has one
// (statuses, kinds), or by a rule here (dates, periods); one with neither
// stops generation with an error, so a new kind of field cannot slip into
// the loader without the schema saying what it accepts. The tests hold
// the schemas to the loader's verdicts, file by file.
//
// What a schema cannot say (a date that does not exist, periods out of
// order, a reference to a missing plan) the loader still reports: a
// schema accepts everything the loader accepts, and rejects what it can
// see.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/site"
	"github.com/bantin/bantin/internal/yamlx"
)

// Draft is the JSON Schema dialect of every schema written.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Doc is one kind of YAML document and the Go type it decodes into.
type Doc struct {
	Name        string // the schema's file name, e.g. "site.schema.json"
	Title       string
	Description string
	Type        reflect.Type
}

// Docs are the documents bantin reads, in the order they are listed.
var Docs = []Doc{
	{"site.schema.json", "bantin site settings", "content/site.yaml: the site's title, address, language and time zone.", reflect.TypeFor[site.Config]()},
	{"plan.schema.json", "bantin plan", "content/data/plans/<id>.yaml: a numbered decision with its tasks and their history.", reflect.TypeFor[data.Plan]()},
	{"metric.schema.json", "bantin metric", "content/data/metrics/<id>.yaml: a time series, its values listed or kept in a CSV file beside it.", reflect.TypeFor[data.Metric]()},
	{"front-matter.schema.json", "bantin article front matter", "The YAML between the two --- lines at the top of content/articles/**/*.md.", reflect.TypeFor[content.FrontMatter]()},
}

// Dir is where `bantin new site` puts the schemas, relative to the site,
// and where `bantin schema` writes them by default.
const Dir = "schema"

// For returns the Doc whose schema describes the YAML file at rel, a
// slash path relative to the site ("content/site.yaml",
// "content/data/plans/x.yaml"); ok is false for any other file.
func For(rel string) (Doc, bool) {
	dir, name := pathSplit(rel)
	if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
		return Doc{}, false
	}
	switch {
	case rel == site.File:
		return Docs[0], true
	case dir == data.PlansDir:
		return Docs[1], true
	case dir == data.MetricsDir:
		return Docs[2], true
	}
	return Doc{}, false
}

func pathSplit(p string) (dir, name string) {
	i := strings.LastIndex(p, "/")
	if i < 0 {
		return "", p
	}
	return p[:i], p[i+1:]
}

// Comment is the line that tells the YAML extension of VS Code (and other
// editors using yaml-language-server) which schema a file follows; rel is
// the YAML file's slash path relative to the site, and the schema is
// named relative to it, so the site can be moved or cloned anywhere.
// ok is false for a file no schema describes.
func Comment(rel string) (line string, ok bool) {
	d, ok := For(rel)
	if !ok {
		return "", false
	}
	up := strings.Repeat("../", strings.Count(rel, "/"))
	return "# yaml-language-server: $schema=" + up + Dir + "/" + d.Name, true
}

// Generate returns the schema of d as indented JSON ending in a newline;
// the same types give the same bytes.
func Generate(d Doc) ([]byte, error) {
	g := &gen{defs: map[string]any{}, named: map[string]reflect.Type{}}
	root, err := g.object(d.Type, "")
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", d.Name, err)
	}
	root["$schema"] = Draft
	root["title"] = d.Title
	root["description"] = d.Description
	if len(g.defs) > 0 {
		root["$defs"] = g.defs
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("schema %s: %w", d.Name, err)
	}
	return b.Bytes(), nil
}

// File is one schema file.
type File struct {
	Name string
	Data []byte
}

// All returns every schema, in the order of Docs.
func All() ([]File, error) {
	out := make([]File, 0, len(Docs))
	for _, d := range Docs {
		b, err := Generate(d)
		if err != nil {
			return nil, err
		}
		out = append(out, File{d.Name, b})
	}
	return out, nil
}

// Write writes every schema into dir, creating it, and returns the paths
// written. Each file is written whole under a temporary name and then
// renamed, so an editor never reads half a schema. Only the schema files
// are touched: they are generated, and writing them again after an
// upgrade of bantin is the point.
func Write(dir string) ([]string, error) {
	files, err := All()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write schemas: %w", err)
	}
	var written []string
	for _, f := range files {
		name := filepath.Join(dir, f.Name)
		if info, err := os.Lstat(name); err == nil && !info.Mode().IsRegular() {
			return written, fmt.Errorf("write schemas: %s exists and is not a regular file; bantin does not replace it", name)
		}
		tmp, err := os.CreateTemp(dir, ".schema-*.tmp")
		if err != nil {
			return written, fmt.Errorf("write schemas: %w", err)
		}
		_, werr := tmp.Write(f.Data)
		cerr := tmp.Close()
		if werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(tmp.Name(), 0o644)
		}
		if werr == nil {
			werr = os.Rename(tmp.Name(), name)
		}
		if werr != nil {
			os.Remove(tmp.Name())
			return written, fmt.Errorf("write schemas: %s: %w", name, werr)
		}
		written = append(written, name)
	}
	return written, nil
}

// gen builds one schema; named structs go into $defs once each.
type gen struct {
	defs  map[string]any
	named map[string]reflect.Type // def name → the type it describes, to catch two types of one name
}

var (
	unmarshalerType  = reflect.TypeFor[yamlx.Unmarshaler]()
	metaType         = reflect.TypeFor[yamlx.Meta]()
	allowedType      = reflect.TypeFor[interface{ Allowed() []string }]()
	mappingTyperType = reflect.TypeFor[mappingTyper]()
)

// Rules for the types that decode themselves and list no Allowed values.
// Each mirrors that type's UnmarshalYAMLNode; the tests check them
// against it.
var (
	// date.Parse: YYYY-MM-DD (the day itself is checked by the loader).
	dateSchema = map[string]any{"type": "string", "pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`}

	// period.Detect: a day, a month, a quarter or a year, the last also
	// as a bare YAML number (period: 2024).
	periodSchema = map[string]any{"anyOf": []any{
		map[string]any{"type": "string", "pattern": `^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?|-Q[1-4])?$`},
		map[string]any{"type": "integer", "minimum": 1000, "maximum": 9999},
	}}

	// A text field takes any scalar as written: yamlx reads "2024" or
	// "true" into a string as the characters typed.
	textSchema = map[string]any{"type": []any{"string", "number", "boolean"}}
)

// periodKinds lists period.Kind's names, from the package itself.
func periodKinds() []any {
	var out []any
	for k := period.Kind(1); k.String() != ""; k++ {
		out = append(out, k.String())
	}
	return out
}

// value returns the schema of a value of type t, and whether the decoder
// accepts null for it (leaving the zero value).
func (g *gen) value(t reflect.Type, path string) (map[string]any, bool, error) {
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		s, err := g.custom(t, path)
		return s, true, err
	}
	switch t.Kind() {
	case reflect.Pointer:
		s, _, err := g.value(t.Elem(), path)
		return s, true, err
	case reflect.Struct:
		s, err := g.ref(t, path)
		return s, false, err
	case reflect.Slice:
		item, null, err := g.value(t.Elem(), path+"[]")
		if err != nil {
			return nil, false, err
		}
		if null {
			item = nullable(item)
		}
		return map[string]any{"type": "array", "items": item}, true, nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, false, fmt.Errorf("%s: a map keyed by %s has no YAML form", path, t.Key())
		}
		item, null, err := g.value(t.Elem(), path+".*")
		if err != nil {
			return nil, false, err
		}
		if null {
			item = nullable(item)
		}
		return map[string]any{"type": "object", "additionalProperties": item}, true, nil
	case reflect.String:
		return maps.Clone(textSchema), true, nil
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, true, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}, true, nil
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}, true, nil
	}
	return nil, false, fmt.Errorf("%s: no schema for a field of kind %s", path, t.Kind())
}

// custom describes a type that decodes itself.
func (g *gen) custom(t reflect.Type, path string) (map[string]any, error) {
	if t.Implements(allowedType) {
		vals := reflect.Zero(t).Interface().(interface{ Allowed() []string }).Allowed()
		enum := make([]any, len(vals))
		for i, v := range vals {
			enum[i] = v
		}
		return map[string]any{"enum": enum}, nil
	}
	if t.Implements(mappingTyperType) {
		// Text (the document's number, the licence's identifier), or a
		// mapping of what is known of it.
		m, err := g.ref(reflect.Zero(t).Interface().(mappingTyper).MappingType(), path)
		if err != nil {
			return nil, err
		}
		return map[string]any{"anyOf": []any{maps.Clone(textSchema), m}}, nil
	}
	switch t {
	case reflect.TypeFor[date.Date]():
		return maps.Clone(dateSchema), nil
	case reflect.TypeFor[period.Period]():
		return maps.Clone(periodSchema), nil
	case reflect.TypeFor[period.Kind]():
		return map[string]any{"enum": periodKinds()}, nil
	}
	return nil, fmt.Errorf("%s: %s decodes itself, and package schema has no rule for it: give it an Allowed() []string or a MappingType() reflect.Type method, or add a rule in schema.custom", path, t)
}

// mappingTyper is a type that decodes from text or from a mapping; the
// mapping form decodes into MappingType.
type mappingTyper interface{ MappingType() reflect.Type }

// ref puts the schema of struct t into $defs and returns a reference to it.
func (g *gen) ref(t reflect.Type, path string) (map[string]any, error) {
	name := defName(t)
	if prev, ok := g.named[name]; ok {
		if prev != t {
			return nil, fmt.Errorf("%s: two types are called %s (%s and %s)", path, name, prev, t)
		}
		return map[string]any{"$ref": "#/$defs/" + name}, nil
	}
	g.named[name] = t
	obj, err := g.object(t, path)
	if err != nil {
		return nil, err
	}
	g.defs[name] = obj
	return map[string]any{"$ref": "#/$defs/" + name}, nil
}

// defName names a struct's definition: its Go name, capitalised
// (basisFields, the mapping form of a Basis, is "Basis").
func defName(t reflect.Type) string {
	n := strings.TrimSuffix(t.Name(), "Fields")
	if n == "" {
		n = "Anonymous"
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// object describes a struct as yamlx decodes it: its keys as yaml tags
// name them, `yamlx:"required"` keys required and never null, no other
// key allowed. A field with no yaml tag is not read from YAML by bantin's
// types (it is derived), and is left out.
//
// A `schema:"..."` tag adds what the loader checks after decoding:
// "required" for a key Validate requires, "csv-file" for a list that may
// instead name a CSV file beside the YAML file (a metric's values).
func (g *gen) object(t reflect.Type, path string) (map[string]any, error) {
	props := map[string]any{}
	var required []any
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, hasTag := f.Tag.Lookup("yaml")
		if f.Type == metaType || !f.IsExported() || tag == "-" || !hasTag {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		opts := strings.Split(f.Tag.Get("schema"), ",")
		req := f.Tag.Get("yamlx") == "required" || slices.Contains(opts, "required")
		s, null, err := g.value(f.Type, joinPath(path, name))
		if err != nil {
			return nil, err
		}
		if slices.Contains(opts, "csv-file") {
			s = map[string]any{"anyOf": []any{s, map[string]any{
				"type":        "string",
				"pattern":     `^[^/\\:]*\.[cC][sS][vV]$`,
				"description": "the name of a CSV file beside this one, with the columns period,value[,approx,note]",
			}}}
		}
		if null && !req {
			s = nullable(s)
		}
		props[name] = s
		if req {
			required = append(required, name)
		}
	}
	obj := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		obj["required"] = required
	}
	return obj, nil
}

// nullable lets s also be null: a key written with no value ("due:") is
// the same as a key left out for the loader.
func nullable(s map[string]any) map[string]any {
	if ts, ok := s["type"].([]any); ok && len(s) == 1 {
		return map[string]any{"type": append(append([]any{}, ts...), "null")}
	}
	if tn, ok := s["type"].(string); ok && len(s) == 1 {
		return map[string]any{"type": []any{tn, "null"}}
	}
	if e, ok := s["enum"].([]any); ok && len(s) == 1 {
		return map[string]any{"enum": append(append([]any{}, e...), nil)}
	}
	if alts, ok := s["anyOf"].([]any); ok && len(s) == 1 {
		return map[string]any{"anyOf": append(append([]any{}, alts...), map[string]any{"type": "null"})}
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
