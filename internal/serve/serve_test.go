package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/output"
	"github.com/bantin/bantin/internal/scaffold"
)

// The scaffolded site lives under /tien-do/ and has one article.
const (
	base        = "/tien-do/"
	articleSlug = "chao-mung-den-voi-ban-tin-tien-do"
	articlePath = base + "articles/" + articleSlug + "/"
)

// newSite scaffolds a fresh site into a temporary directory.
func newSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.NewSite(dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// articleFile is the scaffolded article's source.
func articleFile(t *testing.T, dir string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "content", "articles", "*-"+articleSlug+".md"))
	if err != nil || len(m) != 1 {
		t.Fatalf("article not found: %v %v", m, err)
	}
	return m[0]
}

// syncBuffer is a log safe to read while the server writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newServer(t *testing.T, dir string) (*Server, *syncBuffer, *syncBuffer) {
	t.Helper()
	var out, errOut syncBuffer
	s, err := New(Options{
		Build:    build.Options{SiteDir: dir, Theme: bantin.Theme()},
		Debounce: 30 * time.Millisecond,
		Out:      &out,
		Err:      &errOut,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, &out, &errOut
}

// start serves dir on a free loopback port, with the real watcher, and
// stops the server when the test ends (checking it stops promptly).
func start(t *testing.T, dir string) (srv *Server, url string, out, errOut *syncBuffer) {
	t.Helper()
	srv, out, errOut = newServer(t, dir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Serve did not stop within 5 s of its context ending")
		}
	})
	url = "http://" + ln.Addr().String()
	eventually(t, func() bool { return strings.Contains(out.String(), "Serving ") })
	return srv, url, out, errOut
}

// eventually polls cond for up to five seconds.
func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

type sse struct{ name, data string }

