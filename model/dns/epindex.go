package dns

import (
	"net/netip"
	"slices"
)

// The index of endpoints by address is the largest structure of a big
// cluster (one entry per endpoint). It holds no pointers, so that the GC
// does not scan it: addresses are addr16 values, slices are named by id.

// addr16 is a netip.Addr without its zone, pointer-free. A zoned address
// (which Kubernetes never gives an endpoint) keeps its zone aside; its
// addr16 stands for every zone of the address.
type addr16 struct {
	b    [16]byte
	kind uint8
}

const (
	addrInvalid = iota
	addrV4
	addrV6
	addrZoned // an IPv6 address with a zone
)

func packAddr(ip netip.Addr) addr16 {
	switch {
	case !ip.IsValid():
		return addr16{}
	case ip.Is4():
		return addr16{b: ip.As16(), kind: addrV4}
	case ip.Zone() != "":
		return addr16{b: ip.As16(), kind: addrZoned}
	}
	return addr16{b: ip.As16(), kind: addrV6}
}

// addr is the address, without the zone of an addrZoned.
func (a addr16) addr() netip.Addr {
	switch a.kind {
	case addrV4:
		return netip.AddrFrom4([4]byte(a.b[12:]))
	case addrV6, addrZoned:
		return netip.AddrFrom16(a.b)
	}
	return netip.Addr{}
}

// epSlot is one endpoint address in the index: a slice id and an index
// into its addrs.
type epSlot struct {
	slice, i uint32
}

// epRef is an epSlot resolved: the slice itself.
type epRef struct {
	slice *sliceEntry
	i     int32
}

// newSliceID returns an unused slice id (see sliceTab).
func (x *Index) newSliceID() uint32 {
	if n := len(x.freeIDs); n > 0 {
		id := x.freeIDs[n-1]
		x.freeIDs = x.freeIDs[:n-1]
		return id
	}
	x.sliceTab = append(x.sliceTab, nil)
	return uint32(len(x.sliceTab) - 1)
}

// endpointsAt lists the endpoints with address ip, in the order they were
// indexed. The first is kept in epByIP, any others (an address in two
// slices, for a moment) in epMore.
func (x *Index) endpointsAt(ip netip.Addr) []epRef {
	k := packAddr(ip)
	first, ok := x.epByIP[k]
	if !ok {
		return nil
	}
	more := x.epMore[k]
	out := make([]epRef, 0, 1+len(more))
	for i := -1; i < len(more); i++ {
		r := first
		if i >= 0 {
			r = more[i]
		}
		sl := x.sliceTab[r.slice]
		if k.kind == addrZoned && sl.ip(int(r.i)) != ip {
			continue // another zone
		}
		out = append(out, epRef{sl, int32(r.i)})
	}
	return out
}

func (x *Index) indexEndpoint(k addr16, r epSlot) {
	if _, ok := x.epByIP[k]; ok {
		x.epMore[k] = append(x.epMore[k], r)
		return
	}
	x.epByIP[k] = r
}

// unindexEndpoints drops the endpoints of slice id with address k.
func (x *Index) unindexEndpoints(k addr16, id uint32) {
	first, ok := x.epByIP[k]
	if !ok {
		return
	}
	more, ok := x.epMore[k]
	if !ok { // the common case: one endpoint with the address
		if first.slice == id {
			delete(x.epByIP, k)
		}
		return
	}
	l := append([]epSlot{first}, more...)
	l = slices.DeleteFunc(l, func(r epSlot) bool { return r.slice == id })
	switch len(l) {
	case 0:
		delete(x.epByIP, k)
		delete(x.epMore, k)
	case 1:
		x.epByIP[k] = l[0]
		delete(x.epMore, k)
	default:
		x.epByIP[k] = l[0]
		x.epMore[k] = l[1:]
	}
}
