package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files: go test ./internal/chart/ -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// statusColor is StatusColor for tests, failing on an unknown status.
func statusColor(t *testing.T, status string) string {
	t.Helper()
	c, ok := StatusColor(status)
	if !ok {
		t.Fatalf("no colour for status %q", status)
	}
	return c
}

// goldenSpecs are the charts whose whole output is pinned in testdata/:
// one per type, in both languages, with gaps, a target and a share.
func goldenSpecs(t *testing.T) map[string]Spec {
	return map[string]Spec{
		"line_vi": {
			ID:         ID("metric", "records-digitized", "1"),
			Title:      "Hồ sơ thủ tục hành chính được số hóa",
			Type:       Line,
			Categories: []string{"Q1/2024", "Q2/2024", "Q3/2024", "Q4/2024"},
			Series: []Series{{
				Name:    "Hồ sơ",
				Values:  []float64{2.7e6, 0, 9.5e6, 12e6},
				Missing: []bool{false, true, false, false},
			}},
			Target: &Target{Value: 1.2e8, Label: "Mục tiêu 2025"},
			Lang:   "vi",
		},
		"line_share_vi": {
			ID:         ID("metric", "online-share", "1"),
			Title:      "Tỷ lệ hồ sơ trực tuyến",
			Type:       Line,
			Categories: []string{"2022", "2023", "2024"},
			Series:     []Series{{Name: "Tỷ lệ", Values: []float64{90.1, 94.25, 96.5}}},
			Format:     NumberFormat{Unit: "%"},
			Target:     &Target{Value: 100},
		},
		"bar_en": {
			ID:         ID("metric", "lookups", "2"),
			Title:      "Lookup requests",
			Type:       Bar,
			Categories: []string{"Q1/2023", "Q1/2024"},
			Series:     []Series{{Name: "Requests", Values: []float64{109e6, 325e6}, Color: Palette[1]}},
			Lang:       "en",
		},
		"stacked_bar_vi": {
			ID:         ID("plan", "ke-hoach-829", "progress"),
			Title:      "Nhiệm vụ theo trạng thái",
			Type:       StackedBar,
			Categories: []string{"T2/2024", "T3/2024", "T4/2024"},
			Series: []Series{
				{Name: "Hoàn thành", Values: []float64{3, 10, 18}, Color: statusColor(t, "done")},
				{Name: "Đang thực hiện", Values: []float64{20, 15, 9}, Color: statusColor(t, "in-progress")},
				{Name: "Quá hạn", Values: []float64{0, 2, 0}, Missing: []bool{true, false, false}, Color: statusColor(t, "overdue")},
			},
		},
		"donut_vi": {
			ID:         ID("plan", "ke-hoach-829", "status"),
			Title:      "Nhiệm vụ theo trạng thái ngày 09/4/2024",
			Type:       Donut,
			Categories: []string{"Hoàn thành", "Đang thực hiện", "Chưa thực hiện"},
			Series:     []Series{{Name: "Nhiệm vụ", Values: []float64{18, 9, 4}}},
			Colors:     []string{statusColor(t, "done"), statusColor(t, "in-progress"), statusColor(t, "not-started")},
			Height:     280,
		},
	}
}

func fragmentText(f Fragment) []byte {
	return []byte(string(f.Element) + "\n" + string(f.Data) + "\n")
}

func TestRenderGolden(t *testing.T) {
	for name, spec := range goldenSpecs(t) {
		t.Run(name, func(t *testing.T) {
			f, err := Render(spec)
			if err != nil {
				t.Fatal(err)
			}
			got := fragmentText(f)
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update if the change is intended)\ngot:\n%s", path, got)
			}
		})
	}
}

// TestRenderDeterministic renders each chart several times: the bytes must
// not change (no random id, no map order). The golden files pin the same
// bytes across processes and machines.
func TestRenderDeterministic(t *testing.T) {
	for name, spec := range goldenSpecs(t) {
		t.Run(name, func(t *testing.T) {
			first, err := Render(spec)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 20; i++ {
				again, err := Render(spec)
				if err != nil {
					t.Fatal(err)
				}
				if again != first {
					t.Fatalf("render %d differs from the first", i+2)
				}
			}
		})
	}
}

