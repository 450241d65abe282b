package chart

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runNode runs src with node and returns its standard output. The test is
// skipped, saying why, when node is not installed: the generated JavaScript
// can only be executed there.
func runNode(t *testing.T, src string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the generated JavaScript is not executed (install nodejs to run this test)")
	}
	path := filepath.Join(t.TempDir(), "run.js")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, path).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("node: %v\n%s\nscript:\n%s", err, msg, src)
	}
	return string(out)
}

func TestNumberFormatterNode(t *testing.T) {
	vi, _ := DefaultFormat("vi")
	en, _ := DefaultFormat("en")
	plain := NumberFormat{Decimal: ",", Group: "."}
	tests := []struct {
		name string
		f    NumberFormat
		unit string
		in   string // a JavaScript expression
		want string
	}{
		{"zero", vi, "", "0", "0"},
		{"hundreds of thousands", vi, "", "746000", "746.000"},
		{"just under a million", vi, "", "999999", "999.999"},
		{"thousands with decimals", vi, "", "1234.5", "1.234,5"},
		{"two decimals at most", vi, "", "96.549", "96,55"},
		{"small fraction", vi, "", "0.5", "0,5"},
		{"one million", vi, "", "1e6", "1 triệu"},
		{"2.7 million", vi, "", "2700000", "2,7 triệu"},
		{"three significant digits", vi, "", "2745000", "2,75 triệu"},
		{"109 million", vi, "", "109000000", "109 triệu"},
		{"109.4 million rounds", vi, "", "109400000", "109 triệu"},
		{"1.5 billion", vi, "", "1.5e9", "1,5 tỷ"},
		{"rounding reaches the next scale", vi, "", "999900000", "1 tỷ"},
		{"trillions", vi, "", "2e12", "2 nghìn tỷ"},
		{"beyond the largest scale", vi, "", "1234e12", "1.230 nghìn tỷ"},
		{"negative millions", vi, "", "-2700000", "-2,7 triệu"},
		{"negative thousands", vi, "", "-1234.5", "-1.234,5"},
		{"negative zero after rounding", vi, "", "-0.001", "0"},
		{"share", vi, "%", "96.5", "96,5%"},
		{"unit word", vi, "hồ sơ", "2700000", "2,7 triệu hồ sơ"},
		{"gap string", vi, "", `"-"`, "-"},
		{"null", vi, "", "null", "-"},
		{"NaN", vi, "", "NaN", "-"},
		{"Infinity", vi, "", "Infinity", "-"},
		{"en thousands", en, "", "746000", "746,000"},
		{"en million", en, "", "2700000", "2.7 million"},
		{"en billion", en, "", "1.5e9", "1.5 billion"},
		{"en share", en, "%", "96.5", "96.5%"},
		{"no scales writes every digit", plain, "", "2700000", "2.700.000"},
		{"no grouping", NumberFormat{Decimal: ","}, "", "1234567.5", "1234567,5"},
		{"odd marks need no escaping", NumberFormat{Decimal: `'"\`, Group: "$&", Scales: []Scale{{1e6, "</script>"}}}, "", "1234.5", `1$&234'"\5`},
		{"odd words", NumberFormat{Decimal: ",", Group: ".", Scales: []Scale{{1e6, "</script> '\"\\"}}}, "", "2e6", `2 </script> '"\`},
	}
	var charts []harnessChart
	var probe strings.Builder
	probe.WriteString("var out = [];\n")
	for i, tt := range tests {
		f := tt.f
		f.Unit = tt.unit
		data, err := json.Marshal(map[string]any{
			"height": 100,
			"format": newFormatData(f),
			"option": map[string]any{"yAxis": []any{map[string]any{"axisLabel": map[string]any{"formatter": hookNum}}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprintf("c%d", i)
		charts = append(charts, harnessChart{ID: id, Data: string(data)})
		probe.WriteString("out.push(calls.charts[" + jsString(id) + "].option.yAxis[0].axisLabel.formatter(" + tt.in + ", 0));\n")
	}
	probe.WriteString("console.log(JSON.stringify(out));\n")
	src := harnessSource(t, charts, probe.String())
	var got []string
	if err := json.Unmarshal([]byte(runNode(t, src)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(tests) {
		t.Fatalf("got %d results for %d cases", len(got), len(tests))
	}
	for i, tt := range tests {
		if got[i] != tt.want {
			t.Errorf("%s: num(%s) with unit %q = %q, want %q", tt.name, tt.in, tt.unit, got[i], tt.want)
		}
	}
}

// chartsJS is the theme's chart start-up, which the tests run in node.
const chartsJS = "../../templates/assets/charts.js"

// harnessChart is one chart on the stand-in page: its element id and the
// text of its data block.
type harnessChart struct {
	ID   string `json:"id"`
	Data string `json:"data"`
}

// nodeHarness runs assets/charts.js in node against a stand-in for the
// browser and echarts, on a page holding the charts CHARTS, then runs
// PROBE. calls records what charts.js did: the elements it asked for, and
// per chart how it called echarts.init, the height it set, the option it
// set, and how often the chart was resized; plus the window listeners, any
// console.error and whether alert was called.
const nodeHarness = `
var CHARTS = CHARTS_JSON;
var log = console.log;
var calls = {charts: {}, listeners: [], resizers: [], errors: [], alerted: false};
globalThis.alert = function () { calls.alerted = true; };
console.error = function () { calls.errors.push(Array.prototype.join.call(arguments, " ")); };
var elements = CHARTS.map(function (c) { return {id: c.id, style: {}}; });
globalThis.document = {
  readyState: "interactive", // as when a deferred script runs
  querySelectorAll: function (sel) { calls.selector = sel; return elements; },
  getElementById: function (id) {
    for (var i = 0; i < CHARTS.length; i++) { if (CHARTS[i].id + "-data" === id) { return {textContent: CHARTS[i].data}; } }
    return null;
  },
  addEventListener: function () { throw new Error("charts.js waited for DOMContentLoaded on an interactive document"); }
};
globalThis.window = {addEventListener: function (type, fn) { calls.listeners.push(type); calls.resizers.push(fn); }};
globalThis.echarts = {
  init: function (el, theme, o) {
    var c = calls.charts[el.id] = {theme: theme, opts: o, height: el.style.height, resized: 0};
    return {setOption: function (opt) { c.option = opt; }, resize: function () { c.resized++; }};
  },
  format: {encodeHTML: function (s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }}
};
SCRIPT
calls.resizers.forEach(function (f) { f(); });
delete calls.resizers;
PROBE
`

// harnessSource is the node program that runs charts.js on charts, then
// probe.
func harnessSource(t *testing.T, charts []harnessChart, probe string) string {
	t.Helper()
	script, err := os.ReadFile(chartsJS)
	if err != nil {
		t.Fatal(err)
	}
	list, err := json.Marshal(charts)
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer("CHARTS_JSON", string(list), "SCRIPT", string(script), "PROBE", probe).Replace(nodeHarness)
}

// fragmentProbe describes one chart after charts.js drew it, and calls the
// option's formatters on sample inputs.
const fragmentProbe = `
var c = calls.charts[ID] || {}, o = c.option || {}, s0 = (o.series || [{}])[0];
function call(f) { return typeof f === "function" ? f.apply(null, Array.prototype.slice.call(arguments, 1)) : null; }
var probe = {
  axis: o.yAxis ? call(o.yAxis[0].axisLabel.formatter, 2700000) : null,
  max: o.yAxis && s0.markLine ? [call(o.yAxis[0].max, {min: 0, max: s0.markLine.data[0].yAxis / 40}), call(o.yAxis[0].max, {min: 0, max: s0.markLine.data[0].yAxis * 50})] : null,
  tip: o.tooltip ? call(o.tooltip.valueFormatter, 96.5) : null,
  tipGap: o.tooltip ? call(o.tooltip.valueFormatter, "-") : null,
  target: s0.markLine ? call(s0.markLine.label.formatter, {name: s0.markLine.data[0].name, value: s0.markLine.data[0].yAxis}) : null,
  donutLabel: s0.label ? call(s0.label.formatter, {name: "A", percent: 33.333}) : null,
  donutTip: o.tooltip ? call(o.tooltip.formatter, {marker: "*", name: "<b>&", value: 1234, percent: 12.34}) : null
};
log(JSON.stringify({calls: calls, chart: c, probe: probe}, function (k, v) { return typeof v === "function" ? "function" : v; }));
`

type harnessResult struct {
	Calls struct {
		Selector  string
		Listeners []string
		Errors    []string
		Alerted   bool
	}
	Chart struct {
		Theme   any
		Opts    map[string]string
		Height  string
		Option  map[string]any
		Resized int
	}
	Probe struct {
		Axis, Tip, TipGap, Target, DonutLabel, DonutTip *string
		Max                                             []any
	}
}

// runFragment puts f on the stand-in page, runs charts.js and probes the
// chart it drew.
func runFragment(t *testing.T, id string, f Fragment) harnessResult {
	t.Helper()
	data := blockContent(t, id, f)
	src := harnessSource(t, []harnessChart{{ID: id, Data: data}}, strings.Replace(fragmentProbe, "ID", jsString(id), 1))
	out := runNode(t, src)
	var r harnessResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return r
}

// blockContent is the text of f's data block, as the browser's
// textContent gives it: the raw characters between the tags.
func blockContent(t *testing.T, id string, f Fragment) string {
	t.Helper()
	open := `<script type="application/json" id="` + DataID(id) + `" class="chart-data">`
	body, ok := strings.CutPrefix(string(f.Data), open)
	if !ok {
		t.Fatalf("data block does not start with %s: %.80s", open, f.Data)
	}
	body, ok = strings.CutSuffix(body, "</script>")
	if !ok {
		t.Fatalf("data block does not end with </script>")
	}
	return body
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// TestScriptRunsNode runs assets/charts.js on every golden chart's data
// block: it must initialise echarts on the chart's own element with the SVG
// renderer and the chart's height, set an option whose formatters write
// the site's numbers, and resize the chart when the window does.
func TestScriptRunsNode(t *testing.T) {
	tests := []struct {
		name                        string
		axis, tip, target, donutTip string
		maxBelow, maxAbove          any // the y-axis max for data below and above the target
		donutLabel                  string
		seriesType                  string
	}{
		{name: "line_vi", seriesType: "line", axis: "2,7 triệu", tip: "96,5", target: "Mục tiêu 2025: 120 triệu", maxBelow: 150e6, maxAbove: nil},
		{name: "line_share_vi", seriesType: "line", axis: "2,7 triệu%", tip: "96,5%", target: "100%", maxBelow: 120.0, maxAbove: nil},
		{name: "bar_en", seriesType: "bar", axis: "2.7 million", tip: "96.5", target: "<nil>"},
		{name: "stacked_bar_vi", seriesType: "bar", axis: "2,7 triệu", tip: "96,5", target: "<nil>"},
		{name: "donut_vi", seriesType: "pie", axis: "<nil>", tip: "<nil>", target: "<nil>",
			donutLabel: "A: 33,3%", donutTip: "*&lt;b&gt;&amp;: 1.234 (12,3%)"},
	}
	specs := goldenSpecs(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := specs[tt.name]
			f, err := Render(spec)
			if err != nil {
				t.Fatal(err)
			}
			r := runFragment(t, spec.ID, f)
			c := r.Chart
			if r.Calls.Selector != ".chart-canvas[id]" || c.Option == nil {
				t.Fatalf("charts.js asked for %q and drew %+v; want the chart #%s drawn", r.Calls.Selector, c, spec.ID)
			}
			if len(r.Calls.Errors) > 0 || r.Calls.Alerted {
				t.Errorf("console.error: %q, alert called: %v", r.Calls.Errors, r.Calls.Alerted)
			}
			if c.Opts["renderer"] != "svg" {
				t.Errorf("renderer = %q, want svg", c.Opts["renderer"])
			}
			height := spec.Height
			if height == 0 {
				height = DefaultHeight
			}
			if want := strconv.Itoa(height) + "px"; c.Height != want {
				t.Errorf("element height set to %q, want %q", c.Height, want)
			}
			if len(r.Calls.Listeners) != 1 || r.Calls.Listeners[0] != "resize" || c.Resized != 1 {
				t.Errorf("listeners %v, resized %d times; want one resize listener that resizes", r.Calls.Listeners, c.Resized)
			}
			if c.Option["animation"] != false {
				t.Errorf("animation = %v, want false", c.Option["animation"])
			}
			aria, _ := c.Option["aria"].(map[string]any)
			label, _ := aria["label"].(map[string]any)
			if aria["enabled"] != true || label["description"] != spec.Title {
				t.Errorf("aria = %v, want enabled with the title as description", aria)
			}
			series, _ := c.Option["series"].([]any)
			if len(series) != len(spec.Series) {
				t.Fatalf("%d series, want %d", len(series), len(spec.Series))
			}
			for i, se := range series {
				m := se.(map[string]any)
				if m["type"] != tt.seriesType || m["name"] != spec.Series[i].Name {
					t.Errorf("series %d: type %v name %v; want %s %q", i, m["type"], m["name"], tt.seriesType, spec.Series[i].Name)
				}
			}
			p := r.Probe
			if got := str(p.Axis); got != tt.axis {
				t.Errorf("axis label of 2700000 = %q, want %q", got, tt.axis)
			}
			if got := str(p.Tip); got != tt.tip {
				t.Errorf("tooltip of 96.5 = %q, want %q", got, tt.tip)
			}
			if spec.Type != Donut && str(p.TipGap) != "-" {
				t.Errorf("tooltip of a gap = %q, want \"-\"", str(p.TipGap))
			}
			if got := str(p.Target); got != tt.target {
				t.Errorf("target label = %q, want %q", got, tt.target)
			}
			if spec.Target != nil {
				if len(p.Max) != 2 || p.Max[0] != tt.maxBelow || p.Max[1] != tt.maxAbove {
					t.Errorf("y max for data below/above the target = %v, want [%v %v]", p.Max, tt.maxBelow, tt.maxAbove)
				}
			}
			if spec.Type == Donut {
				if got := str(p.DonutLabel); got != tt.donutLabel {
					t.Errorf("donut label = %q, want %q", got, tt.donutLabel)
				}
				if got := str(p.DonutTip); got != tt.donutTip {
					t.Errorf("donut tooltip = %q, want %q", got, tt.donutTip)
				}
			}
		})
	}
}

// hostile strings that try to leave the <script> element, open an HTML
// comment (which changes how the script element ends), use go-echarts'
// "__f__" function marker to turn data into code, or name one of
// charts.js's hooks (or __proto__) to be turned into a function.
var hostile = []string{
	`</script><script>alert(1)</script>`,
	`<!--`,
	`<!-- <script>`,
	`</SCRIPT >`,
	`__f__alert(1)__f__`,
	`x"__f__,alert(1),__f__"`,
	"quote \" apostrophe ' backslash \\ line\u2028separator",
	`bantin-str-0`,
	"num",          // the names of charts.js's hooks stay data
	"donutTooltip", // outside the hook keys
	"__proto__",
}

func hostileSpec(typ Type) Spec {
	s := Spec{
		ID:         "evil",
		Title:      strings.Join(hostile, " | "),
		Type:       typ,
		Categories: hostile,
	}
	vals := make([]float64, len(hostile))
	for i := range vals {
		vals[i] = float64(i + 1)
	}
	n := 1
	if typ != Donut {
		n = len(hostile)
		s.Target = &Target{Value: 3, Label: hostile[0] + hostile[4]}
	}
	for i := 0; i < n; i++ {
		s.Series = append(s.Series, Series{Name: hostile[i], Values: vals})
	}
	return s
}

func TestEscaping(t *testing.T) {
	for _, typ := range []Type{Line, Bar, StackedBar, Donut} {
		t.Run(string(typ), func(t *testing.T) {
			s := hostileSpec(typ)
			f, err := Render(s)
			if err != nil {
				t.Fatal(err)
			}
			sc := strings.ToLower(string(f.Data))
			if n := strings.Count(sc, "</script"); n != 1 || !strings.HasSuffix(sc, "</script>") {
				t.Errorf("data block has %d </script, want only its closing tag", n)
			}
			if n := strings.Count(sc, "<script"); n != 1 {
				t.Errorf("data block has %d <script, want only its opening tag", n)
			}
			if strings.Contains(sc, "<!--") {
				t.Error("data block contains <!--")
			}
			body := blockContent(t, s.ID, f)
			if strings.ContainsAny(body, "<>&\u2028\u2029") {
				t.Errorf("data block content has a raw <, >, &, U+2028 or U+2029: %s", body)
			}
			if !json.Valid([]byte(body)) {
				t.Errorf("data block content is not JSON: %s", body)
			}
			if !strings.Contains(sc, "alert(1)__f__") {
				t.Error("the __f__ string was not kept as data")
			}
			el := strings.ToLower(string(f.Element))
			if strings.Contains(el, "<script") || strings.Contains(el, "</script") || strings.Contains(el, "<!--") {
				t.Errorf("element carries markup: %s", f.Element)
			}
			if strings.Count(el, "<") != 2 || strings.Count(el, ">") != 2 {
				t.Errorf("element is not one empty div: %s", f.Element)
			}

			// Run it: every string must come back exactly, as data, and no
			// alert may fire.
			r := runFragment(t, s.ID, f)
			if r.Calls.Alerted || len(r.Calls.Errors) > 0 {
				t.Fatalf("alert called: %v, console.error: %q", r.Calls.Alerted, r.Calls.Errors)
			}
			o := r.Chart.Option
			if got := o["aria"].(map[string]any)["label"].(map[string]any)["description"]; got != s.Title {
				t.Errorf("aria description = %q, want %q", got, s.Title)
			}
			series := o["series"].([]any)
			for i, se := range series {
				if got := se.(map[string]any)["name"]; got != s.Series[i].Name {
					t.Errorf("series %d name = %q, want %q", i, got, s.Series[i].Name)
				}
			}
			var cats []any
			if typ == Donut {
				for _, d := range series[0].(map[string]any)["data"].([]any) {
					cats = append(cats, d.(map[string]any)["name"])
				}
			} else {
				cats = o["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
				ml := series[0].(map[string]any)["markLine"].(map[string]any)["data"].([]any)[0].(map[string]any)
				if ml["name"] != s.Target.Label {
					t.Errorf("target label = %q, want %q", ml["name"], s.Target.Label)
				}
			}
			if len(cats) != len(s.Categories) {
				t.Fatalf("%d categories, want %d: %q", len(cats), len(s.Categories), cats)
			}
			for i, c := range cats {
				if c != s.Categories[i] {
					t.Errorf("category %d = %q, want %q", i, c, s.Categories[i])
				}
			}
		})
	}
}

// TestAriaLabelEscaped checks the element's accessible name is the title,
// HTML-escaped, for titles with quotes and markup.
func TestAriaLabelEscaped(t *testing.T) {
	tests := []struct{ title, want string }{
		{`Tỷ lệ "trực tuyến" <b>&</b>`, `aria-label="Tỷ lệ &#34;trực tuyến&#34; &lt;b&gt;&amp;&lt;/b&gt;"`},
		{`it's`, `aria-label="it&#39;s"`},
	}
	for _, tt := range tests {
		s := validSpec()
		s.Title = tt.title
		f, err := Render(s)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(f.Element), tt.want) {
			t.Errorf("element %s lacks %s", f.Element, tt.want)
		}
	}
}
