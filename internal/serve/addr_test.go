package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bantin/bantin/internal/build"
)

func TestParseAddr(t *testing.T) {
	tests := []struct {
		in       string
		host     string
		port     int
		loopback bool
		err      string // "" when valid
	}{
		{in: "127.0.0.1:1313", host: "127.0.0.1", port: 1313, loopback: true},
		{in: "127.0.0.2:80", host: "127.0.0.2", port: 80, loopback: true},
		{in: "[::1]:1313", host: "::1", port: 1313, loopback: true},
		{in: "localhost:1313", host: "localhost", port: 1313, loopback: true},
		{in: "LocalHost.:1313", host: "LocalHost.", port: 1313, loopback: true},
		{in: "127.0.0.1:0", host: "127.0.0.1", port: 0, loopback: true},
		{in: "[::ffff:127.0.0.1]:1313", host: "::ffff:127.0.0.1", port: 1313, loopback: true},
		// Every interface, or addresses other machines can reach.
		{in: "0.0.0.0:1313", host: "0.0.0.0", port: 1313},
		{in: ":1313", host: "", port: 1313},
		{in: "[::]:1313", host: "::", port: 1313},
		{in: "192.168.1.5:1313", host: "192.168.1.5", port: 1313},
		{in: "[fe80::1%eth0]:1313", host: "fe80::1%eth0", port: 1313},
		{in: "myhost.lan:1313", host: "myhost.lan", port: 1313},
		{in: "localhost.evil.example:1313", host: "localhost.evil.example", port: 1313},
		// Mistakes.
		{in: "nonsense", err: "is not host:port"},
		{in: "", err: "is not host:port"},
		{in: "1313", err: "is not host:port"},
		{in: "127.0.0.1:", err: "has no port"},
		{in: "127.0.0.1:99999", err: "port 99999 is out of range"},
		{in: "127.0.0.1:-1", err: "is not a number"},
		{in: "127.0.0.1:+80", err: "is not a number"},
		{in: "127.0.0.1:http", err: "is not a number"},
		{in: "::1:1313", err: "is not host:port"},
		{in: "1.2.3:1313", err: "neither an IP address nor a host name"},
		{in: "exa mple:1313", err: "neither an IP address nor a host name"},
		{in: "-bad.example:1313", err: "neither an IP address nor a host name"},
		{in: "[::1:1313", err: "is not host:port"},
	}
	for _, tt := range tests {
		a, err := ParseAddr(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseAddr(%q) = %+v, %v; want an error containing %q", tt.in, a, err, tt.err)
			}
			continue
		}
		if err != nil || a.Host != tt.host || a.Port != tt.port || a.Loopback != tt.loopback {
			t.Errorf("ParseAddr(%q) = %+v, %v; want host %q port %d loopback %v", tt.in, a, err, tt.host, tt.port, tt.loopback)
		}
	}
}

func TestCheckAllowHost(t *testing.T) {
	for in, ok := range map[string]bool{
		"preview.example":      true,
		"preview.example:8080": true,
		"PREVIEW.example.":     true,
		"192.168.1.5":          true,
		"[::1]":                true,
		"[fe80::1]:8080":       true,
		"":                     false,
		"preview.example:":     false,
		"preview.example:0":    false,
		"preview.example:http": false,
		"evil example":         false,
		"*.example":            false,
		"a:b:c":                false,
	} {
		if err := CheckAllowHost(in); (err == nil) != ok {
			t.Errorf("CheckAllowHost(%q) = %v, want ok %v", in, err, ok)
		}
	}
}

