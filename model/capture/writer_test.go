package capture

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/svcsim/svcsim/internal/golden"
	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// writeSample writes the sample run to a capture in memory.
func writeSample(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := NewWriter(&b)
	if err != nil {
		t.Fatalf("NewWriter error %v", err)
	}
	for _, s := range sampleRun() {
		if err := w.WriteFrame(s.at, s.frame); err != nil {
			t.Fatalf("WriteFrame(%s, %s) error %v", s.at, s.frame, err)
		}
	}
	return b.Bytes()
}

// record is one record of a capture file as pcapgo reads it.
type record struct {
	ci   gopacket.CaptureInfo
	data []byte
}

func readCapture(t *testing.T, b []byte) []record {
	t.Helper()
	r, err := pcapgo.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("pcapgo.NewReader error %v", err)
	}
	if r.LinkType() != layers.LinkTypeEthernet || r.Snaplen() != 65535 {
		t.Errorf("capture header: link type %s snaplen %d, want Ethernet 65535", r.LinkType(), r.Snaplen())
	}
	var rs []record
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		rs = append(rs, record{ci, data})
	}
	return rs
}

// TestGolden: the sample run's capture, byte for byte, and a hex dump of
// it for review (go test -update rewrites both).
func TestGolden(t *testing.T) {
	b := writeSample(t)
	golden.Check(t, "sample.pcap", string(b))
	var dump strings.Builder
	for i, r := range readCapture(t, b) {
		fmt.Fprintf(&dump, "#%d %s len %d\n%s", i+1, r.ci.Timestamp.Format("15:04:05.000000"), r.ci.Length, hex.Dump(r.data))
	}
	golden.Check(t, "sample.hex", dump.String())
}

// TestDeterministic: two runs give the same bytes.
func TestDeterministic(t *testing.T) {
	if a, b := writeSample(t), writeSample(t); !bytes.Equal(a, b) {
		t.Error("two writes of the sample run differ")
	}
}

func TestFileHeader(t *testing.T) {
	got := writeSample(t)[:24]
	want := []byte{
		0xd4, 0xc3, 0xb2, 0xa1, // magic, microseconds, little-endian
		2, 0, 4, 0, // version 2.4
		0, 0, 0, 0, 0, 0, 0, 0, // thiszone, sigfigs
		0xff, 0xff, 0, 0, // snaplen 65535
		1, 0, 0, 0, // LINKTYPE_ETHERNET
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("file header (-want +got):\n%s", d)
	}
}

func TestTimestamps(t *testing.T) {
	rs := readCapture(t, writeSample(t))
	run := sampleRun()
	if len(rs) != len(run) {
		t.Fatalf("read %d records, want %d", len(rs), len(run))
	}
	for i, r := range rs {
		if want := Epoch.Add(run[i].at); !r.ci.Timestamp.Equal(want) || r.ci.CaptureLength != r.ci.Length {
			t.Errorf("record %d: time %s caplen %d len %d, want %s and equal lengths", i+1, r.ci.Timestamp, r.ci.CaptureLength, r.ci.Length, want)
		}
	}
}

// segment is a TCP segment read back, with the numbers relative to the
// ISN of its sender and of its receiver, as Wireshark shows them.
type segment struct {
	Dir          string
	Flags        string
	Seq, Ack     int64
	Len          int
	SameAsBefore bool
}

