package serve

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/bantin/bantin/internal/output"
)

// compressSnapshot gives the server's current build the siblings a build
// with compress: true writes (output.Compressed over the same files).
func compressSnapshot(t *testing.T, s *Server) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	mem := output.NewMemory()
	sink := output.Compressed(mem)
	for _, p := range s.current.files.Paths() {
		b, _ := s.current.files.Get(p)
		if err := sink.WriteFile(p, b); err != nil {
			t.Fatal(err)
		}
	}
	s.current.files = mem
}

// TestServeCompressedSiblings: with siblings in the build, a request that
// accepts br or gzip gets that sibling, with the file's own Content-Type,
// Content-Encoding, an ETag of its own and Vary: Accept-Encoding; one that
// accepts neither gets the file itself (still with Vary); a file without
// siblings is sent as it is, without Vary.
func TestServeCompressedSiblings(t *testing.T) {
	dir := newSite(t)
	s, h := handlerFor(t, dir)
	plain := do(h, http.MethodGet, base)
	if plain.Code != http.StatusOK || plain.Header().Get("Vary") != "" || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("before compression: %d, Vary %q, Content-Encoding %q", plain.Code, plain.Header().Get("Vary"), plain.Header().Get("Content-Encoding"))
	}
	page := plain.Body.Bytes()
	compressSnapshot(t, s)

	decode := map[string]func([]byte) ([]byte, error){
		"": func(b []byte) ([]byte, error) { return b, nil },
		"gzip": func(b []byte) ([]byte, error) {
			r, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(r)
		},
		"br": func(b []byte) ([]byte, error) { return io.ReadAll(brotli.NewReader(bytes.NewReader(b))) },
	}
	etags := map[string]string{}
	for _, c := range []struct {
		path, accept, wantEnc, wantType, wantVary string
	}{
		{base, "gzip, deflate, br, zstd", "br", "text/html; charset=utf-8", "Accept-Encoding"},
		{base, "gzip", "gzip", "text/html; charset=utf-8", "Accept-Encoding"},
		{base, "br;q=0, gzip;q=0.5", "gzip", "text/html; charset=utf-8", "Accept-Encoding"},
		{base, "", "", "text/html; charset=utf-8", "Accept-Encoding"},
		{base, "identity", "", "text/html; charset=utf-8", "Accept-Encoding"},
		{base + "feed.xml", "br", "br", "application/xml", "Accept-Encoding"},
		{base + "assets/style.css", "gzip", "gzip", "text/css; charset=utf-8", "Accept-Encoding"},
		{base + "assets/icon.svg", "br", "br", "image/svg+xml", "Accept-Encoding"},
	} {
		req := httptest.NewRequest(http.MethodGet, c.path, nil)
		req.Host = "127.0.0.1:1313"
		if c.accept != "" {
			req.Header.Set("Accept-Encoding", c.accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		hd := rec.Header()
		if rec.Code != http.StatusOK || hd.Get("Content-Encoding") != c.wantEnc || hd.Get("Content-Type") != c.wantType || hd.Get("Vary") != c.wantVary {
			t.Errorf("%s, Accept-Encoding %q: %d, Content-Encoding %q, Content-Type %q, Vary %q; want 200, %q, %q, %q",
				c.path, c.accept, rec.Code, hd.Get("Content-Encoding"), hd.Get("Content-Type"), hd.Get("Vary"), c.wantEnc, c.wantType, c.wantVary)
			continue
		}
		body, err := decode[c.wantEnc](rec.Body.Bytes())
		if err != nil {
			t.Errorf("%s as %q: %v", c.path, c.wantEnc, err)
		}
		if c.path == base && !bytes.Equal(body, page) {
			t.Errorf("%s as %q does not decode to the page", c.path, c.wantEnc)
		}
		if c.path == base {
			if old, seen := etags[c.wantEnc]; seen && old != hd.Get("ETag") {
				t.Errorf("%s: two ETags for the same encoding: %s, %s", c.path, old, hd.Get("ETag"))
			}
			etags[c.wantEnc] = hd.Get("ETag")
		}
	}
	if len(etags) != 3 || etags[""] == etags["br"] || etags["br"] == etags["gzip"] || etags[""] == etags["gzip"] {
		t.Errorf("each encoding needs its own ETag: %v", etags)
	}
	// A HEAD gets the headers of the sibling and no body.
	req := httptest.NewRequest(http.MethodHead, base, nil)
	req.Host = "127.0.0.1:1313"
	req.Header.Set("Accept-Encoding", "br")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "br" || rec.Body.Len() != 0 {
		t.Errorf("HEAD: Content-Encoding %q, %d bytes of body", rec.Header().Get("Content-Encoding"), rec.Body.Len())
	}
}
