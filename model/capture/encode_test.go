package capture

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// zeros56 is the data of an echo sent at time 0: stamp 0, then zeros.
var zeros56 = strings.TrimSpace(strings.Repeat("00 ", 56))

// encodeTests are frames of every kind and what gopacket reads back.
var encodeTests = []struct {
	name  string
	frame l2.Frame
	want  decoded
}{
	{"arp request", arpRequest(), decoded{
		Len: 60, // 42 bytes padded to the minimum frame
		Eth: "52:54:00:00:00:02 > ff:ff:ff:ff:ff:ff ARP",
		ARP: "hw Ethernet/6 proto IPv4/4 op 1 52:54:00:00:00:02 10.0.0.2 > 00:00:00:00:00:00 10.0.0.1",
	}},
	{"arp reply", arpReply(), decoded{
		Len: 60,
		Eth: "52:54:00:00:00:01 > 52:54:00:00:00:02 ARP",
		ARP: "hw Ethernet/6 proto IPv4/4 op 2 52:54:00:00:00:01 10.0.0.1 > 52:54:00:00:00:02 10.0.0.2",
	}},
	{"gratuitous arp", arpGratuitous(), decoded{
		Len: 60,
		Eth: "52:54:00:00:00:05 > ff:ff:ff:ff:ff:ff ARP",
		ARP: "hw Ethernet/6 proto IPv4/4 op 1 52:54:00:00:00:05 10.0.0.5 > 00:00:00:00:00:00 10.0.0.5",
	}},
	{"tcp syn", ipFrame(pktSYN), decoded{
		Len: 66,
		Eth: "02:42:0a:f4:01:05 > 02:42:0a:60:00:14 IPv4",
		IP:  "10.244.1.5 > 10.96.0.20 TCP ttl 64 id 5 flags DF len 52",
		L4:  "41234 > 80 [SYN] seq 192349157 ack 0 win 64240 opts MSS:1460,NOP,NOP,SACKPermitted,NOP,WindowScale:7",
	}},
	{"tcp syn-ack", ipFrame(pktSYNACK), decoded{
		Len: 66,
		Eth: "02:42:0a:60:00:14 > 02:42:0a:f4:01:05 IPv4",
		IP:  "10.96.0.20 > 10.244.1.5 TCP ttl 63 id 8 flags DF len 52",
		L4:  "80 > 41234 [SYN,ACK] seq 175571538 ack 192349158 win 64240 opts MSS:1460,NOP,NOP,SACKPermitted,NOP,WindowScale:7",
	}},
	{"tcp rst answering a syn", ipFrame(pktRST), decoded{
		Len: 60, // 54 bytes padded
		Eth: "02:42:0a:f4:02:07 > 02:42:0a:f4:01:05 IPv4",
		IP:  "10.244.2.7 > 10.244.1.5 TCP ttl 63 id 15 flags DF len 40",
		L4:  "81 > 41236 [RST,ACK] seq 0 ack 3928900339 win 0",
	}},
	{"http request", ipFrame(pktRequest), decoded{
		Len:     128,
		Eth:     "02:42:0a:f4:01:05 > 02:42:0a:60:00:14 IPv4",
		IP:      "10.244.1.5 > 10.96.0.20 TCP ttl 64 id 9 flags DF len 114",
		L4:      "41234 > 80 [PSH,ACK] seq 192349158 ack 175571539 win 502",
		Payload: "GET / HTTP/1.1\r\nHost: numbers-api\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n",
	}},
	{"http response", ipFrame(pktResponse), decoded{
		Len:     163,
		Eth:     "02:42:0a:60:00:14 > 02:42:0a:f4:01:05 IPv4",
		IP:      "10.96.0.20 > 10.244.1.5 TCP ttl 63 id 12 flags DF len 149",
		L4:      "80 > 41234 [PSH,ACK] seq 175571539 ack 192349158 win 502",
		Payload: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\nContent-Length: 2\r\n\r\n42",
	}},
	{"dns query", ipFrame(pktDNSQuery), decoded{
		Len:     97,
		Eth:     "02:42:0a:f4:01:05 > 02:42:0a:60:00:0a IPv4",
		IP:      "10.244.1.5 > 10.96.0.10 UDP ttl 64 id 1 flags DF len 83",
		L4:      "53001 > 53 len 63",
		Payload: "dns id 1234 qr false aa false rd true ra false NOERROR ? numbers-api.default.svc.cluster.local. A",
	}},
	{"dns answer", ipFrame(pktDNSAnswer), decoded{
		Len:     150,
		Eth:     "02:42:0a:60:00:0a > 02:42:0a:f4:01:05 IPv4",
		IP:      "10.96.0.10 > 10.244.1.5 UDP ttl 63 id 4 flags DF len 136",
		L4:      "53 > 53001 len 116",
		Payload: "dns id 1234 qr true aa true rd true ra true NOERROR ? numbers-api.default.svc.cluster.local. A ! numbers-api.default.svc.cluster.local. 5 IN A 10.96.0.20",
	}},
	{"icmp echo request", ipFrame(pktEcho), decoded{
		Len:     98,
		Eth:     "02:42:0a:f4:01:05 > 02:42:0a:f4:02:07 IPv4",
		IP:      "10.244.1.5 > 10.244.2.7 ICMPv4 ttl 64 id 16 flags DF len 84",
		L4:      "EchoRequest id 7211 seq 0",
		Payload: zeros56,
	}},
	{"icmp echo reply", ipFrame(pktEchoReply), decoded{
		Len:     98,
		Eth:     "02:42:0a:f4:02:07 > 02:42:0a:f4:01:05 IPv4",
		IP:      "10.244.2.7 > 10.244.1.5 ICMPv4 ttl 63 id 17 flags  len 84",
		L4:      "EchoReply id 7211 seq 0",
		Payload: zeros56,
	}},
	{"icmp port unreachable quotes the datagram", ipFrame(pktUnreach), decoded{
		Len:    125,
		Eth:    "02:42:0a:f4:02:07 > 02:42:0a:f4:01:05 IPv4",
		IP:     "10.244.2.7 > 10.244.1.5 ICMPv4 ttl 63 id 19 flags  len 111",
		L4:     "DestinationUnreachable(Port) id 0 seq 0",
		Quoted: "10.244.1.5 > 10.244.2.7 UDP ttl 64 id 18 flags DF len 83 | 53002 > 53 len 63 | dns id 1234 qr false aa false rd true ra false NOERROR ? numbers-api.default.svc.cluster.local. A",
	}},
}

