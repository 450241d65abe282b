package e2e

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A4 in PostScript points, as Chromium writes it in a page's /MediaBox.
const (
	a4Width  = 595.28
	a4Height = 841.89
)

// printCase is one page to print.
type printCase struct {
	rel   string // site-relative URL
	title string // text the printed page must hold (its title)
	// minPages and maxPages bound the PDF's page count: a bulletin that
	// prints on one page has lost its figures, one that prints on many more
	// than its text needs has blank or clipped pages.
	minPages, maxPages int
	// external, when set, is a host an external link of the page goes to:
	// its URL must be printed after the link.
	external string
}

// printReport is what a page shows with print media emulated: what is
// hidden, what is shown after external links, and its figures' texts.
type printReport struct {
	NavShown    []string `json:"navShown"`    // visible elements that are the screen's only
	After       []string `json:"after"`       // ::after content of external links
	Hrefs       []string `json:"hrefs"`       // their hrefs, in the same order
	Captions    []string `json:"captions"`    // figure captions
	ChartTexts  []string `json:"chartTexts"`  // texts drawn in the charts' SVG
	TableCells  []string `json:"tableCells"`  // a few cells of the figures' tables
	FiguresShow bool     `json:"figuresShow"` // every figure and its table is displayed
}

const printReportJS = `(() => {
  const shown = el => { const s = getComputedStyle(el); return s.display !== "none" && s.visibility !== "hidden"; };
  const navShown = [...document.querySelectorAll(".site-header nav, .skip, form[role=search], input[type=search], .pager, .sort-links")]
    .filter(shown).map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  const ext = [...document.querySelectorAll("main a[href^='http']")];
  const figs = [...document.querySelectorAll("main figure")];
  return {
    navShown: navShown,
    after: ext.map(a => getComputedStyle(a, "::after").content),
    hrefs: ext.map(a => a.getAttribute("href")),
    captions: figs.map(f => (f.querySelector("figcaption") || {textContent: ""}).textContent.trim()),
    chartTexts: [...document.querySelectorAll("main .chart-canvas svg text")].map(x => x.textContent.trim()).filter(x => /\d/.test(x)),
    tableCells: [...document.querySelectorAll("main figure table td")].slice(0, 3).map(x => x.textContent.trim()),
    figuresShow: figs.length > 0 && figs.every(f => shown(f) && [...f.querySelectorAll("table")].every(shown)),
  };
})()`