func TestRenderShape(t *testing.T) {
	for name, spec := range goldenSpecs(t) {
		t.Run(name, func(t *testing.T) {
			f, err := Render(spec)
			if err != nil {
				t.Fatal(err)
			}
			el, data := string(f.Element), string(f.Data)
			for _, want := range []string{
				`id="` + spec.ID + `"`,
				`class="chart-canvas"`,
				`role="img"`,
				`aria-label="` + template.HTMLEscapeString(spec.Title) + `"`,
			} {
				if !strings.Contains(el, want) {
					t.Errorf("element lacks %s: %s", want, el)
				}
			}
			if strings.Contains(el, "style=") {
				t.Errorf("element has an inline style, which the pages' CSP refuses: %s", el)
			}
			open := `<script type="application/json" id="` + spec.ID + `-data" class="chart-data">`
			if !strings.HasPrefix(data, open) || !strings.HasSuffix(data, "</script>") {
				t.Fatalf("data is not one JSON <script> element: %.80q ... %.40q", data, data[max(0, len(data)-40):])
			}
			var payload struct {
				Height int
				Format struct {
					Decimal, Group, Suffix string
					Scales                 []struct {
						Factor float64
						Word   string
					}
				}
				Target *float64
				Option map[string]any
			}
			body := strings.TrimSuffix(strings.TrimPrefix(data, open), "</script>")
			if err := json.Unmarshal([]byte(body), &payload); err != nil {
				t.Fatalf("data block is not JSON: %v", err)
			}
			height := spec.Height
			if height == 0 {
				height = DefaultHeight
			}
			if payload.Height != height {
				t.Errorf("height %d, want %d", payload.Height, height)
			}
			lang := spec.Lang
			if lang == "" {
				lang = "vi"
			}
			wantFormat, _ := DefaultFormat(lang)
			if payload.Format.Decimal != wantFormat.Decimal || payload.Format.Group != wantFormat.Group ||
				len(payload.Format.Scales) != len(wantFormat.Scales) || payload.Format.Scales[2].Word != wantFormat.Scales[2].Word {
				t.Errorf("format %+v, want that of %q", payload.Format, lang)
			}
			if (payload.Target == nil) != (spec.Target == nil) || spec.Target != nil && *payload.Target != spec.Target.Value {
				t.Errorf("target %v, want %v", payload.Target, spec.Target)
			}
			if payload.Option["animation"] != false {
				t.Errorf("option animation = %v, want false", payload.Option["animation"])
			}
			if aria, _ := payload.Option["aria"].(map[string]any); aria["enabled"] != true {
				t.Errorf("option aria = %v, want enabled", payload.Option["aria"])
			}
			for _, bad := range []string{"src=", "http:", "https:", "//", "goecharts_", "function", "__f__"} {
				if strings.Contains(data, bad) || strings.Contains(el, bad) {
					t.Errorf("fragment contains %q", bad)
				}
			}
		})
	}
}

// TestHookNames checks that the option names charts.js's functions at the
// places they belong, and nowhere else.
func TestHookNames(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"line_vi", []string{`"formatter":"num"`, `"valueFormatter":"num"`, `"max":"targetMax"`, `"formatter":"targetLabel"`}},
		{"bar_en", []string{`"formatter":"num"`, `"valueFormatter":"num"`}},
		{"donut_vi", []string{`"formatter":"donutLabel"`, `"formatter":"donutTooltip"`}},
	}
	specs := goldenSpecs(t)
	for _, tt := range tests {
		f, err := Render(specs[tt.name])
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(f.Data), w) {
				t.Errorf("%s: data lacks %s", tt.name, w)
			}
		}
	}
	f, err := Render(specs["bar_en"])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(f.Data), "targetMax") || strings.Contains(string(f.Data), `"target"`) {
		t.Error("a chart without a target names the target hooks")
	}
}

func TestID(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"metric", "online-share", "1"}, "metric_online_share_1"},
		{[]string{"plan", "ke-hoach-829"}, "plan_ke_hoach_829"},
		{[]string{"Hồ sơ"}, "H__s_"},
		{[]string{"a</script>"}, "a__script_"},
		{[]string{"x"}, "x"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := ID(tt.parts...); got != tt.want {
			t.Errorf("ID(%q) = %q, want %q", tt.parts, got, tt.want)
		}
		if tt.want != "" && !validID(ID(tt.parts...)) {
			t.Errorf("ID(%q) is not a valid id", tt.parts)
		}
	}
}

func validSpec() Spec {
	return Spec{
		ID:         "c1",
		Title:      "T",
		Type:       Line,
		Categories: []string{"a", "b"},
		Series:     []Series{{Name: "s", Values: []float64{1, 2}}},
	}
}

