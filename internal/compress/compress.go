// Package compress makes the precompressed siblings of a site's text
// files: page.html.gz and page.html.br beside page.html, which a static
// web server (nginx's gzip_static and brotli_static, Caddy's
// precompressed, and bantin serve) sends to browsers that accept them,
// spending no CPU per request.
//
// The bytes depend only on the input: the gzip header carries no name and
// no modification time, and both encoders run at a fixed level, so the
// same build gives the same siblings and an unchanged file's siblings are
// never rewritten.
package compress

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"path"
	"strings"

	"github.com/andybalholm/brotli"
)

// Encodings are the sibling suffixes, in the order a server prefers them
// when the browser accepts both: brotli is smaller.
const (
	Brotli = ".br"
	Gzip   = ".gz"
)

// Levels. They are part of what the sibling's bytes are made from, so
// Version changes with them.
//
// gzip at its best level costs little more than the default. Brotli's
// quality 11 gives files about 10% smaller than 6 but is 40 times slower
// (1.5 s for the 580 KB chart library with the pure-Go encoder), which a
// build of tens of thousands of pages, and the preview server, would pay
// on every change; 6 is within 2% of 9 at a third of its time.
const (
	gzipLevel      = gzip.BestCompression
	brotliQuality  = 6
	brotliLogWSize = 22 // brotli's default window (4 MB)
)

// Version names the encoders' settings. It is recorded with each sibling
// (output.Compressed uses it in the sibling's fingerprint), so a change of
// level or library makes every sibling be written again rather than kept.
const Version = "gzip9-br6-v1"

// contentTypes are the text files that get siblings, by extension, with
// the Content-Type a server sends for them. These are the types a bantin
// site writes (pages, style sheet, scripts, open data, feed and sitemap,
// icons, robots.txt); images other than SVG, PDFs and fonts are already
// compressed and get none.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".json": "application/json",
	".csv":  "text/csv; charset=utf-8",
	".xml":  "application/xml",
	".svg":  "image/svg+xml",
	".txt":  "text/plain; charset=utf-8",
}

// Compressible reports whether the file at rel gets siblings: a text type
// (by its extension, case-insensitive) and not itself a sibling.
func Compressible(rel string) bool {
	_, ok := contentTypes[strings.ToLower(path.Ext(rel))]
	return ok
}

// ContentType is the Content-Type of the file at rel when it is
// Compressible, "" otherwise. A server sending a sibling must set it
// itself: the sibling's own name (.br, .gz) says nothing of its content.
func ContentType(rel string) string {
	return contentTypes[strings.ToLower(path.Ext(rel))]
}

// Encode compresses data with the encoding named by its suffix (Gzip or
// Brotli).
func Encode(enc string, data []byte) ([]byte, error) {
	switch enc {
	case Gzip:
		return GzipBytes(data)
	case Brotli:
		return BrotliBytes(data)
	}
	return nil, fmt.Errorf("compress: unknown encoding %q", enc)
}

// GzipBytes returns data gzipped at the best level, with an empty header
// (no file name, no modification time, OS "unknown"), so the result
// depends on data alone.
func GzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	w, err := gzip.NewWriterLevel(&b, gzipLevel)
	if err != nil {
		return nil, err
	}
	// The zero Header already has no name and a zero ModTime, which gzip
	// writes as 0 ("no time"); OS stays 255 ("unknown").
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("compress: gzip: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compress: gzip: %w", err)
	}
	return b.Bytes(), nil
}

// BrotliBytes returns data compressed with brotli at a fixed quality and
// window.
func BrotliBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotliQuality, LGWin: brotliLogWSize})
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("compress: brotli: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compress: brotli: %w", err)
	}
	return b.Bytes(), nil
}

// Accept lists the siblings a request's Accept-Encoding header allows, in
// the order to try them: Brotli if the browser accepts br, then Gzip if it
// accepts gzip (or x-gzip); none means send the file itself. A coding with
// q=0 is refused, "*" stands for any coding not named, and a malformed q
// counts as 0, so a garbled header never gets an encoding it did not ask
// for.
func Accept(header string) []string {
	q := map[string]float64{}
	star := -1.0
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		v := 1.0
		for _, p := range strings.Split(params, ";") {
			k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				v = parseQ(strings.TrimSpace(val))
			}
		}
		if name == "*" {
			star = v
			continue
		}
		if name == "x-gzip" {
			name = "gzip"
		}
		if old, seen := q[name]; !seen || v > old {
			q[name] = v
		}
	}
	accepts := func(name string) bool {
		if v, ok := q[name]; ok {
			return v > 0
		}
		return star > 0
	}
	var out []string
	if accepts("br") {
		out = append(out, Brotli)
	}
	if accepts("gzip") {
		out = append(out, Gzip)
	}
	return out
}

// Coding is the Content-Encoding value of a sibling suffix: "br" or
// "gzip".
func Coding(enc string) string {
	switch enc {
	case Brotli:
		return "br"
	case Gzip:
		return "gzip"
	}
	return ""
}

// parseQ reads a quality value (RFC 9110: 0 to 1, at most three
// decimals); anything else is 0, so a garbled header never gets a
// compressed answer it did not ask for.
func parseQ(s string) float64 {
	if s == "" || len(s) > 5 {
		return 0
	}
	switch {
	case s[0] == '1':
		for _, c := range s[1:] {
			if c != '.' && c != '0' {
				return 0
			}
		}
		if len(s) > 1 && s[1] != '.' {
			return 0
		}
		return 1
	case s[0] == '0':
		if len(s) == 1 {
			return 0
		}
		if s[1] != '.' {
			return 0
		}
		v, scale := 0.0, 0.1
		for _, c := range s[2:] {
			if c < '0' || c > '9' {
				return 0
			}
			v += float64(c-'0') * scale
			scale /= 10
		}
		return v
	}
	return 0
}
