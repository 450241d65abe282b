package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The phone the pages are checked on (issue 14): 360 × 800 CSS pixels, the
// narrowest common Android screen, as a touch device with the viewport
// <meta> applied.
const (
	phoneWidth  = 360
	phoneHeight = 800
	// maxRowHeight is the tallest a table row may be on the phone: a row
	// taller than this has been squeezed (a table crammed into the screen
	// instead of scrolling in its own box).
	maxRowHeight = 240
	// minTarget is WCAG 2.2's minimum target size (2.5.8, level AA), in CSS
	// pixels.
	minTarget = 24
	// minChartFont is the smallest font, in CSS pixels, a chart may draw its
	// text (axis labels, legend, data labels) in on the phone.
	minChartFont = 11
)

// startBrowser starts headless Chromium for the tests of this file and
// returns its context; the site's own checks of TestBrowser are not
// repeated here.
func startBrowser(t *testing.T, ev *events) context.Context {
	t.Helper()
	chrome := findChrome(t)
	bctx := launch(t, chrome, 90*time.Second, ev.listen)
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("%s: a phone's screen: %v", chrome, err)
	}
	return bctx
}

// scrollJS scrolls the page from top to bottom in half-screen steps, a
// frame apart, and back to the top. assets/charts.js loads the charting
// library and draws a chart only once the chart comes near the screen
// (issue 14), as a reader scrolling the page would bring it.
const scrollJS = `(async () => {
  // A frame, or a quarter of a second when none comes: Chromium stops
  // animation frames for a page it deems hidden, and a scroll that waits
  // on them alone then waits until the test's deadline.
  const frame = () => new Promise(r => { requestAnimationFrame(() => setTimeout(r, 0)); setTimeout(r, 250); });
  for (let y = 0; y < document.documentElement.scrollHeight; y += Math.max(100, innerHeight / 2)) {
    scrollTo(0, y);
    await frame();
  }
  scrollTo(0, 0);
  await frame();
  return true;
})()`

// scrollThrough runs scrollJS in the page.
func scrollThrough(ctx context.Context) error {
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](scrollJS, chromedp.EvalAwaitPromise))
	return err
}

// phoneReport is what phoneJS finds on a page.
type phoneReport struct {
	Ready       string  `json:"ready"`
	InnerWidth  float64 `json:"innerWidth"`
	ScrollWidth float64 `json:"scrollWidth"`
	// Wide lists the elements that reach past the right edge of the screen
	// outside a scrolling box, to say what makes the page scroll sideways.
	Wide     []string `json:"wide"`
	TallRows []string `json:"tallRows"`
	Charts   []struct {
		ID      string  `json:"id"`
		W       float64 `json:"w"`
		H       float64 `json:"h"`
		Drawn   bool    `json:"drawn"`
		MinFont float64 `json:"minFont"`
		Texts   int     `json:"texts"`
	} `json:"charts"`
	SmallTargets []string `json:"smallTargets"`
	// Sticky lists, for each scrolling table, whether its first column
	// stays in view when the box is scrolled to its right end.
	Sticky []string `json:"sticky"`
}