// subscribe opens the event stream; events arrive on the channel until the
// test ends.
func subscribe(t *testing.T, url string) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	ch := make(chan sse, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ch <- ev
				}
				ev = sse{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// waitEvent skips events until one named name arrives.
func waitEvent(t *testing.T, ch <-chan sse, name string) sse {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("event stream closed before a %q event", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within 5 s", name)
		}
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestServeReloadsOnEdit(t *testing.T) {
	dir := newSite(t)
	_, url, out, _ := start(t, dir)
	if !strings.Contains(out.String(), "Serving "+url+base+" (Ctrl+C to stop)") {
		t.Errorf("no serving line with the site URL:\n%s", out.String())
	}

	code, page := get(t, url+articlePath)
	if code != http.StatusOK || !strings.Contains(page, "Chào mừng đến với bản tin tiến độ") {
		t.Fatalf("article: %d\n%s", code, page)
	}
	if !strings.Contains(page, `<script src="`+ReloadScript+`"></script>`) {
		t.Error("served page does not load the reload script")
	}

	events := subscribe(t, url)
	waitEvent(t, events, "hello")

	file := articleFile(t, dir)
	src, _ := os.ReadFile(file)
	writeFile(t, file, string(src)+"\nĐoạn mới thêm vào lúc xem trước.\n")
	// Only the pages whose content changed reload: the article, not the
	// plan or metric pages open elsewhere. The search index, made after
	// the pages, reloads on its own (the first build's may come first).
	for {
		ev := waitEvent(t, events, "reload")
		var reload struct {
			Pages []string `json:"pages"`
			All   bool     `json:"all"`
		}
		if err := json.Unmarshal([]byte(ev.data), &reload); err != nil {
			t.Fatal(err)
		}
		if !reload.All && !slices.ContainsFunc(reload.Pages, func(p string) bool { return !strings.Contains(p, "/search/") }) {
			continue // only the search index's files
		}
		if reload.All || !slices.Contains(reload.Pages, articlePath) || slices.ContainsFunc(reload.Pages, func(p string) bool {
			return strings.Contains(p, "/plans/") || strings.Contains(p, "/metrics/")
		}) {
			t.Errorf("editing one article's text reloads %s; want that article and no plan or metric page", ev.data)
		}
		break
	}
	eventually(t, func() bool {
		_, page := get(t, url+articlePath)
		return strings.Contains(page, "Đoạn mới thêm vào lúc xem trước.")
	})
	eventually(t, func() bool { return strings.Contains(out.String(), "rebuilt in ") })
	if !strings.Contains(out.String(), " pages)") {
		t.Errorf("no page count in the log:\n%s", out.String())
	}

	// A new directory is watched as soon as it appears.
	sub := filepath.Join(dir, "content", "articles", "2026")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "reload")
	writeFile(t, filepath.Join(sub, "moi.md"), "---\ntitle: Bài trong thư mục mới\ndate: 2024-01-02\n---\nNội dung.\n")
	eventually(t, func() bool {
		code, _ := get(t, url+base+"articles/bai-trong-thu-muc-moi/")
		return code == http.StatusOK
	})
}

// TestServeSearchFollows: after an edit the pages reload first, without
// the search index (it depends on every bulletin, and is the slowest
// output); the index follows in a second reload, and then finds the new
// words.
func TestServeSearchFollows(t *testing.T) {
	dir := newSite(t)
	_, url, out, _ := start(t, dir)
	eventually(t, func() bool { return strings.Contains(out.String(), "search index updated in ") })
	events := subscribe(t, url)
	waitEvent(t, events, "hello")
	_, before := get(t, url+base+"search/index.json")

	file := articleFile(t, dir)
	src, _ := os.ReadFile(file)
	writeFile(t, file, string(src)+"\nTừ khóa xuyênsuốt mới.\n")
	var reload struct {
		Pages []string `json:"pages"`
	}
	if err := json.Unmarshal([]byte(waitEvent(t, events, "reload").data), &reload); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(reload.Pages, articlePath) || slices.ContainsFunc(reload.Pages, func(p string) bool { return strings.Contains(p, "/search/") }) {
		t.Errorf("first reload %v: want the article, and no file of the search index", reload.Pages)
	}
	if err := json.Unmarshal([]byte(waitEvent(t, events, "reload").data), &reload); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(reload.Pages, func(p string) bool { return strings.HasSuffix(p, "/search/index.json") }) {
		t.Errorf("second reload %v: want the search index", reload.Pages)
	}
	if _, after := get(t, url+base+"search/index.json"); after == before {
		t.Error("the search manifest did not change after an edit of a bulletin's text")
	}
}

func TestServeKeepsLastGoodBuildOnError(t *testing.T) {
	dir := newSite(t)
	srv, url, _, errOut := start(t, dir)
	events := subscribe(t, url)
	waitEvent(t, events, "hello")
	_, before := get(t, url+articlePath)

	file := articleFile(t, dir)
	good, _ := os.ReadFile(file)
	bad := strings.Replace(string(good), "plan: ke-hoach-mau\n", "plan: ke-hoach-mau\ndraft: perhaps\n", 1)
	writeFile(t, file, bad)
	ev := waitEvent(t, events, "build-error")
	var payload struct{ Errors []string }
	if err := json.Unmarshal([]byte(ev.data), &payload); err != nil {
		t.Fatalf("build-error data %q: %v", ev.data, err)
	}
	if len(payload.Errors) != 1 || !strings.Contains(payload.Errors[0], file+":") || !strings.Contains(payload.Errors[0], "draft") {
		t.Errorf("build-error errors: %q", payload.Errors)
	}
	eventually(t, func() bool { return strings.Contains(errOut.String(), "still serving the last good build") })
	if !strings.Contains(errOut.String(), file+":") {
		t.Errorf("the terminal does not show the error with its position:\n%s", errOut.String())
	}

	// The last good page is still served, and the status says why it is old.
	code, page := get(t, url+articlePath)
	if code != http.StatusOK || page != before {
		t.Errorf("during the error: %d, page changed: %v", code, page != before)
	}
	if st := srv.Status(); st.OK || len(st.Errors) != 1 || st.Build == "" {
		t.Errorf("status during the error: %+v", st)
	}
	// A page opened now learns of the error as soon as it connects.
	late := subscribe(t, url)
	waitEvent(t, late, "hello")
	waitEvent(t, late, "build-error")

	writeFile(t, file, strings.Replace(string(good), "Đây là bản tin đầu tiên", "Đã sửa xong: đây là bản tin đầu tiên", 1))
	waitEvent(t, events, "reload")
	eventually(t, func() bool {
		_, page := get(t, url+articlePath)
		return strings.Contains(page, "Đã sửa xong")
	})
	if st := srv.Status(); !st.OK || len(st.Errors) != 0 {
		t.Errorf("status after the fix: %+v", st)
	}
	code, body := get(t, url+StatusPath)
	if code != http.StatusOK || !strings.Contains(body, `"ok": true`) {
		t.Errorf("status endpoint: %d %s", code, body)
	}
}

func TestServeRawTraversal(t *testing.T) {
	dir := newSite(t)
	writeFile(t, filepath.Join(dir, "secret.txt"), "TOP-SECRET")
	_, url, _, _ := start(t, dir)
	host := strings.TrimPrefix(url, "http://")
	// Raw requests: an HTTP client might clean the path before sending it.
	for _, target := range []string{
		"/tien-do/../../etc/passwd",
		"/tien-do/../secret.txt",
		"/tien-do/%2e%2e/secret.txt",
		"/tien-do/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/tien-do/..%5csecret.txt",
		"/../secret.txt",
	} {
		conn, err := net.DialTimeout("tcp", host, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(3 * time.Second))
		io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 400 or 404", target, resp.StatusCode)
		}
		if strings.Contains(string(body), "TOP-SECRET") || strings.Contains(string(body), "root:") {
			t.Errorf("%s: leaked a file from outside the build", target)
		}
	}
}

