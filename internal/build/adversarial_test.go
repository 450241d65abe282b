package build

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/source"
)

// The whole-site adversarial corpus: testdata/adversarial/<case>/ is a
// small site, and its expect.txt says what building it must give. Either
// the exact error lines, in order, with paths relative to the case
// directory (file:line:col: message), or "ok", and then the assertions of
// the case's check function below. Package-level corpora (content, data,
// yamlx, site) test each input alone; these cases are what only a whole
// build shows: hostile text reaching every template, errors from several
// stages in one run, output paths from several producers, files that Git
// cannot carry (made at test time in a copy of the case).
type adversarialCase struct {
	name string // subtest name
	dir  string // under testdata/adversarial
	// setup, when set, runs on a temporary copy of the case before the
	// build: it makes what Git cannot hold (FIFOs, links, sockets, sparse
	// files, odd names) or a variant of the committed site.
	setup func(t *testing.T, dir string)
	// check, for an "ok" case, asserts what the output must be.
	check func(t *testing.T, dir string, mem *output.Memory)
}

// hangLimit is how long a build of a case may take before the test calls
// it a hang. It is not a speed assertion: every case builds in well under
// a second, and the limit only turns a blocked read (a FIFO opened) into a
// failure instead of a stuck test run.
const hangLimit = 30 * time.Second

func TestAdversarialSites(t *testing.T) {
	cases := []adversarialCase{
		{name: "hostile", dir: "hostile", check: checkHostile},
		{name: "hostile-unsafeHTML", dir: "hostile", setup: unsafeHTMLOn, check: checkHostile},
		{name: "bad-urls", dir: "bad-urls"},
		{name: "bad-baseurl", dir: "bad-baseurl"},
		{name: "path-escapes", dir: "path-escapes"},
		{name: "shortcode-escapes", dir: "shortcode-escapes"},
		{name: "huge", dir: "huge"},
		{name: "impossible-dates", dir: "impossible-dates"},
		{name: "yaml-shapes", dir: "yaml-shapes"},
		{name: "bom-crlf", dir: "bom-crlf", check: checkSameAsLF},
		{name: "static-clash", dir: "static-clash"},
		{name: "static-clash-all", dir: "static-clash-all"},
		{name: "static-names", dir: "static-names", setup: oddStaticNames},
		{name: "special-files", dir: "special-files", setup: specialFiles},
		{name: "special-templates", dir: "special-templates", setup: specialTemplates},
		{name: "settings-dev-zero", dir: "settings-dev-zero", setup: settingsToDevZero},
		{name: "static-too-large", dir: "static-too-large", setup: sparseStatic("huge.bin", 1<<30)},
		{name: "cross-stage", dir: "cross-stage"},
	}
	// Every case directory is in the table, so none is silently left out.
	entries, err := os.ReadDir(filepath.Join("testdata", "adversarial"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.ContainsFunc(cases, func(c adversarialCase) bool { return c.dir == e.Name() }) {
			t.Errorf("testdata/adversarial/%s is not in TestAdversarialSites's table", e.Name())
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join("testdata", "adversarial", c.dir)
			want := readExpect(t, dir)
			if c.setup != nil {
				tmp := t.TempDir()
				if err := os.CopyFS(tmp, os.DirFS(dir)); err != nil {
					t.Fatal(err)
				}
				c.setup(t, tmp)
				dir = tmp
			}
			mem := output.NewMemory()
			err := buildGuarded(t, dir, mem)
			if want == nil {
				if err != nil {
					t.Fatalf("build failed, want ok:\n%v", relativeErrors(err, dir))
				}
				if c.check != nil {
					c.check(t, dir, mem)
				}
				return
			}
			if err == nil {
				t.Fatalf("build succeeded, want these errors:\n%s", strings.Join(want, "\n"))
			}
			got := strings.Split(relativeErrors(err, dir), "\n")
			if !slices.Equal(got, want) {
				t.Errorf("errors differ\n got:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), lineDiff(got, want))
			}
		})
	}
}

// readExpect reads a case's expect.txt: nil for "ok", else its lines.
func readExpect(t *testing.T, dir string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "expect.txt"))
	if err != nil {
		t.Fatalf("every case needs an expect.txt: %v", err)
	}
	text := strings.TrimRight(string(b), "\n")
	if text == "ok" {
		return nil
	}
	if text == "" {
		t.Fatal("expect.txt is empty: write ok or the expected error lines")
	}
	return strings.Split(text, "\n")
}

