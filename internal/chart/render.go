package chart

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
)

// Render draws s as an HTML fragment. It returns an error, listing every
// problem on one line, when s is not drawable: a bad id, no title, values
// that do not match the categories, a non-finite value not marked missing,
// a colour that is not a plain CSS colour, a target on a donut.
//
// How it is built: go-echarts (v2.6.7) makes the ECharts option; Render
// takes the option out of RenderSnippet's script and writes its own
// element and script around it, because the library's snippet has a
// random-free but bare element (no accessible name, a fixed wrapper div),
// declares global `let` variables (a second chart with the same id on a
// page would be a SyntaxError) and cannot resize. No content string is
// given to go-echarts: each goes in as a placeholder and is put back
// afterwards as an HTML-safe JSON string, so neither the missing HTML
// escaping nor go-echarts' "__f__" function marker can be reached.
func Render(s Spec) (Fragment, error) {
	s, err := normalize(s)
	if err != nil {
		return Fragment{}, err
	}
	st := &strTable{}
	option, err := echartsOption(s, st)
	if err != nil {
		return Fragment{}, fmt.Errorf("chart %q: %w", s.ID, err)
	}
	option, err = st.restore(option)
	if err != nil {
		return Fragment{}, fmt.Errorf("chart %q: %w", s.ID, err)
	}
	script := wrapScript(s, option)
	if err := checkScript(script); err != nil {
		return Fragment{}, fmt.Errorf("chart %q: %w", s.ID, err)
	}
	return Fragment{
		Element: element(s),
		Script:  template.HTML("<script>\n" + script + "</script>"),
	}, nil
}

// element is the chart's container: full width, fixed height, and named
// for assistive technology even before (or without) JavaScript. ECharts'
// aria module later sets the same role and name on it.
func element(s Spec) template.HTML {
	return template.HTML(fmt.Sprintf(
		`<div id="%s" class="chart-canvas" role="img" aria-label="%s" style="width:100%%;height:%dpx"></div>`,
		s.ID, template.HTMLEscapeString(s.Title), s.Height))
}

// JavaScript hooks put into the option with opts.FuncOpts. go-echarts
// stores them as JSON strings and strips the quotes when rendering, so
// they must contain no double quote, backslash or line break: they only
// call the helpers wrapScript defines (num, pct, ceil), where the number
// format itself lives.
const (
	jsNum          = "function (v) { return num(v); }"
	jsTargetLabel  = "function (p) { return (p.name ? p.name + ': ' : '') + num(p.value); }"
	jsDonutLabel   = "function (p) { return p.name + ': ' + pct(p.percent); }"
	jsDonutTooltip = "function (p) { return p.marker + echarts.format.encodeHTML(p.name) + ': ' + num(p.value) + ' (' + pct(p.percent) + ')'; }"
	// targetColor is the target line's colour: a neutral dark grey, so the
	// line is not taken for a series of the palette.
	targetColor = "#424242"
)