// unbuiltServer is a server that has not built anything: enough to test
// what happens to a request before it reaches the site.
func unbuiltServer(t *testing.T, opts Options) *Server {
	t.Helper()
	opts.Build = build.Options{SiteDir: t.TempDir(), Theme: fstest.MapFS{}, Drafts: true}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fakeInterfaces makes this machine's addresses those given, for the test.
func fakeInterfaces(t *testing.T, cidrs ...string) {
	t.Helper()
	var addrs []net.Addr
	for _, c := range cidrs {
		ip, n, err := net.ParseCIDR(c)
		if err != nil {
			t.Fatal(err)
		}
		n.IP = ip
		addrs = append(addrs, n)
	}
	saved := interfaceAddrs
	interfaceAddrs = func() ([]net.Addr, error) { return addrs, nil }
	t.Cleanup(func() { interfaceAddrs = saved })
}

// DNS rebinding: a page on evil.example, its name pointed at 127.0.0.1,
// sends requests naming evil.example. They, and every Host that is not
// this server's, are refused on every path, the event stream included.
func TestHandlerRefusesForeignHost(t *testing.T) {
	fakeInterfaces(t, "127.0.0.1/8", "192.0.2.10/24", "10.1.2.3/8", "2001:db8::10/64", "::1/128")
	local := func(ip string, port int) *net.TCPAddr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: port} }
	tests := []struct {
		name  string
		opts  Options
		host  string
		local *net.TCPAddr // the connection's own address; nil: a handler called directly
		ok    bool
	}{
		{name: "loopback ip", host: "127.0.0.1:1313", ok: true},
		{name: "localhost", host: "localhost:1313", ok: true},
		{name: "localhost any case, root dot", host: "LocalHost.:1313", ok: true},
		{name: "ipv6 loopback", host: "[::1]:1313", ok: true},
		{name: "ipv6 loopback long form", host: "[0:0:0:0:0:0:0:1]:1313", ok: true},
		{name: "rebinding name", host: "evil.example:1313"},
		{name: "rebinding name, no port", host: "evil.example"},
		{name: "localhost as a subdomain", host: "localhost.evil.example:1313"},
		{name: "missing Host", host: ""},
		{name: "wrong port", host: "127.0.0.1:8080"},
		{name: "no port means 80", host: "localhost"},
		{name: "ipv6 without port", host: "[::1]"},
		{name: "ipv6 unbracketed", host: "::1"},
		{name: "a LAN address, not exposed", host: "192.0.2.10:1313"},
		{name: "malformed", host: "127.0.0.1:1313:1313"},

		// The connection tells the real port and address.
		{name: "real port", host: "127.0.0.1:5555", local: local("127.0.0.1", 5555), ok: true},
		{name: "configured port is not the real one", host: "127.0.0.1:1313", local: local("127.0.0.1", 5555)},
		{name: "the address it came in on", host: "192.0.2.77:5555", local: local("192.0.2.77", 5555), ok: true},
		{name: "a foreign name on the real port", host: "evil.example:5555", local: local("127.0.0.1", 5555)},

		// The configured listening address is an own name.
		{name: "listening name", opts: Options{Addr: "127.0.0.5:1313"}, host: "127.0.0.5:1313", ok: true},

		// --allow-host.
		{name: "allowed name, any port", opts: Options{AllowHosts: []string{"preview.example"}}, host: "preview.example:9999", ok: true},
		{name: "allowed name, default port", opts: Options{AllowHosts: []string{"preview.example"}}, host: "PREVIEW.example", ok: true},
		{name: "allowed name:port", opts: Options{AllowHosts: []string{"proxy.example:8080"}}, host: "proxy.example:8080", ok: true},
		{name: "allowed name, other port", opts: Options{AllowHosts: []string{"proxy.example:8080"}}, host: "proxy.example:1313"},
		{name: "allowed names do not allow others", opts: Options{AllowHosts: []string{"preview.example"}}, host: "evil.example:1313"},

		// --expose: the machine's own addresses are its names too.
		{name: "exposed, own v4", opts: Options{Addr: "0.0.0.0:1313", Expose: true}, host: "192.0.2.10:1313", ok: true},
		{name: "exposed, own v4 again", opts: Options{Addr: ":1313", Expose: true}, host: "10.1.2.3:1313", ok: true},
		{name: "exposed, own v6", opts: Options{Addr: "[::]:1313", Expose: true}, host: "[2001:db8::10]:1313", ok: true},
		{name: "exposed, loopback still", opts: Options{Addr: "0.0.0.0:1313", Expose: true}, host: "localhost:1313", ok: true},
		{name: "exposed, another machine", opts: Options{Addr: "0.0.0.0:1313", Expose: true}, host: "192.0.2.11:1313"},
		{name: "exposed, rebinding", opts: Options{Addr: "0.0.0.0:1313", Expose: true}, host: "evil.example:1313"},
		{name: "exposed, wrong port", opts: Options{Addr: "0.0.0.0:1313", Expose: true}, host: "192.0.2.10:80"},
	}
	paths := []string{"/", "/tien-do/", "/tien-do/articles/x/", EventsPath, StatusPath, ReloadScript, Prefix + "nothing"}
	for _, tt := range tests {
		h := unbuiltServer(t, tt.opts).Handler()
		for _, path := range paths {
			// A refused stream must answer at once; an allowed one would
			// stay open, so it is only asked of refused hosts.
			if path == EventsPath && tt.ok {
				continue
			}
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Host = tt.host
			if tt.local != nil {
				req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.Addr(tt.local)))
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			refused := rec.Code == http.StatusMisdirectedRequest
			if refused == tt.ok {
				t.Errorf("%s: Host %q, GET %s: status %d, want allowed %v\n%s", tt.name, tt.host, path, rec.Code, tt.ok, rec.Body.String())
				continue
			}
			if refused {
				body := rec.Body.String()
				if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") || !strings.Contains(body, "DNS rebinding") || !strings.Contains(body, "--allow-host") {
					t.Errorf("%s: the refusal does not explain itself: %q %q", tt.name, rec.Header().Get("Content-Type"), body)
				}
				if strings.Contains(body, "<") {
					t.Errorf("%s: the refusal is not plain text: %q", tt.name, body)
				}
			}
		}
	}
}

