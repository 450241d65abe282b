package chart

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Render draws s as an HTML fragment. It returns an error, listing every
// problem on one line, when s is not drawable: a bad id, no title, values
// that do not match the categories, a non-finite value not marked missing,
// a colour that is not a plain CSS colour, a target on a donut.
//
// How it is built: go-echarts (v2.6.7) makes the ECharts option, which
// Render takes as JSON (JSONNotEscaped) and writes, with the chart's height
// and number format, into a <script type="application/json"> block that
// the theme's assets/charts.js reads. Nothing of it is executed: the pages'
// Content-Security-Policy allows no inline script, and the option's
// formatters are names ("num") that charts.js maps to its own functions.
// No content string is given to go-echarts: each goes in as a placeholder
// and is put back afterwards as an HTML-safe JSON string, and the whole
// block is HTML-escaped JSON, so it holds no '<' at all and no title can
// write </script> or <!--.
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
	data, err := dataJSON(s, option)
	if err != nil {
		return Fragment{}, fmt.Errorf("chart %q: %w", s.ID, err)
	}
	return Fragment{
		Element: element(s),
		Data: template.HTML(`<script type="application/json" id="` + DataID(s.ID) + `" class="chart-data">` +
			data + "</script>"),
	}, nil
}

// DataID is the id of the data block of the chart whose element has id
// id. Chart ids never contain '-', so it cannot clash with another chart.
func DataID(id string) string { return id + "-data" }

// element is the chart's container, named for assistive technology even
// before (or without) JavaScript. Its width (100%) and default height
// (DefaultHeight) come from the theme's style sheet; charts.js sets the
// chart's own height before drawing. ECharts' aria module later sets the
// same role and name on it.
//
// With a Description, the element also points at the paragraph that prints
// it (aria-describedby="ID-desc"): the caller prints it, see DescID.
func element(s Spec) template.HTML {
	described := ""
	if s.Description != "" {
		described = ` aria-describedby="` + DescID(s.ID) + `"`
	}
	return template.HTML(fmt.Sprintf(
		`<div id="%s" class="chart-canvas" role="img" aria-label="%s"%s></div>`,
		s.ID, template.HTMLEscapeString(s.Title), described))
}

// ariaText is what ECharts' aria module writes as the chart's label once
// it draws: the title, and the description when there is one.
func ariaText(s Spec) string {
	if s.Description == "" {
		return s.Title
	}
	return strings.TrimRight(s.Title, ".") + ". " + s.Description
}

// timeLabel is the time axis' label template (ECharts' own placeholders,
// a string, so no code): the day the way the page writes dates, "09/4/2024"
// (vi; ECharts has no "01 and 02 only" month, so January reads "1") or
// "9 Apr 2024" (en).
func timeLabel(lang string) string {
	if lang == "en" {
		return "{d} {MMM} {yyyy}"
	}
	return "{dd}/{M}/{yyyy}"
}

// Names of the functions assets/charts.js puts in place of the option's
// formatter strings. charts.js replaces a string only under the keys
// "formatter", "valueFormatter" and "max", where the option never holds
// content, and only these names; the number format itself travels in the
// data block (see formatData).
const (
	hookNum          = "num"          // a value in the site's format, with the unit
	hookTargetLabel  = "targetLabel"  // "Label: value" on the target line
	hookTargetMax    = "targetMax"    // y-axis max: the target, rounded up, when the data stay below it
	hookDonutLabel   = "donutLabel"   // "Name: 33,3%"
	hookDonutTooltip = "donutTooltip" // "Name: 1.234 (12,3%)", name HTML-escaped
	// targetColor is the target line's colour: a neutral dark grey, so the
	// line is not taken for a series of the palette.
	targetColor = "#424242"
)

// dataPayload is what the data block holds; charts.js reads it.
type dataPayload struct {
	Height int             `json:"height"`
	Format formatData      `json:"format"`
	Target *float64        `json:"target,omitempty"`
	Option json.RawMessage `json:"option"`
	// Keys are the categories as machines name them (Spec.Keys).
	Keys []string `json:"keys,omitempty"`
}