// echartsOption builds the chart with go-echarts and returns the option
// object literal (JavaScript) from its RenderSnippet script. Content
// strings are replaced by placeholders from st.
func echartsOption(s Spec, st *strTable) (string, error) {
	colors := s.Colors
	if len(colors) == 0 {
		colors = sitePalette()
	}
	legend := opts.Legend{Show: opts.Bool(len(s.Series) > 1 || s.Type == Donut)}
	if s.Type == Donut {
		legend.Bottom = "0"
	} else {
		legend.Top = "0"
	}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			ChartID:  s.ID,
			Width:    "100%",
			Height:   strconv.Itoa(s.Height) + "px",
			Renderer: "svg",
		}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(colors),
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: st.add(s.Title)},
		}),
		charts.WithLegendOpts(legend),
	}

	var snippet render.ChartSnippet
	switch s.Type {
	case Donut:
		global = append(global, charts.WithTooltipOpts(opts.Tooltip{
			Trigger:   "item",
			Formatter: opts.FuncOpts(jsDonutTooltip),
		}))
		se := s.Series[0]
		data := make([]opts.PieData, len(s.Categories))
		for j, c := range s.Categories {
			data[j] = opts.PieData{Name: st.add(c), Value: value(se, j)}
		}
		pie := charts.NewPie()
		pie.SetGlobalOptions(global...)
		pie.AddSeries(st.add(se.Name), data,
			charts.WithPieChartOpts(opts.PieChart{
				Radius: []string{"45%", "70%"},
				Center: []string{"50%", "45%"},
			}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: string(opts.FuncOpts(jsDonutLabel))}),
		)
		snippet = pie.RenderSnippet()

	case Line, Bar, StackedBar:
		pointer := "line"
		if s.Type != Line {
			pointer = "shadow"
		}
		top := "24"
		if len(s.Series) > 1 {
			top = "40"
		}
		yAxis := opts.YAxis{
			Type:      "value",
			AxisLabel: &opts.AxisLabel{Formatter: opts.FuncOpts(jsNum)},
		}
		if s.Target != nil {
			// Stretch the axis to the target when the data stay below it
			// (ECharts does not count mark lines in the axis extent).
			t := jsNumber(s.Target.Value)
			yAxis.Max = opts.FuncOpts("function (e) { return e.max < " + t + " ? ceil(" + t + ") : null; }")
		}
		categories := make([]string, len(s.Categories))
		for j, c := range s.Categories {
			categories[j] = st.add(c)
		}
		global = append(global,
			charts.WithTooltipOpts(opts.Tooltip{
				Trigger:        "axis",
				ValueFormatter: opts.FuncOpts(jsNum),
				AxisPointer:    &opts.AxisPointer{Type: pointer},
			}),
			charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: top, Bottom: "8", ContainLabel: opts.Bool(true)}),
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			charts.WithYAxisOpts(yAxis),
		)
		if s.Type == Line {
			line := charts.NewLine()
			line.SetGlobalOptions(global...)
			line.SetXAxis(categories)
			for i, se := range s.Series {
				data := make([]opts.LineData, len(se.Values))
				for j := range se.Values {
					data[j] = opts.LineData{Value: value(se, j)}
				}
				so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{
					Symbol:       "circle",
					SymbolSize:   6,
					ShowSymbol:   opts.Bool(true),
					ConnectNulls: opts.Bool(false),
				})}
				if se.Color != "" {
					so = append(so,
						charts.WithItemStyleOpts(opts.ItemStyle{Color: se.Color}),
						charts.WithLineStyleOpts(opts.LineStyle{Color: se.Color}))
				}
				if i == 0 {
					so = append(so, targetOpts(s, st)...)
				}
				line.AddSeries(st.add(se.Name), data, so...)
			}
			snippet = line.RenderSnippet()
		} else {
			bar := charts.NewBar()
			bar.SetGlobalOptions(global...)
			bar.SetXAxis(categories)
			for i, se := range s.Series {
				data := make([]opts.BarData, len(se.Values))
				for j := range se.Values {
					data[j] = opts.BarData{Value: value(se, j)}
				}
				bc := opts.BarChart{}
				if s.Type == StackedBar {
					bc.Stack = "total"
				}
				so := []charts.SeriesOpts{
					charts.WithBarChartOpts(bc),
					charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.BarMaxWidth = "48" }),
				}
				if se.Color != "" {
					so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: se.Color}))
				}
				if i == 0 {
					so = append(so, targetOpts(s, st)...)
				}
				bar.AddSeries(st.add(se.Name), data, so...)
			}
			snippet = bar.RenderSnippet()
		}
	default:
		return "", fmt.Errorf("unknown type %q", s.Type)
	}
	return extractOption(snippet.Script, s.ID)
}

// targetOpts draws s.Target, if any, as a dashed horizontal mark line.
func targetOpts(s Spec, st *strTable) []charts.SeriesOpts {
	if s.Target == nil {
		return nil
	}
	return []charts.SeriesOpts{
		charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{
			Name:  st.add(s.Target.Label),
			YAxis: s.Target.Value,
		}),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol: []string{"none", "none"},
			Label: &opts.Label{
				Show:      opts.Bool(true),
				Position:  "insideEndTop",
				Color:     targetColor,
				Formatter: string(opts.FuncOpts(jsTargetLabel)),
			},
			LineStyle: &opts.LineStyle{Color: targetColor, Type: "dashed", Width: 1.5},
		}),
	}
}

// value is the data value of se at j: the number, or "-", which ECharts
// reads as "no value" (a gap in a line, no bar, no slice), never as 0.
func value(se Series, j int) any {
	if se.missing(j) {
		return "-"
	}
	return se.Values[j]
}

