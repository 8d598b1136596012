package kernel

import (
	"net/netip"

	"github.com/svcsim/svcsim/model/netfilter"
	"github.com/svcsim/svcsim/model/network"
)

// toNF returns the headers netfilter looks at. TCP flags share their bit
// values in both packages; an ICMP echo's identifier travels as the source
// port, as conntrack keys it.
func toNF(p network.Packet) netfilter.Packet {
	q := netfilter.Packet{Src: p.Src.Addr(), Dst: p.Dst.Addr(), Proto: netfilter.Protocol(p.Proto),
		Flags: netfilter.TCPFlags(p.Flags), Mark: p.Mark}
	switch p.Proto {
	case network.ICMP:
		q.ICMPType, q.ICMPCode = p.ICMPType, p.ICMPCode
		q.SrcPort = p.ICMPID
	default:
		q.SrcPort, q.DstPort = p.Src.Port(), p.Dst.Port()
	}
	return q
}

// fromNF returns p with the addresses, ports and mark netfilter left on q.
func fromNF(p network.Packet, q netfilter.Packet) network.Packet {
	p.Mark = q.Mark
	if p.Proto == network.ICMP {
		p.Src = netip.AddrPortFrom(q.Src, p.Src.Port())
		p.Dst = netip.AddrPortFrom(q.Dst, p.Dst.Port())
		return p
	}
	p.Src = netip.AddrPortFrom(q.Src, q.SrcPort)
	p.Dst = netip.AddrPortFrom(q.Dst, q.DstPort)
	return p
}

// withHeader returns the packet the network handed in with the header a
// hook left (a later hook gets the packet as the network has it: TTL
// decremented by forwarding, which netfilter does not track).
func withHeader(in, out network.Packet) network.Packet {
	in.Src, in.Dst, in.Mark, in.Quoted = out.Src, out.Dst, out.Mark, out.Quoted
	return in
}