// handlerFor builds dir once and returns the server's handler, for tests
// that need no network.
func handlerFor(t *testing.T, dir string) (*Server, http.Handler) {
	t.Helper()
	s, _, _ := newServer(t, dir)
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	s.searchWG.Wait() // the search index follows the pages: let it settle
	return s, s.Handler()
}

func do(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, target, nil)
	req.Host = "127.0.0.1:1313" // the server's own address (see hostPolicy)
	h.ServeHTTP(rec, req)
	return rec
}

func TestHandlerTraversal(t *testing.T) {
	dir := newSite(t)
	_, h := handlerFor(t, dir)
	for _, target := range []string{
		"/tien-do/../../etc/passwd",
		"/tien-do/%2e%2e/%2e%2e/etc/passwd",
		"/tien-do/..%2f..%2fcontent/site.yaml",
		"/tien-do/articles/../../../content/site.yaml",
		"/tien-do/%2E%2E/content/site.yaml",
		"/tien-do/..%5ccontent%5csite.yaml",
		"/tien-do/a%00b",
		"/tien-do//etc/passwd",
		"/tien-do/./index.html",
		"/tien-do/content/site.yaml",
		"/content/site.yaml",
	} {
		rec := do(h, http.MethodGet, target)
		if rec.Code != http.StatusBadRequest && rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 400 or 404", target, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "baseURL") || strings.Contains(rec.Body.String(), "root:") {
			t.Errorf("%s: served a file from outside the build", target)
		}
	}
}

func TestHandlerSubPath(t *testing.T) {
	dir := newSite(t)
	_, h := handlerFor(t, dir)
	tests := []struct {
		target   string
		code     int
		location string
	}{
		{"/", http.StatusFound, base},
		{"/?x=1", http.StatusFound, base + "?x=1"},
		{"/tien-do", http.StatusFound, base},
		{base, http.StatusOK, ""},
		{base + "index.html", http.StatusOK, ""},
		{articlePath, http.StatusOK, ""},
		{strings.TrimSuffix(articlePath, "/"), http.StatusMovedPermanently, articlePath},
		{base + "feed.xml", http.StatusOK, ""},
		{base + "metrics/ho-so-truc-tuyen.csv", http.StatusOK, ""},
		{base + "assets/style.css?v=123", http.StatusOK, ""},
		{"/articles/" + articleSlug + "/", http.StatusNotFound, ""}, // outside the base path
		{"/index.html", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		rec := do(h, http.MethodGet, tt.target)
		if rec.Code != tt.code || rec.Header().Get("Location") != tt.location {
			t.Errorf("GET %s: %d Location %q; want %d %q", tt.target, rec.Code, rec.Header().Get("Location"), tt.code, tt.location)
		}
	}
	if ct := do(h, http.MethodGet, base+"assets/style.css").Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("style.css Content-Type %q", ct)
	}
	if ct := do(h, http.MethodGet, base).Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("home Content-Type %q", ct)
	}

	// A site at the root of its host is served at /.
	cfg := filepath.Join(dir, "content", "site.yaml")
	src, _ := os.ReadFile(cfg)
	writeFile(t, cfg, strings.Replace(string(src), "https://example.gov.vn/tien-do/", "https://example.gov.vn/", 1))
	s2, h2 := handlerFor(t, dir)
	if st := s2.Status(); st.BasePath != "/" {
		t.Errorf("base path %q", st.BasePath)
	}
	if rec := do(h2, http.MethodGet, "/"); rec.Code != http.StatusOK {
		t.Errorf("root site: GET / → %d", rec.Code)
	}
	if rec := do(h2, http.MethodGet, "/articles/"+articleSlug+"/"); rec.Code != http.StatusOK {
		t.Errorf("root site: article → %d", rec.Code)
	}
}

