package chart

import (
	"encoding/json"
	"strings"
	"testing"
)

// decodeData reads a fragment's data block back.
func decodeData(t *testing.T, f Fragment) (p struct {
	Option map[string]any `json:"option"`
	Keys   []string       `json:"keys"`
}) {
	t.Helper()
	s := string(f.Data)
	s = s[strings.IndexByte(s, '>')+1 : strings.LastIndex(s, "</script>")]
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		t.Fatalf("data block: %v\n%s", err, s)
	}
	return p
}

// TestDescription: the text alternative is the element's accessible
// description (aria-describedby the printed paragraph) and ECharts' aria
// label, after the title; without one, neither changes.
func TestDescription(t *testing.T) {
	tests := []struct {
		desc, wantAttr, wantAria string
	}{
		{"Rose from 1 in a to 2 in b, +1.", ` aria-describedby="c1-desc"`, "T. Rose from 1 in a to 2 in b, +1."},
		{"", "", "T"},
		{`<b>"x"</b>`, ` aria-describedby="c1-desc"`, `T. <b>"x"</b>`},
	}
	for _, tc := range tests {
		s := validSpec()
		s.Description = tc.desc
		f, err := Render(s)
		if err != nil {
			t.Fatal(err)
		}
		want := `<div id="c1" class="chart-canvas" role="img" aria-label="T"` + tc.wantAttr + `></div>`
		if string(f.Element) != want {
			t.Errorf("description %q: element\n got %s\nwant %s", tc.desc, f.Element, want)
		}
		aria := decodeData(t, f).Option["aria"].(map[string]any)["label"].(map[string]any)["description"]
		if aria != tc.wantAria {
			t.Errorf("description %q: aria description %q, want %q", tc.desc, aria, tc.wantAria)
		}
		if strings.Contains(string(f.Data), "<b>") {
			t.Errorf("description %q: markup reached the data block unescaped", tc.desc)
		}
	}
	if DescID("c1") != "c1-desc" {
		t.Errorf("DescID = %q", DescID("c1"))
	}
}

// TestTimeAxis: a time axis places points by date ([day, value] pairs on a
// "time" axis, labels written like the page's dates), keeps gaps as gaps,
// and refuses what is not a day or not a line.
func TestTimeAxis(t *testing.T) {
	for _, tc := range []struct{ lang, label string }{{"vi", "{dd}/{M}/{yyyy}"}, {"en", "{d} {MMM} {yyyy}"}} {
		s := validSpec()
		s.Lang = tc.lang
		s.Time = true
		s.Categories = []string{"2024-02-06", "2024-02-11", "2024-04-09"}
		s.Series = []Series{{Name: "done", Values: []float64{0, 1, 0}, Missing: []bool{false, false, true}}}
		f, err := Render(s)
		if err != nil {
			t.Fatal(err)
		}
		o := decodeData(t, f).Option
		x := o["xAxis"].([]any)[0].(map[string]any)
		if x["type"] != "time" {
			t.Errorf("%s: xAxis type %v, want time", tc.lang, x["type"])
		}
		if _, has := x["data"]; has {
			t.Errorf("%s: a time axis has no category data, got %v", tc.lang, x["data"])
		}
		if got := x["axisLabel"].(map[string]any)["formatter"]; got != tc.label {
			t.Errorf("%s: axis label %v, want %q", tc.lang, got, tc.label)
		}
		data, _ := json.Marshal(o["series"].([]any)[0].(map[string]any)["data"])
		if want := `[{"value":["2024-02-06",0]},{"value":["2024-02-11",1]},{"value":["2024-04-09","-"]}]`; string(data) != want {
			t.Errorf("%s: data %s, want %s", tc.lang, data, want)
		}
	}
	for _, tc := range []struct {
		modify func(*Spec)
		want   string
	}{
		{func(s *Spec) { s.Categories = []string{"2024-02-06", "09/4/2024"} }, `category 2 "09/4/2024" is not a day`},
		{func(s *Spec) { s.Categories = []string{"2024-02-06", "2024-13-01"} }, `category 2 "2024-13-01" is not a day`},
		{func(s *Spec) { s.Categories = []string{"2024-02-06", "2024-02-07"}; s.Type = Bar }, `a time axis is for line charts`},
	} {
		s := validSpec()
		s.Time = true
		tc.modify(&s)
		if _, err := Render(s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want it to contain %q", err, tc.want)
		}
	}
}

// TestKeys: the categories' machine names travel in the data block, one
// per category, plain ISO text only.
func TestKeys(t *testing.T) {
	s := validSpec()
	s.Keys = []string{"2024-Q1", "2024-Q2"}
	f, err := Render(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeData(t, f).Keys; strings.Join(got, " ") != "2024-Q1 2024-Q2" {
		t.Errorf("keys %v", got)
	}
	for _, tc := range []struct {
		keys []string
		want string
	}{
		{[]string{"2024-Q1"}, "1 keys for 2 categories"},
		{[]string{"2024-Q1", `"><script>`}, `key 2 "\"><script>" must match`},
		{[]string{"2024-Q1", "a_b"}, `key 2 "a_b" must match`},
	} {
		s := validSpec()
		s.Keys = tc.keys
		if _, err := Render(s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("keys %q: error %v, want %q", tc.keys, err, tc.want)
		}
	}
}
