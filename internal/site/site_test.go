package site

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/source"
)

func load(src string) (*Config, string) {
	var errs diag.List
	c := Load(fstest.MapFS{File: {Data: []byte(src)}}, "", &errs)
	return c, errs.Error()
}

func TestLoadValid(t *testing.T) {
	c, errs := load("title: Tiến độ\nbaseURL: https://x.gov.vn/tien-do\n")
	if errs != "" {
		t.Fatal(errs)
	}
	if c.BasePath() != "/tien-do/" || c.Language != "vi" || c.PerPage != 10 || c.Location.String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if got := c.AbsURL("articles/a/"); got != "https://x.gov.vn/tien-do/articles/a/" {
		t.Errorf("AbsURL = %s", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: x\nbaseURL: /relative/\n", `content/site.yaml:2:10: baseURL: "/relative/" is not an absolute URL`},
		{"title: x\nbaseURL: ftp://x/\n", `must start with http`},
		{"title: x\nbaseURL: https://x/?q=1\n", `content/site.yaml:2:10: baseURL: "https://x/?q=1" must not carry a query or a fragment`},
		{"title: x\nbaseURL: https://x/?\n", `content/site.yaml:2:10: baseURL: "https://x/?" must not carry a query or a fragment`},
		{"title: x\nbaseURL: https://x/#\n", `content/site.yaml:2:10: baseURL: "https://x/#" must not carry a query or a fragment`},
		{"title: x\nbaseURL: https://editor:s3cret@x/\n", `content/site.yaml:2:10: baseURL: "https://editor:xxxxx@x/" must not carry a user name or password`},
		{"title: x\nbaseURL: https://editor@x/\n", `content/site.yaml:2:10: baseURL: "https://editor@x/" must not carry a user name or password`},
		{"title: x\nbaseURL: https://x/\nlanguage: fr\n", `content/site.yaml:3:11: language: "fr" is not a supported language`},
		{"title: x\nbaseURL: https://x/\ntimezone: Mars/Base\n", `content/site.yaml:3:11: timezone: "Mars/Base" is not a known time zone`},
		{"title: x\nbaseURL: https://x/\nperPage: -1\n", `perPage: -1 is out of range`},
		{"baseURL: https://x/\n", `content/site.yaml:1:1: title: required key "title" is missing`},
		{"title: x\nbaseURL: https://x/\ntheme: dark\n", `content/site.yaml:3:1: theme: unknown key "theme"`},
		{"title: x\nbaseURL: \"\"\n", `content/site.yaml:2:10: baseURL: baseURL is empty`},
		{"title: x\nbaseURL: !x\n", `content/site.yaml:2:10: baseURL: baseURL is empty`},
	}
	for _, tt := range tests {
		c, errs := load(tt.src)
		if c != nil || !strings.Contains(errs, tt.want) {
			t.Errorf("Load(%q): config %v, errors %q; want error containing %q", tt.src, c != nil, errs, tt.want)
		}
	}
}

// TestCompress: the key is a boolean, off when left out; anything but
// true or false is an error at its place.
func TestCompress(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
		err  string
	}{
		{"", false, ""},
		{"compress: true\n", true, ""},
		{"compress: false\n", false, ""},
		{"compress: 1\n", false, "content/site.yaml:3:11: compress: expected true or false"},
		{"compress: yes\n", false, "content/site.yaml:3:11: compress: expected true or false"},
		{"compress: gzip\n", false, "content/site.yaml:3:11: compress: expected true or false"},
		{"compress: [br]\n", false, "content/site.yaml:3:11: compress: expected true or false"},
		{"compress: \"true\"\n", false, "content/site.yaml:3:11: compress: expected true or false"},
	} {
		c, errs := load("title: x\nbaseURL: https://x/\n" + tt.line)
		switch {
		case tt.err != "" && (c != nil || !strings.Contains(errs, tt.err)):
			t.Errorf("%q: config %v, errors %q; want an error containing %q", tt.line, c != nil, errs, tt.err)
		case tt.err == "" && (c == nil || c.Compress != tt.want):
			t.Errorf("%q: errors %q, config %+v; want Compress %v", tt.line, errs, c, tt.want)
		}
	}
}

func TestMissingFile(t *testing.T) {
	var errs diag.List
	if Load(fstest.MapFS{}, "mysite", &errs) != nil || !strings.HasPrefix(errs.Error(), "mysite/content/site.yaml: missing") {
		t.Errorf("got %q", errs.Error())
	}
}

