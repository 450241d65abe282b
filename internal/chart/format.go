package chart

// formatData is a NumberFormat as the chart's data block carries it to
// assets/charts.js, whose number formatter writes every value the chart
// shows (axis labels, tooltips, target label) the way the page around it
// does:
//
//   - under the smallest scale (one million) in full: digits grouped with
//     Group, at most two decimals after Decimal (746.000; 96,5);
//   - from there up, divided by the largest scale it reaches, with at most
//     three significant digits and the scale's word (2,7 triệu; 109 triệu;
//     1,5 tỷ); rounding that reaches the next scale moves to it
//     (999.999.999 → 1 tỷ);
//   - anything that is not a finite number (a gap, "-") as "-";
//
// and appends Suffix. The formatter uses no regular expressions and no
// string.replace patterns, so the marks and words are plain data.
type formatData struct {
	Decimal string      `json:"decimal"`
	Group   string      `json:"group"`
	Scales  []scaleData `json:"scales"`
	// Suffix follows every value: the unit, directly when it is "%",
	// after a space otherwise ("", "%", " hồ sơ").
	Suffix string `json:"suffix"`
}

// scaleData is one Scale, largest first in formatData.Scales.
type scaleData struct {
	Factor float64 `json:"factor"`
	Word   string  `json:"word"`
}

func newFormatData(f NumberFormat) formatData {
	d := formatData{Decimal: f.Decimal, Group: f.Group, Scales: []scaleData{}, Suffix: unitSuffix(f.Unit)}
	for _, sc := range f.Scales {
		d.Scales = append(d.Scales, scaleData{Factor: sc.Factor, Word: sc.Word})
	}
	return d
}
