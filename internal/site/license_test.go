package site

import (
	"strings"
	"testing"
)

// TestLicense: the text and mapping forms give one License, a known
// identifier gets its link and title, and what is written wins over them.
func TestLicense(t *testing.T) {
	const head = "title: x\nbaseURL: https://x.gov.vn/\n"
	tests := []struct {
		name, src         string
		wantName, wantURL string
		wantTitle         string
	}{
		{"none", "", "", "", ""},
		{"known id", "license: CC-BY-4.0\n", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0 International"},
		{"known id, other case", "license: cc0-1.0\n", "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons Zero v1.0 Universal"},
		{"unknown id", "license: OGL-VN-1.0\n", "OGL-VN-1.0", "", ""},
		{"mapping", "license: {name: CC-BY-4.0, path: https://x.gov.vn/giay-phep, title: Giấy phép CC BY 4.0}\n", "CC-BY-4.0", "https://x.gov.vn/giay-phep", "Giấy phép CC BY 4.0"},
		{"mapping, name only", "license:\n  name: ODbL-1.0\n", "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "Open Data Commons Open Database License v1.0"},
		{"mapping, path only", "license: {path: https://x.gov.vn/giay-phep, title: Điều khoản}\n", "", "https://x.gov.vn/giay-phep", "Điều khoản"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := load(head + tt.src)
			if errs != "" {
				t.Fatal(errs)
			}
			if tt.wantName == "" && tt.wantURL == "" {
				if c.License != nil {
					t.Fatalf("License = %+v, want nil", c.License)
				}
				return
			}
			l := c.License
			if l == nil || l.Name != tt.wantName || l.Path != tt.wantURL || l.Title != tt.wantTitle {
				t.Errorf("License = %+v, want %q %q %q", l, tt.wantName, tt.wantURL, tt.wantTitle)
			}
		})
	}
}

// TestLicenseErrors: each bad licence is reported at its place, all of
// them at once.
func TestLicenseErrors(t *testing.T) {
	const head = "title: x\nbaseURL: https://x.gov.vn/\n"
	tests := []struct {
		src  string
		want []string
	}{
		{"license:\n", []string{`content/site.yaml:3:9: license: license is empty`}},
		{"license: \"\"\n", []string{`content/site.yaml:3:10: license: license is empty`}},
		{"license: Creative Commons BY\n", []string{`content/site.yaml:3:10: license: "Creative Commons BY" is not a licence identifier`}},
		{"license: [CC-BY-4.0]\n", []string{`content/site.yaml:3:10: license: expected a licence identifier as text`}},
		{"license: {title: Giấy phép}\n", []string{`content/site.yaml:3:10: license: a licence needs a name`}},
		{"license: {name: CC BY, path: creativecommons.org}\n", []string{`content/site.yaml:3:17: license.name: "CC BY" is not a licence identifier`,
			`content/site.yaml:3:30: license.path: "creativecommons.org" is not a web address`}},
		{"license:\n  name: CC-BY-4.0\n  url: https://x/\n", []string{`content/site.yaml:5:3: license.url: unknown key "url"`}},
		{"license:\n  name: [a]\n", []string{`content/site.yaml:4:9: license.name:`}},
		{"license: {path: javascript:alert(1)}\n", []string{`license.path: "javascript:alert(1)" is not a web address`}},
	}
	for _, tt := range tests {
		c, errs := load(head + tt.src)
		if c != nil {
			t.Errorf("Load(%q) gave a config", tt.src)
		}
		for _, w := range tt.want {
			if !strings.Contains(errs, w) {
				t.Errorf("Load(%q): errors\n%s\nwant containing\n%s", tt.src, errs, w)
			}
		}
	}
}
