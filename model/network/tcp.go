package network

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/sim"
)

// connState is a TCP connection's state, from one end.
type connState int

const (
	synSent connState = iota
	established
	synReceived
	closed
)

// conn is one end of a TCP connection.
type conn struct {
	ns     *NetNS
	key    connKey
	state  connState
	flow   uint64
	client *fetch   // set on the client end
	server Listener // set on the server end
	peer   netip.AddrPort
}

// deliver hands a packet that reached a pod's namespace to its sockets.
func (n *Network) deliver(e *sim.Engine, ns *NetNS, p Packet) {
	switch p.Proto {
	case ICMP:
		n.deliverICMP(e, ns, p)
	case TCP:
		n.deliverTCP(e, ns, p)
	case UDP:
		n.deliverUDP(e, ns, p)
	}
}

func (n *Network) deliverICMP(e *sim.Engine, ns *NetNS, p Packet) {
	detail := &HopDetail{Node: ns.Host.Name, Pod: ns.Pod, Stage: "pod ingress", Before: p}
	switch p.ICMPType {
	case ICMPEchoRequest:
		e.Emit("packet.delivered", fmt.Sprintf("%s: %s arrives; the pod's kernel answers", ns.Pod, p), detail)
		n.send(ns, echoReply(p))
	case ICMPEchoReply:
		e.Emit("packet.delivered", fmt.Sprintf("%s: %s arrives", ns.Pod, p), detail)
		if pg := ns.pings[p.ICMPID]; pg != nil {
			pg.reply(e, p)
		}
	case ICMPDestUnreachable:
		e.Emit("packet.delivered", fmt.Sprintf("%s: %s arrives for %s", ns.Pod, p, p.Quoted), detail)
		if p.Quoted == nil {
			return
		}
		if p.Quoted.Proto == UDP {
			n.udpUnreachable(e, ns, p)
			return
		}
		c := ns.conns[connKey{local: p.Quoted.Src, remote: p.Quoted.Dst}]
		if c != nil && c.client != nil {
			err := ECONNREFUSED
			if p.ICMPCode != ICMPPortUnreachable {
				err = EHOSTUNREACH
			}
			n.closeConn(c)
			c.client.finish(e, err, nil)
		}
	}
}

func (n *Network) deliverTCP(e *sim.Engine, ns *NetNS, p Packet) {
	detail := &HopDetail{Node: ns.Host.Name, Pod: ns.Pod, Stage: "pod ingress", Before: p}
	key := connKey{local: p.Dst, remote: p.Src}
	if c, ok := ns.conns[key]; ok {
		e.Emit("packet.delivered", fmt.Sprintf("%s: %s arrives", ns.Pod, p), detail)
		n.segment(e, c, p)
		return
	}
	if p.Flags&SYN != 0 && p.Flags&ACK == 0 {
		if l, ok := ns.listeners[sockKey{TCP, p.Dst.Port()}]; ok {
			e.Emit("tcp.accept", fmt.Sprintf("%s: %s arrives; a socket listens on tcp/%d and answers SYN-ACK", ns.Pod, p, p.Dst.Port()), detail)
			c := &conn{ns: ns, key: key, state: synReceived, flow: p.Flow, server: l, peer: p.Src}
			ns.addConn(c)
			n.send(ns, Packet{Flow: p.Flow, Src: p.Dst, Dst: p.Src, Proto: TCP, Flags: SYN | ACK})
			return
		}
		e.Emit("tcp.refused", fmt.Sprintf("%s: %s arrives; nothing listens on tcp/%d (listening: %s), the kernel answers RST", ns.Pod, p, p.Dst.Port(), portList(ns)), detail)
		n.send(ns, Packet{Flow: p.Flow, Src: p.Dst, Dst: p.Src, Proto: TCP, Flags: RST | ACK})
		return
	}
	if p.Flags&RST == 0 {
		e.Emit("tcp.reset", fmt.Sprintf("%s: %s belongs to no connection, the kernel answers RST", ns.Pod, p), detail)
		n.send(ns, Packet{Flow: p.Flow, Src: p.Dst, Dst: p.Src, Proto: TCP, Flags: RST})
		return
	}
	e.Emit("packet.delivered", fmt.Sprintf("%s: %s arrives for no connection and is ignored", ns.Pod, p), detail)
}

func portList(ns *NetNS) string {
	ports := ns.ListeningPorts(TCP)
	if len(ports) == 0 {
		return "none"
	}
	sortPorts(ports)
	s := ""
	for i, p := range ports {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(p)
	}
	return s
}

func sortPorts(p []uint16) {
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j] < p[j-1]; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}

// segment advances a connection with a packet of its flow.
func (n *Network) segment(e *sim.Engine, c *conn, p Packet) {
	switch {
	case p.Flags&RST != 0:
		n.closeConn(c)
		if c.client != nil {
			err := ECONNREFUSED
			if c.state == established {
				err = ECONNRESET
			}
			c.client.finish(e, err, nil)
		}
	case c.client != nil && c.state == synSent && p.Flags&(SYN|ACK) == SYN|ACK:
		c.state = established
		c.client.connected(e, c, p)
	case c.client != nil && c.state == established && p.Payload != nil:
		resp, _ := p.Payload.(*HTTPResponse)
		n.send(c.ns, Packet{Flow: c.flow, Src: c.key.local, Dst: c.key.remote, Proto: TCP, Flags: FIN | ACK})
		n.closeConn(c)
		c.client.finish(e, ErrNone, resp)
	case c.server != nil && p.Flags&FIN != 0:
		n.closeConn(c)
	case c.server != nil && p.Payload != nil:
		c.state = established
		req, _ := p.Payload.(*HTTPRequest)
		ctx := &ServeCtx{net: n, c: c, Local: c.key.local, Remote: c.key.remote, NS: c.ns}
		n.e.Schedule(n.params.AppLatency, n.id, timer{fire: func(e *sim.Engine) {
			if !c.ns.Listening(TCP, c.key.local.Port()) {
				// The server went away meanwhile: the kernel resets.
				n.closeConn(c)
				n.send(c.ns, Packet{Flow: c.flow, Src: c.key.local, Dst: c.key.remote, Proto: TCP, Flags: RST | ACK})
				return
			}
			e.Emit("app.request", fmt.Sprintf("%s: the server on port %d handles %s from %s", c.ns.Pod, c.key.local.Port(), req, c.key.remote), nil)
			c.server.ServeHTTP(ctx, req)
		}})
	case c.server != nil && p.Flags&ACK != 0:
		c.state = established
	}
}

func (n *Network) respond(c *conn, resp *HTTPResponse) {
	if c.state == closed {
		return
	}
	n.send(c.ns, Packet{Flow: c.flow, Src: c.key.local, Dst: c.key.remote, Proto: TCP, Flags: PSH | ACK, Payload: resp})
}

func (n *Network) closeConn(c *conn) {
	c.state = closed
	if c.ns.conns[c.key] == c {
		delete(c.ns.conns, c.key)
	}
}
