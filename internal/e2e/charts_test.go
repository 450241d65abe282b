package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostPath serves a page of "another site" that embeds a chart in an
// <iframe>, the way the embed snippet under every chart does.
const hostPath = "/__embed-host.html"

// downloadsJS records the downloads assets/chart-tools.js makes: it tells
// the page of each with a "bantin:chartdownload" event.
const downloadsJS = `(() => {
  window.__downloads = [];
  document.addEventListener("bantin:chartdownload", e => window.__downloads.push(e.detail));
  return true;
})()`

type download struct {
	Chart  string `json:"chart"`
	Format string `json:"format"`
	Name   string `json:"name"`
	URL    string `json:"url"`
}

// TestChartsTravel opens a metric page in headless Chromium and checks that
// its chart can leave the site: the PNG and SVG buttons are offered (there
// is JavaScript), each produces a file that decodes as an image of the
// chart, the text alternative is printed and is the chart's accessible
// description; then it loads the chart's embed page inside an <iframe> of
// another page and checks that the chart is drawn there, with the embed's
// options applied.
func TestChartsTravel(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test takes seconds; skipped with -short")
	}
	chrome := findChrome(t)
	mem, basePath := buildSite(t)
	site := (&server{}).handler(mem, basePath)
	embedURL := basePath + "embed/metrics/lookup-requests/?type=line&from=2024-Q1"
	mux := http.NewServeMux()
	mux.HandleFunc(hostPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"></head><body>
<iframe id="embed" src="`+embedURL+`" title="chart" width="800" height="520"></iframe></body></html>`)
	})
	mux.Handle("/", site)
	srv := newServer(t, mem, basePath)
	srv.Config.Handler = mux
	siteURL := srv.URL + basePath

	ev := &events{host: strings.TrimPrefix(srv.URL, "http://")}
	bctx := launch(t, chrome, 60*time.Second, ev.listen)

	// The metric page: the issue's own sentence, from the data.
	page := siteURL + "metrics/lookup-requests/"
	if _, err := chromedp.Run(bctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	waitFor(bctx, `document.readyState === "complete"`, 10*time.Second)
	if err := scrollThrough(bctx); err != nil { // charts are drawn as they come near the screen
		t.Fatalf("%s: scrolling: %v", page, err)
	}
	type a11y struct {
		Desc, DescribedBy, DescID, ImagesHidden string
	}
	r, err := chromedp.Run(bctx, chromedp.Evaluate[a11y](`(() => {
  const el = document.querySelector(".chart-canvas");
  const p = document.querySelector(".chart-desc");
  const imgs = document.querySelector(".chart-images");
  return {Desc: p ? p.textContent : "", DescID: p ? p.id : "", DescribedBy: el ? el.getAttribute("aria-describedby") || "" : "",
    ImagesHidden: imgs ? String(imgs.hidden) : "missing"};
})()`))
	if err != nil {
		t.Fatal(err)
	}
	wantDesc := "Tăng từ khoảng 1,28 tỷ (Quý I/2023) lên hơn 1,5 tỷ (Quý I/2024), +216 triệu; thiếu số liệu 3 kỳ."
	if r.Desc != wantDesc {
		t.Errorf("text alternative %q, want %q", r.Desc, wantDesc)
	}
	if r.DescribedBy == "" || r.DescribedBy != r.DescID {
		t.Errorf("the chart is aria-describedby %q, the sentence's id is %q", r.DescribedBy, r.DescID)
	}
	if r.ImagesHidden != "false" {
		t.Errorf("the PNG/SVG buttons: hidden = %s, want shown when scripts run", r.ImagesHidden)
	}
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](downloadsJS)); err != nil {
		t.Fatal(err)
	}
	// ECharts' own aria label carries the sentence too, once drawn.
	if !waitFor(bctx, `(() => { const el = document.querySelector(".chart-canvas"); return typeof echarts !== "undefined" && !!echarts.getInstanceByDom(el) && (el.getAttribute("aria-label") || "").includes("+216 triệu"); })()`, 10*time.Second) {
		t.Error("the drawn chart's aria-label does not carry the text alternative")
	}

	for i, format := range []string{"png", "svg"} {
		if _, err := chromedp.Run(bctx, chromedp.Click(`button.chart-dl[data-format="`+format+`"]`)); err != nil {
			t.Fatalf("clicking %s: %v", format, err)
		}
		if !waitFor(bctx, `window.__downloads.length > `+string(rune('0'+i)), 10*time.Second) {
			t.Fatalf("%s: no download after the click", format)
		}
		dls, err := chromedp.Run(bctx, chromedp.Evaluate[[]download](`window.__downloads`))
		if err != nil {
			t.Fatal(err)
		}
		d := dls[i]
		if d.Format != format || d.Name != "lookup-requests."+format {
			t.Errorf("%s: download %q as %q", format, d.Format, d.Name)
		}
		checkImage(t, format, d.URL)
	}

	// The embed page inside an iframe of another page: drawn, narrowed
	// to 2024-Q1 and drawn as a line, as its query asks.
	if _, err := chromedp.Run(bctx, chromedp.Navigate(srv.URL+hostPath)); err != nil {
		t.Fatal(err)
	}
	waitFor(bctx, `document.readyState === "complete"`, 10*time.Second)
	frameChart := `(() => { const w = document.getElementById("embed").contentWindow; const d = w.document;
  const el = d.querySelector(".chart-canvas"); if (!el || !w.echarts) return null; const c = w.echarts.getInstanceByDom(el); if (!c) return null;
  const svg = el.querySelector("svg"); const b = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  const o = c.getOption();
  return {w: b.width, h: b.height, cats: o.xAxis[0].data, type: o.series[0].type, header: !!d.querySelector(".site-header"),
    back: [...d.querySelectorAll("a")].some(a => a.href.endsWith("/metrics/lookup-requests/")), desc: (d.querySelector(".chart-desc") || {}).textContent || ""}; })()`
	if !waitFor(bctx, frameChart+` !== null`, 15*time.Second) {
		t.Fatal("the embed page drew no chart inside the iframe")
	}
	type frame struct {
		W, H   float64
		Cats   []string
		Type   string
		Header bool
		Back   bool
		Desc   string
	}
	f, err := chromedp.Run(bctx, chromedp.Evaluate[frame](frameChart))
	if err != nil {
		t.Fatal(err)
	}
	if f.W <= 0 || f.H <= 0 {
		t.Errorf("embed: the chart is %gx%g px", f.W, f.H)
	}
	if strings.Join(f.Cats, "|") != "Quý I/2024" || f.Type != "line" {
		t.Errorf("embed ?type=line&from=2024-Q1: categories %q, type %q; want [Quý I/2024], line", f.Cats, f.Type)
	}
	if f.Header {
		t.Error("embed: the page has the site's header")
	}
	if !f.Back {
		t.Error("embed: no link back to the metric's page")
	}
	if f.Desc != wantDesc {
		t.Errorf("embed: text alternative %q, want %q", f.Desc, wantDesc)
	}
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[chromedp.Void](`0`)); err != nil {
		t.Fatal(err)
	}
	for _, e := range ev.takeErrors() {
		t.Error(e)
	}
}

// checkImage decodes a downloaded data URL: a PNG must decode as a PNG
// image of a real size, an SVG must be an <svg> document that shows the
// chart's axis labels written the page's way.
func checkImage(t *testing.T, format, dataURL string) {
	t.Helper()
	head, body, ok := strings.Cut(dataURL, ",")
	if !ok || !strings.HasPrefix(head, "data:image/") {
		t.Fatalf("%s: not an image data URL: %.60q", format, dataURL)
	}
	var b []byte
	var err error
	if strings.HasSuffix(head, ";base64") {
		b, err = base64.StdEncoding.DecodeString(body)
	} else {
		var s string
		s, err = url.PathUnescape(body)
		b = []byte(s)
	}
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	switch format {
	case "png":
		if head != "data:image/png;base64" {
			t.Errorf("png: type %q", head)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("png: %v", err)
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Fatalf("png: %v", err)
		}
		if cfg.Width < 200 || cfg.Height < 100 {
			t.Errorf("png: %dx%d px, want a chart-sized image", cfg.Width, cfg.Height)
		}
	case "svg":
		if !strings.HasPrefix(head, "data:image/svg+xml") {
			t.Errorf("svg: type %q", head)
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		var root string
		var texts []string
		inText := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("svg: not well-formed XML: %v", err)
			}
			switch tk := tok.(type) {
			case xml.StartElement:
				if root == "" {
					root = tk.Name.Local
				}
				inText = tk.Name.Local == "text"
			case xml.CharData:
				if inText {
					texts = append(texts, strings.TrimSpace(string(tk)))
				}
			case xml.EndElement:
				inText = false
			}
		}
		if root != "svg" {
			t.Errorf("svg: root element <%s>", root)
		}
		if !strings.Contains(strings.Join(texts, "|"), "Quý I/2024") {
			t.Errorf("svg: no axis label Quý I/2024 among the texts %q", texts)
		}
	}
}
