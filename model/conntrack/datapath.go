package conntrack

import (
	"net/netip"

	"github.com/svcsim/svcsim/model/netfilter"
)

// Datapath is one node's packet path: netfilter's rules plus its conntrack
// table, as nf_conntrack_in and nf_nat_packet join them.
type Datapath struct {
	NF *netfilter.Evaluator
	CT *Table
}

// Result is what the node did with one packet.
type Result struct {
	Path netfilter.Path
	// Entry is a copy of the packet's connection after the packet, if it
	// has one (a dropped first packet leaves none).
	Entry *Entry
	// New: the packet started the connection (it walked the nat table).
	New bool
	// Reply: the packet travels in the connection's reply direction.
	Reply bool
}

// Process runs a packet through the node. env.Binding is set by Process.
//
// A packet of no known connection is NEW: it walks the nat table and, if
// it gets through, the connection is confirmed with the NAT it got. A packet
// of a known connection is ESTABLISHED (or NEW until a reply was seen) and
// gets the connection's binding instead of the nat table: original-direction
// packets are DNATed/SNATed as the first was, replies un-NATed.
func (d *Datapath) Process(p netfilter.Packet, env netfilter.Env) (Result, error) {
	tu := TupleOf(p)
	e, reply := d.CT.Lookup(tu, env.Now)
	if e == nil {
		p.CT = netfilter.CTNew
		env.Binding = nil
		path, err := d.NF.Traverse(p, env)
		res := Result{Path: path, New: true}
		if err != nil || path.Verdict.Dropped() {
			return res, err
		}
		e = d.CT.newEntry(tu, TupleOf(path.After), p, env.Now)
		d.CT.Insert(e)
		c := *e
		res.Entry = &c
		return res, nil
	}
	p.CT = netfilter.CTEstablished
	if !reply && !e.SeenReply {
		p.CT = netfilter.CTNew
	}
	if e.DNAT() {
		p.CT |= netfilter.CTDNAT
	}
	if e.SNAT() {
		p.CT |= netfilter.CTSNAT
	}
	env.Binding = binding(e, reply)
	path, err := d.NF.Traverse(p, env)
	res := Result{Path: path, Reply: reply}
	if err != nil || path.Verdict.Dropped() {
		return res, err
	}
	if reply && !e.SeenReply && p.Proto == netfilter.ProtoTCP && p.Flags&netfilter.FlagRST != 0 {
		// "If only reply is a RST, we can consider ourselves not to have an
		// established connection" (nf_conntrack_proto_tcp.c): deleted at once.
		d.CT.Delete(e)
		return res, nil
	}
	d.CT.update(e, p, reply, env.Now)
	c := *e
	res.Entry = &c
	return res, nil
}

// binding is the NAT a packet of the connection gets in its direction.
func binding(e *Entry, reply bool) *netfilter.Binding {
	var b netfilter.Binding
	if !reply {
		if e.DNAT() {
			b.Dst = netip.AddrPortFrom(e.Reply.Src, e.Reply.SrcPort)
		}
		if e.SNAT() {
			b.Src = netip.AddrPortFrom(e.Reply.Dst, e.Reply.DstPort)
		}
		return &b
	}
	if e.SNAT() {
		b.Dst = netip.AddrPortFrom(e.Orig.Src, e.Orig.SrcPort)
	}
	if e.DNAT() {
		b.Src = netip.AddrPortFrom(e.Orig.Dst, e.Orig.DstPort)
	}
	return &b
}
