package locale

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestNew(t *testing.T) {
	tests := []struct {
		lang    string
		wantErr bool
	}{
		{"vi", false},
		{"en", false},
		{"", true},
		{"fr", true},
		{"VI", true},
		{"vi-VN", true},
	}
	for _, tt := range tests {
		l, err := New(tt.lang)
		if (err != nil) != tt.wantErr {
			t.Errorf("New(%q) error = %v, want error %v", tt.lang, err, tt.wantErr)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), "vi or en") {
				t.Errorf("New(%q) error %q does not name the allowed values", tt.lang, err)
			}
			continue
		}
		if l.Lang() != tt.lang {
			t.Errorf("New(%q).Lang() = %q", tt.lang, l.Lang())
		}
		if want := map[string]string{"vi": "vi_VN", "en": "en_US"}[tt.lang]; l.OGLocale() != want {
			t.Errorf("New(%q).OGLocale() = %q, want %q", tt.lang, l.OGLocale(), want)
		}
	}
}

func TestSeparatorsAndScales(t *testing.T) {
	tests := []struct {
		lang           string
		decimal, group string
		scales         []Scale
	}{
		{"vi", ",", ".", []Scale{{1e12, "nghìn tỷ"}, {1e9, "tỷ"}, {1e6, "triệu"}}},
		{"en", ".", ",", []Scale{{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}}},
	}
	for _, tt := range tests {
		l := mustNew(t, tt.lang)
		dec, grp := l.Separators()
		if dec != tt.decimal || grp != tt.group {
			t.Errorf("%s: Separators() = %q, %q, want %q, %q", tt.lang, dec, grp, tt.decimal, tt.group)
		}
		// Number must agree with the separators given to JavaScript.
		if got, want := l.Number(1234567.5, NumberOpts{Full: true}), "1"+grp+"234"+grp+"567"+dec+"5"; got != want {
			t.Errorf("%s: Full number %q does not use the separators (%q)", tt.lang, got, want)
		}
		sc := l.Scales()
		if !slices.Equal(sc, tt.scales) {
			t.Errorf("%s: Scales() = %v, want %v", tt.lang, sc, tt.scales)
		}
		sc[0].Word = "changed" // a copy: the locale is unaffected
		if l.Scales()[0].Word != tt.scales[0].Word {
			t.Errorf("%s: Scales() exposes the table", tt.lang)
		}
	}
}

