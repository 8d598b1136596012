package capture

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/svcsim/svcsim/model/network"
)

// The two ends of a TCP flow.
const (
	client = 0 // sent the SYN
	server = 1 // answered it
)

// TCP header values of Linux 6.x with net.ipv4.tcp_timestamps=0 on a
// 1500-byte MTU (tcp_options_write; tcp_select_initial_window).
const (
	mss         = 1460
	windowScale = 7
	synWindow   = 64240 // 44 × MSS: the initial window, rounded to whole segments
	dataWindow  = 502   // 64256 >> windowScale
	maxAddrs    = 8     // NAT variants remembered for a flow's end
)

// tcpSide is what one end of a flow has sent.
type tcpSide struct {
	isn, nxt uint32 // initial and next sequence number
	sent     bool   // has sent a segment
	lastAck  uint32 // the last acknowledgment number it sent
	// addrs are the addresses this end was seen with, before and after
	// NAT: they tell a segment's direction when its flags do not.
	addrs []netip.AddrPort
}

// tcpFlow derives sequence numbers for a flow of the model, which has
// none. Each end's ISN is a hash of the flow ID and the end (FNV-1a), so
// a file is the same every run; a SYN or SYN-ACK carries the ISN, every
// other segment the end's next sequence number, which advances by the
// payload's length and a FIN; an ACK acknowledges everything the other
// end has sent. A reset follows tcp_v4_send_reset: to a segment without
// ACK, sequence 0 and RST+ACK; to one with ACK, that ACK's number as its
// sequence. A packet captured again at another hop (same packet ID, maybe
// rewritten by NAT) keeps the numbers of its first capture, so the
// streams read in order in Wireshark. Packet ID 0 means "unknown": each
// capture of it is a new segment.
type tcpFlow struct {
	side   [2]tcpSide
	seen   map[uint64]tcpStamp
	closes bool // the client asked for Connection: close
}

// tcpStamp is what a segment was given.
type tcpStamp struct {
	from     int
	seq, ack uint32
}

func newTCPFlow(flow uint64) *tcpFlow {
	f := &tcpFlow{seen: map[uint64]tcpStamp{}}
	for i := range f.side {
		f.side[i].isn = isn(flow, i)
		f.side[i].nxt = f.side[i].isn + 1
	}
	return f
}

// isn hashes a flow ID and an end with 32-bit FNV-1a.
func isn(flow uint64, end int) uint32 {
	h := uint32(2166136261)
	for i := range 8 {
		h = (h ^ uint32(byte(flow>>(8*i)))) * 16777619
	}
	return (h ^ uint32(end)) * 16777619
}

// stamp gives p its sequence and acknowledgment numbers; n is its payload
// length. commit false (a segment quoted by an ICMP error) changes
// nothing.
func (f *tcpFlow) stamp(p network.Packet, n int, commit bool) tcpStamp {
	if s, ok := f.seen[p.ID]; ok && p.ID != 0 {
		if commit {
			f.learn(s.from, p)
		}
		return s
	}
	if !commit {
		c := *f
		f = &c
	}
	from := f.direction(p)
	me, peer := &f.side[from], &f.side[1-from]
	s := tcpStamp{from: from}
	switch {
	case p.Flags&network.SYN != 0:
		s.seq, me.nxt = me.isn, me.isn+1
	case p.Flags&(network.RST|network.ACK) == network.RST|network.ACK && !me.sent:
		s.seq = 0
	case p.Flags&(network.RST|network.ACK) == network.RST:
		s.seq = peer.lastAck
	default:
		s.seq = me.nxt
		me.nxt += uint32(n)
		if p.Flags&network.FIN != 0 {
			me.nxt++
		}
	}
	if p.Flags&network.ACK != 0 {
		s.ack = peer.nxt
		me.lastAck = s.ack
	}
	me.sent = true
	if commit {
		f.learn(from, p)
		if p.ID != 0 {
			f.seen[p.ID] = s
		}
	}
	return s
}

// direction tells which end sent p: by its flags or payload when they
// say, else by the addresses the ends were seen with, else by its ports.
func (f *tcpFlow) direction(p network.Packet) int {
	switch {
	case p.Flags&(network.SYN|network.ACK) == network.SYN:
		return client
	case p.Flags&network.SYN != 0:
		return server
	}
	switch p.Payload.(type) {
	case *network.HTTPRequest:
		return client
	case *network.HTTPResponse:
		return server
	}
	c, s := f.side[client].addrs, f.side[server].addrs
	switch {
	case has(c, p.Src) || has(s, p.Dst):
		return client
	case has(s, p.Src) || has(c, p.Dst):
		return server
	case p.Src.Port() < p.Dst.Port():
		// A flow met mid-way: servers listen on low ports, clients
		// send from ephemeral ones (32768-60999 on Linux).
		return server
	}
	return client
}

func (f *tcpFlow) learn(from int, p network.Packet) {
	add := func(s *tcpSide, a netip.AddrPort) {
		if !has(s.addrs, a) && len(s.addrs) < maxAddrs {
			s.addrs = append(s.addrs, a)
		}
	}
	add(&f.side[from], p.Src)
	add(&f.side[1-from], p.Dst)
}

func has(as []netip.AddrPort, a netip.AddrPort) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// tcp is a TCP segment: the header as Linux writes it and the payload.
func (e *encoder) tcp(at time.Duration, p network.Packet, ip *layers.IPv4, commit bool) ([]gopacket.SerializableLayer, error) {
	f := e.flows[p.Flow]
	if f == nil {
		f = newTCPFlow(p.Flow)
		if commit {
			e.flows[p.Flow] = f
		}
	}
	var data []byte
	switch x := p.Payload.(type) {
	case nil:
	case *network.HTTPRequest:
		var closes bool
		data, closes = httpRequest(x)
		if commit {
			f.closes = closes
		}
	case *network.HTTPResponse:
		data = httpResponse(x, Epoch.Add(at), f.closes)
	case []byte:
		data = x
	default:
		return nil, fmt.Errorf("capture: %s: tcp payload %T: %w", p, p.Payload, ErrUnsupported)
	}
	s := f.stamp(p, len(data), commit)
	t := tcpHeader(p, s)
	if err := t.SetNetworkLayerForChecksum(ip); err != nil {
		return nil, err
	}
	return []gopacket.SerializableLayer{t, gopacket.Payload(data)}, nil
}

// tcpHeader is the header of p with its numbers, window and options.
func tcpHeader(p network.Packet, s tcpStamp) *layers.TCP {
	fl := p.Flags
	t := &layers.TCP{
		SrcPort: layers.TCPPort(p.Src.Port()), DstPort: layers.TCPPort(p.Dst.Port()),
		Seq: s.seq, Ack: s.ack,
		FIN: fl&network.FIN != 0, SYN: fl&network.SYN != 0, RST: fl&network.RST != 0,
		PSH: fl&network.PSH != 0, ACK: fl&network.ACK != 0,
		Window: dataWindow,
	}
	switch {
	case t.RST:
		t.Window = 0
	case t.SYN:
		t.Window = synWindow
		t.Options = []layers.TCPOption{
			{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{mss >> 8, mss & 0xff}},
			{OptionType: layers.TCPOptionKindNop},
			{OptionType: layers.TCPOptionKindNop},
			{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2},
			{OptionType: layers.TCPOptionKindNop},
			{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{windowScale}},
		}
	}
	return t
}
