package netfilter

import (
	"cmp"
	"net/netip"
	"slices"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// dstKey selects rules by exact destination, protocol and port.
type dstKey struct {
	dst   [16]byte // As16: a key without the zone pointer hashes faster
	proto Protocol
	port  uint16
}

// key4 packs an IPv4 destination, protocol and port into one word, which
// hashes faster than a struct key.
func key4(a [4]byte, proto Protocol, port uint16) uint64 {
	return uint64(a[0])<<56 | uint64(a[1])<<48 | uint64(a[2])<<40 | uint64(a[3])<<32 | uint64(proto)<<16 | uint64(port)
}

// portKey selects rules by protocol and port, whatever the destination.
func portKey(proto Protocol, port uint16) uint32 { return uint32(proto)<<16 | uint32(port) }

// chainIndex lists, for each key, the rules a packet with that key may
// match, in rule order. A rule is filed under a key only if it has no
// side-effect match, so skipping it for other keys changes nothing the kernel
// would do; every other rule is in general and always examined.
//
// The lists of all keys are packed in one array, in rule order, and a map
// value says where a key's list is (a span): a lookup reads the map and then
// that array, not a small allocation of its own per key.
type chainIndex struct {
	byDst4  map[uint64]span
	byDst6  map[dstKey]span
	byPort  map[uint32]span
	lists   []int32
	general []int32
}

// span is a key's list in chainIndex.lists.
type span struct{ off, n uint32 }

func buildIndex(rules []crule, cold []ccold) *chainIndex {
	dst4, dst6, port := map[uint64][]int32{}, map[dstKey][]int32{}, map[uint32][]int32{}
	ix := &chainIndex{}
	for i := range rules {
		dst, proto, p, ok := ruleKey(&rules[i], &cold[i])
		switch {
		case !ok:
			ix.general = append(ix.general, int32(i))
		case dst.Is4():
			k := key4(dst.As4(), proto, p)
			dst4[k] = append(dst4[k], int32(i))
		case dst.IsValid():
			k := dstKey{dst.As16(), proto, p}
			dst6[k] = append(dst6[k], int32(i))
		default:
			k := portKey(proto, p)
			port[k] = append(port[k], int32(i))
		}
	}
	ix.byDst4 = packLists(ix, dst4)
	ix.byDst6 = packLists(ix, dst6)
	ix.byPort = packLists(ix, port)
	return ix
}

// packLists appends each key's list to ix.lists, in the order of their
// first rules, and returns the keys' spans.
func packLists[K comparable](ix *chainIndex, m map[K][]int32) map[K]span {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int { return cmp.Compare(m[a][0], m[b][0]) })
	out := make(map[K]span, len(m))
	for _, k := range keys {
		out[k] = span{uint32(len(ix.lists)), uint32(len(m[k]))}
		ix.lists = append(ix.lists, m[k]...)
	}
	return out
}

// list returns the list of a span (empty for the zero span of a missing key).
func (ix *chainIndex) list(s span) []int32 { return ix.lists[s.off : s.off+s.n : s.off+s.n] }

// ruleKey returns the protocol and port a pure rule requires, and its exact
// destination if it has one.
func ruleKey(r *crule, c *ccold) (dst netip.Addr, proto Protocol, port uint16, ok bool) {
	if !r.pure {
		return dst, 0, 0, false
	}
	hasPort := false
	for _, m := range c.r.Matches {
		switch m.Kind {
		case kubeproxy.MatchProtocol:
			proto = ProtocolOf(m.Protocol)
		case kubeproxy.MatchDestPort:
			port, hasPort = m.Port, true
		case kubeproxy.MatchDestination:
			if !m.Negate && m.Prefix.IsSingleIP() {
				dst = m.Prefix.Addr()
			}
		}
	}
	return dst, proto, port, proto != 0 && hasPort
}

// cursor walks the candidate rules of one chain for one packet, in order.
type cursor struct {
	lists [3][]int32
}

func (ix *chainIndex) cursor(p *Packet) cursor {
	var c cursor
	if p.hasPorts() {
		if p.Dst.Is4() {
			if len(ix.byDst4) > 0 {
				c.lists[0] = ix.list(ix.byDst4[key4(p.Dst.As4(), p.Proto, p.DstPort)])
			}
		} else if len(ix.byDst6) > 0 {
			c.lists[0] = ix.list(ix.byDst6[dstKey{p.Dst.As16(), p.Proto, p.DstPort}])
		}
		if len(ix.byPort) > 0 {
			c.lists[1] = ix.list(ix.byPort[portKey(p.Proto, p.DstPort)])
		}
	}
	c.lists[2] = ix.general
	return c
}

// next returns the first candidate rule at or after pos, or -1.
func (c *cursor) next(pos int) int {
	best := -1
	for i := range c.lists {
		l := c.lists[i]
		for len(l) > 0 && int(l[0]) < pos {
			l = l[1:]
		}
		c.lists[i] = l
		if len(l) > 0 && (best < 0 || int(l[0]) < best) {
			best = int(l[0])
		}
	}
	return best
}
