package e2e

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchReport is what the search page shows.
type searchReport struct {
	Status string   `json:"status"`
	Value  string   `json:"value"`
	Links  []string `json:"links"` // the results' addresses, absolute
	Marks  int      `json:"marks"` // highlighted words in titles and excerpts
	// Inside lists the highlights that are part of a longer word ("de"
	// lighting up the start of "đến"): a query word matches whole words.
	Inside  []string `json:"inside"`
	Dates   int      `json:"dates"` // results that show a date
	AllList bool     `json:"allList"`
	Active  string   `json:"active"` // the focused element: its id, or its href
	URL     string   `json:"url"`
}

const searchReportJS = `(() => {
  const res = document.getElementById("search-results");
  const a = document.activeElement;
  return {
    status: document.getElementById("search-status").textContent,
    value: document.getElementById("search-q").value,
    links: res.hidden ? [] : [...res.querySelectorAll("li > h2 > a")].map(x => x.href),
    marks: res.querySelectorAll("mark").length,
    inside: [...res.querySelectorAll("mark")].filter(m => {
      const w = /[\p{L}\p{Nd}\p{Mn}]/u, prev = m.previousSibling, next = m.nextSibling;
      return (prev && w.test(prev.textContent.slice(-1))) || (next && w.test(next.textContent.slice(0, 1)));
    }).map(m => m.textContent + " in " + m.parentNode.textContent.slice(0, 60)),
    dates: [...res.querySelectorAll("li .meta")].filter(x => /\d/.test(x.textContent)).length,
    allList: !document.getElementById("search-all").hidden,
    active: a ? (a.id || a.href || a.tagName) : "",
    url: location.href,
  };
})()`