// buildGuarded builds dir into mem, failing the test if the build does not
// return within hangLimit (a build that opens a FIFO blocks for ever).
func buildGuarded(t *testing.T, dir string, mem *output.Memory) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Build(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}, mem)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(hangLimit):
		releaseFIFOs(dir)
		t.Fatalf("the build of %s did not return within %v: it hangs (a FIFO opened?)", dir, hangLimit)
		return nil
	}
}

// releaseFIFOs opens every FIFO under dir for writing and closes it, so a
// build blocked opening one for reading goes on (and reads nothing)
// instead of staying blocked for the rest of the test run.
func releaseFIFOs(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeNamedPipe != 0 {
			if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
		}
		return nil
	})
}

// relativeErrors is the text of a build error with the case directory
// taken off every path, so expect.txt holds paths as a user of the case
// would see them from inside it.
func relativeErrors(err error, dir string) string {
	prefix := dir + string(filepath.Separator)
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = filepath.ToSlash(strings.ReplaceAll(l, prefix, ""))
	}
	return strings.Join(lines, "\n")
}

// lineDiff lists the lines only one side has, to make a long mismatch readable.
func lineDiff(got, want []string) string {
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "missing: %s\n", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "unexpected: %s\n", l)
		}
	}
	return b.String()
}

// --- hostile text ---

// hostileFields are the labels testdata/adversarial/hostile puts after
// the hostile text in each field ("[F:plan.title]"), and which must reach
// the output: a field whose text is published at all is published escaped.
// Fields the theme does not show (yet) are in hostileUnshown; they are
// still in the files, so if a template starts showing them, the safety
// assertions cover them at once.
var hostileFields = []string{
	"site.title", "site.description", "site.copyright",
	"article.title", "article.summary", "article.source.name", "article.body",
	"tag1", "tag2", "tag3", "tag4",
	"plan.title", "plan.decision", "plan.owner", "plan.summary", "plan.source.name",
	"task.id", "task.title", "task.owner", "task.note", "update.note",
	"metric.title", "metric.unit", "metric.description", "metric.source.name",
	"metric.value.note", "metric.value.note2",
}

var hostileUnshown = []string{
	"plan.basis.doc", "plan.basis.by", "task.basis", "update.basis", "update.note2", "metric.target.basis",
}

func unsafeHTMLOn(t *testing.T, dir string) {
	replaceIn(t, dir, "content/site.yaml", "unsafeHTML: false", "unsafeHTML: true")
}

// checkHostile parses every page of the hostile site and checks that no
// element or attribute came from the content: the only scripts are the
// theme's own files and the charts' JSON data blocks (which must parse as
// JSON, so a "</script>" in a title cannot have ended one early), no event
// handler attributes, no javascript:/data:/vbscript: URL in any URL
// attribute, no frames, objects, forms, bases or meta refreshes, and every
// page carries the Content-Security-Policy. Feeds and sitemaps must be
// well-formed XML, open data well-formed JSON. And every labelled field
// reaches some output as text, so the test is not passing because the
// field was dropped.
func checkHostile(t *testing.T, dir string, mem *output.Memory) {
	settings, err := os.ReadFile(filepath.Join(dir, "content", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rawHTML := bytes.Contains(settings, []byte("unsafeHTML: true"))
	seen := map[string]bool{}
	note := func(text string) {
		for _, f := range append(slices.Clone(hostileFields), hostileUnshown...) {
			if strings.Contains(text, "[F:"+f+"]") {
				seen[f] = true
			}
		}
	}
	pages := 0
	for _, p := range mem.Paths() {
		b, _ := mem.Get(p)
		switch {
		case strings.HasSuffix(p, ".html"):
			pages++
			checkHTMLPage(t, p, b, rawHTML, note)
		case strings.HasSuffix(p, ".xml"):
			checkXML(t, p, b, note)
		case strings.HasSuffix(p, ".json") && !strings.HasPrefix(p, "assets/"):
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Errorf("%s is not valid JSON: %v", p, err)
			}
			note(string(b))
		case strings.HasSuffix(p, ".csv"):
			note(string(b))
		}
	}
	// The two variants differ where they should: with unsafeHTML the
	// sanitiser keeps the harmless parts of raw HTML (an <img> without
	// its handler, an <a> without its javascript: href); without it, raw
	// HTML is dropped.
	var article []byte
	for _, p := range mem.Paths() {
		if strings.HasPrefix(p, "articles/script-alert-1-script-") {
			article, _ = mem.Get(p)
		}
	}
	if article == nil {
		t.Fatal("the hostile article's page is missing")
	}
	kept := bytes.Contains(article, []byte(`<img src="x">`)) && bytes.Contains(article, []byte(`<a>raw</a>`))
	if kept != rawHTML {
		t.Errorf("unsafeHTML is %v but sanitised raw HTML kept in the body is %v", rawHTML, kept)
	}
	if pages < 10 {
		t.Errorf("only %d pages built; the hostile site should give every kind of page", pages)
	}
	for _, f := range hostileFields {
		if !seen[f] {
			t.Errorf("field %s never reaches the output: it should be shown, escaped", f)
		}
	}
	for _, f := range hostileUnshown {
		if !seen[f] {
			t.Logf("field %s is not shown by the theme (checked if it ever is)", f)
		}
	}
}

// urlAttrs are the attributes whose value a browser loads or follows.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true,
	"cite": true, "background": true, "data": true, "srcset": true, "xlink:href": true,
	"ping": true, "longdesc": true, "manifest": true, "codebase": true, "lowsrc": true,
}

