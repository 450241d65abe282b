package render

import "testing"

func TestRel(t *testing.T) {
	tests := []struct{ from, target, want string }{
		{"", "articles/x/", "articles/x/"},
		{"", "", "./"},
		{"articles/x/", "", "../../"},
		{"articles/x/", "tags/y/", "../../tags/y/"},
		{"articles/page/2/", "articles/", "../../../articles/"},
		{"404.html", "assets/style.css", "assets/style.css"},
		{"metrics/a/", "metrics/a.csv", "../../metrics/a.csv"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.target); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
}
