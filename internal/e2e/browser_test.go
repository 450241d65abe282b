package e2e

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/output"
)

// siteDir is the example site: the repository root, seen from this package.
const siteDir = "../.."

// asOf fixes the day plans are shown as of, so the test does not depend on
// the day it runs.
var asOf = date.Date{Year: 2026, Month: 1, Day: 1}

// chartSelector finds the element each chart draws into: internal/chart
// renders <div id="…" class="chart-canvas" role="img">, and echarts puts its
// <svg> (or <canvas>) inside it.
const chartSelector = ".chart-canvas"

// wantCSP is the Content-Security-Policy every page of the site declares
// in a <meta http-equiv> (templates/base.html): only the site's own
// scripts and styles, no inline script or style, no plug-ins, no <base>.
const wantCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

// cspWatchJS runs in every document before the page's own scripts (a
// DevTools script, which the CSP does not apply to) and records each
// securitypolicyviolation event, so a page that breaks its own policy is
// caught even where the browser's console says nothing.
const cspWatchJS = `(() => {
  window.__bantinCSP = [];
  document.addEventListener("securitypolicyviolation", e => {
    window.__bantinCSP.push(e.effectiveDirective + " blocked " + (e.blockedURI || "(inline)") +
      (e.sourceFile ? " at " + e.sourceFile + ":" + e.lineNumber + ":" + e.columnNumber : "") +
      (e.sample ? " (" + e.sample + ")" : ""));
  }, true);
})()`

// hookNames are the formatter names a chart's data block uses, which
// assets/charts.js replaces by functions. Drawn as text, they mean the
// mapping failed (ECharts reads a string formatter as a template).
var hookNames = []string{"num", "targetLabel", "targetMax", "donutLabel", "donutTooltip"}

// TestBrowser opens the built example site in headless Chromium and checks
// what only a browser can: every chart is drawn, with a size, inside its own
// element and followed by its data table, its numbers written the site's
// way; no page logs an error or throws; every page declares the
// Content-Security-Policy and nothing on it is refused by that policy; no
// page asks any host but the site's for anything; titles read as
// Vietnamese. Three pages get named checks (a metric, the bulletin of
// 09/4/2024, the plan); every other page of the site gets the general ones.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test takes seconds; skipped with -short")
	}
	chrome := findChrome(t)
	start := time.Now()

	mem, basePath := buildSite(t)
	srv := newServer(t, mem, basePath)
	siteURL := srv.URL + basePath

	article := findArticle(t, mem, "quy-i-2024")
	named := []pageCheck{
		// Axis labels in millions: "triệu", never "million" or an
		// English-grouped 100,000,000.
		{rel: "metrics/lookup-requests/", title: "Yêu cầu tra cứu, xác thực thông tin", minCharts: 1,
			chartText: []*regexp.Regexp{regexp.MustCompile(`^\d+(,\d+)? triệu$`)}},
		{rel: article, title: "Ban Chỉ đạo chuyển đổi số Bộ Công an đánh giá kết quả quý I/2024", minCharts: 1,
			chartText: []*regexp.Regexp{regexp.MustCompile(`^\d+(,\d+)? triệu$`)}},
		// The donut's labels: "Hoàn thành: 45,5%" (a decimal comma, or a
		// whole number).
		{rel: "plans/ke-hoach-829/", title: "Kế hoạch hoạt động năm 2024 của Ban Chỉ đạo", minCharts: 2,
			chartText: []*regexp.Regexp{regexp.MustCompile(`^Hoàn thành: \d+(,\d)?%$`)}},
	}
	pages := append([]pageCheck(nil), named...)
	seen := map[string]bool{}
	for _, p := range named {
		seen[p.rel] = true
	}
	for _, p := range htmlPages(mem) {
		if !seen[p] {
			pages = append(pages, pageCheck{rel: p})
		}
	}

	ev := &events{host: strings.TrimPrefix(srv.URL, "http://")}
	// The budget stops a hung browser, no more: the walk over every page
	// takes about 17 s alone, and several times that when it shares the
	// machine's two cores with the rest of a cold `go test ./...`, which
	// compiles cmd/bantin's tests a second time with its PGO profile.
	bctx := launch(t, chrome, 180*time.Second, ev.listen)
	t.Logf("%s, site built and browser started in %v", chrome, time.Since(start).Round(time.Millisecond))
	if err := chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatchJS})
		return err
	})); err != nil {
		t.Fatalf("installing the CSP watcher: %v", err)
	}
	checkCSPWatch(t, bctx, ev, srv.URL)

	for _, p := range pages {
		t0 := time.Now()
		p.run(t, bctx, ev, siteURL, mem)
		if testing.Verbose() {
			t.Logf("/%s in %v", p.rel, time.Since(t0).Round(time.Millisecond))
		}
	}

	// Requests to other hosts were reported page by page; this checks that
	// the charting library did come from the site's own assets/.
	if !ev.requested(srv.URL + basePath + "assets/echarts/echarts.min.js") {
		t.Errorf("no page loaded %sassets/echarts/echarts.min.js", basePath)
	}
	if missing := srv.missing(); len(missing) > 0 {
		t.Errorf("the server answered 404 for: %s", strings.Join(missing, ", "))
	}
	t.Logf("%d pages checked in %v", len(pages), time.Since(start).Round(time.Millisecond))
}

