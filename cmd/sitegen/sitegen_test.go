package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/slug"
)

// generate runs the command and fails the test unless it succeeds.
func generate(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("sitegen %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSiteBuilds generates a small site and builds it with bantin's own
// packages: every front matter key, metric, plan and shortcode reference
// the generator writes must be valid, and no date may be later than
// LastDay (so the build passes even as of that day).
func TestSiteBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	generate(t, "-articles", "200", "-metrics", "5", "-plans", "2", dir)
	tree := readTree(t, dir)

	for _, tc := range []struct {
		asOf   string
		drafts bool
	}{
		{AsOf, false},
		{LastDay, false}, // nothing is dated after the last day
		{AsOf, true},
	} {
		t.Run(fmt.Sprintf("as-of=%s/drafts=%t", tc.asOf, tc.drafts), func(t *testing.T) {
			asOf, err := date.Parse(tc.asOf)
			if err != nil {
				t.Fatal(err)
			}
			s, err := build.Load(build.Options{SiteDir: dir, AsOf: asOf, Drafts: tc.drafts, Theme: bantin.Theme()})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			mem := output.NewMemory()
			st, err := s.Render(mem)
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			if got := len(s.Data.Metrics); got != 5 {
				t.Errorf("metrics: got %d, want 5", got)
			}
			if got := len(s.Data.Plans); got != 2 {
				t.Errorf("plans: got %d, want 2", got)
			}
			drafts := 0
			for p, b := range tree {
				if strings.HasPrefix(p, "content/articles/") && bytes.Contains(b, []byte("\ndraft: true\n")) {
					drafts++
				}
			}
			want := 200 - drafts
			if tc.drafts {
				want = 200
			}
			if got := len(s.Articles); got != want {
				t.Errorf("articles: got %d, want %d (%d drafts)", got, want, drafts)
			}
			// Pages for every article, at least: the build really rendered them.
			if st.Pages < want {
				t.Errorf("pages: got %d, want at least %d", st.Pages, want)
			}
			if _, ok := mem.Get("articles/" + s.Articles[0].Slug + "/index.html"); !ok {
				t.Errorf("no page for article %s", s.Articles[0].Slug)
			}
		})
	}

	// The site uses every feature a benchmark should exercise.
	var all strings.Builder
	for p, b := range tree {
		if strings.HasPrefix(p, "content/articles/") {
			all.Write(b)
		}
	}
	text := all.String()
	for _, want := range []string{
		`{{< metric "`, `{{< change "`, `"yoy" >}}`, `{{< chart "`, `{{< progress "`, "\nplan: ke-hoach-",
		"\n## ", "\n- ", "\n1. ", "\n|---|", "**", "](https://", "tags: [", "đ", "Đề án 06",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no article contains %q", want)
		}
	}
	daily := false
	for p, b := range tree {
		if strings.HasPrefix(p, "content/data/metrics/") && bytes.Contains(b, []byte("\nperiod: day\n")) {
			daily = bytes.Count(b, []byte("{period: ")) >= 3*365
		}
	}
	if !daily {
		t.Error("no daily metric with years of values")
	}
}

// TestDeterministic: one seed, the same bytes, for the site and its twin;
// another seed, another site.
func TestDeterministic(t *testing.T) {
	root := t.TempDir()
	gen := func(name, seed string) (map[string][]byte, map[string][]byte) {
		site, hugo := filepath.Join(root, name), filepath.Join(root, name+"-hugo")
		generate(t, "-articles", "150", "-metrics", "8", "-plans", "3", "-seed", seed, "-hugo", hugo, site)
		return readTree(t, site), readTree(t, hugo)
	}
	a, ah := gen("a", "7")
	b, bh := gen("b", "7")
	c, _ := gen("c", "8")
	for _, pair := range [][2]map[string][]byte{{a, b}, {ah, bh}} {
		x, y := pair[0], pair[1]
		if len(x) != len(y) {
			t.Fatalf("same seed: %d files, then %d", len(x), len(y))
		}
		for p, bx := range x {
			if by, ok := y[p]; !ok || !bytes.Equal(bx, by) {
				t.Errorf("same seed, different %s", p)
			}
		}
	}
	same := len(a) == len(c)
	for p, bx := range a {
		same = same && bytes.Equal(bx, c[p])
	}
	if same {
		t.Error("seeds 7 and 8 wrote the same site")
	}
}

