package capture

import (
	"net/netip"
	"time"

	mdns "github.com/miekg/dns"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// Addresses of the sample run: two nodes on one segment, a client pod,
// a server pod, a Service's cluster IP and the cluster DNS.
var (
	node1   = netip.MustParseAddr("10.0.0.2")
	node2   = netip.MustParseAddr("10.0.0.1")
	vip     = netip.MustParseAddr("10.0.0.5")
	podA    = netip.MustParseAddr("10.244.1.5")
	podB    = netip.MustParseAddr("10.244.2.7")
	svcIP   = netip.MustParseAddr("10.96.0.20")
	dnsIP   = netip.MustParseAddr("10.96.0.10")
	node1HW = l2.MustParseMAC("52:54:00:00:00:02")
	node2HW = l2.MustParseMAC("52:54:00:00:00:01")
	vipHW   = l2.MustParseMAC("52:54:00:00:00:05")
)

func ap(a netip.Addr, port uint16) netip.AddrPort { return netip.AddrPortFrom(a, port) }

func arpRequest() l2.Frame {
	return l2.NewARP(l2.ARP{Op: l2.ARPRequest, SenderMAC: node1HW, SenderIP: node1, TargetIP: node2})
}

func arpReply() l2.Frame {
	return l2.NewARP(l2.ARP{Op: l2.ARPReply, SenderMAC: node2HW, SenderIP: node2, TargetMAC: node1HW, TargetIP: node1})
}

func arpGratuitous() l2.Frame {
	return l2.NewARP(l2.ARP{Op: l2.ARPRequest, SenderMAC: vipHW, SenderIP: vip, TargetIP: vip})
}

func dnsQuery() *mdns.Msg {
	m := new(mdns.Msg)
	m.SetQuestion("numbers-api.default.svc.cluster.local.", mdns.TypeA)
	m.Id = 0x04d2
	return m
}

func dnsAnswer() *mdns.Msg {
	m := new(mdns.Msg)
	m.SetReply(dnsQuery())
	m.Authoritative = true
	m.RecursionAvailable = true
	rr, err := mdns.NewRR("numbers-api.default.svc.cluster.local. 5 IN A 10.96.0.20")
	if err != nil {
		panic(err)
	}
	m.Answer = []mdns.RR{rr}
	return m
}

func httpReq() *network.HTTPRequest {
	return &network.HTTPRequest{Method: "GET", Host: "numbers-api", Path: "/", UserAgent: "curl/8.5.0"}
}

func httpResp() *network.HTTPResponse {
	return &network.HTTPResponse{Status: 200, ContentType: "application/json", Body: "42"}
}

// Packets of the sample run, as a pod's veth sees them (before DNAT).
var (
	pktDNSQuery  = network.Packet{ID: 1, Flow: 1, Src: ap(podA, 53001), Dst: ap(dnsIP, 53), Proto: network.UDP, TTL: 64, Payload: dnsQuery()}
	pktDNSAnswer = network.Packet{ID: 4, Flow: 1, Src: ap(dnsIP, 53), Dst: ap(podA, 53001), Proto: network.UDP, TTL: 63, Payload: dnsAnswer()}
	pktSYN       = network.Packet{ID: 5, Flow: 2, Src: ap(podA, 41234), Dst: ap(svcIP, 80), Proto: network.TCP, Flags: network.SYN, TTL: 64}
	pktSYNACK    = network.Packet{ID: 8, Flow: 2, Src: ap(svcIP, 80), Dst: ap(podA, 41234), Proto: network.TCP, Flags: network.SYN | network.ACK, TTL: 63}
	pktRequest   = network.Packet{ID: 9, Flow: 2, Src: ap(podA, 41234), Dst: ap(svcIP, 80), Proto: network.TCP, Flags: network.PSH | network.ACK, TTL: 64, Payload: httpReq()}
	pktResponse  = network.Packet{ID: 12, Flow: 2, Src: ap(svcIP, 80), Dst: ap(podA, 41234), Proto: network.TCP, Flags: network.PSH | network.ACK, TTL: 63, Payload: httpResp()}
	pktFIN       = network.Packet{ID: 13, Flow: 2, Src: ap(podA, 41234), Dst: ap(svcIP, 80), Proto: network.TCP, Flags: network.FIN | network.ACK, TTL: 64}
	pktSYN81     = network.Packet{ID: 14, Flow: 3, Src: ap(podA, 41236), Dst: ap(podB, 81), Proto: network.TCP, Flags: network.SYN, TTL: 64}
	pktRST       = network.Packet{ID: 15, Flow: 3, Src: ap(podB, 81), Dst: ap(podA, 41236), Proto: network.TCP, Flags: network.RST | network.ACK, TTL: 63}
	pktEcho      = network.Packet{ID: 16, Flow: 4, Src: ap(podA, 0), Dst: ap(podB, 0), Proto: network.ICMP, ICMPType: network.ICMPEchoRequest, ICMPID: 0x1c2b, ICMPSeq: 0, TTL: 64}
	pktEchoReply = network.Packet{ID: 17, Flow: 4, Src: ap(podB, 0), Dst: ap(podA, 0), Proto: network.ICMP, ICMPType: network.ICMPEchoReply, ICMPID: 0x1c2b, ICMPSeq: 0, TTL: 63}
	pktUDPClosed = network.Packet{ID: 18, Flow: 5, Src: ap(podA, 53002), Dst: ap(podB, 53), Proto: network.UDP, TTL: 64, Payload: dnsQuery()}
	pktUnreach   = network.Packet{ID: 19, Flow: 5, Src: ap(podB, 0), Dst: ap(podA, 0), Proto: network.ICMP, ICMPType: network.ICMPDestUnreachable,
		ICMPCode: network.ICMPPortUnreachable, TTL: 63, Quoted: &pktUDPClosed}
)

// sampleStep is one record of the sample run.
type sampleStep struct {
	at    time.Duration
	frame l2.Frame
}

// ipFrame is p on the wire between its addresses' l2.MACFromIP.
func ipFrame(p network.Packet) l2.Frame {
	return l2.Frame{Src: l2.MACFromIP(p.Src.Addr()), Dst: l2.MACFromIP(p.Dst.Addr()), Type: l2.EtherTypeIPv4, Payload: p}
}

// sampleRun is a short run with every kind of frame the package encodes.
func sampleRun() []sampleStep {
	ms := time.Millisecond
	return []sampleStep{
		{0, arpRequest()},
		{5 * time.Microsecond, arpReply()},
		{1 * ms, arpGratuitous()},
		{2 * ms, ipFrame(pktDNSQuery)},
		{2*ms + 400*time.Microsecond, ipFrame(pktDNSAnswer)},
		{3 * ms, ipFrame(pktSYN)},
		{3*ms + 340*time.Microsecond, ipFrame(pktSYNACK)},
		{3*ms + 360*time.Microsecond, ipFrame(pktRequest)},
		{4*ms + 700*time.Microsecond, ipFrame(pktResponse)},
		{4*ms + 720*time.Microsecond, ipFrame(pktFIN)},
		{5 * ms, ipFrame(pktSYN81)},
		{5*ms + 340*time.Microsecond, ipFrame(pktRST)},
		{6 * ms, ipFrame(pktEcho)},
		{6*ms + 340*time.Microsecond, ipFrame(pktEchoReply)},
		{7 * ms, ipFrame(pktUDPClosed)},
		{7*ms + 340*time.Microsecond, ipFrame(pktUnreach)},
	}
}