// pageCheck is one page to open. The general checks apply to every page;
// a title or a chart count makes them stricter.
type pageCheck struct {
	rel       string // site-relative URL, e.g. "plans/ke-hoach-829/"
	title     string // text document.title must contain
	minCharts int    // charts the page must have
	// chartText: each pattern must match the whole of some text drawn in
	// the page's charts (axis labels, data labels), which shows the numbers
	// are formatted by charts.js with the site's separators and words.
	chartText []*regexp.Regexp
}

// pageReport is what the page says about itself once loaded; see reportJS.
type pageReport struct {
	Title   string        `json:"title"`
	Ready   string        `json:"ready"`
	ECharts bool          `json:"echarts"`
	DupIDs  []string      `json:"dupIDs"`
	Charts  []chartReport `json:"charts"`
	// CSP is the content of the page's Content-Security-Policy <meta>, and
	// CSPFirst whether it comes before any script, style or link element;
	// Violations are what cspWatchJS recorded.
	CSP        string   `json:"csp"`
	CSPFirst   bool     `json:"cspFirst"`
	Violations []string `json:"violations"`
	// InlineScripts counts <script> elements without src whose type is not
	// application/json, InlineStyles elements with a style attribute or
	// <style> elements, outside the charts (where ECharts sets styles
	// through the CSSOM, which the CSP allows): the CSP refuses them all.
	InlineScripts int `json:"inlineScripts"`
	InlineStyles  int `json:"inlineStyles"`
	// Misaligned are a Markdown table's cells whose column alignment
	// (class align-right, …) the style sheet did not apply: "text · want
	// right, got left".
	Misaligned []string `json:"misaligned"`
}

type chartReport struct {
	ID       string  `json:"id"`
	W        float64 `json:"w"`
	H        float64 `json:"h"`
	Instance bool    `json:"instance"` // echarts.getInstanceByDom(el)
	Drawn    []struct {
		Tag    string  `json:"tag"`
		W      float64 `json:"w"`
		H      float64 `json:"h"`
		Shapes int     `json:"shapes"`
	} `json:"drawn"`
	InFigure bool   `json:"inFigure"`
	HasTable bool   `json:"hasTable"`
	Caption  string `json:"caption"`
	ColHeads int    `json:"colHeads"`
	RowHeads int    `json:"rowHeads"`
	// Texts are the texts drawn in the chart's <svg>.
	Texts []string `json:"texts"`
}

