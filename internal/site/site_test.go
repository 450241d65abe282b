package site

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bantin/bantin/internal/diag"
)

func load(src string) (*Config, string) {
	var errs diag.List
	c := Load(fstest.MapFS{File: {Data: []byte(src)}}, "", &errs)
	return c, errs.Error()
}

func TestLoadValid(t *testing.T) {
	c, errs := load("title: Tiến độ\nbaseURL: https://x.gov.vn/tien-do\n")
	if errs != "" {
		t.Fatal(errs)
	}
	if c.BasePath() != "/tien-do/" || c.Language != "vi" || c.PerPage != 10 || c.Location.String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if got := c.AbsURL("articles/a/"); got != "https://x.gov.vn/tien-do/articles/a/" {
		t.Errorf("AbsURL = %s", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: x\nbaseURL: /relative/\n", `content/site.yaml:2:10: baseURL: "/relative/" is not an absolute URL`},
		{"title: x\nbaseURL: ftp://x/\n", `must start with http`},
		{"title: x\nbaseURL: https://x/\nlanguage: fr\n", `content/site.yaml:3:11: language: "fr" is not a supported language`},
		{"title: x\nbaseURL: https://x/\ntimezone: Mars/Base\n", `content/site.yaml:3:11: timezone: "Mars/Base" is not a known time zone`},
		{"title: x\nbaseURL: https://x/\nperPage: -1\n", `perPage: -1 is out of range`},
		{"baseURL: https://x/\n", `content/site.yaml:1:1: title: required key "title" is missing`},
		{"title: x\nbaseURL: https://x/\ntheme: dark\n", `content/site.yaml:3:1: theme: unknown key "theme"`},
	}
	for _, tt := range tests {
		c, errs := load(tt.src)
		if c != nil || !strings.Contains(errs, tt.want) {
			t.Errorf("Load(%q): config %v, errors %q; want error containing %q", tt.src, c != nil, errs, tt.want)
		}
	}
}

func TestMissingFile(t *testing.T) {
	var errs diag.List
	if Load(fstest.MapFS{}, "mysite", &errs) != nil || !strings.HasPrefix(errs.Error(), "mysite/content/site.yaml: missing") {
		t.Errorf("got %q", errs.Error())
	}
}