// dataJSON writes the data block's JSON. encoding/json escapes <, >, &,
// U+2028 and U+2029 in every string (the option's too, as a RawMessage),
// so the text has no '<': checked, as the last guard should a future change
// let one through.
func dataJSON(s Spec, option string) (string, error) {
	p := dataPayload{Height: s.Height, Format: newFormatData(s.Format), Option: json.RawMessage(option), Keys: s.Keys}
	if s.Target != nil {
		t := s.Target.Value
		p.Target = &t
	}
	b, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("internal: writing the chart data: %w", err)
	}
	if i := strings.IndexByte(string(b), '<'); i >= 0 {
		return "", fmt.Errorf("internal: chart data would contain '<' at byte %d", i)
	}
	return string(b), nil
}

// echartsOption builds the chart with go-echarts and returns its option as
// JSON. Content strings are replaced by placeholders from st.
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
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: st.add(ariaText(s))},
		}),
		charts.WithLegendOpts(legend),
	}

	var option template.HTML
	switch s.Type {
	case Donut:
		global = append(global, charts.WithTooltipOpts(opts.Tooltip{
			Trigger:   "item",
			Formatter: types.FuncStr(hookDonutTooltip),
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
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: hookDonutLabel}),
		)
		pie.Validate()
		option = pie.JSONNotEscaped()

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
			AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(hookNum)},
		}
		if s.Target != nil {
			// Stretch the axis to the target when the data stay below it
			// (ECharts does not count mark lines in the axis extent).
			yAxis.Max = hookTargetMax
		}
		categories := make([]string, len(s.Categories))
		xAxis := opts.XAxis{Type: "category"}
		if s.Time {
			// Days are checked YYYY-MM-DD (normalize): no placeholder needed.
			copy(categories, s.Categories)
			xAxis = opts.XAxis{Type: "time", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(timeLabel(s.Lang)), HideOverlap: opts.Bool(true)}}
		} else {
			for j, c := range s.Categories {
				categories[j] = st.add(c)
			}
		}
		global = append(global,
			charts.WithTooltipOpts(opts.Tooltip{
				Trigger:        "axis",
				ValueFormatter: types.FuncStr(hookNum),
				AxisPointer:    &opts.AxisPointer{Type: pointer},
			}),
			charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: top, Bottom: "8", ContainLabel: opts.Bool(true)}),
			charts.WithXAxisOpts(xAxis),
			charts.WithYAxisOpts(yAxis),
		)
		if s.Type == Line {
			line := charts.NewLine()
			line.SetGlobalOptions(global...)
			if !s.Time {
				line.SetXAxis(categories)
			}
			for i, se := range s.Series {
				data := make([]opts.LineData, len(se.Values))
				for j := range se.Values {
					if s.Time {
						// A point of a time axis is [day, value].
						data[j] = opts.LineData{Value: []any{categories[j], value(se, j)}}
					} else {
						data[j] = opts.LineData{Value: value(se, j)}
					}
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
			line.Validate()
			option = line.JSONNotEscaped()
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
			bar.Validate()
			option = bar.JSONNotEscaped()
		}
	default:
		return "", fmt.Errorf("unknown type %q", s.Type)
	}
	return checkOption(string(option))
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
				Formatter: hookTargetLabel,
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

// checkOption makes sure go-echarts gave a JSON object: if an upgrade
// changes that, Render fails here (and the golden tests show the change)
// rather than writing a block charts.js cannot read.
func checkOption(option string) (string, error) {
	option = strings.TrimSpace(option)
	if !strings.HasPrefix(option, "{") || !json.Valid([]byte(option)) {
		return "", fmt.Errorf("internal: go-echarts gave no JSON object for the option")
	}
	return option, nil
}

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

// jsString writes s as a JSON string literal that is also safe inside an
// HTML <script>: <, > and & escaped (\u003c...), and U+2028 and U+2029
// escaped, which encoding/json does.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil { // unreachable for a string
		return `""`
	}
	return string(b)
}
