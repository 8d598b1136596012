package metallb

import (
	"encoding/binary"
	"hash/fnv"
	"net/netip"
	"slices"
)

// Route is one BGP advertisement a speaker sends for a LoadBalancer IP.
type Route struct {
	Prefix    netip.Prefix
	NextHop   netip.Addr // the advertising node's address
	LocalPref uint32
}

// Routes returns the advertisements for ip in BGP mode: every eligible
// node (all with an active speaker the BGPAdvertisement selects; for
// externalTrafficPolicy Local, only those with a ready endpoint)
// advertises ip/aggregationLength (default 32, 128 for IPv6) with itself
// as next hop. Routes are in next-hop order.
func Routes(ip netip.Addr, nodes []netip.Addr, aggregationLength int, localPref uint32) []Route {
	if aggregationLength == 0 {
		aggregationLength = ip.BitLen()
	}
	pfx, _ := ip.Prefix(aggregationLength)
	hops := slices.Clone(nodes)
	slices.SortFunc(hops, netip.Addr.Compare)
	out := make([]Route, len(hops))
	for i, h := range hops {
		out[i] = Route{Prefix: pfx, NextHop: h, LocalPref: localPref}
	}
	return out
}

// Flow is the 5-tuple a router hashes to pick a path.
type Flow struct {
	Src, Dst         netip.Addr
	Proto            uint8
	SrcPort, DstPort uint16
}

// FlowHash is the router's per-flow hash: FNV-1a (64-bit) over source
// address, destination address, protocol, source port and destination
// port, folded to 31 bits as Linux's multipath hash is
// (fib_multipath_hash_policy=1 hashes the same 5 fields with jhash;
// FNV stands in for it: the selection logic, not the hash function, is
// what the lesson needs).
func FlowHash(f Flow) uint32 {
	h := fnv.New64a()
	a, b := f.Src.As16(), f.Dst.As16()
	h.Write(a[:])
	h.Write(b[:])
	var p [5]byte
	p[0] = f.Proto
	binary.BigEndian.PutUint16(p[1:], f.SrcPort)
	binary.BigEndian.PutUint16(p[3:], f.DstPort)
	h.Write(p[:])
	s := h.Sum64()
	return uint32(s^s>>32) & 0x7fffffff
}

// ECMP is a router's multipath route to one LoadBalancer IP: equal-cost
// next hops, one per advertising node, selected per flow by hash-threshold
// (RFC 2992; Linux fib_select_multipath): next hop i of n owns the hash
// range up to (i+1)·2³¹/n − 1. When the set changes every boundary
// moves: flows of the lost node move, and so do some flows of surviving
// nodes, which breaks their connections (MetalLB bgp.md).
type ECMP struct {
	hops []netip.Addr
}

// NewECMP returns the route over the next hops (sorted, as the router
// orders its nexthop group).
func NewECMP(hops []netip.Addr) *ECMP {
	h := slices.Clone(hops)
	slices.SortFunc(h, netip.Addr.Compare)
	return &ECMP{hops: h}
}

// Hops returns the next hops in order.
func (r *ECMP) Hops() []netip.Addr { return slices.Clone(r.hops) }

// Select returns the next hop for a flow; ok is false with no next hop.
func (r *ECMP) Select(f Flow) (netip.Addr, bool) {
	n := uint64(len(r.hops))
	if n == 0 {
		return netip.Addr{}, false
	}
	h := uint64(FlowHash(f))
	for i := uint64(0); i < n; i++ {
		if h <= (i+1)<<31/n-1 {
			return r.hops[i], true
		}
	}
	return r.hops[n-1], true
}
