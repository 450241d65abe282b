package slug

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// validRef is the slug grammar written as a regular expression, a second
// opinion on the hand-written Valid.
var validRef = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// FuzzValid checks Valid, the guard between user-written slugs and ids and
// the output directory, against the grammar it documents, and checks that a
// valid slug is a fixed point of Make (typing the slug Make would produce
// gives the same URL) and can never name anything outside its directory.
// FuzzMake (slug_test.go) covers the other direction, from titles to slugs.
//
//	go test ./internal/slug -run '^$' -fuzz '^FuzzValid$'
func FuzzValid(f *testing.F) {
	for _, s := range []string{"kien-nghi", "a", "0", "", "-", "a-", "-a", "a--b", "..", "a/b", `a\b`, "A", "ke-hoach-829", "a\x00", "kiến"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok := Valid(s)
		if ok != validRef.MatchString(s) {
			t.Fatalf("Valid(%q) = %v, but the grammar says %v", s, ok, !ok)
		}
		if !ok {
			return
		}
		if got := Make(s); got != s {
			t.Fatalf("Make(%q) = %q: a valid slug must be its own slug", s, got)
		}
		if strings.Contains(s, "..") || strings.ContainsAny(s, `/\:. `) || !isASCII(s) {
			t.Fatalf("Valid accepted %q, which is not a safe path segment", s)
		}
	})
}

// FuzzIDs runs a document's worth of heading texts through one IDs: each
// line of the input is a heading, or an id written by the author when it
// starts with '#'. Every generated id must be a valid slug, distinct from
// every other id of the document, whatever the texts.
//
//	go test ./internal/slug -run '^$' -fuzz '^FuzzIDs$'
func FuzzIDs(f *testing.F) {
	for _, s := range []string{
		"Kiến nghị\nKiến nghị\nKiến nghị",
		"#kien-nghi\nKiến nghị\n#kien-nghi-1\nKiến nghị\nKiến nghị-1",
		"a\na-1\na\na-1\na",
		"!!!\n???\n#section\n\n",
		"Section 1\nsection\nsection\n#section-1",
		"#\n#a b\n#Ä\nÄ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		lines := strings.Split(doc, "\n")
		if len(lines) > 200 {
			lines = lines[:200] // a document's headings, not a stress test
		}
		ids := NewIDs()
		var zero IDs // the zero value must work the same way
		seen := map[string]bool{}
		for _, l := range lines {
			if author, ok := strings.CutPrefix(l, "#"); ok {
				ids.Put([]byte(author))
				zero.Put([]byte(author))
				seen[author] = true
				continue
			}
			id := string(ids.Generate([]byte(l), 0))
			if z := string(zero.Generate([]byte(l), 0)); z != id {
				t.Fatalf("heading %q: id %q from NewIDs, %q from the zero IDs", l, id, z)
			}
			if !Valid(id) {
				t.Fatalf("heading %q got id %q, not a valid slug", l, id)
			}
			if seen[id] {
				t.Fatalf("heading %q got id %q, already used in %q", l, id, doc)
			}
			seen[id] = true
			if base := Make(l); base != "" && !strings.HasPrefix(id, base) {
				t.Fatalf("heading %q got id %q, which does not start with its slug %q", l, id, base)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