// TestPrint prints the example bulletin and a metric page to PDF with
// headless Chromium, as a reader's "Print → Save as PDF" does, and checks
// the print stylesheet (templates/assets/print.css): every page of the PDF
// is A4, the page count is in bounds, and with print media the navigation,
// skip link, search box and pagers are hidden, each external link is
// followed by its URL, and the figures (chart and table) are shown. When
// pdftotext (Debian's poppler-utils; .ci/run installs it) is present, the
// PDF's own text must hold the title, a figure's caption, a number drawn in
// its chart, a cell of its table and the external link's host, and not the
// navigation; without it, that part is skipped, saying so, and the DOM
// checks above still run.
func TestPrint(t *testing.T) {
	if testing.Short() {
		t.Skip("the print test takes seconds; skipped with -short")
	}
	chrome := findChrome(t)
	mem, basePath := buildSite(t)
	srv := newServer(t, mem, basePath)
	siteURL := srv.URL + basePath
	cases := []printCase{
		{rel: findArticle(t, mem, "quy-i-2024"), title: "Ban Chỉ đạo chuyển đổi số Bộ Công an đánh giá kết quả quý I/2024",
			minPages: 2, maxPages: 8},
		{rel: "metrics/lookup-requests/", title: "Yêu cầu tra cứu, xác thực thông tin", minPages: 1, maxPages: 4, external: "https://bocongan.gov.vn/"},
	}
	pdftotext, _ := exec.LookPath("pdftotext")
	if pdftotext == "" {
		t.Log("no pdftotext: the PDFs' text is not read (install Debian's poppler-utils; .ci/run does); the print-media DOM is checked instead")
	}

	// A desktop window (launch's): charts are drawn at its width, then printed.
	bctx := launch(t, chrome, 90*time.Second, nil)

	for _, c := range cases {
		t.Run(strings.Trim(c.rel, "/"), func(t *testing.T) {
			if err := chromedp.Do(bctx, chromedp.Navigate(siteURL+c.rel)); err != nil {
				t.Fatalf("opening %s: %v", c.rel, err)
			}
			// Charts are drawn as they come near the screen: scroll.
			waitFor(bctx, `document.readyState === "complete"`, 10*time.Second)
			if err := scrollThrough(bctx); err != nil {
				t.Fatalf("%s: scrolling: %v", c.rel, err)
			}
			if !waitFor(bctx, drawnJS, 20*time.Second) {
				t.Fatalf("%s: the charts were not drawn", c.rel)
			}
			yes := true
			printed, err := chromedp.Run(bctx, func(ctx context.Context, tg *chromedp.Target) (page.PrintToPDFResult, error) {
				return cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
			})
			if err != nil {
				t.Fatalf("printing %s: %v", c.rel, err)
			}
			pdf := printed.Data
			media := func(m string) chromedp.Action[chromedp.Void] {
				return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
					return err
				})
			}
			if err := chromedp.Do(bctx, media("print")); err != nil {
				t.Fatalf("emulating print media: %v", err)
			}
			rep, err := chromedp.Run(bctx, chromedp.Evaluate[printReport](printReportJS))
			if err != nil {
				t.Fatalf("%s with print media: %v", c.rel, err)
			}
			if err := chromedp.Do(bctx, media("")); err != nil {
				t.Fatalf("ending print media: %v", err)
			}
			checkPDFPages(t, pdf, c)
			checkPrintDOM(t, rep, c)
			if pdftotext != "" {
				checkPDFText(t, pdftotext, pdf, rep, c)
			}
		})
	}
}

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page\b[^s]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`)
)

// checkPDFPages reads the page objects of Chromium's PDF (Skia writes
// them uncompressed): their number, and each one's size.
func checkPDFPages(t *testing.T, pdf []byte, c printCase) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("%s: the print is not a PDF (%d bytes)", c.rel, len(pdf))
	}
	pages := len(pdfPage.FindAll(pdf, -1))
	t.Logf("%s prints on %d A4 pages", c.rel, pages)
	if pages < c.minPages || pages > c.maxPages {
		t.Errorf("%s prints on %d pages, want %d to %d", c.rel, pages, c.minPages, c.maxPages)
	}
	boxes := pdfMediaBox.FindAllSubmatch(pdf, -1)
	if len(boxes) == 0 {
		t.Fatalf("%s: no /MediaBox in the PDF", c.rel)
	}
	for _, b := range boxes {
		x0, _ := strconv.ParseFloat(string(b[1]), 64)
		y0, _ := strconv.ParseFloat(string(b[2]), 64)
		x1, _ := strconv.ParseFloat(string(b[3]), 64)
		y1, _ := strconv.ParseFloat(string(b[4]), 64)
		if w, h := x1-x0, y1-y0; math.Abs(w-a4Width) > 1.5 || math.Abs(h-a4Height) > 1.5 {
			t.Errorf("%s: a page is %.1f × %.1f pt, want A4 (%.1f × %.1f)", c.rel, w, h, a4Width, a4Height)
			break
		}
	}
}

func checkPrintDOM(t *testing.T, rep printReport, c printCase) {
	t.Helper()
	if len(rep.NavShown) > 0 {
		t.Errorf("%s: printed with the screen's navigation: %v", c.rel, rep.NavShown)
	}
	if !rep.FiguresShow || len(rep.Captions) == 0 {
		t.Errorf("%s: the figures or their tables are hidden in print (%d figures)", c.rel, len(rep.Captions))
	}
	if c.external != "" {
		found := false
		for i, h := range rep.Hrefs {
			if strings.Contains(h, c.external) {
				found = true
				if !strings.Contains(rep.After[i], h) {
					t.Errorf("%s: the link to %s prints without its URL (::after is %s)", c.rel, h, rep.After[i])
				}
			}
		}
		if !found {
			t.Errorf("%s: no link to %s (links: %v)", c.rel, c.external, rep.Hrefs)
		}
	}
}

// checkPDFText reads the PDF's text with pdftotext and looks for what the
// page printed: white space is folded, since lines wrap where the page does.
func checkPDFText(t *testing.T, pdftotext string, pdf []byte, rep printReport, c printCase) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "page.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	want := []string{c.title}
	if len(rep.Captions) > 0 {
		want = append(want, rep.Captions[0])
	}
	if len(rep.ChartTexts) > 0 {
		want = append(want, rep.ChartTexts[0]) // drawn in the chart's SVG: the chart printed as drawn
	}
	if len(rep.TableCells) > 0 {
		want = append(want, rep.TableCells[0])
	}
	if c.external != "" {
		want = append(want, c.external)
	}
	for _, w := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("%s: the PDF's text lacks %q", c.rel, w)
		}
	}
	for _, nav := range []string{"Bỏ qua, đến nội dung chính", "Bản tin Kế hoạch Chỉ số Chủ đề"} {
		if strings.Contains(text, nav) {
			t.Errorf("%s: the PDF carries the navigation (%q)", c.rel, nav)
		}
	}
	if testing.Verbose() {
		t.Logf("%s: PDF text begins %q", c.rel, text[:min(len(text), 300)])
	}
}
