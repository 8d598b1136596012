package l2

import (
	"fmt"
	"net/netip"
)

// MAC is an Ethernet hardware address. It is comparable and a map key,
// unlike net.HardwareAddr. The zero MAC (00:00:00:00:00:00) is the
// "unknown" target hardware address of an ARP request.
type MAC [6]byte

// Broadcast is ff:ff:ff:ff:ff:ff.
var Broadcast = MAC{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// IsBroadcast reports whether m is ff:ff:ff:ff:ff:ff.
func (m MAC) IsBroadcast() bool { return m == Broadcast }

// IsMulticast reports whether the group bit is set (broadcast included).
func (m MAC) IsMulticast() bool { return m[0]&1 == 1 }

const hexDigits = "0123456789abcdef"

// AppendTo appends m as six lowercase colon-separated hex pairs.
func (m MAC) AppendTo(b []byte) []byte {
	for i, x := range m {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, hexDigits[x>>4], hexDigits[x&0xf])
	}
	return b
}

// String returns m as "aa:bb:cc:dd:ee:ff".
func (m MAC) String() string {
	return string(m.AppendTo(make([]byte, 0, len("ff:ff:ff:ff:ff:ff"))))
}

// ParseMAC parses "aa:bb:cc:dd:ee:ff".
func ParseMAC(s string) (MAC, error) {
	var m MAC
	if len(s) != 17 {
		return m, fmt.Errorf("parse mac %q: want 6 colon-separated hex pairs", s)
	}
	for i := range m {
		if i > 0 && s[3*i-1] != ':' {
			return m, fmt.Errorf("parse mac %q: want 6 colon-separated hex pairs", s)
		}
		hi, ok1 := unhex(s[3*i])
		lo, ok2 := unhex(s[3*i+1])
		if !ok1 || !ok2 {
			return m, fmt.Errorf("parse mac %q: bad hex digit", s)
		}
		m[i] = hi<<4 | lo
	}
	return m, nil
}

// MustParseMAC is ParseMAC for tests and built-in tables; it panics on error.
func MustParseMAC(s string) MAC {
	m, err := ParseMAC(s)
	if err != nil {
		panic(err)
	}
	return m
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// EtherType is the Ethernet II type field.
type EtherType uint16

// The ethertypes the model carries.
const (
	EtherTypeIPv4 EtherType = 0x0800
	EtherTypeARP  EtherType = 0x0806
	EtherTypeIPv6 EtherType = 0x86dd
)

// ARPOp is the ARP operation (RFC 826).
type ARPOp uint16

// ARP operations.
const (
	ARPRequest ARPOp = 1
	ARPReply   ARPOp = 2
)

// ARP is an Ethernet/IPv4 ARP packet. The zero ARP is not valid (Op 0).
type ARP struct {
	Op        ARPOp
	SenderMAC MAC
	SenderIP  netip.Addr
	TargetMAC MAC
	TargetIP  netip.Addr
}

// Gratuitous reports whether the packet announces its sender's own
// binding: sender IP equal to target IP (RFC 5227 "ARP Announcement"; the
// test Linux's arp_process applies, whatever the op).
func (a ARP) Gratuitous() bool { return a.SenderIP.IsValid() && a.SenderIP == a.TargetIP }

// String prints a as tcpdump does: "Request who-has 10.0.0.1 tell
// 10.0.0.2", "Reply 10.0.0.1 is-at aa:bb:cc:dd:ee:ff".
func (a ARP) String() string {
	switch a.Op {
	case ARPRequest:
		if a.Gratuitous() {
			return "Request who-has " + a.TargetIP.String() + " tell " + a.SenderIP.String() + " (gratuitous)"
		}
		return "Request who-has " + a.TargetIP.String() + " tell " + a.SenderIP.String()
	case ARPReply:
		return "Reply " + a.SenderIP.String() + " is-at " + a.SenderMAC.String()
	}
	return fmt.Sprintf("ARP op %d", a.Op)
}

// Frame is an Ethernet II frame as a value: addresses, type, and the one
// payload the layer-2 model reads (ARP). Payload carries what higher
// layers put in it (an IP packet value) and is opaque here. A Frame is
// copied at each hop; the zero Frame is not valid (Type 0).
type Frame struct {
	Dst, Src MAC
	Type     EtherType
	// ARP is the payload when Type is EtherTypeARP.
	ARP ARP
	// Len is the frame's length on the wire without preamble and FCS; 0
	// means a minimum-size frame (60 bytes).
	Len int
	// Payload is the higher-layer content of a non-ARP frame (an IPv4
	// packet value); the switch never looks inside.
	Payload any
}

// Ethernet sizes used for bandwidth accounting (IEEE 802.3).
const (
	MinFrameLen   = 60 // without FCS; shorter frames are padded
	FCSLen        = 4
	PreambleIFG   = 20 // 8 bytes preamble+SFD, 12 bytes inter-frame gap
	ARPFrameLen   = 42 // 14 Ethernet + 28 ARP, padded to MinFrameLen on the wire
	wireOverheads = FCSLen + PreambleIFG
)

// WireBits is how many bit times the frame occupies on the wire,
// preamble and inter-frame gap included (672 for a minimum-size frame,
// hence 1,488,095 frames/s line rate on 1 Gb/s).
func (f *Frame) WireBits() int64 {
	n := f.Len
	if n < MinFrameLen {
		n = MinFrameLen
	}
	return int64(n+wireOverheads) * 8
}

// NewARP returns the broadcast or unicast frame carrying a: requests go to
// ff:ff:ff:ff:ff:ff, replies to the target MAC unless it is zero or
// broadcast.
func NewARP(a ARP) Frame {
	dst := a.TargetMAC
	if a.Op == ARPRequest || dst == (MAC{}) {
		dst = Broadcast
	}
	return Frame{Dst: dst, Src: a.SenderMAC, Type: EtherTypeARP, ARP: a, Len: ARPFrameLen}
}

// String prints the frame in one line: "aa:.. > ff:.., ARP, Request who-has ...".
func (f Frame) String() string {
	s := f.Src.String() + " > " + f.Dst.String()
	switch f.Type {
	case EtherTypeARP:
		return s + ", ARP, " + f.ARP.String()
	case EtherTypeIPv4:
		return s + ", IPv4"
	case EtherTypeIPv6:
		return s + ", IPv6"
	}
	return fmt.Sprintf("%s, ethertype 0x%04x", s, uint16(f.Type))
}

// MACFromIP returns a locally administered unicast MAC derived from an IPv4
// address the way Docker's bridge driver derives a container's MAC
// (libnetwork's GenerateMACFromIP): 02:42 followed by the four address
// bytes, so 172.17.0.2 is 02:42:ac:11:00:02 and 10.244.1.5 is
// 02:42:0a:f4:01:05. The first byte 0x02 sets the locally administered
// bit and clears the group bit. An IPv4-mapped IPv6 address is unmapped
// first; another IPv6 address contributes its last four bytes; the zero
// Addr gives 02:42:00:00:00:00. The simulated NICs and captures without
// layer 2 both use it, so a host has one MAC wherever it shows.
func MACFromIP(ip netip.Addr) MAC {
	m := MAC{0x02, 0x42}
	if !ip.IsValid() {
		return m
	}
	b := ip.Unmap().As16()
	copy(m[2:], b[12:])
	return m
}