func TestRenderErrors(t *testing.T) {
	nan := func() float64 { var z float64; return z / z }()
	tests := []struct {
		name   string
		modify func(*Spec)
		want   string // part of the error
	}{
		{"empty id", func(s *Spec) { s.ID = "" }, "must match"},
		{"dash in id", func(s *Spec) { s.ID = "chart-1" }, "must match"},
		{"space in id", func(s *Spec) { s.ID = "a b" }, "must match"},
		{"markup in id", func(s *Spec) { s.ID = `x"><script>` }, "must match"},
		{"non-ascii id", func(s *Spec) { s.ID = "hồ" }, "must match"},
		{"no title", func(s *Spec) { s.Title = "  " }, "title is empty"},
		{"unknown type", func(s *Spec) { s.Type = "pie" }, "unknown type"},
		{"unknown lang", func(s *Spec) { s.Lang = "fr" }, "unknown language"},
		{"negative height", func(s *Spec) { s.Height = -1 }, "height"},
		{"no categories", func(s *Spec) { s.Categories = nil; s.Series[0].Values = nil }, "no categories"},
		{"no series", func(s *Spec) { s.Series = nil }, "no series"},
		{"too few values", func(s *Spec) { s.Series[0].Values = []float64{1} }, "1 values for 2 categories"},
		{"missing flags length", func(s *Spec) { s.Series[0].Missing = []bool{true} }, "1 missing flags"},
		{"NaN value", func(s *Spec) { s.Series[0].Values[1] = nan }, "mark it Missing"},
		{"bad colour", func(s *Spec) { s.Series[0].Color = `red"};alert(1)` }, "not a CSS colour"},
		{"bad palette", func(s *Spec) { s.Colors = []string{"url(x)"} }, "not a CSS colour"},
		{"NaN target", func(s *Spec) { s.Target = &Target{Value: nan} }, "target value"},
		{"scales order", func(s *Spec) {
			s.Format = NumberFormat{Decimal: ",", Scales: []Scale{{1e6, "triệu"}, {1e9, "tỷ"}}}
		}, "largest first"},
		{"donut target", func(s *Spec) { s.Type = Donut; s.Target = &Target{Value: 1} }, "donut cannot show a target"},
		{"donut two series", func(s *Spec) {
			s.Type = Donut
			s.Series = append(s.Series, Series{Values: []float64{1, 2}})
		}, "one series"},
		{"donut series colour", func(s *Spec) { s.Type = Donut; s.Series[0].Color = "#fff" }, "Spec.Colors"},
		{"donut negative", func(s *Spec) { s.Type = Donut; s.Series[0].Values[0] = -1 }, "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSpec()
			s.Series = append([]Series(nil), s.Series...)
			s.Series[0].Values = append([]float64(nil), s.Series[0].Values...)
			tt.modify(&s)
			_, err := Render(s)
			if err == nil {
				t.Fatalf("Render succeeded, want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
	if _, err := Render(validSpec()); err != nil {
		t.Fatalf("the valid spec fails: %v", err)
	}
}

func TestRenderAllErrorsAtOnce(t *testing.T) {
	s := validSpec()
	s.ID = "a-b"
	s.Title = ""
	s.Series[0].Color = "no colour"
	_, err := Render(s)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"must match", "title is empty", "not a CSS colour"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestMissingIsGapNotZero(t *testing.T) {
	for _, typ := range []Type{Line, Bar, StackedBar, Donut} {
		t.Run(string(typ), func(t *testing.T) {
			s := validSpec()
			s.Type = typ
			s.Series = []Series{{Name: "s", Values: []float64{0, 7}, Missing: []bool{true, false}}}
			f, err := Render(s)
			if err != nil {
				t.Fatal(err)
			}
			sc := string(f.Data)
			if !strings.Contains(sc, `"value":"-"`) {
				t.Errorf("missing value is not written as \"-\"")
			}
			if strings.Contains(sc, `"value":0`) {
				t.Errorf("missing value written as 0")
			}
		})
	}
}

func TestStatusColor(t *testing.T) {
	tests := []struct {
		status, want string
		ok           bool
	}{
		{"done", "#2a8c4a", true},
		{"in-progress", "#0b5394", true},
		{"not-started", "#767676", true},
		{"cancelled", "#6d4c41", true},
		{"overdue", "#d1420a", true},
		{"total", "#767676", true},
		{"unknown", "", false},
	}
	for _, tt := range tests {
		got, ok := StatusColor(tt.status)
		if got != tt.want || ok != tt.ok {
			t.Errorf("StatusColor(%q) = %q, %v; want %q, %v", tt.status, got, ok, tt.want, tt.ok)
		}
	}
}

// TestPaletteIsACopy checks that changing the exported Palette does not
// change what Render draws (no shared mutable state).
func TestPaletteIsACopy(t *testing.T) {
	before, err := Render(validSpec())
	if err != nil {
		t.Fatal(err)
	}
	saved := Palette[0]
	Palette[0] = "#000000"
	defer func() { Palette[0] = saved }()
	after, err := Render(validSpec())
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Error("changing Palette changed the output")
	}
	want := []string{"#0b5394", "#b68008", "#684113", "#1b9e94", "#a666fe", "#c82f5d"}
	if got := sitePalette(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("palette = %v, want %v", got, want)
	}
}

func TestValidColor(t *testing.T) {
	tests := []struct {
		c  string
		ok bool
	}{
		{"#0b5394", true}, {"#fff", true}, {"#0b539480", true}, {"rgb(1, 2, 3)", true},
		{"rgba(1,2,3,0.5)", true}, {"hsl(120, 50%, 40%)", true}, {"teal", true},
		{"", false}, {"#12", false}, {"#ggg", false}, {"url(x)", false}, {"rgb()", false},
		{"red;", false}, {`"red"`, false}, {"rgb(1,2,3);x", false}, {"__f__", false},
	}
	for _, tt := range tests {
		if got := validColor(tt.c); got != tt.ok {
			t.Errorf("validColor(%q) = %v, want %v", tt.c, got, tt.ok)
		}
	}
}
