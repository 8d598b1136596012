package capture

import (
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// serialize is how every layer stack is written: lengths and checksums
// computed as a sender's stack computes them.
var serialize = gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}

// maxDatagram is the longest IPv4 datagram: its total length is 16 bits.
const maxDatagram = 65535

// encoder turns frames into bytes. It owns the state that spans frames:
// TCP flows (tcp.go) and ping data (icmp.go).
type encoder struct {
	flows map[uint64]*tcpFlow
	pings map[echoKey]uint32
}

func newEncoder() *encoder {
	return &encoder{flows: map[uint64]*tcpFlow{}, pings: map[echoKey]uint32{}}
}

// frame encodes an Ethernet II frame sent at virtual time at.
func (e *encoder) frame(at time.Duration, f l2.Frame) ([]byte, error) {
	eth := &layers.Ethernet{SrcMAC: net.HardwareAddr(f.Src[:]), DstMAC: net.HardwareAddr(f.Dst[:]), EthernetType: layers.EthernetType(f.Type)}
	buf := gopacket.NewSerializeBuffer()
	switch f.Type {
	case l2.EtherTypeARP:
		if err := gopacket.SerializeLayers(buf, serialize, eth, arpLayer(f.ARP)); err != nil {
			return nil, fmt.Errorf("capture: arp %s: %w", f.ARP, err)
		}
	case l2.EtherTypeIPv4:
		var p network.Packet
		switch x := f.Payload.(type) {
		case network.Packet:
			p = x
		case *network.Packet:
			p = *x
		default:
			return nil, fmt.Errorf("capture: ipv4 frame %s > %s: payload %T: %w", f.Src, f.Dst, f.Payload, ErrUnsupported)
		}
		ip, err := e.ipv4(at, p, true)
		if err != nil {
			return nil, err
		}
		if err := gopacket.SerializeLayers(buf, serialize, eth, gopacket.Payload(ip)); err != nil {
			return nil, fmt.Errorf("capture: %s: %w", p, err)
		}
	default:
		return nil, fmt.Errorf("capture: frame %s > %s: ethertype 0x%04x: %w", f.Src, f.Dst, uint16(f.Type), ErrUnsupported)
	}
	return buf.Bytes(), nil
}

// arpLayer is an Ethernet/IPv4 ARP packet (RFC 826). An invalid address
// (an ARP probe's sender) is 0.0.0.0.
func arpLayer(a l2.ARP) *layers.ARP {
	return &layers.ARP{
		AddrType: layers.LinkTypeEthernet, Protocol: layers.EthernetTypeIPv4,
		HwAddressSize: 6, ProtAddressSize: 4, Operation: uint16(a.Op),
		SourceHwAddress: append([]byte(nil), a.SenderMAC[:]...), SourceProtAddress: ip4(a.SenderIP),
		DstHwAddress: append([]byte(nil), a.TargetMAC[:]...), DstProtAddress: ip4(a.TargetIP),
	}
}

func ip4(a netip.Addr) []byte {
	if !a.IsValid() {
		return make([]byte, 4)
	}
	b := a.Unmap().As4()
	return b[:]
}

// ipv4 encodes p as an IPv4 datagram: header, transport header and
// payload. commit false encodes a packet quoted by an ICMP error: it reads
// the flows' state and changes none of it.
func (e *encoder) ipv4(at time.Duration, p network.Packet, commit bool) ([]byte, error) {
	src, dst := p.Src.Addr().Unmap(), p.Dst.Addr().Unmap()
	if !src.Is4() || !dst.Is4() {
		return nil, fmt.Errorf("capture: %s: not IPv4: %w", p, ErrUnsupported)
	}
	ip := &layers.IPv4{Version: 4, Id: uint16(p.ID), TTL: p.TTL, Protocol: layers.IPProtocol(p.Proto),
		SrcIP: ip4(src), DstIP: ip4(dst)}
	if ip.TTL == 0 {
		ip.TTL = 64
	}
	var ls []gopacket.SerializableLayer
	var err error
	switch p.Proto {
	case network.TCP:
		ls, err = e.tcp(at, p, ip, commit)
	case network.UDP:
		ls, err = udp(p, ip)
	case network.ICMP:
		ls, err = e.icmp(at, p, commit)
	default:
		err = fmt.Errorf("capture: %s: %w", p, ErrUnsupported)
	}
	if err != nil {
		return nil, err
	}
	if dontFragment(p) {
		ip.Flags = layers.IPv4DontFragment
	}
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, serialize, append([]gopacket.SerializableLayer{ip}, ls...)...); err != nil {
		return nil, fmt.Errorf("capture: %s: %w", p, err)
	}
	if n := len(buf.Bytes()); n > maxDatagram {
		return nil, fmt.Errorf("capture: %s: a datagram of %d bytes, longer than IPv4's %d", p, n, maxDatagram)
	}
	return buf.Bytes(), nil
}

// dontFragment reports whether Linux sets DF: path MTU discovery is on
// (ip_no_pmtu_disc=0) for TCP and UDP sockets and ping's raw socket, off
// for the kernel's own ICMP socket (IP_PMTUDISC_DONT), which sends echo
// replies and errors.
func dontFragment(p network.Packet) bool {
	if p.Proto != network.ICMP {
		return true
	}
	return p.ICMPType == network.ICMPEchoRequest
}