// TestSearchBrowser types queries into the example site's search page in
// headless Chromium and checks the bulletins found: folded and accented
// words, a number as written, a shared ?q= link, the keyboard (/ focuses
// the box, arrows move through the results, Enter opens one), and the box
// in every page's header.
func TestSearchBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test takes seconds; skipped with -short")
	}
	chrome := findChrome(t)
	mem, basePath := buildSite(t)
	if _, ok := mem.Get("search/index.html"); !ok {
		t.Fatal("the build wrote no search/index.html")
	}
	srv := newServer(t, mem, basePath)
	siteURL := srv.URL + basePath
	q1 := siteURL + findArticle(t, mem, "quy-i-2024")
	bcd57 := siteURL + findArticle(t, mem, "phien-thu-nhat")

	// Without JavaScript the page is a list of links to every page found.
	page := string(pageSource(mem, "search/"))
	for _, want := range []string{findArticle(t, mem, "quy-i-2024"), findArticle(t, mem, "phien-thu-nhat"), "plans/ke-hoach-829/", "metrics/online-share/"} {
		if !strings.Contains(page, `href="../`+want+`"`) {
			t.Errorf("search/ has no plain link to %s", want)
		}
	}

	ev := &events{host: strings.TrimPrefix(srv.URL, "http://")}
	bctx := launch(t, chrome, 60*time.Second, ev.listen)

	report := func(what string) searchReport {
		t.Helper()
		r, err := chromedp.Run(bctx, chromedp.Evaluate[searchReport](searchReportJS))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return r
	}
	open := func(rel string) {
		t.Helper()
		ev.reset()
		if err := chromedp.Do(bctx, chromedp.Navigate(siteURL+rel)); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		waitFor(bctx, `document.readyState === "complete"`, 10*time.Second)
	}
	// settled waits until the status says how the query went.
	settled := func(q string) searchReport {
		t.Helper()
		if !waitFor(bctx, `(() => { const s = document.getElementById("search-status").textContent;
		  return /kết quả/.test(s) && document.getElementById("search-q").value === `+jsString(q)+` })()`, 5*time.Second) {
			t.Errorf("%q: no results shown after 5 s: %+v", q, report(q))
		}
		return report(q)
	}

	for _, tt := range []struct {
		q     string
		first []string
		also  []string
	}{
		{q: "chuyen doi so", first: []string{q1}, also: []string{bcd57}},
		{q: "96,5", also: []string{q1}},
		{q: "de an 06", also: []string{q1, bcd57}},
		{q: "Đề án 06", also: []string{q1, bcd57}},
		{q: "dich vu cong", also: []string{q1, bcd57}},
	} {
		open("search/")
		// "/" reaches the box from anywhere on the page.
		if err := chromedp.Do(bctx, slash); err != nil {
			t.Fatal(err)
		}
		if r := report("/"); r.Active != "search-q" {
			t.Errorf(`"/" focused %q, want the search box`, r.Active)
		}
		if err := chromedp.Do(bctx, chromedp.KeyEvent(tt.q)); err != nil {
			t.Fatalf("typing %q: %v", tt.q, err)
		}
		r := settled(tt.q)
		if len(r.Links) < len(tt.first) || !slices.Equal(r.Links[:len(tt.first)], tt.first) {
			t.Errorf("%q: results %q, want first %q", tt.q, r.Links, tt.first)
		}
		for _, u := range tt.also {
			if !slices.Contains(r.Links, u) {
				t.Errorf("%q: results %q, want %s among them", tt.q, r.Links, u)
			}
		}
		if len(r.Inside) > 0 {
			t.Errorf("%q: highlights inside longer words: %q", tt.q, r.Inside)
		}
		if r.Marks == 0 || r.Dates == 0 || r.AllList {
			t.Errorf("%q: %d words highlighted, %d results with a date, plain list shown %v; want highlights, dates, no list", tt.q, r.Marks, r.Dates, r.AllList)
		}
		// The query is in the address, so the search can be shared.
		if u, err := url.Parse(r.URL); err != nil || u.Query().Get("q") != tt.q {
			t.Errorf("%q: the address is %s, want ?q= with the query", tt.q, r.URL)
		}
		for _, e := range ev.takeErrors() {
			t.Errorf("%q: %s", tt.q, e)
		}
	}

	// Arrows move through the results; Enter opens the one focused.
	open("search/?q=" + url.QueryEscape("chuyen doi so"))
	r := settled("chuyen doi so")
	if len(r.Links) < 2 {
		t.Fatalf("a shared link opened with results %q, want at least 2", r.Links)
	}
	if err := chromedp.Do(bctx, chromedp.Focus("#search-q"), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	if got := report("arrows").Active; got != r.Links[0] {
		t.Errorf("down, down, up: focus on %q, want the first result %s", got, r.Links[0])
	}
	if err := chromedp.Do(bctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if !waitFor(bctx, `location.href === `+jsString(r.Links[1]), 5*time.Second) {
		t.Errorf("Enter on the second result did not open %s", r.Links[1])
	}

	// The box in every page's header leads to the search page with results.
	open("")
	if err := chromedp.Do(bctx, chromedp.SendKeys("#site-search-q", "746.000"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if !waitFor(bctx, `location.pathname.endsWith("/search/")`, 5*time.Second) {
		t.Fatal("the header's search box did not lead to search/")
	}
	waitFor(bctx, `document.readyState === "complete"`, 10*time.Second)
	if r := settled("746.000"); !slices.Contains(r.Links, q1) {
		t.Errorf("746.000 from the header: results %q, want %s", r.Links, q1)
	}
	for _, e := range ev.takeErrors() {
		t.Error(e)
	}
	if missing := srv.missing(); len(missing) > 0 {
		t.Errorf("the server answered 404 for: %s", strings.Join(missing, ", "))
	}
}

// slash presses "/" as a keyboard does: one keyDown that carries its text
// (chromedp.KeyEvent sends the character as an event of its own, which a
// page cannot cancel from keydown as it can a real key press).
var slash = chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
	for _, p := range []input.DispatchKeyEventParams{
		{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", UnmodifiedText: "/", WindowsVirtualKeyCode: 191},
		{Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191},
	} {
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, p); err != nil {
			return err
		}
	}
	return nil
})

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e:
			b.WriteString(`\u`)
			const hex = "0123456789abcdef"
			if r > 0xffff {
				r = 0xfffd
			}
			b.WriteByte(hex[r>>12&15])
			b.WriteByte(hex[r>>8&15])
			b.WriteByte(hex[r>>4&15])
			b.WriteByte(hex[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