// forbidden are elements no page of the built-in theme has, and content
// must never add.
var forbidden = map[atom.Atom]bool{
	atom.Iframe: true, atom.Frame: true, atom.Frameset: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Base: true, atom.Form: true, atom.Svg: true, atom.Math: true,
	atom.Style: true, atom.Template: true, atom.Noscript: true,
}

// checkHTMLPage checks one page; rawHTML says raw HTML is allowed in
// article bodies (unsafeHTML: true), where the sanitiser keeps harmless
// elements such as <img src="x"> of the hostile text.
func checkHTMLPage(t *testing.T, p string, b []byte, rawHTML bool, note func(string)) {
	t.Helper()
	for _, problem := range htmlProblems(p, b, rawHTML, note) {
		t.Error(problem)
	}
}

// htmlProblems lists what checkHTMLPage objects to in page p.
func htmlProblems(p string, b []byte, rawHTML bool, note func(string)) []string {
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		errorf("%s: %v", p, err)
		return problems
	}
	csp := false
	var walk func(n *html.Node, inBody bool)
	walk = func(n *html.Node, inBody bool) {
		switch n.Type {
		case html.TextNode:
			note(n.Data)
		case html.ElementNode:
			for _, a := range n.Attr {
				note(a.Val)
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					errorf("%s: <%s %s=%q>: an event handler attribute", p, n.Data, a.Key, a.Val)
				}
				if urlAttrs[key] && dangerousURL(a.Val) && !(n.DataAtom == atom.Link && attr(n, "rel") == "icon" && a.Val == "data:,") {
					errorf("%s: <%s %s=%q>: a dangerous URL", p, n.Data, a.Key, a.Val)
				}
			}
			if forbidden[n.DataAtom] && !themeSVG(n) && !themeSearchForm(n) || n.Namespace != "" && !themeSVG(n) && !(n.Data == "title" && themeSVG(n.Parent)) {
				errorf("%s: a <%s> element (namespace %q) no page may hold", p, n.Data, n.Namespace)
			}
			if n.DataAtom == atom.Div && attr(n, "class") == "prose" {
				inBody = true
			}
			switch n.DataAtom {
			case atom.Script:
				checkScript(errorf, p, n)
			case atom.Meta:
				switch strings.ToLower(attr(n, "http-equiv")) {
				case "content-security-policy":
					if attr(n, "content") != render.ContentSecurityPolicy {
						errorf("%s: Content-Security-Policy is %q, want %q", p, attr(n, "content"), render.ContentSecurityPolicy)
					}
					if csp {
						errorf("%s: two Content-Security-Policy elements", p)
					}
					csp = true
				case "":
				case "refresh":
					// The theme's redirect from page/1/ to the list: a
					// relative URL, no scheme.
					if u, ok := strings.CutPrefix(attr(n, "content"), "0; url="); !ok || strings.Contains(u, ":") {
						errorf("%s: <meta http-equiv=refresh content=%q>", p, attr(n, "content"))
					}
				default:
					errorf("%s: <meta http-equiv=%q>", p, attr(n, "http-equiv"))
				}
			case atom.Img:
				if attr(n, "src") == "x" && !(rawHTML && inBody) {
					errorf("%s: <img src=x> from the hostile text became an element", p)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody)
		}
	}
	walk(doc, false)
	if !csp {
		errorf("%s has no Content-Security-Policy <meta>", p)
	}
	return problems
}