// phoneJS measures the page as laid out on the phone. Tap targets follow
// WCAG 2.2's 2.5.8: a target smaller than 24 × 24 passes when a 24 px
// circle on its centre meets no other target's (the spacing exception),
// and a link inside a sentence is exempt (the inline exception).
const phoneJS = `(() => {
  const W = window.innerWidth, out = {ready: document.readyState, innerWidth: W,
    scrollWidth: document.documentElement.scrollWidth, wide: [], tallRows: [], charts: [], smallTargets: [], sticky: []};
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) { const s = getComputedStyle(p).overflowX; if (s === "auto" || s === "scroll" || s === "hidden") return true; } return false; };
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.right > W + 0.5 && r.width > 0 && !scrolls(e)) out.wide.push(name(e) + " right=" + Math.round(r.right));
  }
  out.wide = out.wide.slice(0, 8);
  for (const tr of document.querySelectorAll("tr")) {
    const h = tr.getBoundingClientRect().height;
    if (h > ` + "${MAXROW}" + `) out.tallRows.push(Math.round(h) + " px: " + tr.textContent.trim().replace(/\s+/g, " ").slice(0, 80));
  }
  for (const el of document.querySelectorAll(".chart-canvas")) {
    const r = el.getBoundingClientRect();
    let drawn = false, minFont = Infinity, texts = 0;
    for (const d of el.querySelectorAll("svg, canvas")) { const b = d.getBoundingClientRect(); if (b.width > 0 && b.height > 0) drawn = true; }
    for (const t of el.querySelectorAll("svg text")) {
      if (!t.textContent.trim()) continue;
      texts++;
      const f = parseFloat(getComputedStyle(t).fontSize);
      if (f < minFont) minFont = f;
    }
    out.charts.push({id: el.id, w: r.width, h: r.height, drawn: drawn, minFont: texts ? minFont : 0, texts: texts});
  }
  const targets = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])")].filter(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
  }).filter(e => !e.closest(".chart-canvas"));
  const inline = e => {
    if (e.tagName !== "A" || getComputedStyle(e).display !== "inline") return false;
    const block = e.closest("p, li, td, th, dd, dt, figcaption, caption, blockquote");
    if (!block) return false;
    let other = block.textContent;
    for (const a of block.querySelectorAll("a")) other = other.split(a.textContent).join("");
    return /[\p{L}\p{N}]/u.test(other);
  };
  const boxes = targets.map(e => { const r = e.getBoundingClientRect(); return {e: e, x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}; });
  for (const b of boxes) {
    if ((b.w >= ` + "${MIN}" + ` && b.h >= ` + "${MIN}" + `) || inline(b.e)) continue;
    // Spacing exception: the 24 px circle on b's centre must not meet
    // another target's box nor, when that one is small too, its circle.
    let ok = true;
    for (const o of boxes) {
      if (o === b || o.e.contains(b.e) || b.e.contains(o.e)) continue;
      const dx = Math.max(Math.abs(o.x - b.x) - o.w / 2, 0), dy = Math.max(Math.abs(o.y - b.y) - o.h / 2, 0);
      if (Math.hypot(dx, dy) < ` + "${MIN}" + ` / 2) { ok = false; break; }
      const small = !(o.w >= ` + "${MIN}" + ` && o.h >= ` + "${MIN}" + `) && !inline(o.e);
      if (small && Math.hypot(o.x - b.x, o.y - b.y) < ` + "${MIN}" + `) { ok = false; break; }
    }
    if (!ok) out.smallTargets.push(name(b.e) + " " + Math.round(b.w) + "x" + Math.round(b.h) + " \"" + b.e.textContent.trim().slice(0, 30) + "\"");
  }
  for (const box of document.querySelectorAll(".table-scroll")) {
    if (box.scrollWidth <= box.clientWidth + 1) continue;
    const first = box.querySelector("tbody tr > :first-child");
    if (!first) continue;
    box.scrollLeft = box.scrollWidth;
    const fr = first.getBoundingClientRect(), br = box.getBoundingClientRect();
    out.sticky.push((fr.left >= br.left - 1 && fr.left < br.left + 2) ? "" : name(box) + ": the first column scrolls away (left " + Math.round(fr.left) + ", box " + Math.round(br.left) + ")");
    box.scrollLeft = 0;
  }
  out.sticky = out.sticky.filter(s => s !== "");
  return out;
})()`

