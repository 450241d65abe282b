package serve

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// A preview shows drafts and figures nobody has checked yet, so who can
// reach it is decided here, in two places:
//
//   - where it listens (ParseAddr, Run): loopback unless Options.Expose says
//     otherwise, and then with a warning naming every address reachable;
//   - which Host a request may name (the Handler's host check): a web page
//     on another site can make a browser send requests to 127.0.0.1 by
//     pointing its own name at it (DNS rebinding), and the only sign of it
//     is a Host header naming that other site. Only this server's own names
//     are answered, plus those Options.AllowHosts adds.

// ListenAddr is a checked listen address, as --addr takes it.
type ListenAddr struct {
	// Host is an IP address, a host name, or "" for every interface.
	Host string
	// Port is 0..65535; 0 asks the system for a free port.
	Port int
	// Loopback is true when only this machine can connect: a loopback IP
	// (127.0.0.0/8, ::1) or the name localhost. An empty or unspecified
	// host (":1313", "0.0.0.0", "[::]") listens on every interface, and any
	// other name may resolve to anything, so neither is loopback.
	Loopback bool
}

// String is the address in host:port form, IPv6 in brackets.
func (a ListenAddr) String() string {
	return net.JoinHostPort(a.Host, strconv.Itoa(a.Port))
}

// ParseAddr checks a listen address without resolving or listening, so a
// typing mistake is reported before anything is built. It wants host:port
// with a numeric port; the errors say which part is wrong.
func ParseAddr(s string) (ListenAddr, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return ListenAddr{}, fmt.Errorf("%q is not host:port (e.g. %s): %w", s, DefaultAddr, unwrapAddrError(err))
	}
	if port == "" {
		return ListenAddr{}, fmt.Errorf("%q has no port after the colon (e.g. %s)", s, DefaultAddr)
	}
	n, err := strconv.Atoi(port)
	if err != nil || strings.ContainsAny(port, "+-") {
		return ListenAddr{}, fmt.Errorf("%q: port %q is not a number", s, port)
	}
	if n < 0 || n > 65535 {
		return ListenAddr{}, fmt.Errorf("%q: port %d is out of range (0–65535)", s, n)
	}
	a := ListenAddr{Host: host, Port: n}
	if host == "" {
		return a, nil
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		a.Loopback = ip.Unmap().IsLoopback()
		return a, nil
	}
	if !validHostName(host) {
		return ListenAddr{}, fmt.Errorf("%q: %q is neither an IP address nor a host name", s, host)
	}
	a.Loopback = strings.EqualFold(strings.TrimSuffix(host, "."), "localhost")
	return a, nil
}

// unwrapAddrError drops the *net.AddrError's repetition of the address.
func unwrapAddrError(err error) error {
	var ae *net.AddrError
	if errors.As(err, &ae) {
		return errors.New(ae.Err)
	}
	return err
}

// validHostName accepts DNS names: dot-separated labels of letters,
// digits and hyphens, no label starting or ending with a hyphen, and a
// last label that is not all digits (that would be a mistyped IP address,
// such as 1.2.3).
func validHostName(name string) bool {
	name = strings.TrimSuffix(name, ".")
	if name == "" || len(name) > 253 {
		return false
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range []byte(l) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	last := labels[len(labels)-1]
	return strings.Trim(last, "0123456789") != ""
}

// CheckAllowHost checks one Options.AllowHosts entry: a host name or IP
// address, optionally with a port (name:port); bracketed IPv6 is accepted.
func CheckAllowHost(s string) error {
	_, _, err := parseAllowHost(s)
	return err
}

// parseAllowHost splits an AllowHosts entry into its canonical host and
// its port ("" when any port is allowed).
func parseAllowHost(s string) (host, port string, err error) {
	if s == "" {
		return "", "", errors.New("empty host name")
	}
	host, port = s, ""
	if h, p, err := net.SplitHostPort(s); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 || strings.ContainsAny(p, "+-") {
			return "", "", fmt.Errorf("%q: port %q is not a number from 1 to 65535", s, p)
		}
		host, port = h, strconv.Itoa(n)
	} else if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		host = s[1 : len(s)-1]
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return canonicalIP(ip), port, nil
	}
	if !validHostName(host) {
		return "", "", fmt.Errorf("%q is neither a host name nor an IP address (want name or name:port)", s)
	}
	return canonicalName(host), port, nil
}

func canonicalName(name string) string { return strings.ToLower(strings.TrimSuffix(name, ".")) }

// canonicalIP writes an address one way only, so [::1], [0:0::1] and an
// IPv4 address mapped into IPv6 all compare equal to their plain form.
func canonicalIP(ip netip.Addr) string { return ip.Unmap().WithZone("").String() }

// interfaceAddrs lists this machine's addresses; tests replace it.
var interfaceAddrs = net.InterfaceAddrs

// machineAddrs returns this machine's interface addresses, loopback
// excluded, sorted, without duplicates.
func machineAddrs() ([]netip.Addr, error) {
	addrs, err := interfaceAddrs()
	if err != nil {
		return nil, fmt.Errorf("listing network interfaces: %w", err)
	}
	var ips []netip.Addr
	for _, a := range addrs {
		var ip net.IP
		switch a := a.(type) {
		case *net.IPNet:
			ip = a.IP
		case *net.IPAddr:
			ip = a.IP
		default:
			continue
		}
		addr, ok := netip.AddrFromSlice(ip)
		if !ok {
			continue
		}
		addr = addr.Unmap()
		if addr.IsLoopback() || addr.IsUnspecified() {
			continue
		}
		ips = append(ips, addr)
	}
	slices.SortFunc(ips, func(a, b netip.Addr) int { return a.Compare(b) })
	return slices.Compact(ips), nil
}