// extractOption takes the option object literal out of the script that
// go-echarts v2.6.7's RenderSnippet writes:
//
//	<script type="text/javascript">
//	    "use strict";
//	    let goecharts_ID = echarts.init(document.getElementById('ID'), "white", { renderer: "svg" });
//	    let option_ID = {...}
//
//	    goecharts_ID.setOption(option_ID);
//	</script>
//
// The option there already has the FuncOpts hooks turned into code. If a
// go-echarts upgrade changes that shape, Render fails here (and the golden
// tests show the change) rather than writing a broken script.
func extractOption(script, id string) (string, error) {
	start := "let option_" + id + " = "
	end := "goecharts_" + id + ".setOption(option_" + id + ");"
	i := strings.Index(script, start)
	j := strings.Index(script, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("internal: unexpected go-echarts snippet (no option for %s)", id)
	}
	option := strings.TrimSpace(script[i+len(start) : j])
	if !strings.HasPrefix(option, "{") || !strings.HasSuffix(option, "}") {
		return "", fmt.Errorf("internal: unexpected go-echarts option for %s", id)
	}
	return option, nil
}

// wrapScript writes the chart's script body: a function scope (no globals,
// so ids cannot clash as variables), the number-format helpers the option's
// hooks call, echarts.init on the element (SVG renderer: crisp when printed
// or zoomed), the option, and a resize listener.
func wrapScript(s Spec, option string) string {
	var b strings.Builder
	b.WriteString("(function () {\n\"use strict\";\n")
	b.WriteString("var el = document.getElementById(" + jsString(s.ID) + ");\n")
	b.WriteString("if (!el || typeof echarts === \"undefined\") { return; }\n")
	b.WriteString("var fmt = " + numberJS(s.Format) + ";\n")
	b.WriteString("var num = function (v) { return fmt(v, " + jsString(unitSuffix(s.Format.Unit)) + "); };\n")
	if s.Type == Donut {
		b.WriteString("var pct = function (v) { return typeof v === \"number\" ? fmt(Math.round(v * 10) / 10, \"%\") : \"-\"; };\n")
	}
	if s.Target != nil {
		b.WriteString(ceilJS)
	}
	b.WriteString("var chart = echarts.init(el, null, {renderer: \"svg\", locale: \"EN\"});\n")
	b.WriteString("chart.setOption(" + option + ");\n")
	b.WriteString("window.addEventListener(\"resize\", function () { chart.resize(); });\n")
	b.WriteString("}());\n")
	return b.String()
}

// ceilJS rounds an axis maximum up to a round number (1, 1.2, 1.5, 2, 2.5,
// 3, 4, 5, 6, 8 times a power of ten) with 5% headroom, so a target above
// the data sits inside the chart with a readable top label.
const ceilJS = `var ceil = function (x) {
  if (!(x > 0)) { return x; }
  x = x * 1.05;
  var p = Math.pow(10, Math.floor(Math.log10(x))), n = [10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100], i;
  for (i = 0; i < n.length; i++) { if (n[i] * p / 10 >= x) { return n[i] * p / 10; } }
  return 10 * p;
};
`

// unitSuffix is what follows a formatted number: "%" directly, any other
// unit after a space.
func unitSuffix(unit string) string {
	switch unit {
	case "":
		return ""
	case "%":
		return "%"
	}
	return " " + unit
}

// jsString writes s as a JavaScript string literal that is also safe inside
// an HTML <script>: JSON with <, > and & escaped (\u003c...), and U+2028 and
// U+2029 escaped, which encoding/json does.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil { // unreachable for a string
		return `""`
	}
	return string(b)
}

// jsNumber writes a finite float as a JavaScript number literal.
func jsNumber(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// checkScript refuses a script body that could end or confuse the <script>
// element: "</" (as in </script>), "<!--" and "<script" may not occur at
// all. Content strings never produce them (they are JSON-escaped); this is
// the last guard should a future change let one through.
func checkScript(body string) error {
	lower := strings.ToLower(body)
	for _, bad := range []string{"</", "<!--", "<script"} {
		if strings.Contains(lower, bad) {
			return fmt.Errorf("internal: script would contain %q", bad)
		}
	}
	return nil
}
