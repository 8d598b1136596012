package network

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// Linux's TCP connect timing (net.ipv4.tcp_syn_retries = 6): the SYN is
// sent again after 1, 2, 4, 8, 16 and 32 seconds, and connect gives up
// 64 seconds after the last one, 127 s after the first.
const (
	InitialRTO    = time.Second
	TCPSynRetries = 6
)

// FetchOptions describe one HTTP GET.
type FetchOptions struct {
	URL       string
	UserAgent string
	// ConnectTimeout is the client's own limit on connecting (curl
	// --connect-timeout); zero leaves it to the kernel.
	ConnectTimeout time.Duration
	// MaxTime limits the whole exchange (curl -m, wget -T); zero: none.
	MaxTime time.Duration
}

// FetchResult is how an HTTP GET ended.
type FetchResult struct {
	URL      string
	Host     string
	Port     uint16
	Path     string
	Addr     netip.Addr // the resolved address (invalid if resolution failed)
	Err      Errno
	ErrText  string // resolver error text when Err is ErrResolve
	Response *HTTPResponse
	Elapsed  time.Duration
	// Local is the client's address and port.
	Local netip.AddrPort
}

// fetch is a client's HTTP GET in progress.
type fetch struct {
	n       *Network
	ns      *NetNS
	opts    FetchOptions
	res     FetchResult
	start   time.Duration
	c       *conn
	rto     time.Duration
	retries int
	timers  []sim.EventID
	done    func(FetchResult)
	over    bool
	req     *HTTPRequest
}

// ParseURL splits an http URL into host, port and path. A URL without a
// scheme is taken as http, as curl does.
func ParseURL(raw string) (host string, port uint16, path string, err error) {
	u := raw
	if i := strings.Index(u, "://"); i >= 0 {
		if scheme := strings.ToLower(u[:i]); scheme != "http" {
			return "", 0, "", fmt.Errorf("Protocol \"%s\" not supported", scheme)
		}
		u = u[i+3:]
	}
	path = "/"
	if i := strings.IndexAny(u, "/?"); i >= 0 {
		path = u[i:]
		if path[0] == '?' {
			path = "/" + path
		}
		u = u[:i]
	}
	port = 80
	if h, p, ok := strings.Cut(u, ":"); ok {
		v, perr := strconv.Atoi(p)
		if perr != nil || v < 1 || v > 65535 {
			return "", 0, "", fmt.Errorf("URL rejected: Port number was not a decimal number between 0 and 65535")
		}
		u, port = h, uint16(v)
	}
	if u == "" {
		return "", 0, "", fmt.Errorf("URL rejected: No host part in the URL")
	}
	return u, port, path, nil
}

// Fetch makes an HTTP GET from a pod and calls done with the outcome,
// inside a later event.
func (n *Network) Fetch(ns *NetNS, opts FetchOptions, done func(FetchResult)) {
	f := &fetch{n: n, ns: ns, opts: opts, start: n.e.Now(), done: done, rto: InitialRTO}
	f.res.URL = opts.URL
	host, port, path, err := ParseURL(opts.URL)
	if err != nil {
		f.res.Err, f.res.ErrText = ErrResolve, err.Error()
		n.e.Schedule(0, n.id, timer{fire: func(e *sim.Engine) { f.finish(e, ErrResolve, nil) }})
		return
	}
	f.res.Host, f.res.Port, f.res.Path = host, port, path
	if opts.MaxTime > 0 {
		f.timers = append(f.timers, n.e.Schedule(opts.MaxTime, n.id, timer{fire: func(e *sim.Engine) { f.finish(e, ErrConnectDeadline, nil) }}))
	}
	if addr, perr := netip.ParseAddr(host); perr == nil {
		n.e.Schedule(0, n.id, timer{fire: func(e *sim.Engine) { f.connect(e, addr) }})
		return
	}
	if ns.Resolver == nil {
		n.e.Schedule(0, n.id, timer{fire: func(e *sim.Engine) {
			f.res.ErrText = "Could not resolve host: " + host
			f.finish(e, ErrResolve, nil)
		}})
		return
	}
	ns.Resolver.Resolve(n.e, ns.IP, host, func(e *sim.Engine, addr netip.Addr, rerr error) {
		if rerr != nil {
			f.res.ErrText = rerr.Error()
			f.finish(e, ErrResolve, nil)
			return
		}
		f.connect(e, addr)
	})
}

func (f *fetch) connect(e *sim.Engine, addr netip.Addr) {
	if f.over {
		return
	}
	f.res.Addr = addr
	n := f.n
	n.nextFlow++
	local := netip.AddrPortFrom(f.ns.IP, f.ns.ephemeralPort())
	f.res.Local = local
	f.c = &conn{ns: f.ns, key: connKey{local: local, remote: netip.AddrPortFrom(addr, f.res.Port)}, state: synSent, flow: n.nextFlow, client: f}
	f.ns.addConn(f.c)
	e.Emit("tcp.connect", fmt.Sprintf("%s connects to %s from %s", f.ns.Pod, f.c.key.remote, local), nil)
	if f.opts.ConnectTimeout > 0 {
		f.timers = append(f.timers, n.e.Schedule(f.opts.ConnectTimeout, n.id, timer{fire: func(e *sim.Engine) {
			if f.c.state == synSent {
				f.finish(e, ErrConnectDeadline, nil)
			}
		}}))
	}
	f.sendSYN(e)
}

func (f *fetch) sendSYN(e *sim.Engine) {
	n := f.n
	n.send(f.ns, Packet{Flow: f.c.flow, Src: f.c.key.local, Dst: f.c.key.remote, Proto: TCP, Flags: SYN})
	wait := f.rto
	if f.retries == TCPSynRetries {
		wait = 2 * f.rto // the last wait before giving up
	}
	f.timers = append(f.timers, n.e.Schedule(wait, n.id, timer{fire: func(e *sim.Engine) {
		if f.over || f.c.state != synSent {
			return
		}
		if f.retries == TCPSynRetries {
			f.finish(e, ETIMEDOUT, nil)
			return
		}
		f.retries++
		f.rto *= 2
		e.Emit("tcp.retransmit", fmt.Sprintf("%s: no answer to SYN to %s; sending it again (try %d)", f.ns.Pod, f.c.key.remote, f.retries+1), nil)
		f.sendSYN(e)
	}}))
}

func (f *fetch) connected(e *sim.Engine, c *conn, p Packet) {
	f.req = &HTTPRequest{Method: "GET", Host: f.hostHeader(), Path: f.res.Path, UserAgent: f.opts.UserAgent}
	e.Emit("tcp.established", fmt.Sprintf("%s: connection to %s established; sending %s", f.ns.Pod, c.key.remote, f.req), nil)
	f.n.send(f.ns, Packet{Flow: c.flow, Src: c.key.local, Dst: c.key.remote, Proto: TCP, Flags: PSH | ACK, Payload: f.req})
}

func (f *fetch) hostHeader() string {
	if f.res.Port == 80 {
		return f.res.Host
	}
	return fmt.Sprintf("%s:%d", f.res.Host, f.res.Port)
}

// finish ends the fetch once; later calls do nothing.
func (f *fetch) finish(e *sim.Engine, err Errno, resp *HTTPResponse) {
	if f.over {
		return
	}
	f.over = true
	for _, t := range f.timers {
		e.Cancel(t)
	}
	if f.c != nil && f.c.state != closed {
		f.n.closeConn(f.c)
	}
	f.res.Err, f.res.Response = err, resp
	f.res.Elapsed = e.Now() - f.start
	f.done(f.res)
}
