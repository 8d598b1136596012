package network

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// UDPHandler is a UDP server socket's application: a DNS server.
type UDPHandler interface {
	// ServeUDP handles one datagram. It may answer with ctx.Reply, once
	// or not at all (a server that drops the query); the payload must be
	// treated as immutable.
	ServeUDP(ctx *UDPCtx, payload any)
}

// UDPCtx is handed to a UDPHandler for one datagram.
type UDPCtx struct {
	net  *Network
	flow uint64
	done bool
	// Local and Remote are the server's and the client's address as the
	// server sees them (after NAT).
	Local, Remote netip.AddrPort
	// NS is the server's network namespace.
	NS *NetNS
}

// Reply sends a datagram back to the client after a delay (the server's
// processing time). Later calls do nothing.
func (ctx *UDPCtx) Reply(after time.Duration, payload any) {
	if ctx.done {
		return
	}
	ctx.done = true
	p := Packet{Flow: ctx.flow, Src: ctx.Local, Dst: ctx.Remote, Proto: UDP, Payload: payload}
	ns, n := ctx.NS, ctx.net
	n.e.Schedule(after, n.id, timer{fire: func(e *sim.Engine) {
		if _, ok := ns.udpListeners[ctx.Local.Port()]; !ok {
			return // the server closed its socket meanwhile
		}
		n.send(ns, p)
	}})
}

// ListenUDP opens a UDP server socket on port. Listening twice replaces
// the handler.
func (ns *NetNS) ListenUDP(port uint16, h UDPHandler) {
	if ns.udpListeners == nil {
		ns.udpListeners = map[uint16]UDPHandler{}
	}
	ns.udpListeners[port] = h
}

// CloseUDP closes a UDP server socket: datagrams to the port get ICMP
// port unreachable.
func (ns *NetNS) CloseUDP(port uint16) { delete(ns.udpListeners, port) }

// ListeningUDP reports whether a UDP server socket is open on port.
func (ns *NetNS) ListeningUDP(port uint16) bool {
	_, ok := ns.udpListeners[port]
	return ok
}

// UDPOptions are a client's timing for one request-reply exchange: it
// sends the datagram, waits Timeout, and sends it again until Attempts
// datagrams went unanswered.
type UDPOptions struct {
	Timeout  time.Duration
	Attempts int
}

// UDPResult is how a client's exchange ended.
type UDPResult struct {
	// Payload is the reply's payload (nil without a reply).
	Payload any
	// Err is ErrNone, ETIMEDOUT (no reply after every attempt) or
	// ECONNREFUSED (ICMP port unreachable).
	Err Errno
	// Local is the client's address and ephemeral port; Remote the
	// address it sent to.
	Local, Remote netip.AddrPort
	// Sent counts the datagrams sent (1 + retransmissions).
	Sent    int
	Elapsed time.Duration
}

// udpSock is a client's connected UDP socket waiting for a reply.
type udpSock struct {
	n      *Network
	ns     *NetNS
	flow   uint64
	res    UDPResult
	opts   UDPOptions
	start  time.Duration
	timer  sim.EventID
	over   bool
	done   func(e *sim.Engine, r UDPResult)
	packet Packet
}

// ExchangeUDP sends payload from a pod to dst from a new ephemeral port
// (a connected socket: only a reply from dst is accepted, as the kernel
// filters for a connect()ed UDP socket) and calls done, inside a later
// event, with the reply or the error.
func (n *Network) ExchangeUDP(ns *NetNS, dst netip.AddrPort, payload any, opts UDPOptions, done func(e *sim.Engine, r UDPResult)) {
	if opts.Attempts <= 0 {
		opts.Attempts = 1
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Second
	}
	if ns.udpSocks == nil {
		ns.udpSocks = map[uint16]*udpSock{}
	}
	n.nextFlow++
	port := ns.ephemeralPort()
	for ns.udpSocks[port] != nil {
		port = ns.ephemeralPort()
	}
	s := &udpSock{n: n, ns: ns, flow: n.nextFlow, opts: opts, start: n.e.Now(), done: done}
	s.res.Local, s.res.Remote = netip.AddrPortFrom(ns.IP, port), dst
	s.packet = Packet{Flow: s.flow, Src: s.res.Local, Dst: dst, Proto: UDP, Payload: payload}
	ns.udpSocks[port] = s
	s.transmit()
}