func TestRunRefusesNonLoopbackWithoutExpose(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.10:0", "myhost.example:0"} {
		s := unbuiltServer(t, Options{Addr: addr})
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // if it served anyway, it would stop at once
		err := s.Run(ctx)
		if err == nil || !strings.Contains(err.Error(), "not a loopback address") || !strings.Contains(err.Error(), "--expose") {
			t.Errorf("Run on %s without Expose: %v", addr, err)
		}
	}
	for _, addr := range []string{"nonsense", "127.0.0.1:", "127.0.0.1:99999"} {
		s := unbuiltServer(t, Options{Addr: addr})
		if err := s.Run(context.Background()); err == nil || !strings.Contains(err.Error(), addr) {
			t.Errorf("Run on %q: %v", addr, err)
		}
	}
}

// runServer runs s until the test ends, and returns the URL it printed.
func runServer(t *testing.T, s *Server, out *syncBuffer) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not stop")
		}
	})
	serving := regexp.MustCompile(`Serving (http://\S+) \(Ctrl\+C to stop\)`)
	var url string
	eventually(t, func() bool {
		select {
		case err := <-done:
			t.Fatalf("Run ended: %v", err)
		default:
		}
		m := serving.FindStringSubmatch(out.String())
		if m != nil {
			url = m[1]
		}
		return m != nil
	})
	return url
}