// reportJS describes the page: its title, ids used twice, and for each
// chart element what echarts drew inside it and the table that follows it
// in the same <figure>.
const reportJS = `(() => {
  const counts = {};
  for (const e of document.querySelectorAll("[id]")) { counts[e.id] = (counts[e.id] || 0) + 1; }
  const dupIDs = Object.keys(counts).filter(k => counts[k] > 1).sort();
  const charts = [...document.querySelectorAll(` + "`" + chartSelector + "`" + `)].map(el => {
    const r = el.getBoundingClientRect();
    const drawn = [...el.querySelectorAll("svg, canvas")].map(d => {
      const b = d.getBoundingClientRect();
      return {tag: d.tagName.toLowerCase(), w: b.width, h: b.height,
        shapes: d.tagName.toLowerCase() === "svg" ? d.querySelectorAll("path, rect, text, line, circle, polyline, polygon").length : 1};
    });
    const fig = el.closest("figure");
    let table = null;
    if (fig) {
      for (const tb of fig.querySelectorAll("table")) {
        if (el.compareDocumentPosition(tb) & Node.DOCUMENT_POSITION_FOLLOWING) { table = tb; break; }
      }
    }
    return {
      id: el.id, w: r.width, h: r.height, drawn: drawn,
      instance: typeof echarts !== "undefined" && !!echarts.getInstanceByDom(el),
      inFigure: !!fig, hasTable: !!table,
      caption: table && table.caption ? table.caption.textContent.trim() : "",
      colHeads: table ? table.querySelectorAll("th[scope=col]").length : 0,
      rowHeads: table ? table.querySelectorAll("th[scope=row]").length : 0,
      texts: [...el.querySelectorAll("svg text")].map(x => x.textContent.trim()).filter(x => x !== ""),
    };
  });
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
  const first = document.head.querySelector("meta[http-equiv], script, style, link");
  return {title: document.title, ready: document.readyState, echarts: typeof echarts !== "undefined", dupIDs: dupIDs, charts: charts,
    csp: csp ? csp.content : "", cspFirst: !!csp && first === csp,
    violations: window.__bantinCSP || ["the CSP watcher did not run"],
    inlineScripts: [...document.querySelectorAll("script:not([src])")].filter(x => x.type !== "application/json" && x.type !== "application/ld+json" && !x.hasAttribute("src")).length,
    inlineStyles: [...document.querySelectorAll("[style], style")].filter(x => !x.closest(".chart-canvas")).length,
    misaligned: [...document.querySelectorAll(".prose th[class^=align-], .prose td[class^=align-]")].map(c => {
      const want = c.className.slice("align-".length), got = getComputedStyle(c).textAlign;
      return got === want ? "" : c.textContent.trim() + " · want " + want + ", got " + got;
    }).filter(x => x !== "")};
})()`

// drawnJS is true once the page has loaded and every chart element holds a
// drawing with a size.
const drawnJS = `document.readyState === "complete" && [...document.querySelectorAll(` + "`" + chartSelector + "`" + `)].every(el =>
  [...el.querySelectorAll("svg, canvas")].some(d => { const b = d.getBoundingClientRect(); return b.width > 0 && b.height > 0; }))`