// TestAdversarialSettings loads each file under testdata as site.yaml and
// checks the error it must give, with its place.
func TestAdversarialSettings(t *testing.T) {
	tests := []struct{ file, want string }{
		{"timezone-local.yaml", `content/site.yaml:3:11: timezone: "Local" depends on the machine`},
		{"timezone-empty-string.yaml", `content/site.yaml:3:11: timezone: timezone is empty`},
		{"timezone-null.yaml", `content/site.yaml:3:11: timezone: timezone is empty`},
		{"home-metrics-duplicate.yaml", `content/site.yaml:6:5: homeMetrics[2]: metric "a" is already listed (homeMetrics[0])`},
		{"home-metrics-duplicate-flow.yaml", `content/site.yaml:3:21: homeMetrics[2]: metric "a" is already listed (homeMetrics[0]); each tile is shown once` + "\n" +
			`content/site.yaml:3:24: homeMetrics[3]: metric "b" is already listed (homeMetrics[1])`},
		{"second-document.yaml", `content/site.yaml:3:1: a second YAML document starts here`},
		{"invalid-utf8.yaml", `content/site.yaml:1:13: byte 0xFF is not valid UTF-8`},
		{"deep-nesting.yaml", `content/site.yaml:3:113: values are nested more than 100 levels deep`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			c, errs := load(string(src))
			if c != nil || !strings.HasPrefix(errs, tt.want) || strings.Count(errs, "\n") != strings.Count(tt.want, "\n") {
				t.Errorf("got config %v, errors:\n%s\nwant:\n%s", c != nil, errs, tt.want)
			}
		})
	}
}

// TestSettingsFileKind checks that site.yaml must be a regular file of
// bounded size: a link could publish any file of the machine, a FIFO
// would hang the build.
func TestSettingsFileKind(t *testing.T) {
	tests := []struct {
		name string
		file *fstest.MapFile
		want string
	}{
		{"symlink", &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}, "content/site.yaml: is a symbolic link"},
		{"fifo", &fstest.MapFile{Mode: fs.ModeNamedPipe}, "content/site.yaml: is not a regular file (a named pipe)"},
		{"directory", &fstest.MapFile{Mode: fs.ModeDir}, "content/site.yaml: is a directory"},
		{"too large", &fstest.MapFile{Data: []byte("title: x\nbaseURL: https://x/\n#" + strings.Repeat("x", source.MaxSettings))}, "content/site.yaml: is 1.0 MiB, larger than the 1 MiB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			c := Load(fstest.MapFS{File: tt.file}, "", &errs)
			if c != nil || !strings.HasPrefix(errs.Error(), tt.want) {
				t.Errorf("got config %v, errors %q, want %q", c != nil, errs.Error(), tt.want)
			}
		})
	}
}

