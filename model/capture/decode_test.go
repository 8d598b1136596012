package capture

import (
	"encoding/binary"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	mdns "github.com/miekg/dns"
)

// decoded is what gopacket reads back from a frame, one line a layer, so
// that a test's want reads like a protocol analyser's summary.
type decoded struct {
	Len     int
	Eth     string
	ARP     string
	IP      string
	L4      string
	Payload string
	// Quoted is the datagram an ICMP error quotes, decoded.
	Quoted string
	// Checksums names each checksum that is wrong; empty when all are right.
	Checksums string
}

// decode parses b as an Ethernet frame with gopacket.
func decode(t *testing.T, b []byte) decoded {
	t.Helper()
	pk := gopacket.NewPacket(b, layers.LayerTypeEthernet, gopacket.Default)
	if el := pk.ErrorLayer(); el != nil {
		t.Fatalf("gopacket cannot decode the frame: %v\n%s", el.Error(), pk.Dump())
	}
	d := decoded{Len: len(b)}
	eth := pk.Layer(layers.LayerTypeEthernet).(*layers.Ethernet)
	d.Eth = fmt.Sprintf("%s > %s %s", eth.SrcMAC, eth.DstMAC, eth.EthernetType)
	if a, ok := pk.Layer(layers.LayerTypeARP).(*layers.ARP); ok {
		d.ARP = fmt.Sprintf("hw %s/%d proto %s/%d op %d %s %s > %s %s", a.AddrType, a.HwAddressSize, a.Protocol, a.ProtAddressSize, a.Operation,
			net.HardwareAddr(a.SourceHwAddress), net.IP(a.SourceProtAddress), net.HardwareAddr(a.DstHwAddress), net.IP(a.DstProtAddress))
		return d
	}
	ip, ok := pk.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
	if !ok {
		t.Fatalf("no IPv4 layer in\n%s", pk.Dump())
	}
	d.IP, d.L4, d.Payload, d.Quoted = ipSummary(t, ip)
	d.Checksums = checksums(ip)
	return d
}

// ipSummary describes an IPv4 datagram and what it carries.
func ipSummary(t *testing.T, ip *layers.IPv4) (ipText, l4, payload, quoted string) {
	t.Helper()
	ipText = fmt.Sprintf("%s > %s %s ttl %d id %d flags %s len %d", ip.SrcIP, ip.DstIP, ip.Protocol, ip.TTL, ip.Id, ip.Flags, ip.Length)
	pk := gopacket.NewPacket(ip.Payload, ip.NextLayerType(), gopacket.Default)
	switch l := pk.Layers()[0].(type) {
	case *layers.TCP:
		l4 = fmt.Sprintf("%d > %d [%s] seq %d ack %d win %d%s", l.SrcPort, l.DstPort, tcpFlags(l), l.Seq, l.Ack, l.Window, tcpOptions(l))
		payload = string(l.Payload)
	case *layers.UDP:
		l4 = fmt.Sprintf("%d > %d len %d", l.SrcPort, l.DstPort, l.Length)
		payload = dnsSummary(t, l.Payload)
	case *layers.ICMPv4:
		l4 = fmt.Sprintf("%s id %d seq %d", l.TypeCode, l.Id, l.Seq)
		if l.TypeCode.Type() == layers.ICMPv4TypeDestinationUnreachable {
			inner := gopacket.NewPacket(l.Payload, layers.LayerTypeIPv4, gopacket.Default)
			qip, ok := inner.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
			if !ok {
				t.Fatalf("the ICMP error quotes no IPv4 datagram: % x", l.Payload)
			}
			qi, ql, qp, _ := ipSummary(t, qip)
			quoted = strings.Join([]string{qi, ql, qp}, " | ")
		} else {
			payload = fmt.Sprintf("% x", l.Payload)
		}
	default:
		t.Fatalf("unexpected transport layer %T", l)
	}
	return ipText, l4, payload, quoted
}

func tcpFlags(t *layers.TCP) string {
	var f []string
	for _, x := range []struct {
		on   bool
		name string
	}{{t.SYN, "SYN"}, {t.FIN, "FIN"}, {t.RST, "RST"}, {t.PSH, "PSH"}, {t.ACK, "ACK"}} {
		if x.on {
			f = append(f, x.name)
		}
	}
	return strings.Join(f, ",")
}

func tcpOptions(t *layers.TCP) string {
	if len(t.Options) == 0 {
		return ""
	}
	var o []string
	for _, x := range t.Options {
		s := x.OptionType.String()
		switch x.OptionType {
		case layers.TCPOptionKindMSS:
			s += fmt.Sprintf(":%d", binary.BigEndian.Uint16(x.OptionData))
		case layers.TCPOptionKindWindowScale:
			s += fmt.Sprintf(":%d", x.OptionData[0])
		}
		o = append(o, s)
	}
	return " opts " + strings.Join(o, ",")
}

// dnsSummary unpacks a DNS message: header flags, question, answers.
func dnsSummary(t *testing.T, b []byte) string {
	t.Helper()
	if len(b) == 0 {
		return ""
	}
	m := new(mdns.Msg)
	if err := m.Unpack(b); err != nil {
		t.Fatalf("dns Unpack: %v", err)
	}
	s := fmt.Sprintf("dns id %d qr %t aa %t rd %t ra %t %s", m.Id, m.Response, m.Authoritative, m.RecursionDesired, m.RecursionAvailable, mdns.RcodeToString[m.Rcode])
	for _, q := range m.Question {
		s += " ? " + q.Name + " " + mdns.TypeToString[q.Qtype]
	}
	for _, rr := range m.Answer {
		s += " ! " + strings.ReplaceAll(rr.String(), "\t", " ")
	}
	return s
}

// checksums verifies the IPv4 header checksum and the transport's (with
// the pseudo-header for TCP and UDP), RFC 1071 one's complement sums.
func checksums(ip *layers.IPv4) string {
	var bad []string
	if fold(sum(ip.Contents)) != 0xffff {
		bad = append(bad, "ipv4")
	}
	var pseudo []byte
	pseudo = append(pseudo, ip.SrcIP.To4()...)
	pseudo = append(pseudo, ip.DstIP.To4()...)
	pseudo = append(pseudo, 0, byte(ip.Protocol), byte(len(ip.Payload)>>8), byte(len(ip.Payload)))
	switch ip.Protocol {
	case layers.IPProtocolTCP, layers.IPProtocolUDP:
		if fold(sum(pseudo)+sum(ip.Payload)) != 0xffff {
			bad = append(bad, ip.Protocol.String())
		}
	case layers.IPProtocolICMPv4:
		if fold(sum(ip.Payload)) != 0xffff {
			bad = append(bad, "icmp")
		}
	}
	return strings.Join(bad, ",")
}

func sum(b []byte) uint32 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	return s
}

func fold(s uint32) uint16 {
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return uint16(s)
}