// TestShape checks what makes the site realistic for a benchmark: article
// sizes, a Zipf-like tag distribution with some tags on thousands of
// articles, unique slugs, and dates spread over the years.
func TestShape(t *testing.T) {
	const n = 3000
	g := newGen(config{articles: n, metrics: 20, plans: 3, seed: 1})
	site, _ := g.site(false)
	tagCount := map[string]int{}
	years := map[string]bool{}
	size, articles := 0, 0
	for _, f := range site {
		if !strings.HasPrefix(f.path, "content/articles/") {
			continue
		}
		articles++
		size += len(f.data)
		years[filepath.Base(f.path)[:4]] = true
		for _, line := range strings.Split(string(f.data), "\n") {
			if tags, ok := strings.CutPrefix(line, "tags: ["); ok {
				for _, tag := range strings.Split(strings.TrimSuffix(tags, "]"), ", ") {
					tagCount[strings.Trim(tag, `"`)]++
				}
				break
			}
		}
	}
	if articles != n {
		t.Fatalf("articles: got %d, want %d", articles, n)
	}
	if avg := size / n; avg < 3000 || avg > 6000 {
		t.Errorf("average article size %d bytes, want 3–6 KB", avg)
	}
	counts := slices.Sorted(func(yield func(int) bool) {
		for _, c := range tagCount {
			if !yield(c) {
				return
			}
		}
	})
	slices.Reverse(counts)
	if counts[0] < n/4 {
		t.Errorf("most used tag is on %d of %d articles; want a Zipf head on at least a quarter", counts[0], n)
	}
	if len(counts) < 150 {
		t.Errorf("%d distinct tags used, want most of the ~200 in the pool", len(counts))
	}
	if tail := counts[len(counts)-1]; tail > n/100 {
		t.Errorf("least used tag is on %d articles; want a long tail", tail)
	}
	if len(years) < 7 {
		t.Errorf("articles span %d years, want 2019–2025", len(years))
	}
	if len(g.slugs) != n {
		t.Errorf("%d distinct slugs for %d articles", len(g.slugs), n)
	}
	for s := range g.slugs {
		if len(s) > maxSlug {
			t.Errorf("slug %q is longer than %d bytes: bantin would shorten it, and shortened slugs may collide", s, maxSlug)
		}
	}
}

// TestTagPool: ~200 names, with diacritics, no two sharing a slug.
func TestTagPool(t *testing.T) {
	pool := tagPool()
	if len(pool) < 180 || len(pool) > 220 {
		t.Errorf("tag pool has %d names, want about 200", len(pool))
	}
	seen := map[string]string{}
	for _, tag := range pool {
		s := slug.Make(tag)
		if prev, dup := seen[s]; dup {
			t.Errorf("tags %q and %q share the slug %q", prev, tag, s)
		}
		seen[s] = tag
	}
	if len(slices.Concat(tagTopics, provinces)) != len(pool) {
		t.Errorf("the vocabulary has tag names that share a slug: %d names, %d tags", len(tagTopics)+len(provinces), len(pool))
	}
}

func TestUsage(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want int
		msg  string
	}{
		{"no dir", []string{"-articles", "3"}, exitUsage, "give one output directory"},
		{"two dirs", []string{empty, empty}, exitUsage, "give one output directory"},
		{"non-empty dir", []string{full}, exitUsage, "is not empty"},
		{"non-empty hugo dir", []string{"-hugo", full, filepath.Join(empty, "s")}, exitUsage, "is not empty"},
		{"hugo is dir", []string{"-hugo", empty, empty}, exitUsage, "another directory"},
		{"negative", []string{"-articles", "-1", empty}, exitUsage, "out of range"},
		{"bad flag", []string{"-bogus", empty}, exitUsage, "flag provided but not defined"},
		{"help", []string{"-h"}, exitOK, "Usage:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(tc.args, &stdout, &stderr); got != tc.want {
				t.Errorf("exit %d, want %d (stderr %q)", got, tc.want, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.msg) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tc.msg)
			}
		})
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("a refused run wrote into %s", empty)
	}
}

