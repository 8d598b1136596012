package network

import (
	"net/netip"
)

// Host is one node's network stack: its addresses, the pod CIDR it
// routes to its pods, and the network namespaces of the pods on it.
type Host struct {
	Name    string
	IP      netip.Addr
	PodCIDR netip.Prefix
	pods    map[netip.Addr]*NetNS
	// external marks a host on the LAN that is not a node.
	external bool
	// Down is set while the host is stopped (SetDown).
	Down bool
}

// NetNS is a pod's network namespace: its address and its sockets.
type NetNS struct {
	IP   netip.Addr
	Pod  string // "namespace/name"
	Host *Host

	// The maps are made when first written: most of a big cluster's
	// pods never open a connection or send a ping.
	listeners map[sockKey]Listener
	conns     map[connKey]*conn
	pings     map[uint16]*pinger
	nextPort  uint16
	// udpListeners are the UDP server sockets by port; udpSocks the
	// clients' sockets waiting for a reply, by local port.
	udpListeners map[uint16]UDPHandler
	udpSocks     map[uint16]*udpSock
	// Resolver is the pod's resolver; nil resolves only IP literals.
	Resolver Resolver
}

type sockKey struct {
	proto Protocol
	port  uint16
}

// connKey identifies a TCP connection from one end: local and remote
// address and port.
type connKey struct {
	local, remote netip.AddrPort
}

// Listener is a server socket's application: an HTTP server, a DNS
// server.
type Listener interface {
	// ServeHTTP answers one request on a TCP port. It must call
	// ctx.Respond exactly once, now or in a later event (after a call
	// of its own through ctx.Fetch).
	ServeHTTP(ctx *ServeCtx, req *HTTPRequest)
}

// Listen opens a listening socket in the namespace. Listening twice on a
// port replaces the listener.
func (ns *NetNS) Listen(proto Protocol, port uint16, l Listener) {
	if ns.listeners == nil {
		ns.listeners = map[sockKey]Listener{}
	}
	ns.listeners[sockKey{proto, port}] = l
}

// addConn files a connection under its key.
func (ns *NetNS) addConn(c *conn) {
	if ns.conns == nil {
		ns.conns = map[connKey]*conn{}
	}
	ns.conns[c.key] = c
}

// Close closes a listening socket: new connections get a RST.
func (ns *NetNS) Close(proto Protocol, port uint16) {
	delete(ns.listeners, sockKey{proto, port})
}

// Listening reports whether a socket listens on the port.
func (ns *NetNS) Listening(proto Protocol, port uint16) bool {
	_, ok := ns.listeners[sockKey{proto, port}]
	return ok
}

// ListeningPorts returns the ports the namespace listens on for proto.
func (ns *NetNS) ListeningPorts(proto Protocol) []uint16 {
	var out []uint16
	for k := range ns.listeners {
		if k.proto == proto {
			out = append(out, k.port)
		}
	}
	return out
}

// ephemeralPort returns the next local port from Linux's default
// ip_local_port_range (32768-60999), in order.
func (ns *NetNS) ephemeralPort() uint16 {
	if ns.nextPort < 32768 || ns.nextPort > 60999 {
		ns.nextPort = 32768
	}
	p := ns.nextPort
	ns.nextPort++
	return p
}