func (s *udpSock) transmit() {
	s.res.Sent++
	s.n.send(s.ns, s.packet)
	s.timer = s.n.e.Schedule(s.opts.Timeout, s.n.id, timer{fire: func(e *sim.Engine) {
		if s.over {
			return
		}
		if s.res.Sent >= s.opts.Attempts {
			e.Emit("udp.timeout", fmt.Sprintf("%s: no reply from %s to %d datagram(s); the client gives up", s.ns.Pod, s.res.Remote, s.res.Sent), nil)
			s.finish(e, ETIMEDOUT, nil)
			return
		}
		e.Emit("udp.retransmit", fmt.Sprintf("%s: no reply from %s after %s; sending the datagram again (try %d)", s.ns.Pod, s.res.Remote, s.opts.Timeout, s.res.Sent+1), nil)
		s.transmit()
	}})
}

func (s *udpSock) finish(e *sim.Engine, err Errno, payload any) {
	if s.over {
		return
	}
	s.over = true
	e.Cancel(s.timer)
	if s.ns.udpSocks[s.res.Local.Port()] == s {
		delete(s.ns.udpSocks, s.res.Local.Port())
	}
	s.res.Err, s.res.Payload = err, payload
	s.res.Elapsed = e.Now() - s.start
	s.done(e, s.res)
}

// deliverUDP hands a datagram to a client socket waiting for it or to a
// server socket; otherwise the kernel answers ICMP port unreachable.
func (n *Network) deliverUDP(e *sim.Engine, ns *NetNS, p Packet) {
	detail := &HopDetail{Node: ns.Host.Name, Pod: ns.Pod, Stage: "pod ingress", Before: p}
	if s := ns.udpSocks[p.Dst.Port()]; s != nil && p.Dst.Addr() == ns.IP {
		if p.Src != s.res.Remote {
			e.Emit("udp.unexpected", fmt.Sprintf("%s: %s arrives from %s, but the socket is connected to %s; the kernel drops it", ns.Pod, p, p.Src, s.res.Remote), detail)
			return
		}
		e.Emit("packet.delivered", fmt.Sprintf("%s: %s arrives; the client's socket reads the reply", ns.Pod, p), detail)
		s.finish(e, ErrNone, p.Payload)
		return
	}
	if h, ok := ns.udpListeners[p.Dst.Port()]; ok {
		e.Emit("udp.receive", fmt.Sprintf("%s: %s arrives; a socket listens on udp/%d", ns.Pod, p, p.Dst.Port()), detail)
		h.ServeUDP(&UDPCtx{net: n, flow: p.Flow, Local: p.Dst, Remote: p.Src, NS: ns}, p.Payload)
		return
	}
	e.Emit("packet.delivered", fmt.Sprintf("%s: %s arrives; nothing listens on udp/%d, the kernel answers port unreachable", ns.Pod, p, p.Dst.Port()), detail)
	n.send(ns, rejectAnswer(p, false))
}

// udpUnreachable ends a client exchange that an ICMP error answered.
func (n *Network) udpUnreachable(e *sim.Engine, ns *NetNS, p Packet) {
	q := p.Quoted
	if s := ns.udpSocks[q.Src.Port()]; s != nil && q.Src == s.res.Local {
		err := ECONNREFUSED
		if p.ICMPCode != ICMPPortUnreachable {
			err = EHOSTUNREACH
		}
		s.finish(e, err, nil)
	}
}