func TestEncode(t *testing.T) {
	for _, tc := range encodeTests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Encode(tc.frame)
			if err != nil {
				t.Fatalf("Encode(%s) error %v", tc.frame, err)
			}
			if d := cmp.Diff(tc.want, decode(t, b)); d != "" {
				t.Errorf("Encode(%s) decoded (-want +got):\n%s", tc.frame, d)
			}
		})
	}
}

// TestEncodePadding: frames shorter than 60 bytes are padded with zeros
// after the IP datagram, which keeps its own length.
func TestEncodePadding(t *testing.T) {
	b, err := Encode(arpRequest())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b[42:], make([]byte, 18); !cmp.Equal(got, want) {
		t.Errorf("Encode(arp request)[42:] = % x, want 18 zero bytes", got)
	}
}

// TestQuoteLimit: Linux quotes at most 548 bytes of the offending datagram.
func TestQuoteLimit(t *testing.T) {
	big := pktUDPClosed
	big.Payload = make([]byte, 1000)
	icmp := pktUnreach
	icmp.Quoted = &big
	b, err := Encode(ipFrame(icmp))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(b), 14+20+8+548; got != want {
		t.Errorf("len(Encode(port unreachable for a 1028-byte datagram)) = %d, want %d", got, want)
	}
}

func TestEncodeErrors(t *testing.T) {
	v6 := netip.MustParseAddrPort("[fd00::1]:80")
	tests := []struct {
		name  string
		frame l2.Frame
		want  string
	}{
		{"ipv6 ethertype", l2.Frame{Type: l2.EtherTypeIPv6}, "capture: frame 00:00:00:00:00:00 > 00:00:00:00:00:00: ethertype 0x86dd: no wire encoding"},
		{"ipv4 frame without a packet", l2.Frame{Type: l2.EtherTypeIPv4, Payload: "x"}, "capture: ipv4 frame 00:00:00:00:00:00 > 00:00:00:00:00:00: payload string: no wire encoding"},
		{"ipv6 addresses", ipFrame(network.Packet{Src: v6, Dst: v6, Proto: network.TCP}), "capture: [fd00::1]:80 > [fd00::1]:80 tcp []: not IPv4: no wire encoding"},
		{"unknown protocol", ipFrame(network.Packet{Src: ap(podA, 0), Dst: ap(podB, 0), Proto: 47}), "capture: 10.244.1.5:0 > 10.244.2.7:0 proto-47: no wire encoding"},
		{"unknown tcp payload", ipFrame(network.Packet{Src: ap(podA, 1), Dst: ap(podB, 2), Proto: network.TCP, Payload: 42}), "capture: 10.244.1.5:1 > 10.244.2.7:2 tcp []: tcp payload int: no wire encoding"},
		{"unknown udp payload", ipFrame(network.Packet{Src: ap(podA, 1), Dst: ap(podB, 2), Proto: network.UDP, Payload: "q"}), "capture: 10.244.1.5:1 > 10.244.2.7:2 udp: udp payload string: no wire encoding"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Encode(tc.frame)
			if err == nil || err.Error() != tc.want || !errors.Is(err, ErrUnsupported) {
				t.Errorf("Encode(%s) error = %v, want %q wrapping ErrUnsupported", tc.frame, err, tc.want)
			}
		})
	}
}