// checkScript accepts the theme's own scripts (a relative src under
// assets/, no inline code), chart data blocks and JSON-LD (type
// application/json or application/ld+json whose text parses as JSON,
// which browsers never run); nothing else.
func checkScript(errorf func(string, ...any), p string, n *html.Node) {
	var text strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		text.WriteString(c.Data)
	}
	if src, ok := attrOK(n, "src"); ok {
		if text.Len() != 0 || strings.Contains(src, ":") || !strings.Contains(src, "assets/") {
			errorf("%s: <script src=%q> with %d bytes inside: not one of the theme's scripts", p, src, text.Len())
		}
		return
	}
	if t := attr(n, "type"); t != "application/json" && t != "application/ld+json" {
		errorf("%s: an inline <script> %q", p, text.String())
		return
	}
	var v any
	if err := json.Unmarshal([]byte(text.String()), &v); err != nil {
		errorf("%s: a data block that is not JSON (%v): %.200q", p, err, text.String())
	}
}

// TestAdversarialPageCheck makes sure the page check used on the hostile
// site fails on what it is there to catch, so a passing hostile case
// means something.
func TestAdversarialPageCheck(t *testing.T) {
	head := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(render.ContentSecurityPolicy) + `"></head><body>`
	good := []string{
		`<p>&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x onerror=alert(1)&gt;</p>`,
		`<script src="../assets/charts.js" defer></script><script type="application/json" class="chart-data">{"t":"\u003c/script\u003e"}</script>`,
		`<svg class="s-done" aria-hidden="true" width="50%"><title>Xong: 1</title></svg>`,
		`<a href="https://example.gov.vn/">x</a><a href="../">y</a><link rel="icon" href="data:,">`,
		`<form class="site-search" action="../search/" method="get" role="search"><input name="q"></form>`,
		`<script type="application/ld+json">{"@type":"NewsArticle","headline":"\u003c/script\u003e"}</script>`,
	}
	bad := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa&#x09;Script:alert(1)">x</a>`,
		`<img src="data:image/svg+xml,<svg onload=alert(1)>">`,
		`<script type="application/json">{"t":"</script><script>alert(1)</script>`,
		`<iframe src="https://evil.example/"></iframe>`,
		`<svg><script>alert(1)</script></svg>`,
		`<svg class="s-done" aria-hidden="true"><a href="https://evil.example/">x</a></svg>`,
		`<meta http-equiv="refresh" content="0; url=javascript:alert(1)">`,
		`<base href="https://evil.example/">`,
		`<form action="https://evil.example/"><button>x</button></form>`,
		`<form class="site-search" role="search" method="get" action="https://evil.example/"></form>`,
		`<form class="site-search" role="search" method="post" action="search/"></form>`,
		`<div class="prose"><form class="site-search" role="search" method="get" action="search/"></form></div>`,
		`<script src="https://evil.example/x.js"></script>`,
	}
	for _, b := range good {
		if problems := htmlProblems("good.html", []byte(head+b), false, func(string) {}); len(problems) != 0 {
			t.Errorf("%s: flagged: %v", b, problems)
		}
	}
	for _, b := range bad {
		if problems := htmlProblems("bad.html", []byte(head+b), false, func(string) {}); len(problems) == 0 {
			t.Errorf("%s: not flagged", b)
		}
	}
	if problems := htmlProblems("no-csp.html", []byte("<p>x</p>"), false, func(string) {}); len(problems) == 0 {
		t.Error("a page without the Content-Security-Policy is not flagged")
	}
}

// themeSVG reports the theme's progress-bar segments: <svg class="s-…"
// aria-hidden="true"> holding a <title>.
func themeSVG(n *html.Node) bool {
	return n != nil && n.DataAtom == atom.Svg && strings.HasPrefix(attr(n, "class"), "s-") && attr(n, "aria-hidden") == "true"
}

