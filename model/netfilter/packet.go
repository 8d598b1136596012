package netfilter

import (
	"net/netip"
	"strconv"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// Protocol is an IP protocol number. The zero value means "no protocol" and
// matches no -p rule.
type Protocol uint8

// Protocols the evaluator knows by name (IANA numbers).
const (
	ProtoICMP   Protocol = 1
	ProtoTCP    Protocol = 6
	ProtoUDP    Protocol = 17
	ProtoICMPv6 Protocol = 58
	ProtoSCTP   Protocol = 132
)

// String returns the name iptables and conntrack print ("tcp", "udp", ...).
func (p Protocol) String() string {
	switch p {
	case ProtoICMP:
		return "icmp"
	case ProtoTCP:
		return "tcp"
	case ProtoUDP:
		return "udp"
	case ProtoICMPv6:
		return "icmpv6"
	case ProtoSCTP:
		return "sctp"
	}
	return "unknown"
}

// ProtocolOf converts kube-proxy's protocol to its IP protocol number.
func ProtocolOf(p kubeproxy.Protocol) Protocol {
	switch p {
	case kubeproxy.ProtocolTCP:
		return ProtoTCP
	case kubeproxy.ProtocolUDP:
		return ProtoUDP
	case kubeproxy.ProtocolSCTP:
		return ProtoSCTP
	}
	return 0
}

// TCPFlags are the TCP header flags.
type TCPFlags uint8

// TCP flags, in header bit order.
const (
	FlagFIN TCPFlags = 1 << iota
	FlagSYN
	FlagRST
	FlagPSH
	FlagACK
	FlagURG
)

var flagNames = [...]string{"FIN", "SYN", "RST", "PSH", "ACK", "URG"}

// CTState is the conntrack state of a packet as -m conntrack --ctstate sees
// it: one of CTNew, CTEstablished, CTRelated, CTInvalid, CTUntracked, plus
// CTDNAT/CTSNAT when the connection has that NAT binding.
type CTState = kubeproxy.CTState

// Conntrack states (re-exported from kubeproxy, which prints them).
const (
	CTInvalid     = kubeproxy.CTInvalid
	CTNew         = kubeproxy.CTNew
	CTRelated     = kubeproxy.CTRelated
	CTEstablished = kubeproxy.CTEstablished
	CTUntracked   = kubeproxy.CTUntracked
	CTSNAT        = kubeproxy.CTSNAT
	CTDNAT        = kubeproxy.CTDNAT
)

// Packet is the part of an IP packet netfilter looks at. It is a small value:
// a rewrite returns a new Packet and the trace keeps both. The zero value is
// not a valid packet (no addresses).
type Packet struct {
	Src, Dst         netip.Addr
	Proto            Protocol
	SrcPort, DstPort uint16 // TCP/UDP/SCTP; for ICMP echo, SrcPort is the echo id
	Flags            TCPFlags
	ICMPType         uint8
	ICMPCode         uint8
	Mark             uint32  // skb->mark
	CT               CTState // conntrack state as --ctstate sees it
	// In is the input interface ("" for a locally generated packet); Out the
	// output interface once routed ("" when not known).
	In, Out string
}

// Local reports whether the packet was generated on this host (no input interface).
func (p Packet) Local() bool { return p.In == "" }

// SrcAddrPort returns the source as address and port.
func (p Packet) SrcAddrPort() netip.AddrPort { return netip.AddrPortFrom(p.Src, p.SrcPort) }

// DstAddrPort returns the destination as address and port.
func (p Packet) DstAddrPort() netip.AddrPort { return netip.AddrPortFrom(p.Dst, p.DstPort) }

func (p Packet) hasPorts() bool {
	return p.Proto == ProtoTCP || p.Proto == ProtoUDP || p.Proto == ProtoSCTP
}

// AppendTo appends a one-line description, e.g.
// "tcp 10.0.0.2:40000 > 172.30.0.41:80 [SYN] mark=0x4000 ctstate=NEW".
func (p Packet) AppendTo(b []byte) []byte {
	b = append(b, p.Proto.String()...)
	b = append(b, ' ')
	if p.hasPorts() {
		b = p.SrcAddrPort().AppendTo(b)
		b = append(b, " > "...)
		b = p.DstAddrPort().AppendTo(b)
	} else {
		b = p.Src.AppendTo(b)
		b = append(b, " > "...)
		b = p.Dst.AppendTo(b)
	}
	if p.Proto == ProtoICMP || p.Proto == ProtoICMPv6 {
		b = append(b, " type="...)
		b = strconv.AppendUint(b, uint64(p.ICMPType), 10)
		b = append(b, " code="...)
		b = strconv.AppendUint(b, uint64(p.ICMPCode), 10)
	}
	if p.Proto == ProtoTCP && p.Flags != 0 {
		b = append(b, " ["...)
		first := true
		for i, n := range flagNames {
			if p.Flags&(1<<i) != 0 {
				if !first {
					b = append(b, ',')
				}
				first = false
				b = append(b, n...)
			}
		}
		b = append(b, ']')
	}
	b = append(b, " mark=0x"...)
	b = strconv.AppendUint(b, uint64(p.Mark), 16)
	if p.CT != 0 {
		b = append(b, " ctstate="...)
		b = appendCTState(b, p.CT)
	}
	return b
}

// String returns AppendTo's text.
func (p Packet) String() string { return string(p.AppendTo(nil)) }

var ctNames = [...]string{"INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"}

func appendCTState(b []byte, s CTState) []byte {
	first := true
	for i, n := range ctNames {
		if s&(1<<i) != 0 {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, n...)
		}
	}
	return b
}

// AddrType answers -m addrtype for the node: whether an address is of type
// LOCAL, i.e. in the node's local routing table (its interface addresses,
// and all of 127.0.0.0/8).
type AddrType interface {
	IsLocal(a netip.Addr) bool
}

// NodeAddrs is an AddrType for a node with the given interface addresses;
// loopback addresses (127.0.0.0/8, ::1) are always local.
type NodeAddrs map[netip.Addr]struct{}

// NewNodeAddrs returns the AddrType of a node with these addresses.
func NewNodeAddrs(addrs ...netip.Addr) NodeAddrs {
	m := make(NodeAddrs, len(addrs))
	for _, a := range addrs {
		m[a.Unmap()] = struct{}{}
	}
	return m
}

// IsLocal reports whether a is a node address or a loopback address.
func (n NodeAddrs) IsLocal(a netip.Addr) bool {
	if a.IsLoopback() {
		return true
	}
	_, ok := n[a]
	return ok
}