// reachable lists the addresses other machines may use to reach a server
// listening on addr: every interface address for an unspecified one (Go
// listens on both IPv4 and IPv6 then), else addr's own IP.
func reachable(addr net.Addr) ([]netip.Addr, error) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return nil, fmt.Errorf("not a TCP address: %v", addr)
	}
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		return machineAddrs()
	}
	ip, ok := netip.AddrFromSlice(tcp.IP)
	if !ok {
		return nil, fmt.Errorf("not an IP address: %v", tcp.IP)
	}
	return []netip.Addr{ip.Unmap()}, nil
}

// hostURL is http://host:port/path with IPv6 hosts bracketed and a zone's
// "%" escaped, as a browser's address bar takes it.
func hostURL(ip netip.Addr, port int, path string) string {
	return "http://" + net.JoinHostPort(escapeZone(ip.String()), strconv.Itoa(port)) + path
}

// hostPolicy decides which Host headers the handler answers.
type hostPolicy struct {
	// port is the port a request must name when the connection does not
	// tell (a handler called directly); "" accepts any.
	port string
	// own are this server's names: answered on the listening port.
	own map[string]bool
	// anyPort are AllowHosts entries without a port; exact those with one
	// ("name:port").
	anyPort, exact map[string]bool
}

// hostPolicy builds the policy from the options: localhost, 127.0.0.1 and
// ::1, the host of Options.Addr, with Expose this machine's addresses,
// and Options.AllowHosts. Entries that do not parse were refused by the
// CLI already and are skipped here.
func (s *Server) hostPolicy() hostPolicy {
	p := hostPolicy{
		own:     map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true},
		anyPort: map[string]bool{},
		exact:   map[string]bool{},
	}
	if a, err := ParseAddr(s.opts.Addr); err == nil {
		if a.Port != 0 {
			p.port = strconv.Itoa(a.Port)
		}
		if ip, err := netip.ParseAddr(a.Host); err == nil {
			if !ip.IsUnspecified() {
				p.own[canonicalIP(ip)] = true
			}
		} else if a.Host != "" {
			p.own[canonicalName(a.Host)] = true
		}
	}
	if s.opts.Expose {
		// An error here only means fewer names are allowed; Run reports it.
		ips, _ := machineAddrs()
		for _, ip := range ips {
			p.own[canonicalIP(ip)] = true
		}
	}
	for _, h := range s.opts.AllowHosts {
		host, port, err := parseAllowHost(h)
		switch {
		case err != nil:
		case port == "":
			p.anyPort[host] = true
		default:
			p.exact[net.JoinHostPort(host, port)] = true
		}
	}
	return p
}

// check returns nil when r may be answered, else why not. The port a
// request must name is the one its connection arrived on; so is its IP,
// which is one of this server's own addresses by definition.
func (p hostPolicy) check(r *http.Request) error {
	if r.Host == "" {
		return errors.New("the request has no Host header")
	}
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, ""
		if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
			host = host[1 : len(host)-1]
		} else if strings.Contains(host, ":") {
			return fmt.Errorf("the Host header %q is malformed", r.Host)
		}
	}
	if port == "" {
		port = "80"
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		host = canonicalIP(ip)
	} else {
		host = canonicalName(host)
	}
	if p.anyPort[host] || p.exact[net.JoinHostPort(host, port)] {
		return nil
	}
	want := p.port
	own := p.own[host]
	if local, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr); ok {
		want = strconv.Itoa(local.Port)
		if ip, ok := netip.AddrFromSlice(local.IP); ok && canonicalIP(ip) == host {
			own = true
		}
	}
	if own && (want == "" || port == want) {
		return nil
	}
	return fmt.Errorf("this preview answers only to its own address (localhost, 127.0.0.1 or [::1]%s), not to %q", onPort(want), r.Host)
}

func onPort(port string) string {
	if port == "" {
		return ""
	}
	return " on port " + port
}

// guardHosts answers 421 Misdirected Request, with a plain message, to
// every request whose Host the policy refuses, whatever its path: the
// event stream and the status tell as much about drafts as the pages do.
func guardHosts(p hostPolicy, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := p.check(r); err != nil {
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "bantin serve: refused: "+err.Error()+
				".\nThis protects the preview from DNS rebinding. To open it under another name, restart with --allow-host NAME.",
				http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// escapeZone escapes the "%" of an IPv6 zone (fe80::1%eth0), as a URL
// needs it.
func escapeZone(host string) string { return strings.Replace(host, "%", "%25", 1) }

// warnExposed tells, on Err, that the preview listening on addr can be
// reached from other machines, and at which addresses.
func (s *Server) warnExposed(addr net.Addr) {
	what := "The preview"
	if s.opts.Build.Drafts {
		what = "The preview, drafts included,"
	}
	var urls []string
	ips, err := reachable(addr)
	if tcp, ok := addr.(*net.TCPAddr); ok {
		base := s.Status().BasePath
		for _, ip := range ips {
			urls = append(urls, hostURL(ip, tcp.Port, base))
		}
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	switch {
	case err != nil:
		fmt.Fprintf(s.opts.Err, "bantin: WARNING: listening on %s, beyond this machine. %s is visible to anyone who can reach it (the addresses are unknown: %v).\n", addr, what, err)
	case len(urls) == 0:
		fmt.Fprintf(s.opts.Err, "bantin: WARNING: listening on %s, beyond this machine. %s will be visible to anyone who can reach it (no network address is up now).\n", addr, what)
	default:
		fmt.Fprintf(s.opts.Err, "bantin: WARNING: listening on %s, beyond this machine. %s is visible to anyone who can reach %s\n", addr, what, strings.Join(urls, " "))
	}
}
