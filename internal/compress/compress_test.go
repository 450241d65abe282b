package compress

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestCompressible(t *testing.T) {
	for _, c := range []struct {
		rel  string
		want bool
		typ  string
	}{
		{"index.html", true, "text/html; charset=utf-8"},
		{"articles/x/index.HTML", true, "text/html; charset=utf-8"},
		{"assets/style.css", true, "text/css; charset=utf-8"},
		{"assets/echarts/echarts.min.js", true, "text/javascript; charset=utf-8"},
		{"metrics/a.json", true, "application/json"},
		{"metrics/a.csv", true, "text/csv; charset=utf-8"},
		{"feed.xml", true, "application/xml"},
		{"sitemap.xml", true, "application/xml"},
		{"assets/icon.svg", true, "image/svg+xml"},
		{"robots.txt", true, "text/plain; charset=utf-8"},
		{"index.html.gz", false, ""},
		{"index.html.br", false, ""},
		{"photo.jpg", false, ""},
		{"report.pdf", false, ""},
		{"LICENSE", false, ""},
		{".html", true, "text/html; charset=utf-8"},
	} {
		if got := Compressible(c.rel); got != c.want {
			t.Errorf("Compressible(%q) = %v, want %v", c.rel, got, c.want)
		}
		if got := ContentType(c.rel); got != c.typ {
			t.Errorf("ContentType(%q) = %q, want %q", c.rel, got, c.typ)
		}
	}
}

// TestDeterministicRoundTrip: each encoding gives the same bytes every
// time, decodes to the input, and gzip's header names no file and no time.
func TestDeterministicRoundTrip(t *testing.T) {
	inputs := map[string][]byte{
		"empty":      {},
		"vietnamese": []byte("<p>Hồ sơ thủ tục hành chính được số hóa: hơn 2,7 triệu (09/4/2024)</p>"),
		"page":       []byte(strings.Repeat("<tr><td>Q1/2024</td><td>96,5%</td></tr>\n", 2000)),
		"binaryish":  bytes.Repeat([]byte{0, 1, 2, 255, 254}, 1000),
	}
	decoders := map[string]func(io.Reader) (io.Reader, error){
		Gzip: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		Brotli: func(r io.Reader) (io.Reader, error) {
			return brotli.NewReader(r), nil
		},
	}
	for name, in := range inputs {
		for enc, dec := range decoders {
			a, err := Encode(enc, in)
			if err != nil {
				t.Fatalf("%s %s: %v", name, enc, err)
			}
			b, _ := Encode(enc, bytes.Clone(in))
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: two encodings differ", name, enc)
			}
			r, err := dec(bytes.NewReader(a))
			if err != nil {
				t.Fatalf("%s %s: %v", name, enc, err)
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, in) {
				t.Errorf("%s %s: round trip gives %d bytes (%v), want %d", name, enc, len(got), err, len(in))
			}
			if enc == Gzip {
				// RFC 1952: ID1 ID2 CM FLG MTIME(4) XFL OS.
				if a[3] != 0 || !bytes.Equal(a[4:8], []byte{0, 0, 0, 0}) {
					t.Errorf("%s: gzip header has flags %#x and mtime % x, want none", name, a[3], a[4:8])
				}
			}
			if name == "page" && len(a) > len(in)/10 {
				t.Errorf("%s %s: %d → %d bytes: not compressed", name, enc, len(in), len(a))
			}
		}
	}
	if _, err := Encode(".zst", nil); err == nil {
		t.Error("Encode accepted an unknown encoding")
	}
}

func TestAccept(t *testing.T) {
	for _, c := range []struct{ header, want string }{
		{"", ""},
		{"identity", ""},
		{"gzip", ".gz"},
		{"x-gzip", ".gz"},
		{"GZIP", ".gz"},
		{"br", ".br"},
		{"gzip, deflate, br, zstd", ".br .gz"}, // Chromium
		{"gzip, deflate", ".gz"},               // curl --compressed without brotli
		{"br;q=0, gzip", ".gz"},
		{"br;q=0.0, gzip;q=0.5", ".gz"},
		{"br;q=0.001", ".br"},
		{"gzip;q=0, br;q=0", ""},
		{"*", ".br .gz"},
		{"*;q=0", ""},
		{"*, br;q=0", ".gz"},
		{"*;q=0, gzip", ".gz"},
		{"br;q=2", ""},   // out of range: refused
		{"br;q=abc", ""}, // garbled
		{"br;q=0.5;level=1, gzip;q=1", ".br .gz"},
		{" br ; q = 1 ", ".br"},
		{",,,", ""},
		{"deflate", ""},
		{"gzip;q=1.000", ".gz"},
		{"gzip;q=1.001", ""},
		{"gzip;q=0.1234", ""},
	} {
		if got := strings.Join(Accept(c.header), " "); got != c.want {
			t.Errorf("Accept(%q) = %q, want %q", c.header, got, c.want)
		}
	}
	for enc, want := range map[string]string{Brotli: "br", Gzip: "gzip", ".zst": ""} {
		if got := Coding(enc); got != want {
			t.Errorf("Coding(%q) = %q, want %q", enc, got, want)
		}
	}
}

// TestAcceptLongHeader: a header as long as Go's server lets through
// (about 1 MB) of repeated codings is read in one pass and still finds the
// coding at its end.
func TestAcceptLongHeader(t *testing.T) {
	h := strings.Repeat("x-unknown;q=0.5, ", 50000) + "gzip"
	if got := Accept(h); len(got) != 1 || got[0] != Gzip {
		t.Errorf("Accept(long) = %q, want [%q]", got, Gzip)
	}
}