// TestPhone opens every page of the example site on a 360 px wide phone
// (issue 14) and checks that it reads there: the page never scrolls
// sideways (a wide table scrolls inside its own box, its first column kept
// in view), no table row is squeezed taller than 240 px, every chart is
// drawn with a size and with text no smaller than 11 px, and every tap
// target meets WCAG 2.2's 24 × 24 px minimum (2.5.8).
func TestPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test takes seconds; skipped with -short")
	}
	mem, basePath := buildSite(t)
	srv := newServer(t, mem, basePath)
	ev := &events{host: strings.TrimPrefix(srv.URL, "http://")}
	ctx := startBrowser(t, ev)
	js := strings.NewReplacer("${MAXROW}", fmt.Sprint(maxRowHeight), "${MIN}", fmt.Sprint(minTarget)).Replace(phoneJS)

	checked := map[string]bool{}
	for _, rel := range htmlPages(mem) {
		if _, redirects := refreshTarget(mem, rel); redirects {
			continue
		}
		pageURL := srv.URL + basePath + rel
		ev.reset()
		if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
			t.Fatalf("%s: %v", pageURL, err)
		}
		waitFor(ctx, `document.readyState === "complete"`, 10*time.Second)
		if err := scrollThrough(ctx); err != nil {
			t.Fatalf("%s: scrolling: %v", pageURL, err)
		}
		waitFor(ctx, drawnJS, 5*time.Second)
		r, err := chromedp.Run(ctx, chromedp.Evaluate[phoneReport](js))
		if err != nil {
			t.Fatalf("%s: %v", pageURL, err)
		}
		where := "/" + rel
		if r.InnerWidth != phoneWidth {
			t.Fatalf("%s: innerWidth is %g, want %d: the phone is not emulated", where, r.InnerWidth, phoneWidth)
		}
		if r.ScrollWidth > r.InnerWidth {
			t.Errorf("%s: the page scrolls sideways: scrollWidth %g > innerWidth %g; too wide: %s", where, r.ScrollWidth, r.InnerWidth, strings.Join(r.Wide, ", "))
		}
		if n := len(r.TallRows); n > 0 {
			t.Errorf("%s: %d table rows are taller than %d px, e.g. %s", where, n, maxRowHeight, strings.Join(r.TallRows[:min(n, 3)], "; "))
		}
		for _, c := range r.Charts {
			switch {
			case !c.Drawn || c.W <= 0 || c.H <= 0:
				t.Errorf("%s: chart #%s is not drawn (element %gx%g, drawing %v)", where, c.ID, c.W, c.H, c.Drawn)
			case c.Texts == 0:
				t.Errorf("%s: chart #%s draws no text (no axis labels)", where, c.ID)
			case c.MinFont < minChartFont:
				t.Errorf("%s: chart #%s draws text at %g px, want at least %d", where, c.ID, c.MinFont, minChartFont)
			}
		}
		for _, s := range r.SmallTargets {
			t.Errorf("%s: tap target smaller than %d × %d px and too close to another: %s", where, minTarget, minTarget, s)
		}
		for _, s := range r.Sticky {
			t.Errorf("%s: %s", where, s)
		}
		for _, e := range ev.takeErrors() {
			t.Errorf("%s: %s", where, e)
		}
		checked[pageType(rel)] = true
	}
	// Every type of page was among them.
	for _, typ := range []string{"home", "articles", "article", "plans", "plan", "metrics", "metric", "tags", "tag", "404"} {
		if !checked[typ] {
			t.Errorf("no %s page was checked", typ)
		}
	}
}

// pageType names the kind of page at the site-relative URL rel.
func pageType(rel string) string {
	parts := strings.Split(strings.TrimSuffix(rel, "/"), "/")
	switch {
	case rel == "":
		return "home"
	case rel == "404.html":
		return "404"
	case len(parts) == 1:
		return parts[0]
	case parts[0] == "articles" && parts[1] == "page":
		return "articles"
	case parts[0] == "articles":
		return "article"
	case parts[0] == "plans":
		return "plan"
	case parts[0] == "metrics":
		return "metric"
	case parts[0] == "tags":
		return "tag"
	}
	return parts[0]
}

// noScriptReport is what a page shows with JavaScript off.
type noScriptReport struct {
	Title       string   `json:"title"`
	H1          string   `json:"h1"`
	MainText    int      `json:"mainText"`
	Description string   `json:"description"`
	Tables      int      `json:"tables"`
	EmptyTables []string `json:"emptyTables"`
	Figures     []string `json:"figures"` // charts whose figure has no table with rows
	Stats       int      `json:"stats"`   // .stats values and .tile values with text
	Drawn       int      `json:"drawn"`   // svg/canvas inside charts: must be 0 (no script ran)
	Ran         bool     `json:"ran"`
}

