package capture

import (
	"encoding/binary"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/svcsim/svcsim/model/network"
)

// pingDataLen is busybox ping's default data size (-s 56).
const pingDataLen = 56

// maxQuote is how much of the offending datagram Linux's icmp_send quotes
// in an error: what fits in a 576-byte datagram after the IP and ICMP
// headers (RFC 1812 §4.3.2.3).
const maxQuote = 576 - 20 - 8

// echoKey identifies one echo request and its reply.
type echoKey struct {
	flow    uint64
	id, seq uint16
}

// icmp is an ICMP message (RFC 792): an echo with its data, or an error
// quoting the packet it answers.
func (e *encoder) icmp(at time.Duration, p network.Packet, commit bool) ([]gopacket.SerializableLayer, error) {
	ic := &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(p.ICMPType, p.ICMPCode)}
	var data []byte
	switch p.ICMPType {
	case network.ICMPEchoRequest, network.ICMPEchoReply:
		ic.Id, ic.Seq = p.ICMPID, p.ICMPSeq
		data = e.pingData(at, p, commit)
	default:
		if p.Quoted != nil {
			q, err := e.ipv4(at, *p.Quoted, false)
			if err != nil {
				return nil, err
			}
			data = q[:min(len(q), maxQuote)]
		}
	}
	return []gopacket.SerializableLayer{ic, gopacket.Payload(data)}, nil
}

// pingData is the data of an echo as busybox ping sends it
// (networking/ping.c sendping4): the send time in microseconds of the
// monotonic clock as a host-order (little-endian) uint32, then zeros. The
// virtual time is that clock. A reply carries its request's data, as the
// kernel echoes it; a reply to a request never written carries a zero
// stamp.
func (e *encoder) pingData(at time.Duration, p network.Packet, commit bool) []byte {
	k := echoKey{flow: p.Flow, id: p.ICMPID, seq: p.ICMPSeq}
	stamp, ok := e.pings[k]
	if !ok && p.ICMPType == network.ICMPEchoRequest {
		stamp = uint32(at / time.Microsecond)
		if commit {
			e.pings[k] = stamp
		}
	}
	data := make([]byte, pingDataLen)
	binary.LittleEndian.PutUint32(data, stamp)
	return data
}
