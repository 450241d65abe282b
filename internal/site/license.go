package site

import (
	"errors"
	"net/url"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/yamlx"
)

// License is the licence the site's open data (the CSV and JSON files and
// datapackage.json) is published under. An office writes it either as a
// licence identifier,
//
//	license: CC-BY-4.0
//
// or as a mapping, the shape of a Data Package licence:
//
//	license: {name: CC-BY-4.0, path: https://creativecommons.org/licenses/by/4.0/, title: Creative Commons Attribution 4.0}
//
// An identifier bantin knows (see KnownLicenses) gets its link and title
// filled in, so the short form is enough for the common open licences.
// Reusers need to know what they may do with the figures, and a licence
// cannot be guessed: when the key is left out, nothing is claimed.
type License struct {
	// Meta is the mapping's place and keys for the mapping form; for the
	// text form it holds no keys, and errors point at "license".
	Meta yamlx.Meta

	// Name is an Open Definition / SPDX licence identifier
	// ("CC-BY-4.0"); empty when only a link is given.
	Name string

	// Path is the licence's text on the web (an http or https URL); empty
	// when not given and the name is not a known one.
	Path string

	// Title is the licence's name for people; empty when not given and
	// the name is not a known one.
	Title string

	// node is the mapping form, kept by UnmarshalYAMLNode until Load
	// decodes it strictly with the file's name (see decode).
	node *yaml.Node
	bad  bool // neither text nor a mapping: decoding said so
}

// MappingType is the mapping form of a License, for package schema.
func (License) MappingType() reflect.Type { return reflect.TypeFor[licenseFields]() }

// licenseFields is the mapping form of a License, decoded strictly.
type licenseFields struct {
	Meta  yamlx.Meta
	Name  string `yaml:"name"`
	Path  string `yaml:"path"`
	Title string `yaml:"title"`
}

// KnownLicense is an open licence whose link and title bantin fills in.
type KnownLicense struct{ Name, Path, Title string }

// KnownLicenses are the open licences used most for public-sector data,
// by their SPDX identifiers (matched without regard to case).
var KnownLicenses = []KnownLicense{
	{"CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0 International"},
	{"CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "Creative Commons Attribution-ShareAlike 4.0 International"},
	{"CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons Zero v1.0 Universal"},
	{"ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/", "Open Data Commons Attribution License v1.0"},
	{"ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "Open Data Commons Open Database License v1.0"},
	{"PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/", "Open Data Commons Public Domain Dedication & License 1.0"},
	{"OGL-UK-3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "Open Government Licence v3.0"},
}

// licenseName is the form the Data Package specification gives a licence
// name (its JSON Schema's pattern): what a reuser's tools will accept.
var licenseName = regexp.MustCompile(`^[-a-zA-Z0-9._]+$`)

// UnmarshalYAMLNode accepts text (the identifier) or a mapping. A mapping
// is only kept here, and decoded by Load with the file's name, so that
// its unknown keys and wrong types are reported each at its own place,
// as every other mapping's are.
func (l *License) UnmarshalYAMLNode(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = License{Name: n.Value}
		return nil
	case yaml.MappingNode:
		*l = License{node: n}
		return nil
	}
	*l = License{bad: true}
	return errLicenseForm
}

var errLicenseForm = errors.New("expected a licence identifier as text (e.g. CC-BY-4.0), or a mapping {name, path, title}, got a list")

// validate decodes and checks the licence of settings whose mapping meta
// is m (for the file's name and the place of the "license" key). It is
// safe on a nil receiver: no licence declared.
func (l *License) validate(m yamlx.Meta, errs *diag.List) {
	if l == nil {
		if m.IsNull("license") {
			errs.Errorf(m.At("license"), "license", "license is empty: name the licence of the open data, e.g. license: CC-BY-4.0, or leave the key out")
		}
		return
	}
	l.decode(m.Pos.File, errs)
	l.check(m.At("license"), errs)
}

// decode finishes a mapping kept by UnmarshalYAMLNode, reporting its
// problems into errs under "license.".
func (l *License) decode(file string, errs *diag.List) {
	if l == nil || l.node == nil {
		return
	}
	var f licenseFields
	var local diag.List
	yamlx.NewDecoder(file, &local).Decode(l.node, &f)
	for _, e := range local.Errors() {
		e2 := *e
		e2.Path = "license"
		if e.Path != "" {
			e2.Path += "." + e.Path
		}
		errs.Add(&e2)
	}
	f.Meta.Path = "license"
	*l = License{Meta: f.Meta, Name: f.Name, Path: f.Path, Title: f.Title}
}

// check validates the licence and fills in what a known identifier
// implies. at is the place of the "license" value, for the text form.
func (l *License) check(at diag.Pos, errs *diag.List) {
	if l == nil || l.node != nil || l.bad {
		return
	}
	mapping := l.Meta.Pos.Line != 0
	nameAt, nameField := at, "license"
	if mapping {
		nameAt, nameField = l.Meta.At("name"), l.Meta.Field("name")
	}
	l.Name, l.Path, l.Title = strings.TrimSpace(l.Name), strings.TrimSpace(l.Path), strings.TrimSpace(l.Title)
	switch {
	case !mapping && l.Name == "":
		errs.Errorf(at, "license", "license is empty: name the licence of the open data, e.g. license: CC-BY-4.0, or leave the key out")
		return
	case mapping && l.Name == "" && l.Path == "":
		errs.Errorf(l.Meta.Pos, "license", "a licence needs a name (e.g. name: CC-BY-4.0) or a path (a link to its text), or both")
		return
	}
	if l.Name != "" && !licenseName.MatchString(l.Name) {
		errs.Errorf(nameAt, nameField, "%q is not a licence identifier: use ASCII letters, digits, '-', '.' and '_', as in CC-BY-4.0 (the title goes in title:)", l.Name)
	}
	if l.Path != "" {
		if u, err := url.Parse(l.Path); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs.Errorf(l.Meta.At("path"), l.Meta.Field("path"), "%q is not a web address: the licence's text is linked with https:// or http://", l.Path)
		}
	}
	for _, k := range KnownLicenses {
		if strings.EqualFold(k.Name, l.Name) {
			l.Name = k.Name
			if l.Path == "" {
				l.Path = k.Path
			}
			if l.Title == "" {
				l.Title = k.Title
			}
		}
	}
}