// TestTCPStream: a connection as the model sends it, captured at the
// client's veth and again after DNAT, reads as one sane stream: each
// segment starts where its end's last one stopped, every ACK covers what
// the other end sent, and a packet captured twice keeps its numbers.
func TestTCPStream(t *testing.T) {
	dnat := func(p network.Packet) network.Packet {
		if p.Dst.Addr() == svcIP {
			return p.WithDst(ap(podB, 8080))
		}
		return p.WithSrc(ap(podB, 8080))
	}
	retry := pktSYN
	retry.ID = 6
	stray := network.Packet{ID: 20, Flow: 2, Src: ap(podA, 41234), Dst: ap(svcIP, 80), Proto: network.TCP, Flags: network.ACK, TTL: 64}
	reset := network.Packet{ID: 21, Flow: 2, Src: ap(svcIP, 80), Dst: ap(podA, 41234), Proto: network.TCP, Flags: network.RST, TTL: 63}
	steps := []network.Packet{
		pktSYN, dnat(pktSYN), retry, pktSYNACK, dnat(pktSYNACK),
		pktRequest, dnat(pktRequest), dnat(pktResponse), pktResponse, pktFIN, stray, reset,
	}
	var b bytes.Buffer
	w, err := NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range steps {
		if err := w.WritePacket(time.Duration(i)*time.Millisecond, l2.MACFromIP(p.Src.Addr()), l2.MACFromIP(p.Dst.Addr()), p); err != nil {
			t.Fatalf("WritePacket(%s) error %v", p, err)
		}
	}
	isnC, isnS := int64(isn(2, client)), int64(isn(2, server))
	reqLen, respLen := int64(74), int64(109)
	want := []segment{
		{"c>s", "SYN", 0, -isnS, 0, false},
		{"c>s", "SYN", 0, -isnS, 0, true},
		{"c>s", "SYN", 0, -isnS, 0, true}, // a retransmission: the same ISN
		{"s>c", "SYN,ACK", 0, 1, 0, false},
		{"s>c", "SYN,ACK", 0, 1, 0, true},
		{"c>s", "PSH,ACK", 1, 1, 74, false},
		{"c>s", "PSH,ACK", 1, 1, 74, true},
		{"s>c", "PSH,ACK", 1, 1 + reqLen, 109, false},
		{"s>c", "PSH,ACK", 1, 1 + reqLen, 109, true},
		{"c>s", "FIN,ACK", 1 + reqLen, 1 + respLen, 0, false},
		{"c>s", "ACK", 2 + reqLen, 1 + respLen, 0, false}, // after the FIN
		{"s>c", "RST", 1 + respLen, -isnC, 0, false},      // takes the stray's ACK as its sequence
	}
	var got []segment
	var prev []byte
	for _, r := range readCapture(t, b.Bytes()) {
		pk := gopacket.NewPacket(r.data, layers.LayerTypeEthernet, gopacket.Default)
		tcp := pk.Layer(layers.LayerTypeTCP).(*layers.TCP)
		s := segment{Dir: "c>s", Flags: tcpFlags(tcp), Seq: int64(tcp.Seq) - isnC, Ack: int64(tcp.Ack) - isnS, Len: len(tcp.Payload)}
		if tcp.SrcPort == 80 || tcp.SrcPort == 8080 {
			s.Dir, s.Seq, s.Ack = "s>c", int64(tcp.Seq)-isnS, int64(tcp.Ack)-isnC
		}
		s.SameAsBefore = bytes.Equal(tcp.Contents[4:12], prev)
		prev = tcp.Contents[4:12]
		got = append(got, s)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("segments (-want +got):\n%s", d)
	}
}

// TestPingData: the reply carries its request's data (busybox's stamp of
// the send time in microseconds), even when written much later.
func TestPingData(t *testing.T) {
	var b bytes.Buffer
	w, err := NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WritePacket(1234567*time.Microsecond, l2.MACFromIP(podA), l2.MACFromIP(podB), pktEcho); err != nil {
		t.Fatal(err)
	}
	if err := w.WritePacket(3*time.Second, l2.MACFromIP(podB), l2.MACFromIP(podA), pktEchoReply); err != nil {
		t.Fatal(err)
	}
	want := append([]byte{0x87, 0xd6, 0x12, 0x00}, make([]byte, 52)...) // 1234567 little-endian
	for i, r := range readCapture(t, b.Bytes()) {
		pk := gopacket.NewPacket(r.data, layers.LayerTypeEthernet, gopacket.Default)
		icmp := pk.Layer(layers.LayerTypeICMPv4).(*layers.ICMPv4)
		if d := cmp.Diff(want, icmp.Payload); d != "" {
			t.Errorf("record %d (%s) data (-want +got):\n%s", i+1, icmp.TypeCode, d)
		}
	}
}

// TestSnaplen: a frame longer than 65535 bytes (the longest datagram in
// Ethernet) is cut, its length kept; a longer datagram is an error.
func TestSnaplen(t *testing.T) {
	var b bytes.Buffer
	w, err := NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	p := network.Packet{ID: 1, Flow: 9, Src: ap(podA, 40000), Dst: ap(podB, 9000), Proto: network.UDP, Payload: make([]byte, 65535-28)}
	if err := w.WriteFrame(0, l2.Frame{Src: l2.MACFromIP(podA), Dst: l2.MACFromIP(podB), Type: l2.EtherTypeIPv4, Payload: &p}); err != nil {
		t.Fatal(err)
	}
	rs := readCapture(t, b.Bytes())
	if len(rs) != 1 || rs[0].ci.CaptureLength != 65535 || rs[0].ci.Length != 14+65535 {
		t.Errorf("records %+v, want one of caplen 65535, len 65549", rs)
	}
	p.Payload = make([]byte, 65535-27)
	want := "capture: 10.244.1.5:40000 > 10.244.2.7:9000 udp: a datagram of 65536 bytes, longer than IPv4's 65535"
	if err := w.WritePacket(0, l2.MACFromIP(podA), l2.MACFromIP(podB), p); err == nil || err.Error() != want {
		t.Errorf("WritePacket(a 65536-byte datagram) error = %v, want %q", err, want)
	}
}