func TestIsApprox(t *testing.T) {
	for s, want := range map[string]bool{"": true, "over": true, "under": true, "about": true, "Over": false, "nearly": false} {
		if got := IsApprox(s); got != want {
			t.Errorf("IsApprox(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestT(t *testing.T) {
	tests := []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"vi", "site.skip", nil, "Bỏ qua, đến nội dung chính"},
		{"en", "site.skip", nil, "Skip to content"},
		{"vi", "status.in-progress", nil, "Đang thực hiện"},
		{"en", "kind.ratio", nil, "Share"},
		{"vi", "list.page", []any{2, 5}, "Trang 2/5"},
		{"en", "list.page", []any{2, 5}, "Page 2 of 5"},
		{"vi", "tag.title", []any{"Đề án 06"}, "Chủ đề: Đề án 06"},
		{"en", "metric.targetby", []any{"120 million", "31 December 2025"}, "Target 120 million by 31 December 2025"},
		{"vi", "plan.asof", []any{"09/4/2024"}, "Tình hình đến 09/4/2024"},
		{"vi", "no.such.key", nil, "??no.such.key??"},
		{"en", "", nil, "????"},
	}
	for _, tt := range tests {
		l := mustNew(t, tt.lang)
		got := l.T(tt.key)
		if tt.args != nil {
			got = l.Tf(tt.key, tt.args...)
		}
		if got != tt.want {
			t.Errorf("%s: T(%q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

func TestKeysMatch(t *testing.T) {
	vi, en := mustNew(t, "vi"), mustNew(t, "en")
	if !slices.Equal(vi.Keys(), en.Keys()) {
		for _, k := range vi.Keys() {
			if _, ok := en.data.strings[k]; !ok {
				t.Errorf("key %q is in vi but not in en", k)
			}
		}
		for _, k := range en.Keys() {
			if _, ok := vi.data.strings[k]; !ok {
				t.Errorf("key %q is in en but not in vi", k)
			}
		}
	}
	if !slices.IsSorted(vi.Keys()) {
		t.Error("Keys() is not sorted")
	}
	for _, l := range []*Locale{vi, en} {
		for _, k := range l.Keys() {
			if strings.TrimSpace(l.T(k)) == "" {
				t.Errorf("%s: key %q is empty", l.Lang(), k)
			}
		}
	}
	for _, k := range vi.Keys() {
		if sameArgs(en.T(k), vi.T(k)) != "" {
			t.Errorf("key %q: vi takes %s, en takes %s", k, describeArgs(vi.T(k)), describeArgs(en.T(k)))
		}
	}
}

// TestI18nFilesSorted keeps the keys of the theme's i18n files sorted,
// so that engineers adding keys keep the files easy to compare by eye,
// and checks that the built-in catalogue loads and is what New uses.
func TestI18nFilesSorted(t *testing.T) {
	for _, lang := range Supported() {
		name := filepath.Join("..", "..", "templates", I18nDir, lang+".yaml")
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			t.Fatal(err)
		}
		prev := ""
		m := doc.Content[0]
		for i := 0; i < len(m.Content); i += 2 {
			k := m.Content[i].Value
			if k < prev {
				t.Errorf("templates/i18n/%s.yaml:%d: %q comes after %q; keep the keys sorted", lang, m.Content[i].Line, k, prev)
			}
			prev = k
		}
	}
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Keys(), mustNew(t, "vi").Keys()) || len(c.Keys()) < 100 {
		t.Errorf("the built-in catalogue has %d keys, New's locale %d", len(c.Keys()), len(mustNew(t, "vi").Keys()))
	}
}

// usedKey finds keys passed as literals to T and Tf in templates
// ({{.T "nav.home"}}, {{$p.Tf "list.page" ...}}) and Go code (l.T("nav.home")).
// A literal ending in "." is the prefix of a computed key (l.T("status." + s)).
var usedKey = regexp.MustCompile(`\bTf?(?:\s+|\()"([a-z0-9][a-z0-9.-]*)"`)

// TestKeysUsedExist reads the built-in templates and the other packages of
// the repository and checks that every key they ask for exists, so a
// missing string fails here rather than showing "??key??" on a site.
func TestKeysUsedExist(t *testing.T) {
	root := filepath.Join("..", "..")
	vi := mustNew(t, "vi")
	have := map[string]bool{}
	for _, k := range vi.Keys() {
		have[k] = true
	}
	seen := 0
	for _, dir := range []string{"templates", "internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				if d.Name() == "locale" || d.Name() == "testdata" {
					return fs.SkipDir
				}
				return nil
			}
			ext := filepath.Ext(path)
			if ext != ".html" && ext != ".go" && ext != ".xml" && ext != ".tmpl" {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range usedKey.FindAllStringSubmatch(string(b), -1) {
				seen++
				if strings.HasSuffix(m[1], ".") {
					if !slices.ContainsFunc(vi.Keys(), func(k string) bool { return strings.HasPrefix(k, m[1]) }) {
						t.Errorf("%s computes UI keys from %q, but templates/i18n has none", path, m[1])
					}
					continue
				}
				if !have[m[1]] {
					t.Errorf("%s uses UI key %q, which templates/i18n lacks", path, m[1])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if seen == 0 {
		t.Skip("no templates or code using UI keys found")
	}
}

// TestConcurrent backs the promise that one Locale serves a whole parallel
// build; run with -race.
func TestConcurrent(t *testing.T) {
	l := mustNew(t, "vi")
	want := l.Number(2.7e6, NumberOpts{Approx: "over", Unit: "hồ sơ"})
	done := make(chan string)
	for range 8 {
		go func() { done <- l.Number(2.7e6, NumberOpts{Approx: "over", Unit: "hồ sơ"}) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Number = %q, want %q", got, want)
		}
	}
}
