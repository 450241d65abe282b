package site

import (
	"strings"
	"testing"
)

// TestImageKey: image: in site.yaml is checked like a cover (a path of
// the site or an http(s) URL, errors at the key), and ImageURL gives the
// absolute URL of an image for sharing: a page's own image, else the
// site's, else the theme's assets/share.png — always under the base URL's
// sub-path, escaped.
func TestImageKey(t *testing.T) {
	tests := []struct {
		name, yaml  string
		own         string // the page's image, as CheckImage returns it
		want, error string
	}{
		{name: "theme default", want: "https://x.gov.vn/tien-do/assets/share.png"},
		{name: "site image, leading slash", yaml: "image: /images/chia se.png\n", want: "https://x.gov.vn/tien-do/images/chia%20se.png"},
		{name: "site image URL", yaml: "image: https://cdn.x.gov.vn/a.png\n", want: "https://cdn.x.gov.vn/a.png"},
		{name: "page image wins", yaml: "image: images/a.png\n", own: "images/bìa.png", want: "https://x.gov.vn/tien-do/images/b%C3%ACa.png"},
		{name: "page image URL", own: "http://other.example/b.jpg", want: "http://other.example/b.jpg"},
		{name: "bad scheme", yaml: "image: \"javascript:x\"\n", error: `content/site.yaml:3:8: image: "javascript:x" is not an http(s) URL or a path of the site`},
		{name: "empty", yaml: "image: \"\"\n", error: `content/site.yaml:3:8: image: the image is empty`},
		{name: "climbs out", yaml: "image: ../x.png\n", error: `content/site.yaml:3:8: image: "../x.png" climbs out of the site`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := load("title: x\nbaseURL: https://x.gov.vn/tien-do\n" + tt.yaml)
			if tt.error != "" {
				if c != nil || !strings.Contains(errs, tt.error) {
					t.Fatalf("errors %q, want %q", errs, tt.error)
				}
				return
			}
			if c == nil {
				t.Fatal(errs)
			}
			if got := c.ImageURL(tt.own); got != tt.want {
				t.Errorf("ImageURL(%q) = %q, want %q", tt.own, got, tt.want)
			}
		})
	}
}

func TestCheckImage(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"a.png", "a.png", ""},
		{" /a/./b//c.png ", "a/b/c.png", ""},
		{"a/../b.png", "b.png", ""},
		{"HTTPS://X.example/a.png", "HTTPS://X.example/a.png", ""},
		{"https:///nohost.png", "", "is not an http(s) URL"},
		{"file:///etc/passwd", "", "is not an http(s) URL"},
		{"a\\b.png", "", "backslash"},
		{"a\tb.png", "", "control character"},
		{"/", "", "names a directory"},
		{"a.png#x", "", "without ? or #"},
		{"%zz.png", "", "not a valid URL"},
	}
	for _, tt := range tests {
		got, err := CheckImage(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("CheckImage(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("CheckImage(%q) = %q, %v; want an error with %q", tt.in, got, err, tt.err)
		}
	}
}
