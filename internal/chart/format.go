package chart

import (
	"strings"
)

// numberJS returns a JavaScript function expression fmt(v, u) that writes
// the number v the way f says and appends the suffix u. It is what the
// chart's axis labels, tooltips and target label call, so the chart reads
// like the page around it:
//
//   - under the smallest scale (one million) in full: digits grouped with
//     f.Group, at most two decimals after f.Decimal (746.000; 96,5);
//   - from there up, divided by the largest scale it reaches, with at most
//     three significant digits and the scale's word (2,7 triệu; 109 triệu;
//     1,5 tỷ); rounding that reaches the next scale moves to it
//     (999.999.999 → 1 tỷ);
//   - anything that is not a finite number (a gap, "-") as "-".
//
// It uses no regular expressions and no string.replace patterns, so the
// marks and words need no escaping beyond a JSON string literal.
func numberJS(f NumberFormat) string {
	var scales strings.Builder
	scales.WriteByte('[')
	for i, sc := range f.Scales {
		if i > 0 {
			scales.WriteString(", ")
		}
		scales.WriteString("[" + jsNumber(sc.Factor) + ", " + jsString(sc.Word) + "]")
	}
	scales.WriteByte(']')
	return strings.NewReplacer(
		"SCALES", scales.String(),
		"DECIMAL", jsString(f.Decimal),
		"GROUP", jsString(f.Group),
	).Replace(numberJSTemplate)
}

const numberJSTemplate = `function (v, u) {
  if (typeof v !== "number" || !isFinite(v)) { return "-"; }
  var S = SCALES, D = DECIMAL, G = GROUP;
  var a = Math.abs(v), w = "", d = 2, s, i, ip, fp, g;
  if (S.length && a >= S[S.length - 1][0]) {
    a = Number(a.toPrecision(3));
    for (i = 0; i < S.length; i++) {
      if (a >= S[i][0]) { a = a / S[i][0]; w = " " + S[i][1]; break; }
    }
    d = a < 10 ? 2 : a < 100 ? 1 : 0;
  }
  s = a.toFixed(d);
  if (s.indexOf("e") >= 0) { return (v < 0 ? "-" : "") + s + w + u; }
  i = s.indexOf(".");
  ip = i < 0 ? s : s.slice(0, i);
  fp = i < 0 ? "" : s.slice(i + 1);
  while (fp.length && fp.charAt(fp.length - 1) === "0") { fp = fp.slice(0, -1); }
  g = "";
  while (ip.length > 3) { g = G + ip.slice(-3) + g; ip = ip.slice(0, -3); }
  ip = ip + g;
  return (v < 0 && (ip !== "0" || fp) ? "-" : "") + ip + (fp ? D + fp : "") + w + u;
}`
