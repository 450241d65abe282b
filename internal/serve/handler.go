package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bantin/bantin/internal/compress"
	"github.com/bantin/bantin/internal/output"
)

//go:embed reload.js
var reloadJS []byte

// newHTTPServer wraps h for Serve. There is no write timeout: event streams
// stay open for as long as a page does.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
}

// Handler answers the server's own paths under Prefix and, for every other
// path, the file of the current build it names. It only ever reads the
// in-memory build: no request can reach the file system.
//
// Every request must name this server in its Host header (see hostPolicy):
// others get 421 Misdirected Request. The allowed names are fixed when
// Handler is called.
func (s *Server) Handler() http.Handler {
	return guardHosts(s.hostPolicy(), s.routes())
}

// routes dispatches a request that passed the host check.
func (s *Server) routes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case ReloadScript:
			s.serveScript(w, r)
		case EventsPath:
			s.serveEvents(w, r)
		case StatusPath:
			s.serveStatus(w, r)
		default:
			if strings.HasPrefix(r.URL.Path, Prefix) {
				http.NotFound(w, r)
				return
			}
			s.serveSite(w, r)
		}
	})
}

func allowRead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

func (s *Server) serveScript(w http.ResponseWriter, r *http.Request) {
	if !allowRead(w, r) {
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "reload.js", time.Time{}, bytes.NewReader(reloadJS))
}

func (s *Server) serveStatus(w http.ResponseWriter, r *http.Request) {
	if !allowRead(w, r) {
		return
	}
	b, err := json.MarshalIndent(s.Status(), "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(b, '\n'))
}

// serveSite maps a URL path to a file of the current build:
//
//	/                        → redirect to the base path
//	<base>                   → index.html
//	<base>articles/x/        → articles/x/index.html
//	<base>articles/x         → redirect to <base>articles/x/ when that is a page
//	<base>feed.xml           → feed.xml
//	anything else            → 404.html, with status 404
//
// The path left after the base path must already be clean: a ".." segment,
// an empty segment, a backslash or a NUL is refused with 400 rather than
// resolved. (r.URL.Path is decoded, so %2e%2e arrives as ".." and is
// refused too.) Files are looked up in memory only, so even a path that
// slipped through could not name anything outside the build.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	if !allowRead(w, r) {
		return
	}
	snap, errs := s.state()
	if snap == nil {
		s.serveNoBuild(w, r, errs)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, snap.basePath) {
		if p == "" || p == "/" || p+"/" == snap.basePath {
			redirect(w, r, snap.basePath, http.StatusFound)
			return
		}
		s.notFound(w, r, snap)
		return
	}
	rel := p[len(snap.basePath):]
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	clean, err := output.Clean(rel)
	if err != nil || clean != rel {
		http.Error(w, "bad request: the path must be clean (no \"..\", \".\" or empty segments)", http.StatusBadRequest)
		return
	}
	if b, ok := snap.files.Get(clean); ok {
		serveFile(w, r, snap, clean, b)
		return
	}
	if _, ok := snap.files.Get(clean + "/index.html"); ok {
		redirect(w, r, p+"/", http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r, snap)
}

// serveFile sends one file of a build. Its ETag is the build's id, so a
// reload after a rebuild always gets the new bytes (a Last-Modified date,
// with its one-second grain, could answer 304 with a page from the
// previous build).
//
// When the build wrote compressed siblings (site.yaml's compress: true,
// see output.Compressed), the one the request's Accept-Encoding allows is
// sent instead, as a static server with gzip_static/brotli_static does:
// with Content-Encoding, the Content-Type of the file itself, an ETag of
// its own (the bytes differ) and Vary: Accept-Encoding, so the preview
// shows what readers will get.
func serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, b []byte) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	etag := snap.id
	if compress.Compressible(name) {
		_, gz := snap.files.Get(name + compress.Gzip)
		_, br := snap.files.Get(name + compress.Brotli)
		if gz || br {
			h.Add("Vary", "Accept-Encoding")
		}
		for _, enc := range compress.Accept(r.Header.Get("Accept-Encoding")) {
			if c, ok := snap.files.Get(name + enc); ok {
				h.Set("Content-Encoding", compress.Coding(enc))
				h.Set("Content-Type", compress.ContentType(name))
				etag += "-" + compress.Coding(enc)
				b = c
				break
			}
		}
	}
	h.Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// notFound answers with the site's own 404.html, as a static host would.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	b, ok := snap.files.Get("404.html")
	if !ok {
		http.NotFound(w, r)
		return
	}
	writeHTML(w, r, http.StatusNotFound, b)
}

// redirect sends the browser to target, a path on this server, keeping
// the query.
func redirect(w http.ResponseWriter, r *http.Request, target string, code int) {
	// A target such as "//host/x" would leave this server.
	target = "/" + strings.TrimLeft(target, "/")
	u := url.URL{Path: target, RawQuery: r.URL.RawQuery}
	w.Header().Set("Location", u.EscapedPath()+queryPart(u.RawQuery))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
}

func queryPart(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

var noBuildPage = template.Must(template.New("nobuild").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>bantin: the site does not build yet</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;margin:2em">
<h1>The site does not build yet</h1>
<p>Fix the errors below; this page reloads by itself once the site builds.</p>
<ul style="font-family:ui-monospace,Menlo,Consolas,monospace">
{{- range .Errors}}
<li>{{.}}</li>
{{- end}}
</ul>
<script src="{{.Script}}"></script>
</body>
</html>
`))

// serveNoBuild answers every site path while no build has succeeded yet:
// a page listing the errors, which reloads once a build succeeds.
func (s *Server) serveNoBuild(w http.ResponseWriter, r *http.Request, errs []string) {
	var b bytes.Buffer
	if err := noBuildPage.Execute(&b, struct {
		Errors []string
		Script string
	}{errs, ReloadScript}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, http.StatusServiceUnavailable, b.Bytes())
}

// writeHTML answers with a page that is not one of the site's files (the
// 404 page, the error page), so it must never be cached.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
