package chart

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// The colour science of TestPalette, kept small and exact: sRGB to linear
// light, WCAG 2.1 relative luminance and contrast ratio, colour-vision
// deficiency simulated with the matrices of Machado, Oliveira and
// Fernandes (2009) at severity 1 (applied to linear RGB), CIELAB (D65)
// and the CIEDE2000 colour difference.

type linRGB [3]float64

func parseHex(t *testing.T, s string) linRGB {
	t.Helper()
	if len(s) != 7 || s[0] != '#' {
		t.Fatalf("colour %q: want #rrggbb", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		t.Fatalf("colour %q: %v", s, err)
	}
	var c linRGB
	for i, x := range []uint64{v >> 16 & 255, v >> 8 & 255, v & 255} {
		f := float64(x) / 255
		if f <= 0.04045 {
			c[i] = f / 12.92
		} else {
			c[i] = math.Pow((f+0.055)/1.055, 2.4)
		}
	}
	return c
}

func luminance(c linRGB) float64 { return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2] }

// contrastRatio is WCAG's (L1 + 0.05) / (L2 + 0.05), lighter over darker.
func contrastRatio(a, b linRGB) float64 {
	la, lb := luminance(a)+0.05, luminance(b)+0.05
	return math.Max(la, lb) / math.Min(la, lb)
}