const noScriptJS = `(() => {
  const main = document.querySelector("main");
  const d = document.querySelector('meta[name="description"]');
  const tables = [...document.querySelectorAll("main table")];
  return {
    title: document.title,
    h1: (document.querySelector("h1") || {textContent: ""}).textContent.trim(),
    mainText: main ? main.innerText.trim().length : 0,
    description: d ? d.content : "",
    tables: tables.length,
    emptyTables: tables.filter(t => t.querySelectorAll("tbody tr").length === 0 || t.getBoundingClientRect().height === 0).map(t => (t.caption ? t.caption.textContent : "(no caption)").trim()),
    figures: [...document.querySelectorAll(".chart-canvas")].filter(el => {
      const f = el.closest("figure"); if (!f) return true;
      const t = f.querySelector("table"); return !t || t.querySelectorAll("tbody tr").length === 0 || t.getBoundingClientRect().height === 0;
    }).map(el => el.id),
    stats: [...document.querySelectorAll(".stats dd, .tile .value")].filter(e => e.textContent.trim() !== "" && e.getBoundingClientRect().height > 0).length,
    drawn: document.querySelectorAll(".chart-canvas svg, .chart-canvas canvas").length,
    ran: typeof echarts !== "undefined",
  };
})()`

// TestNoScript opens every page with JavaScript disabled: the HTML alone
// must carry the content (issue 14) — a heading, the text, the figures
// (metric stats and tiles) and every table with its rows, including each
// chart's table — and every page has a meta description, for search
// engines and link previews.
func TestNoScript(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test takes seconds; skipped with -short")
	}
	mem, basePath := buildSite(t)
	srv := newServer(t, mem, basePath)
	ev := &events{host: strings.TrimPrefix(srv.URL, "http://")}
	ctx := startBrowser(t, ev)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatalf("disabling JavaScript: %v", err)
	}
	charts, stats := 0, 0
	for _, rel := range htmlPages(mem) {
		if _, redirects := refreshTarget(mem, rel); redirects {
			continue
		}
		pageURL := srv.URL + basePath + rel
		if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
			t.Fatalf("%s: %v", pageURL, err)
		}
		r, err := chromedp.Run(ctx, chromedp.Evaluate[noScriptReport](noScriptJS))
		if err != nil {
			t.Fatalf("%s: %v", pageURL, err)
		}
		where := "/" + rel
		src := string(pageSource(mem, rel))
		if r.Ran || r.Drawn > 0 {
			t.Fatalf("%s: scripts ran (echarts defined: %v, %d drawings): JavaScript is not disabled", where, r.Ran, r.Drawn)
		}
		// An embeddable chart (shown in other sites' iframes) has no
		// heading of its own; it must still carry its content.
		widget := strings.Contains(src, `<body class="embed">`)
		if (r.H1 == "" && !widget) || r.MainText < 80 {
			t.Errorf("%s: without JavaScript: h1 %q, %d characters of text in <main>", where, r.H1, r.MainText)
		}
		if strings.TrimSpace(r.Description) == "" {
			t.Errorf("%s: no <meta name=\"description\">", where)
		}
		if want := strings.Count(src, "<table"); r.Tables != want {
			t.Errorf("%s: %d tables shown, the HTML has %d", where, r.Tables, want)
		}
		for _, c := range r.EmptyTables {
			t.Errorf("%s: table %q shows no rows without JavaScript", where, c)
		}
		for _, id := range r.Figures {
			t.Errorf("%s: chart #%s has no table of its data to show without JavaScript", where, id)
		}
		charts += strings.Count(src, `class="chart-canvas"`)
		if pageType(rel) == "metric" && r.Stats == 0 {
			t.Errorf("%s: the metric's figures (latest value, changes) are not shown", where)
		}
		stats += r.Stats
	}
	if charts == 0 || stats == 0 {
		t.Errorf("checked %d charts and %d figures in all: the example site should have both", charts, stats)
	}
}