// themeSearchForm reports the theme's search boxes (the header's and the
// search page's): a GET form with role="search" and the theme's class,
// sent to a relative address, outside any article text.
func themeSearchForm(n *html.Node) bool {
	if n == nil || n.DataAtom != atom.Form || attr(n, "role") != "search" || strings.ToLower(attr(n, "method")) != "get" {
		return false
	}
	if c := attr(n, "class"); c != "site-search" && c != "search-form" || strings.Contains(attr(n, "action"), ":") {
		return false
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Div && attr(p, "class") == "prose" {
			return false
		}
	}
	return true
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// dangerousURL reports a URL with a scheme that runs code or makes a
// document: javascript:, vbscript:, data:. It reads the value the way a
// browser does (leading spaces and controls dropped, tabs and newlines
// ignored, case folded), and checks every comma-separated part, for
// srcset.
func dangerousURL(v string) bool {
	for _, part := range strings.Split(v, ",") {
		u := strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, part)
		u = strings.ToLower(strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
		for _, s := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.HasPrefix(u, s) {
				return true
			}
		}
	}
	return false
}

// checkXML decodes a feed or sitemap to its end: hostile text must not
// break its well-formedness.
func checkXML(t *testing.T, p string, b []byte, note func(string)) {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", p, err)
			return
		}
		if c, ok := tok.(xml.CharData); ok {
			note(string(c))
		}
	}
}

// --- BOM and CRLF ---

// checkSameAsLF builds a twin of the case with every file's BOM dropped
// and CRLF line ends turned to LF, and wants the same files, byte for
// byte: how an editor saves a file must not change the site.
func checkSameAsLF(t *testing.T, dir string, mem *output.Memory) {
	twin := t.TempDir()
	src := filepath.Join("testdata", "adversarial", "bom-crlf")
	n := 0
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(b, []byte("\uFEFF")) && bytes.Contains(b, []byte("\r\n")) {
			n++
		}
		b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		rel, _ := filepath.Rel(src, p)
		return writeBytes(filepath.Join(twin, rel), b)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3 {
		t.Fatalf("the case should hold BOM+CRLF files (settings, article, data); found %d", n)
	}
	lf := output.NewMemory()
	if err := buildGuarded(t, twin, lf); err != nil {
		t.Fatalf("the LF twin does not build: %v", err)
	}
	if !slices.Equal(mem.Paths(), lf.Paths()) {
		t.Fatalf("BOM+CRLF and LF builds wrote different files:\n%v\n%v", mem.Paths(), lf.Paths())
	}
	for _, p := range mem.Paths() {
		a, _ := mem.Get(p)
		b, _ := lf.Get(p)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the BOM+CRLF site and its LF twin", p)
		}
		if bytes.Contains(a, []byte("\uFEFF")) || (strings.HasSuffix(p, ".html") && bytes.Contains(a, []byte("\r"))) {
			t.Errorf("%s carries a BOM or CR from the sources", p)
		}
	}
	page, ok := mem.Get("articles/ban-tin-soan-tren-windows/index.html")
	if !ok || !bytes.Contains(page, []byte("mã\tcó tab")) || !bytes.Contains(page, []byte("<h2")) {
		t.Error("the CRLF article's heading or tabbed code did not come through")
	}
}