// machado2009 are the simulation matrices at severity 1.0.
var machado2009 = map[string][3][3]float64{
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

func simulate(m [3][3]float64, c linRGB) linRGB {
	var r linRGB
	for i := range 3 {
		r[i] = min(1, max(0, m[i][0]*c[0]+m[i][1]*c[1]+m[i][2]*c[2]))
	}
	return r
}

func toLab(c linRGB) [3]float64 {
	x := (0.4124564*c[0] + 0.3575761*c[1] + 0.1804375*c[2]) / 0.95047
	y := 0.2126729*c[0] + 0.7151522*c[1] + 0.0721750*c[2]
	z := (0.0193339*c[0] + 0.1191920*c[1] + 0.9503041*c[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

// ciede2000 is the CIEDE2000 difference of two CIELAB colours
// (Sharma, Wu and Dalal 2005), with kL = kC = kH = 1.
func ciede2000(p, q [3]float64) float64 {
	rad := math.Pi / 180
	c1, c2 := math.Hypot(p[1], p[2]), math.Hypot(q[1], q[2])
	cm7 := math.Pow((c1+c2)/2, 7)
	g := 0.5 * (1 - math.Sqrt(cm7/(cm7+math.Pow(25, 7))))
	a1, a2 := (1+g)*p[1], (1+g)*q[1]
	c1p, c2p := math.Hypot(a1, p[2]), math.Hypot(a2, q[2])
	hue := func(b, a float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		h := math.Atan2(b, a) / rad
		if h < 0 {
			h += 360
		}
		return h
	}
	h1, h2 := hue(p[2], a1), hue(q[2], a2)
	dh := 0.0
	if c1p*c2p != 0 {
		dh = h2 - h1
		if dh > 180 {
			dh -= 360
		} else if dh < -180 {
			dh += 360
		}
	}
	dL, dC := q[0]-p[0], c2p-c1p
	dH := 2 * math.Sqrt(c1p*c2p) * math.Sin(dh*rad/2)
	lm, cm := (p[0]+q[0])/2, (c1p+c2p)/2
	hm := h1 + h2
	if c1p*c2p != 0 {
		if math.Abs(h1-h2) > 180 {
			if hm < 360 {
				hm += 360
			} else {
				hm -= 360
			}
		}
		hm /= 2
	}
	tt := 1 - 0.17*math.Cos((hm-30)*rad) + 0.24*math.Cos(2*hm*rad) + 0.32*math.Cos((3*hm+6)*rad) - 0.20*math.Cos((4*hm-63)*rad)
	theta := 30 * math.Exp(-math.Pow((hm-275)/25, 2))
	cm7p := math.Pow(cm, 7)
	rc := 2 * math.Sqrt(cm7p/(cm7p+math.Pow(25, 7)))
	sl := 1 + 0.015*math.Pow(lm-50, 2)/math.Sqrt(20+math.Pow(lm-50, 2))
	sc := 1 + 0.045*cm
	sh := 1 + 0.015*cm*tt
	rt := -math.Sin(2*theta*rad) * rc
	return math.Sqrt(math.Pow(dL/sl, 2) + math.Pow(dC/sc, 2) + math.Pow(dH/sh, 2) + rt*(dC/sc)*(dH/sh))
}

// TestColourScience checks the helpers against published values, so that
// TestPalette's verdicts rest on correct arithmetic.
func TestColourScience(t *testing.T) {
	white, black := parseHex(t, "#ffffff"), parseHex(t, "#000000")
	if r := contrastRatio(white, black); math.Abs(r-21) > 1e-9 {
		t.Errorf("contrast white/black = %v, want 21", r)
	}
	if r := contrastRatio(parseHex(t, "#767676"), white); math.Abs(r-4.54) > 0.01 {
		t.Errorf("contrast #767676/white = %.3f, want 4.54 (the classic AA grey)", r)
	}
	// Sharma, Wu and Dalal (2005), table 1: pairs 1, 7 and 17.
	for _, tc := range []struct {
		p, q [3]float64
		want float64
	}{
		{[3]float64{50, 2.6772, -79.7751}, [3]float64{50, 0, -82.7485}, 2.0425},
		{[3]float64{50, 0, 0}, [3]float64{50, -1, 2}, 2.3669},
		{[3]float64{50, 2.5, 0}, [3]float64{73, 25, -18}, 27.1492},
	} {
		if d := ciede2000(tc.p, tc.q); math.Abs(d-tc.want) > 1e-4 {
			t.Errorf("ΔE00(%v, %v) = %.4f, want %.4f", tc.p, tc.q, d, tc.want)
		}
	}
	// A deuteranope cannot tell pure red from a matching olive well; the
	// simulation must bring them close, and keep white white.
	if w := simulate(machado2009["deuteranopia"], white); math.Abs(w[0]-1) > 0.01 || math.Abs(w[1]-1) > 0.01 || math.Abs(w[2]-1) > 0.01 {
		t.Errorf("deuteranopia(white) = %v, want about white", w)
	}
	if l := toLab(white); math.Abs(l[0]-100) > 0.01 || math.Abs(l[1]) > 0.01 || math.Abs(l[2]) > 0.01 {
		t.Errorf("Lab(white) = %v, want (100, 0, 0)", l)
	}
}

// TestPalette: every chart colour keeps 3:1 against the page, and every two
// colours of a set stay distinguishable for normal vision, protanopia,
// deuteranopia and tritanopia (simulated). The sets are the series palette
// and the plan status colours (the donut and the progress-over-time chart).
func TestPalette(t *testing.T) {
	white := parseHex(t, "#ffffff")
	var status []string
	for _, s := range []string{"done", "in-progress", "not-started", "cancelled", "overdue"} {
		c, ok := StatusColor(s)
		if !ok {
			t.Fatalf("no colour for status %q", s)
		}
		status = append(status, s+"="+c)
	}
	history := []string{}
	for _, s := range []string{"total", "done", "in-progress", "overdue"} {
		c, _ := StatusColor(s)
		history = append(history, s+"="+c)
	}
	var palette []string
	for i, c := range sitePalette() {
		palette = append(palette, fmt.Sprintf("series %d=%s", i+1, c))
	}
	target := []string{"target=" + targetColor}
	visions := []string{"normal", "protanopia", "deuteranopia", "tritanopia"}
	for _, set := range []struct {
		name   string
		colors []string
	}{{"palette", palette}, {"statuses", status}, {"history", history}, {"target", target}} {
		cols := make([]linRGB, len(set.colors))
		for i, nc := range set.colors {
			hex := nc[len(nc)-7:]
			cols[i] = parseHex(t, hex)
			if r := contrastRatio(cols[i], white); r < 3 {
				t.Errorf("%s: %s has contrast %.2f:1 against the white page, want at least 3:1", set.name, nc, r)
			}
		}
		for _, v := range visions {
			worst, pair := math.Inf(1), ""
			for i := range cols {
				for j := i + 1; j < len(cols); j++ {
					a, b := cols[i], cols[j]
					if v != "normal" {
						a, b = simulate(machado2009[v], a), simulate(machado2009[v], b)
					}
					if d := ciede2000(toLab(a), toLab(b)); d < worst {
						worst, pair = d, set.colors[i]+" and "+set.colors[j]
					}
				}
			}
			if len(cols) > 1 && worst < MinDistance {
				t.Errorf("%s, %s: %s are %.1f apart (CIEDE2000), want at least %d", set.name, v, pair, worst, MinDistance)
			} else if len(cols) > 1 {
				t.Logf("%s, %s: closest pair %s, ΔE00 %.1f", set.name, v, pair, worst)
			}
		}
	}
}

// TestStyleSheetColors: the theme's style sheet repeats the status colours
// and the primary colour as custom properties (for badges, legends and
// progress bars drawn in HTML); they must be this package's, or a legend
// would not match its chart.
func TestStyleSheetColors(t *testing.T) {
	css, err := os.ReadFile("../../templates/assets/style.css")
	if err != nil {
		t.Skipf("no built-in style sheet here: %v", err)
	}
	want := map[string]string{"--primary": sitePalette()[0]}
	for prop, status := range map[string]string{"--done": "done", "--progress": "in-progress", "--idle": "not-started", "--cancelled": "cancelled", "--overdue": "overdue"} {
		want[prop], _ = StatusColor(status)
	}
	for prop, c := range want {
		m := regexp.MustCompile(regexp.QuoteMeta(prop) + `:\s*(#[0-9a-fA-F]{6})\s*;`).FindSubmatch(css)
		if m == nil {
			t.Errorf("style.css does not set %s", prop)
			continue
		}
		if string(m[1]) != c {
			t.Errorf("style.css sets %s: %s, internal/chart has %s", prop, m[1], c)
		}
	}
}

// TestStyleSheetTextContrast: the colours style.css sets for text on the
// page, and behind the white text of badges, meet WCAG's 4.5:1 (the chart
// colours need only 3:1, TestPalette). Lighthouse flagged --done as text
// (4.24:1), which is why --done-ink exists.
func TestStyleSheetTextContrast(t *testing.T) {
	css, err := os.ReadFile("../../templates/assets/style.css")
	if err != nil {
		t.Skipf("no built-in style sheet here: %v", err)
	}
	white := parseHex(t, "#ffffff")
	for _, prop := range []string{"--ink", "--muted", "--primary", "--accent", "--done-ink", "--progress", "--overdue", "--cancelled"} {
		m := regexp.MustCompile(regexp.QuoteMeta(prop) + `:\s*(#[0-9a-fA-F]{6})\s*;`).FindSubmatch(css)
		if m == nil {
			t.Errorf("style.css does not set %s", prop)
			continue
		}
		if r := contrastRatio(parseHex(t, string(m[1])), white); r < 4.5 {
			t.Errorf("%s %s: %.2f:1 against white, want 4.5:1 for text", prop, m[1], r)
		}
	}
}
