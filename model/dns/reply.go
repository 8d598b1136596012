package dns

import (
	"net"
	"net/netip"

	mdns "github.com/miekg/dns"
)

// This file builds replies and address records with as few allocations as
// possible: a query answered by the model allocates its reply, and nothing
// else, on the common path. The records are the ones miekg/dns would build;
// only their memory is shared.

// msgBuf is a reply and its one-question section in one allocation.
type msgBuf struct {
	m mdns.Msg
	q [1]mdns.Question
}

// newReply is new(mdns.Msg).SetReply(r) in one allocation.
func newReply(r *mdns.Msg) *mdns.Msg {
	b := new(msgBuf)
	setReply(&b.m, r, b.q[:])
	return &b.m
}

// setReply is mdns.Msg.SetReply with the question section backed by q
// (capacity 1, so an append copies it out).
func setReply(m, r *mdns.Msg, q []mdns.Question) {
	m.Id = r.Id
	m.Response = true
	m.Opcode = r.Opcode
	if m.Opcode == mdns.OpcodeQuery {
		m.RecursionDesired = r.RecursionDesired
		m.CheckingDisabled = r.CheckingDisabled
	}
	m.Rcode = mdns.RcodeSuccess
	if len(r.Question) > 0 {
		q[0] = r.Question[0]
		m.Question = q[:1:1]
	}
}

// aReply is an authoritative reply with one A record, in one allocation.
type aReply struct {
	msgBuf
	rr [1]mdns.RR
	a  mdns.A
	b  [4]byte
}

// aaaaReply is aReply for AAAA.
type aaaaReply struct {
	msgBuf
	rr   [1]mdns.RR
	aaaa mdns.AAAA
	b    [16]byte
}

// addressReply is the kubernetes plugin's NOERROR reply to r with the one
// address record name -> ip.
func addressReply(r *mdns.Msg, name string, ip netip.Addr, ttl uint32) *mdns.Msg {
	var m *mdns.Msg
	if ip.Is4() {
		b := &aReply{b: ip.As4()}
		b.a = mdns.A{Hdr: hdr(name, mdns.TypeA, ttl), A: net.IP(b.b[:])}
		b.rr[0] = &b.a
		setReply(&b.m, r, b.q[:])
		b.m.Answer = b.rr[:]
		m = &b.m
	} else {
		b := &aaaaReply{b: ip.As16()}
		b.aaaa = mdns.AAAA{Hdr: hdr(name, mdns.TypeAAAA, ttl), AAAA: net.IP(b.b[:])}
		b.rr[0] = &b.aaaa
		setReply(&b.m, r, b.q[:])
		b.m.Answer = b.rr[:]
		m = &b.m
	}
	m.Authoritative = true
	return m
}

type aRec struct {
	rr mdns.A
	b  [4]byte
}

type aaaaRec struct {
	rr mdns.AAAA
	b  [16]byte
}

// addrSlab hands out address records from shared allocations sized by a
// hint (the number of records the caller expects).
type addrSlab struct {
	hint int
	a    []aRec
	aaaa []aaaaRec
}

func (s *addrSlab) new(name string, ip netip.Addr, ttl uint32) mdns.RR {
	if ip.Is4() {
		if len(s.a) == cap(s.a) {
			s.a = make([]aRec, 0, max(s.hint, 1))
		}
		s.a = append(s.a, aRec{b: ip.As4()})
		r := &s.a[len(s.a)-1]
		r.rr = mdns.A{Hdr: hdr(name, mdns.TypeA, ttl), A: net.IP(r.b[:])}
		return &r.rr
	}
	if len(s.aaaa) == cap(s.aaaa) {
		s.aaaa = make([]aaaaRec, 0, max(s.hint, 1))
	}
	s.aaaa = append(s.aaaa, aaaaRec{b: ip.As16()})
	r := &s.aaaa[len(s.aaaa)-1]
	r.rr = mdns.AAAA{Hdr: hdr(name, mdns.TypeAAAA, ttl), AAAA: net.IP(r.b[:])}
	return &r.rr
}

// newAddress allocates the record and its address bytes together.
func newAddress(name string, ip netip.Addr, ttl uint32) mdns.RR {
	var s addrSlab
	return s.new(name, ip, ttl)
}
