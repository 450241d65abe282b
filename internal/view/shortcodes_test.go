package view

import (
	"html"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/shortcode"
)

const lookups = `title: Yêu cầu tra cứu
unit: yêu cầu
kind: flow
period: quarter
values:
  - {period: 2023-Q1, value: 1284000000, approx: about}
  - {period: 2023-Q2, value: 0}
  - {period: 2024-Q1, value: 1500000000, approx: over}
`

const share = `title: Tỷ lệ trực tuyến
unit: "%"
kind: ratio
period: quarter
values:
  - {period: 2023-Q1, value: 90}
  - {period: 2024-Q1, value: 96.5}
`

func builder(t *testing.T, lang string) *Builder {
	t.Helper()
	errs := &diag.List{}
	set := data.Load(fstest.MapFS{
		"content/data/metrics/lookup-requests.yaml": {Data: []byte(lookups)},
		"content/data/metrics/online-share.yaml":    {Data: []byte(share)},
	}, "", errs)
	asOf := date.Date{Year: 2024, Month: 6, Day: 30}
	set.Validate(asOf, errs)
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	L, err := locale.New(lang)
	if err != nil {
		t.Fatal(err)
	}
	return New(nil, L, set, asOf, nil)
}

// TestInlineShortcodes checks the figures the metric and change shortcodes
// write, with positional and named arguments, in both languages.
func TestInlineShortcodes(t *testing.T) {
	tests := []struct {
		lang  string
		name  string
		args  []string
		named map[string]string
		want  string // the visible text
	}{
		{"vi", "metric", []string{"lookup-requests", "2024-Q1"}, nil, "hơn 1,5 tỷ yêu cầu"},
		{"vi", "metric", nil, map[string]string{"id": "lookup-requests", "period": "2024-Q1"}, "hơn 1,5 tỷ yêu cầu"},
		{"vi", "metric", []string{"lookup-requests", "2024-Q1"}, map[string]string{"format": "full"}, "hơn 1.500.000.000 yêu cầu"},
		{"vi", "metric", []string{"online-share", "2024-Q1"}, nil, "96,5%"},
		{"vi", "change", []string{"lookup-requests", "2024-Q1", "yoy"}, nil, "+216 triệu"},
		{"vi", "change", []string{"online-share", "2024-Q1", "yoy"}, nil, "+6,5 điểm %"},
		{"en", "metric", []string{"lookup-requests", "2024-Q1"}, nil, "over 1.5 billion"},
		{"en", "metric", []string{"online-share", "2024-Q1"}, nil, "96.5%"},
		{"en", "change", []string{"lookup-requests", "2024-Q1", "yoy"}, nil, "+216 million"},
		{"en", "change", []string{"online-share", "2024-Q1", "yoy"}, nil, "+6.5 pp"},
	}
	for _, tt := range tests {
		b := builder(t, tt.lang)
		n := &shortcode.Node{Call: &shortcode.Call{Name: tt.name, Args: tt.args, Named: tt.named}}
		out, _, err := b.Resolve(&content.Article{}, n)
		if err != nil {
			t.Errorf("%s %v %v: %v", tt.name, tt.args, tt.named, err)
			continue
		}
		if got := html.UnescapeString(string(out)); !strings.Contains(got, tt.want) {
			t.Errorf("%s %s %v %v = %s, want %q in it", tt.lang, tt.name, tt.args, tt.named, got, tt.want)
		}
	}
}

func TestShortcodeErrors(t *testing.T) {
	b := builder(t, "vi")
	tests := []struct {
		name  string
		args  []string
		named map[string]string
		block bool
		want  string
	}{
		{"metric", []string{"khong-co", "2024-Q1"}, nil, false, `no metric "khong-co"`},
		{"metric", []string{"lookup-requests", "2019-Q1"}, nil, false, "has no value for 2019-Q1"},
		{"metric", []string{"lookup-requests", "2024-05"}, nil, false, "is a month"},
		{"metric", []string{"lookup-requests", "2024-Q1", "x"}, nil, false, "too many arguments"},
		{"metric", []string{"lookup-requests", "2024-Q1"}, map[string]string{"colour": "red"}, false, `unknown argument "colour"`},
		{"metric", []string{"lookup-requests", "2024-Q1"}, map[string]string{"format": "long"}, false, `format "long" is not known`},
		{"change", []string{"lookup-requests", "2024-Q1", "mom"}, nil, false, `"mom" is not a change basis`},
		{"change", []string{"lookup-requests", "2024-Q1", "prev"}, nil, false, "no value for 2023-Q4"},
		{"chart", []string{"lookup-requests"}, nil, false, "must stand alone"},
		{"chart", []string{"lookup-requests"}, map[string]string{"type": "pie"}, true, `type "pie" is not known`},
		{"progress", []string{"ke-hoach-9"}, nil, true, `no plan "ke-hoach-9"`},
		{"gallery", nil, nil, false, `unknown shortcode "gallery"`},
	}
	for _, tt := range tests {
		n := &shortcode.Node{Call: &shortcode.Call{Name: tt.name, Args: tt.args, Named: tt.named}, Block: tt.block}
		_, _, err := b.Resolve(&content.Article{}, n)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %v %v: error %v, want %q", tt.name, tt.args, tt.named, err, tt.want)
		}
	}
}