func (p pageCheck) run(t *testing.T, ctx context.Context, ev *events, siteURL string, mem *output.Memory) {
	pageURL := siteURL + p.rel
	ev.reset()
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatalf("%s: %v", pageURL, err)
	}
	if target, ok := refreshTarget(mem, p.rel); ok {
		p.followRefresh(t, ctx, ev, pageURL, target)
		return
	}
	// Wait for the page to load, scroll through it (assets/charts.js loads
	// the charting library and draws a chart only as it comes near the
	// screen), then wait briefly for the charts: a chart missing then will
	// not come; the report below says why. (Loops of Evaluate, not
	// chromedp.Poll: Poll names an execution context that can be stale
	// right after a navigation.)
	waitFor(ctx, `document.readyState === "complete"`, 10*time.Second)
	if err := scrollThrough(ctx); err != nil {
		t.Fatalf("%s: scrolling: %v", pageURL, err)
	}
	waitFor(ctx, drawnJS, 5*time.Second)
	r, err := chromedp.Run(ctx, chromedp.Evaluate[pageReport](reportJS))
	if err != nil {
		t.Fatalf("%s: %v", pageURL, err)
	}

	if r.Ready != "complete" {
		t.Errorf("%s: document.readyState = %q after 10 s", p.rel, r.Ready)
	}
	// The browser read the page as UTF-8: its title is the one in the file.
	if want := fileTitle(mem, p.rel); r.Title != want {
		t.Errorf("%s: document.title = %q, the file's <title> is %q", p.rel, r.Title, want)
	}
	if p.title != "" && !strings.Contains(r.Title, p.title) {
		t.Errorf("%s: document.title = %q, want it to contain %q", p.rel, r.Title, p.title)
	}
	if len(r.DupIDs) > 0 {
		t.Errorf("%s: ids used more than once: %s (document.getElementById returns the first, so a chart script may draw into the wrong element)", p.rel, strings.Join(r.DupIDs, ", "))
	}
	if r.CSP != wantCSP {
		t.Errorf("%s: Content-Security-Policy <meta> is %q, want %q", p.rel, r.CSP, wantCSP)
	} else if !r.CSPFirst {
		t.Errorf("%s: the Content-Security-Policy <meta> is not the first meta, script, style or link of <head>: what comes before it is not covered", p.rel)
	}
	for _, v := range r.Violations {
		t.Errorf("%s: Content-Security-Policy violation: %s", p.rel, v)
	}
	if r.InlineScripts > 0 || r.InlineStyles > 0 {
		t.Errorf("%s: %d inline scripts and %d inline styles in the DOM (the CSP refuses them)", p.rel, r.InlineScripts, r.InlineStyles)
	}
	for _, m := range r.Misaligned {
		t.Errorf("%s: a Markdown table cell is not aligned as its column says: %s", p.rel, m)
	}
	var texts []string
	for _, c := range r.Charts {
		texts = append(texts, c.Texts...)
	}
	for _, re := range p.chartText {
		if !slices.ContainsFunc(texts, re.MatchString) {
			t.Errorf("%s: no chart text matches %s; the charts show %q", p.rel, re, texts)
		}
	}
	for _, x := range texts {
		if slices.Contains(hookNames, x) || strings.Contains(x, "NaN") || strings.Contains(x, "undefined") || strings.Contains(x, "function") {
			t.Errorf("%s: a chart shows %q: a formatter was not applied", p.rel, x)
		}
	}
	if len(r.Charts) < p.minCharts {
		t.Errorf("%s: %d %s elements, want at least %d", p.rel, len(r.Charts), chartSelector, p.minCharts)
	}
	if len(r.Charts) > 0 && !r.ECharts {
		t.Errorf("%s: has charts but echarts is not defined: assets/echarts/echarts.min.js did not load", p.rel)
	}
	for _, c := range r.Charts {
		where := fmt.Sprintf("%s: chart #%s", p.rel, c.ID)
		if c.W <= 0 || c.H <= 0 {
			t.Errorf("%s: element is %gx%g px", where, c.W, c.H)
		}
		if !c.Instance {
			t.Errorf("%s: no echarts instance on the element", where)
		}
		ok := false
		for _, d := range c.Drawn {
			if d.W > 0 && d.H > 0 && d.Shapes > 0 {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: nothing drawn inside it (want an <svg> or <canvas> with a size and shapes; found %+v)", where, c.Drawn)
		}
		switch {
		case !c.InFigure:
			t.Errorf("%s: not inside a <figure>", where)
		case !c.HasTable:
			t.Errorf("%s: no data <table> after the chart in its <figure>", where)
		default:
			if c.Caption == "" {
				t.Errorf("%s: the data table has no <caption>", where)
			}
			if c.ColHeads == 0 || c.RowHeads == 0 {
				t.Errorf("%s: the data table has %d th[scope=col] and %d th[scope=row], want both", where, c.ColHeads, c.RowHeads)
			}
		}
	}
	// One more round trip, so that events the page sent before the report
	// have been handled.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`0`)); err != nil {
		t.Fatalf("%s: %v", pageURL, err)
	}
	for _, e := range ev.takeErrors() {
		t.Errorf("%s: %s", p.rel, e)
	}
}

