package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/schema"
)

// TestNewSiteNamesSchemas: every YAML file of a new site starts with the
// yaml-language-server line naming its schema, the path in it leads to a
// schema the site holds, and the file validates against that schema (as
// VS Code's YAML extension would check it while it is edited).
func TestNewSiteNamesSchemas(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tien-do")
	files, err := NewSite(dir, time.Date(2026, 5, 4, 9, 0, 0, 0, hcm))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	yamlFiles := 0
	for _, rel := range files {
		if !strings.HasSuffix(rel, ".yaml") {
			continue
		}
		yamlFiles++
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := bytes.Cut(src, []byte("\n"))
		want, ok := schema.Comment(rel)
		if !ok || string(first) != want {
			t.Errorf("%s starts with %q, want %q", rel, first, want)
			continue
		}
		target := filepath.Join(filepath.Dir(filepath.Join(dir, filepath.FromSlash(rel))), filepath.FromSlash(strings.TrimPrefix(want, "# yaml-language-server: $schema=")))
		raw, err := os.ReadFile(target)
		if err != nil {
			t.Errorf("%s names %s, which the new site does not hold: %v", rel, target, err)
			continue
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(target, doc); err != nil && !strings.Contains(err.Error(), "exists") {
			t.Fatal(err)
		}
		sch, err := c.Compile(target)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(jsonValue(&n)); err != nil {
			t.Errorf("%s does not validate against its schema:\n%v", rel, err)
		}
	}
	if yamlFiles != 3 {
		t.Errorf("%d YAML files, want 3 (site, plan, metric)", yamlFiles)
	}
}

// jsonValue turns a YAML node into JSON values as yaml-language-server
// reads them: numbers, booleans and null by their YAML type, the rest text.
func jsonValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		return jsonValue(n.Content[0])
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = jsonValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = jsonValue(c)
		}
		return s
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	}
	return n.Value
}