// rawGet sends GET path with the given Host header over a real connection.
func rawGet(t *testing.T, hostport, path, hostHeader string) int {
	t.Helper()
	conn, err := net.DialTimeout("tcp", hostport, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(3 * time.Second))
	io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: "+hostHeader+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// On loopback, the URL printed is the one listened on, it answers, and a
// request naming another host over the same connection is refused.
func TestRunLoopbackHostCheck(t *testing.T) {
	var out, errOut syncBuffer
	s := unbuiltServer(t, Options{Addr: "127.0.0.1:0", Out: &out, Err: &errOut})
	url := runServer(t, s, &out)
	hostport := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	if strings.HasSuffix(hostport, ":0") {
		t.Fatalf("the URL names port 0: %s", url)
	}
	if code := rawGet(t, hostport, StatusPath, hostport); code != http.StatusOK {
		t.Errorf("own Host %s: %d", hostport, code)
	}
	_, port, _ := net.SplitHostPort(hostport)
	if code := rawGet(t, hostport, StatusPath, "localhost:"+port); code != http.StatusOK {
		t.Errorf("localhost: %d", code)
	}
	for _, host := range []string{"evil.example:" + port, "evil.example", "127.0.0.1:1313"} {
		if code := rawGet(t, hostport, EventsPath, host); code != http.StatusMisdirectedRequest {
			t.Errorf("Host %s over the network: %d, want 421", host, code)
		}
	}
	if strings.Contains(errOut.String(), "WARNING") {
		t.Errorf("a loopback server warns: %s", errOut.String())
	}
}

// Exposed: a warning names every address other machines can use, and the
// URL printed is one that really answers.
func TestRunExposedWarns(t *testing.T) {
	fakeInterfaces(t, "127.0.0.1/8", "192.0.2.10/24", "2001:db8::10/64", "fe80::1/64")
	var out, errOut syncBuffer
	s := unbuiltServer(t, Options{Addr: "0.0.0.0:0", Expose: true, Out: &out, Err: &errOut})
	url := runServer(t, s, &out)
	m := regexp.MustCompile(`^http://127\.0\.0\.1:(\d+)/$`).FindStringSubmatch(url)
	if m == nil {
		t.Fatalf("served URL %q is not loopback with the real port", url)
	}
	port := m[1]
	warn := errOut.String()
	for _, want := range []string{
		"WARNING", "beyond this machine", "drafts included",
		"http://192.0.2.10:" + port + "/",
		"http://[2001:db8::10]:" + port + "/",
		"http://[fe80::1]:" + port + "/",
	} {
		if !strings.Contains(warn, want) {
			t.Errorf("the warning lacks %q:\n%s", want, warn)
		}
	}
	if strings.Contains(warn, "127.0.0.1") {
		t.Errorf("the warning lists loopback as reachable from the network:\n%s", warn)
	}
	if code := rawGet(t, "127.0.0.1:"+port, StatusPath, "127.0.0.1:"+port); code != http.StatusOK {
		t.Errorf("the printed URL answers %d", code)
	}
	if code := rawGet(t, "127.0.0.1:"+port, StatusPath, "192.0.2.10:"+port); code != http.StatusOK {
		t.Errorf("an own address as Host: %d", code)
	}
	if code := rawGet(t, "127.0.0.1:"+port, StatusPath, "evil.example:"+port); code != http.StatusMisdirectedRequest {
		t.Errorf("exposed, foreign Host: %d, want 421", code)
	}
}

func TestExposedWarningWithoutAddresses(t *testing.T) {
	fakeInterfaces(t, "127.0.0.1/8", "::1/128")
	var errOut syncBuffer
	s := unbuiltServer(t, Options{Addr: "0.0.0.0:1313", Expose: true, Err: &errOut})
	s.warnExposed(&net.TCPAddr{IP: net.IPv6unspecified, Port: 1313})
	if w := errOut.String(); !strings.Contains(w, "WARNING") || !strings.Contains(w, "no network address is up now") {
		t.Errorf("warning: %q", w)
	}
}

func TestURL(t *testing.T) {
	s := unbuiltServer(t, Options{})
	for _, tt := range []struct {
		addr *net.TCPAddr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}, "http://127.0.0.1:1313/"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 1313}, "http://127.0.0.1:1313/"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 1313}, "http://127.0.0.1:1313/"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 1313}, "http://[::1]:1313/"},
		{&net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 80}, "http://192.0.2.10:80/"},
		{&net.TCPAddr{IP: net.ParseIP("fe80::1"), Port: 1313, Zone: "eth0"}, "http://[fe80::1%25eth0]:1313/"},
	} {
		if got := s.URL(tt.addr); got != tt.want {
			t.Errorf("URL(%v) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}