// TestCheckHomeMetrics checks that each homeMetrics id naming no metric is
// reported at its item.
func TestCheckHomeMetrics(t *testing.T) {
	c, errs := load("title: x\nbaseURL: https://x/\nhomeMetrics:\n  - known\n  - gone\n  - known-too\n  - typo\n")
	if errs != "" {
		t.Fatal(errs)
	}
	var l diag.List
	c.CheckHomeMetrics(func(id string) bool { return strings.HasPrefix(id, "known") }, &l)
	want := `content/site.yaml:5:5: homeMetrics[1]: no metric "gone"` + " (a metric's id is its file name in content/data/metrics)\n" +
		`content/site.yaml:7:5: homeMetrics[3]: no metric "typo"` + " (a metric's id is its file name in content/data/metrics)"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestAbsURLKeepsEscapes checks that a base path with an escaped slash
// stays the same path in absolute URLs.
func TestAbsURLKeepsEscapes(t *testing.T) {
	c, errs := load("title: x\nbaseURL: https://x.gov.vn/a%2Fb/\n")
	if errs != "" {
		t.Fatal(errs)
	}
	if got, want := c.AbsURL("/articles/kien-nghi/"), "https://x.gov.vn/a%2Fb/articles/kien-nghi/"; got != want {
		t.Errorf("AbsURL = %s, want %s", got, want)
	}
}

// TestAbsURLAsURLWould: AbsURL, which writes the page's escaped path after
// the base's string, gives what net/url gives for the base with the page
// joined to its path, for bases with escapes, ports, IPv6 hosts and
// non-ASCII paths, and pages with spaces, accents, "?", "#", "%" and ":";
// and the same for a Config not made by Load.
func TestAbsURLAsURLWould(t *testing.T) {
	viaURL := func(base *url.URL, rel string) string {
		rel = strings.TrimPrefix(rel, "/")
		u := *base
		u.Path = base.Path + rel
		u.RawPath = base.EscapedPath() + (&url.URL{Path: rel}).EscapedPath()
		return u.String()
	}
	bases := []string{"https://x.gov.vn/tien-do/", "https://x.gov.vn/a%2Fb/", "http://127.0.0.1:1313", "https://[::1]:8080/x/", "https://x.vn/Tiến độ/", "https://x/a%20b/c/"}
	rels := []string{"", "/", "articles/x/", "/articles/kiến nghị/", "a b/c?d#e", "%41/", "tags/a:b/", "metrics/x.csv", "x/../y"}
	for _, b := range bases {
		c, errs := load("title: x\nbaseURL: " + b + "\n")
		if errs != "" {
			t.Fatal(errs)
		}
		bare := &Config{Base: c.Base}
		for _, rel := range rels {
			want := viaURL(c.Base, rel)
			if got := c.AbsURL(rel); got != want {
				t.Errorf("base %q: AbsURL(%q) = %q, want %q", b, rel, got, want)
			}
			if got := bare.AbsURL(rel); got != want {
				t.Errorf("base %q, Config not made by Load: AbsURL(%q) = %q, want %q", b, rel, got, want)
			}
		}
	}
}

// TestStatusRules reads the traffic-light rules: left out, some keys, all
// keys; and every kind of mistake, at its place.
func TestStatusRules(t *testing.T) {
	const head = "title: x\nbaseURL: https://x/\n"
	c, errs := load(head)
	if errs != "" || c.StatusRules != nil {
		t.Fatalf("left out: rules %+v, errors %q", c.StatusRules, errs)
	}
	c, errs = load(head + "status-rules:\n  amber-within-days: 45\n  done-late: red\n")
	if errs != "" {
		t.Fatal(errs)
	}
	r := c.StatusRules
	if r == nil || r.AmberWithinDays == nil || *r.AmberWithinDays != 45 || r.AmberMovedMoreThan != nil || r.DoneLate != data.Red || r.OverdueAgainst != "" {
		t.Errorf("some keys: %+v", r)
	}
	c, errs = load(head + "status-rules: {amber-within-days: 0, amber-moved-more-than: 0, overdue-against: original, done-late: green}\n")
	if errs != "" {
		t.Fatal(errs)
	}
	if r := c.StatusRules; *r.AmberWithinDays != 0 || *r.AmberMovedMoreThan != 0 || r.OverdueAgainst != data.OriginalDue || r.DoneLate != data.Green {
		t.Errorf("all keys: %+v", r)
	}
	bad := []struct{ src, want string }{
		{"status-rules:\n  amber-within-days: -1\n", `content/site.yaml:4:22: status-rules.amber-within-days: -1 is out of range`},
		{"status-rules:\n  amber-within-days: 4000\n", `content/site.yaml:4:22: status-rules.amber-within-days: 4000 is out of range`},
		{"status-rules:\n  amber-moved-more-than: -2\n", `content/site.yaml:4:26: status-rules.amber-moved-more-than: -2 is out of range`},
		{"status-rules:\n  amber-within-days: 1.5\n", `content/site.yaml:4:22: status-rules.amber-within-days: expected a whole number, got "1.5"`},
		{"status-rules:\n  overdue-against: latest\n", `content/site.yaml:4:20: status-rules.overdue-against: "latest" is not a deadline to measure against (want current or original)`},
		{"status-rules:\n  done-late: blue\n", `content/site.yaml:4:14: status-rules.done-late: "blue" is not a light (want red, amber, green or grey)`},
		{"status-rules:\n  amber-within: 3\n", `content/site.yaml:4:3: status-rules.amber-within: unknown key "amber-within"`},
		{"status-rules: strict\n", `content/site.yaml:3:15: status-rules: expected a mapping of keys to values, got "strict"`},
	}
	for _, tt := range bad {
		c, errs := load(head + tt.src)
		if c != nil || !strings.HasPrefix(errs, tt.want) {
			t.Errorf("Load(%q): config %v, errors %q; want error starting %q", tt.src, c != nil, errs, tt.want)
		}
	}
}