func writeBytes(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// --- files Git cannot carry ---

// needUnix skips a case that makes FIFOs, sockets or links where the
// system has none of them.
func needUnix(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skipf("FIFOs, sockets and symbolic links are not made on %s; this case runs on unix systems", runtime.GOOS)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if out, err := exec.Command("mkfifo", p).CombinedOutput(); err != nil {
		t.Fatalf("mkfifo %s: %v %s", p, err, out)
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// socket makes a unix socket at p, closed when the test ends.
func socket(t *testing.T, p string) {
	t.Helper()
	l, err := net.Listen("unix", p)
	if err != nil {
		t.Fatalf("socket %s: %v (the path may be too long for a socket)", p, err)
	}
	t.Cleanup(func() { l.Close() })
}

// oddStaticNames adds static files whose names a web server cannot serve
// as they are: a backslash (a path separator on Windows) and bytes that
// are not UTF-8.
func oddStaticNames(t *testing.T, dir string) {
	needUnix(t)
	static := filepath.Join(dir, "content", "static")
	for _, name := range []string{`a\..\..\b.txt`, "bad-\xff.txt", "tab\there.txt"} {
		if err := os.WriteFile(filepath.Join(static, name), []byte("x"), 0o644); err != nil {
			// Some file systems (APFS) refuse names that are not UTF-8.
			t.Skipf("this file system does not take the name %q: %v", name, err)
		}
	}
}

// specialFiles puts a FIFO, a socket, links out of the site and to a
// directory above it among the static files, articles and data. Reading a
// FIFO would block the build for ever; following a link would publish a
// file from outside the site (a metric linked to /etc/passwd).
func specialFiles(t *testing.T, dir string) {
	needUnix(t)
	c := func(rel string) string { return filepath.Join(dir, "content", filepath.FromSlash(rel)) }
	mkfifo(t, c("static/fifo.bin"))
	mkfifo(t, c("articles/fifo.md"))
	mkfifo(t, c("data/plans/fifo.yaml"))
	socket(t, c("static/s.sock"))
	symlink(t, "../site.yaml", c("static/settings.txt"))
	symlink(t, "../../..", c("static/escape"))
	symlink(t, "/etc/passwd", c("data/metrics/passwd.yaml"))
	symlink(t, "../../../hostile/content/articles/a.md", c("articles/linked.md"))
}

// specialTemplates puts into templates/ (the site's theme overrides) a
// FIFO, a link to /etc/passwd and a file over the template size limit.
// Theme files are inputs like any other: a link would publish the file it
// points to as an asset, a FIFO would block the build.
func specialTemplates(t *testing.T, dir string) {
	needUnix(t)
	assets := filepath.Join(dir, "templates", "assets")
	mkfifo(t, filepath.Join(assets, "fifo.css"))
	symlink(t, "/etc/passwd", filepath.Join(assets, "passwd.txt"))
	p := filepath.Join(assets, "big.bin")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, source.MaxTemplate+1<<20); err != nil {
		t.Fatal(err)
	}
}

// settingsToDevZero replaces content/site.yaml with a link to /dev/zero,
// which never ends: the settings must be refused before anything is read.
func settingsToDevZero(t *testing.T, dir string) {
	needUnix(t)
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skipf("no /dev/zero: %v", err)
	}
	p := filepath.Join(dir, "content", "site.yaml")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	symlink(t, "/dev/zero", p)
}

// sparseStatic makes a static file of size bytes that takes no room on
// disk (a hole), so size limits can be tested without writing gigabytes.
func sparseStatic(name string, size int64) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, "content", "static", name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil {
			t.Skipf("cannot make a sparse %d-byte file here: %v", size, err)
		}
	}
}

// TestAdversarialLargeStaticStreamed copies a static file of exactly the
// size limit (a sparse file: a hole of 512 MiB) into a disk output and
// checks that the build did not hold it in memory: everything the build
// allocated together stays far below the file's size. The file is
// streamed (io.Copy between files, copy_file_range on Linux).
func TestAdversarialLargeStaticStreamed(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 512 MiB file to a temporary directory; not with -short")
	}
	dir := t.TempDir()
	src := filepath.Join("testdata", "adversarial", "static-too-large")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	const size = source.MaxStatic
	sparseStatic("big.bin", size)(t, dir)

	out := filepath.Join(t.TempDir(), "public")
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s, err := Load(Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := output.Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenderContext(context.Background(), tx); err != nil {
		tx.Abort()
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)

	info, err := os.Stat(filepath.Join(out, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() != size {
		t.Errorf("the copy is %d bytes, want %d", info.Size(), size)
	}
	const budget = 64 << 20
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > budget {
		t.Errorf("the build allocated %d MiB in all for a %d MiB static file: it was read into memory (budget %d MiB)", alloc>>20, size>>20, budget>>20)
	} else {
		t.Logf("allocated %d MiB in all while copying a %d MiB file", alloc>>20, size>>20)
	}
}

// TestAdversarialManyTagsWriteNothing: an article with 2,000 tags is an
// error before any page is made, so no tag page is written at all (it
// used to write 198 MB of them).
func TestAdversarialManyTagsWriteNothing(t *testing.T) {
	mem := output.NewMemory()
	err := buildGuarded(t, filepath.Join("testdata", "adversarial", "huge"), mem)
	if err == nil || !strings.Contains(err.Error(), "many-tags.md:4:7: tags: 2000 tags") {
		t.Fatalf("want the 2,000 tags refused at their key, got %v", err)
	}
	for _, p := range mem.Paths() {
		if strings.HasPrefix(p, "tags/") {
			t.Errorf("tag page %s written although the build failed", p)
		}
	}
}