func TestHandlerNotFound(t *testing.T) {
	dir := newSite(t)
	s, h := handlerFor(t, dir)
	want, _ := s.current.files.Get("404.html")
	for _, target := range []string{base + "khong-co/", base + "articles/khong-co-bai-nay/", "/favicon.ico", Prefix + "nothing"} {
		rec := do(h, http.MethodGet, target)
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", target, rec.Code)
		}
		if !strings.HasPrefix(target, Prefix) && rec.Body.String() != string(want) {
			t.Errorf("%s: body is not the site's 404.html", target)
		}
	}
	rec := do(h, http.MethodHead, base+"khong-co/")
	if rec.Code != http.StatusNotFound || rec.Body.Len() != 0 {
		t.Errorf("HEAD of a missing page: %d with %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := do(h, http.MethodPost, base); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}

func TestETagChangesWithEachBuild(t *testing.T) {
	dir := newSite(t)
	s, h := handlerFor(t, dir)
	first := do(h, http.MethodGet, base).Header().Get("ETag")
	req := httptest.NewRequest(http.MethodGet, base, nil)
	req.Host = "127.0.0.1:1313"
	req.Header.Set("If-None-Match", first)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("same build, If-None-Match: %d, want 304", rec.Code)
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("after a rebuild, the old ETag got %d, want 200", rec.Code)
	}
}

func TestNoGoodBuildYet(t *testing.T) {
	dir := newSite(t)
	cfg := filepath.Join(dir, "content", "site.yaml")
	good, _ := os.ReadFile(cfg)
	writeFile(t, cfg, string(good)+"\"<script>alert(1)</script>\": x\n")
	s, out, errOut := newServer(t, dir)
	err := s.Rebuild()
	var list *diag.List
	if !errors.As(err, &list) {
		t.Fatalf("Rebuild: %v, want content errors", err)
	}
	if !strings.Contains(errOut.String(), "nothing to serve yet") || out.String() != "" {
		t.Errorf("log: out %q err %q", out.String(), errOut.String())
	}
	h := s.Handler()
	rec := do(h, http.MethodGet, "/tien-do/")
	body := rec.Body.String()
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(body, "unknown key") {
		t.Fatalf("%d\n%s", rec.Code, body)
	}
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert") {
		t.Errorf("the error is not escaped:\n%s", body)
	}
	if !strings.Contains(body, `<script src="`+ReloadScript+`">`) {
		t.Error("the error page does not load the reload script")
	}

	writeFile(t, cfg, string(good))
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if rec := do(h, http.MethodGet, "/tien-do/"); rec.Code != http.StatusOK {
		t.Errorf("after the fix: %d", rec.Code)
	}
	if !strings.Contains(out.String(), "built in ") {
		t.Errorf("the good build is not logged: %q", out.String())
	}
}

func TestReloadScript(t *testing.T) {
	dir := newSite(t)
	_, h := handlerFor(t, dir)
	rec := do(h, http.MethodGet, ReloadScript)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
		t.Fatalf("%d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	js := rec.Body.String()
	for _, want := range []string{`"` + EventsPath + `"`, `"hello"`, `"reload"`, `"build-error"`, "textContent"} {
		if !strings.Contains(js, want) {
			t.Errorf("reload.js lacks %s", want)
		}
	}
	if strings.Contains(js, "innerHTML") {
		t.Error("reload.js must not put error text into innerHTML")
	}
}

// The reload script belongs to serve only: a normal build never loads it.
func TestBuildOutputHasNoReloadScript(t *testing.T) {
	dir := newSite(t)
	mem := output.NewMemory()
	if _, err := build.Build(build.Options{SiteDir: dir, Theme: bantin.Theme()}, mem); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, p := range mem.Paths() {
		b, _ := mem.Get(p)
		if bytes.Contains(b, []byte("__bantin")) {
			t.Errorf("%s mentions __bantin", p)
		}
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	if pages < 5 {
		t.Fatalf("only %d pages built", pages)
	}
	// …and every page served by serve does.
	s, _ := handlerFor(t, dir)
	for _, p := range s.current.files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		b, _ := s.current.files.Get(p)
		if bytes.Contains(b, []byte(`http-equiv="refresh"`)) {
			continue // a redirect, gone before any script would run
		}
		if !bytes.Contains(b, []byte(`<script src="`+ReloadScript+`"></script>`)) {
			t.Errorf("served %s does not load the reload script", p)
		}
	}
}

func TestScratchFiles(t *testing.T) {
	for name, want := range map[string]bool{
		".a.md.swp": true, "a.md~": true, ".#a.md": true, "4913": true,
		"a.md": false, "plan.yaml": false, ".well-known": false,
	} {
		if scratch(name) != want {
			t.Errorf("scratch(%q) = %v", name, !want)
		}
	}
}