// waitFor evaluates the JavaScript expression js until it is true or d has
// passed, and says which.
func waitFor(ctx context.Context, js string, d time.Duration) bool {
	for deadline := time.Now().Add(d); ; time.Sleep(20 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// followRefresh checks a page that only sends the reader on (the first
// page of a list, which lives at the list's own URL): the browser must land
// on target without errors.
func (p pageCheck) followRefresh(t *testing.T, ctx context.Context, ev *events, pageURL, target string) {
	want, err := url.Parse(pageURL)
	if err == nil {
		want, err = want.Parse(target)
	}
	if err != nil {
		t.Fatalf("%s: refresh target %q: %v", p.rel, target, err)
	}
	var at string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// The page is replaced while we ask, so an error here only means "not yet".
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && loc != "" && loc != pageURL {
			at = loc
			break
		}
	}
	if at != want.String() {
		t.Errorf("%s: the refresh should lead to %s, the browser is at %q", p.rel, want, at)
	}
	for _, e := range ev.takeErrors() {
		t.Errorf("%s: %s", p.rel, e)
	}
}

// refreshTarget returns the URL a page sends the reader on to with
// <meta http-equiv="refresh">, if it does.
func refreshTarget(mem *output.Memory, rel string) (string, bool) {
	m := refreshRE.FindSubmatch(pageSource(mem, rel))
	if m == nil {
		return "", false
	}
	return html.UnescapeString(string(m[1])), true
}

var refreshRE = regexp.MustCompile(`<meta http-equiv="refresh" content="\d+; *url=([^"]*)"`)

// events collects what the browser reports while pages load.
type events struct {
	host     string // host:port of the site; requests elsewhere are errors
	mu       sync.Mutex
	requests map[network.RequestID]string // URL by request
	errors   []string                     // since the last takeErrors
	// cspLogged counts the browser's log entries about the
	// Content-Security-Policy, since the last reset.
	cspLogged int
}

// consoleMentionsCSP reports whether a console message, of any level, is
// about the Content-Security-Policy.
func consoleMentionsCSP(ev *runtime.EventConsoleAPICalled) bool {
	for _, a := range ev.Args {
		if strings.Contains(string(a.Value), "Content Security Policy") || strings.Contains(a.Description, "Content Security Policy") {
			return true
		}
	}
	return false
}

func (e *events) listen(ev any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if e.requests == nil {
			e.requests = map[network.RequestID]string{}
		}
		e.requests[ev.RequestID] = ev.Request.URL
		if u, err := url.Parse(ev.Request.URL); err != nil {
			e.errors = append(e.errors, fmt.Sprintf("request to an unparsable URL %q", ev.Request.URL))
		} else if u.Scheme != "data" && u.Scheme != "blob" && u.Scheme != "about" && (u.Host != e.host || u.Hostname() != "127.0.0.1") {
			e.errors = append(e.errors, fmt.Sprintf("request to another host: %s (the site must load nothing from elsewhere)", ev.Request.URL))
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			e.errors = append(e.errors, fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			e.errors = append(e.errors, fmt.Sprintf("loading failed (%s): %s", ev.ErrorText, e.requests[ev.RequestID]))
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || consoleMentionsCSP(ev) {
			var args []string
			for _, a := range ev.Args {
				if a.Value != nil {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			e.errors = append(e.errors, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		e.errors = append(e.errors, fmt.Sprintf("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, msg))
	case *log.EventEntryAdded:
		csp := strings.Contains(ev.Entry.Text, "Content Security Policy")
		if csp {
			e.cspLogged++
		}
		if ev.Entry.Level == log.EntryLevelError || csp {
			e.errors = append(e.errors, fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

func (e *events) reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.errors = nil
	e.cspLogged = 0
}

func (e *events) cspCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cspLogged
}

func (e *events) takeErrors() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	errs := e.errors
	e.errors = nil
	return errs
}

// requested reports whether a page asked for u, ignoring its query.
func (e *events) requested(u string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, r := range e.requests {
		if r, _, _ := strings.Cut(r, "?"); r == u {
			return true
		}
	}
	return false
}

// findChrome returns the browser to drive, or skips the test.
func findChrome(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("BANTIN_CHROME"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("BANTIN_CHROME=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium: install Debian's chromium (apt-get install chromium) — .ci/run does — or set BANTIN_CHROME to a Chrome or Chromium binary")
	return ""
}

// buildSite builds the example site in memory and returns it with the URL
// path it lives under (/tien-do/).
func buildSite(t *testing.T) (*output.Memory, string) {
	t.Helper()
	dir, err := filepath.Abs(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	opts := build.Options{SiteDir: dir, AsOf: asOf, Theme: bantin.Theme()}
	s, err := build.Load(opts)
	if err != nil {
		t.Fatalf("loading the example site %s:\n%v", dir, err)
	}
	mem := output.NewMemory()
	if _, err := s.Render(mem); err != nil {
		t.Fatalf("building the example site %s:\n%v", dir, err)
	}
	return mem, s.Config.BasePath()
}

// findArticle returns the URL of the one article whose slug contains part.
func findArticle(t *testing.T, mem *output.Memory, part string) string {
	t.Helper()
	var found []string
	for _, p := range mem.Paths() {
		dir, file := path.Split(p)
		if file == "index.html" && strings.HasPrefix(dir, "articles/") && strings.Count(dir, "/") == 2 && strings.Contains(dir, part) {
			found = append(found, dir)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one article with %q in its slug, found %v", part, found)
	}
	return found[0]
}

// htmlPages lists the site-relative URLs of every page in the output.
func htmlPages(mem *output.Memory) []string {
	var pages []string
	for _, p := range mem.Paths() {
		switch {
		case p == "index.html":
			pages = append(pages, "")
		case strings.HasSuffix(p, "/index.html"):
			pages = append(pages, strings.TrimSuffix(p, "index.html"))
		case strings.HasSuffix(p, ".html"):
			pages = append(pages, p)
		}
	}
	sort.Strings(pages)
	return pages
}

var titleRE = regexp.MustCompile(`(?s)<title>(.*?)</title>`)

// pageSource is the file served for the site-relative URL rel.
func pageSource(mem *output.Memory, rel string) []byte {
	file := rel
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	b, _ := mem.Get(file)
	return b
}

// fileTitle is the <title> of the page at rel as written, unescaped.
func fileTitle(mem *output.Memory, rel string) string {
	m := titleRE.FindSubmatch(pageSource(mem, rel))
	if m == nil {
		return ""
	}
	return html.UnescapeString(string(m[1]))
}

// server serves a built site the way a static web server does: under the
// base path, dir/ as dir/index.html, dir as a redirect to dir/, and 404.html
// with status 404 for anything else. It listens on 127.0.0.1 only.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	notFound []string
}

func newServer(t *testing.T, mem *output.Memory, basePath string) *server {
	t.Helper()
	s := &server{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Server = &httptest.Server{Listener: l, Config: &http.Server{Handler: s.handler(mem, basePath)}}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *server) handler(mem *output.Memory, basePath string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if p == cspSelfTestPath {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, cspSelfTestPage)
			return
		}
		if p+"/" == basePath {
			http.Redirect(w, r, basePath, http.StatusMovedPermanently)
			return
		}
		rel, ok := strings.CutPrefix(p, basePath)
		if ok {
			file := rel
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			if b, found := mem.Get(file); found {
				ct := mime.TypeByExtension(path.Ext(file))
				if ct == "" {
					ct = http.DetectContentType(b)
				}
				w.Header().Set("Content-Type", ct)
				http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(b))
				return
			}
			if _, dir := mem.Get(file + "/index.html"); dir {
				http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
				return
			}
		}
		s.mu.Lock()
		s.notFound = append(s.notFound, p)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if b, found := mem.Get("404.html"); found && r.Method == http.MethodGet {
			w.Write(b)
		}
	})
}

func (s *server) missing() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.notFound...)
}

// syncBuffer collects the browser's output, written from another goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// cspSelfTestPath serves cspSelfTestPage, which breaks the site's CSP on
// purpose: an inline script, an inline style attribute and a <style>.
const cspSelfTestPath = "/__csp-selftest.html"

const cspSelfTestPage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="` + wantCSP + `">
<title>CSP self-test</title><link rel="icon" href="data:,"><style>p { color: red; }</style></head>
<body><p style="color: blue">x</p><script>document.title = "ran";</script></body></html>
`

// checkCSPWatch proves the test would see a violation: on a page that
// breaks the policy, both the securitypolicyviolation events and the
// browser's log must report it, and the inline script must not have run.
// Without this, a watcher that silently saw nothing would pass every page.
func checkCSPWatch(t *testing.T, ctx context.Context, ev *events, origin string) {
	t.Helper()
	ev.reset()
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+cspSelfTestPath)); err != nil {
		t.Fatalf("CSP self-test: %v", err)
	}
	waitFor(ctx, `document.readyState === "complete" && (window.__bantinCSP || []).length >= 3`, 5*time.Second)
	type report struct {
		Title      string   `json:"title"`
		Violations []string `json:"violations"`
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[report](`({title: document.title, violations: window.__bantinCSP || []})`))
	if err != nil {
		t.Fatalf("CSP self-test: %v", err)
	}
	if r.Title == "ran" {
		t.Error("CSP self-test: the inline script ran: the policy is not applied")
	}
	if len(r.Violations) < 3 {
		t.Errorf("CSP self-test: securitypolicyviolation events %q, want 3 (inline script, style attribute, <style>): the watcher would miss violations", r.Violations)
	}
	waitFor(ctx, "true", 100*time.Millisecond) // let the log entries arrive
	if n := ev.cspCount(); n == 0 {
		t.Error("CSP self-test: the browser logged no Content-Security-Policy message: the log listener would miss violations")
	}
	ev.takeErrors() // the self-test's violations were wanted
}
