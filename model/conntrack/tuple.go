package conntrack

import (
	"net/netip"

	"github.com/svcsim/svcsim/model/netfilter"
)

// Tuple is one direction of a connection, as nf_conntrack_tuple has it. For
// ICMP echo, SrcPort is the echo id and DstPort is type<<8|code. The zero
// value is not a valid tuple.
type Tuple struct {
	Src, Dst         netip.Addr
	Proto            netfilter.Protocol
	SrcPort, DstPort uint16
}

// TupleOf returns the tuple of a packet.
func TupleOf(p netfilter.Packet) Tuple {
	t := Tuple{Src: p.Src, Dst: p.Dst, Proto: p.Proto, SrcPort: p.SrcPort, DstPort: p.DstPort}
	if p.Proto == netfilter.ProtoICMP {
		t.DstPort = uint16(p.ICMPType)<<8 | uint16(p.ICMPCode)
	}
	return t
}

// icmpReplyType maps an ICMP query type to its reply (echo → echo reply).
var icmpReplyType = map[uint8]uint8{8: 0, 0: 8, 13: 14, 14: 13}

// Reply returns the tuple a reply to this one carries: addresses and ports swapped.
func (t Tuple) Reply() Tuple {
	if t.Proto == netfilter.ProtoICMP {
		typ := icmpReplyType[uint8(t.DstPort>>8)]
		return Tuple{Src: t.Dst, Dst: t.Src, Proto: t.Proto, SrcPort: t.SrcPort, DstPort: uint16(typ) << 8}
	}
	return Tuple{Src: t.Dst, Dst: t.Src, Proto: t.Proto, SrcPort: t.DstPort, DstPort: t.SrcPort}
}

// compare orders tuples by protocol, source, destination, ports.
func (t Tuple) compare(o Tuple) int {
	if t.Proto != o.Proto {
		return int(t.Proto) - int(o.Proto)
	}
	if c := t.Src.Compare(o.Src); c != 0 {
		return c
	}
	if c := t.Dst.Compare(o.Dst); c != 0 {
		return c
	}
	if t.SrcPort != o.SrcPort {
		return int(t.SrcPort) - int(o.SrcPort)
	}
	return int(t.DstPort) - int(o.DstPort)
}
