package network

import (
	"fmt"
	"net/netip"
	"strings"
)

// Protocol is an IP protocol number.
type Protocol uint8

// The protocols svcsim carries.
const (
	ICMP Protocol = 1
	TCP  Protocol = 6
	UDP  Protocol = 17
)

func (p Protocol) String() string {
	switch p {
	case ICMP:
		return "icmp"
	case TCP:
		return "tcp"
	case UDP:
		return "udp"
	}
	return fmt.Sprintf("proto-%d", uint8(p))
}

// TCPFlags are the flags of a TCP segment.
type TCPFlags uint8

// TCP flags.
const (
	FIN TCPFlags = 1 << iota
	SYN
	RST
	PSH
	ACK
)

func (f TCPFlags) String() string {
	var parts []string
	for _, x := range []struct {
		f TCPFlags
		s string
	}{{SYN, "SYN"}, {FIN, "FIN"}, {RST, "RST"}, {PSH, "PSH"}, {ACK, "ACK"}} {
		if f&x.f != 0 {
			parts = append(parts, x.s)
		}
	}
	return strings.Join(parts, ",")
}

// ICMP types and codes svcsim uses.
const (
	ICMPEchoReply       = 0
	ICMPDestUnreachable = 3
	ICMPEchoRequest     = 8
	// Codes of destination unreachable.
	ICMPPortUnreachable = 3
	ICMPHostUnreachable = 1
)

// Packet is one IP packet as a value: copied at every hop, rewritten by
// returning a new value. Its zero value is not a valid packet.
type Packet struct {
	// ID numbers packets for the trace; a rewrite keeps it.
	ID uint64
	// Flow ties the packets of one connection or ping together.
	Flow  uint64
	Src   netip.AddrPort
	Dst   netip.AddrPort
	Proto Protocol
	Flags TCPFlags
	// ICMPType and ICMPCode are set for ICMP; the echo identifier and
	// sequence travel in Src/Dst ports' place as ICMPID and ICMPSeq.
	ICMPType, ICMPCode uint8
	ICMPID, ICMPSeq    uint16
	TTL                uint8
	// Mark is the netfilter mark (skb->mark).
	Mark uint32
	// Payload is the application data the segment carries (an
	// *HTTPRequest, an *HTTPResponse, a DNS message); nil for control
	// segments. It is treated as immutable.
	Payload any
	// Quoted is, for an ICMP error, the header of the packet it answers.
	Quoted *Packet
}

// String prints the packet as a one-line header summary, the way
// tcpdump would, e.g. "10.244.1.5:41234 > 10.96.0.10:80 tcp [SYN]".
func (p Packet) String() string {
	switch p.Proto {
	case ICMP:
		return fmt.Sprintf("%s > %s icmp %s", p.Src.Addr(), p.Dst.Addr(), p.icmpText())
	case TCP:
		return fmt.Sprintf("%s > %s tcp [%s]", p.Src, p.Dst, p.Flags)
	default:
		return fmt.Sprintf("%s > %s %s", p.Src, p.Dst, p.Proto)
	}
}

func (p Packet) icmpText() string {
	switch p.ICMPType {
	case ICMPEchoRequest:
		return fmt.Sprintf("echo request id=%d seq=%d", p.ICMPID, p.ICMPSeq)
	case ICMPEchoReply:
		return fmt.Sprintf("echo reply id=%d seq=%d", p.ICMPID, p.ICMPSeq)
	case ICMPDestUnreachable:
		if p.ICMPCode == ICMPPortUnreachable {
			return "port unreachable"
		}
		return fmt.Sprintf("destination unreachable code %d", p.ICMPCode)
	}
	return fmt.Sprintf("type %d code %d", p.ICMPType, p.ICMPCode)
}

// WithDst returns a copy with a new destination (DNAT).
func (p Packet) WithDst(d netip.AddrPort) Packet { p.Dst = d; return p }

// WithSrc returns a copy with a new source (SNAT, MASQUERADE).
func (p Packet) WithSrc(s netip.AddrPort) Packet { p.Src = s; return p }