// TestHugoTwinBuilds builds the Hugo twin with the hugo on PATH (Debian's
// 0.111 in CI), and checks it has the articles and tags and no shortcodes.
func TestHugoTwinBuilds(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not on PATH (apt-get install hugo); the Hugo twin is not built")
	}
	root := t.TempDir()
	site, twin, out := filepath.Join(root, "site"), filepath.Join(root, "hugo"), filepath.Join(root, "public")
	generate(t, "-articles", "200", "-metrics", "5", "-plans", "2", "-hugo", twin, site)
	for p, b := range readTree(t, twin) {
		if bytes.Contains(b, []byte("{{<")) {
			t.Errorf("%s: a bantin shortcode in the Hugo twin", p)
		}
	}
	cmd := exec.Command(hugo, "--source", twin, "--destination", out, "--quiet")
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+filepath.Join(root, "cache"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	built := readTree(t, out)
	pages := 0
	for p := range built {
		if strings.HasPrefix(p, "articles/") && strings.HasSuffix(p, "/index.html") && !strings.Contains(p, "/page/") {
			pages++
		}
	}
	drafts := 0
	for p, b := range readTree(t, twin) {
		if strings.HasPrefix(p, "content/articles/") && bytes.Contains(b, []byte("\ndraft: true\n")) {
			drafts++
		}
	}
	// The articles, plus the section's own index.html.
	if want := 200 - drafts + 1; pages != want {
		t.Errorf("hugo built %d article pages, want %d", pages, want)
	}
	for _, p := range []string{"index.html", "tags/index.html", "index.xml", "sitemap.xml", "robots.txt", "404.html", "articles/page/2/index.html"} {
		if _, ok := built[p]; !ok {
			t.Errorf("hugo did not write %s", p)
		}
	}
	if tag := built["tags/chuyen-đoi-so/index.html"]; tag == nil && built["tags/chuyen-doi-so/index.html"] == nil {
		t.Error("no page for the tag chuyển đổi số")
	}
}

// TestNoData: with no metrics or plans, articles cite nothing, and the site
// still builds.
func TestNoData(t *testing.T) {
	for _, tc := range []struct{ articles, metrics, plans string }{
		{"30", "0", "0"},
		{"30", "0", "2"},
		{"30", "2", "0"},
		{"0", "1", "1"},
	} {
		t.Run(tc.articles+"-"+tc.metrics+"-"+tc.plans, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			generate(t, "-articles", tc.articles, "-metrics", tc.metrics, "-plans", tc.plans, dir)
			asOf, _ := date.Parse(AsOf)
			s, err := build.Load(build.Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if _, err := s.Render(output.NewMemory()); err != nil {
				t.Fatalf("render: %v", err)
			}
		})
	}
}

// TestBantinBuildOnDisk builds a generated site the way users and
// scripts/bench-compare do — the bantin command writing to disk, twice (a
// clean build, then one over its own output) — since an in-memory render
// does not exercise the output directory.
func TestBantinBuildOnDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: compiles and runs the bantin command")
	}
	root := t.TempDir()
	bin, site, out := filepath.Join(root, "bantin"), filepath.Join(root, "site"), filepath.Join(root, "public")
	if b, err := exec.Command("go", "build", "-o", bin, "../bantin").CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/bantin: %v\n%s", err, b)
	}
	generate(t, "-articles", "100", "-metrics", "5", "-plans", "2", site)
	for _, run := range []string{"clean", "over its own output"} {
		cmd := exec.Command(bin, "build", "--site", site, "--out", out, "--as-of", AsOf)
		if b, err := cmd.CombinedOutput(); err != nil {
			lines := strings.SplitAfter(string(b), "\n")
			t.Fatalf("bantin build (%s): %v\n%s", run, err, strings.Join(lines[max(0, len(lines)-10):], ""))
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no index.html after bantin build: %v", err)
	}
}
