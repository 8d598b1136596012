package conntrack

import (
	"slices"
	"time"

	"github.com/svcsim/svcsim/model/netfilter"
)

// Entry is one tracked connection.
type Entry struct {
	// Orig is the tuple of the first packet; Reply the tuple replies carry
	// (after NAT: its source is the DNAT destination, its destination the
	// SNAT source).
	Orig, Reply Tuple
	State       TCPState // TCP only
	SeenReply   bool     // IPS_SEEN_REPLY: [UNREPLIED] until set
	Assured     bool     // IPS_ASSURED
	Mark        uint32   // the connection mark (CONNMARK), not the packet mark
	Created     time.Duration
	// Expires is when the entry goes away unless refreshed: it is there
	// while now < Expires.
	Expires time.Duration
	// finDir is the direction of the first FIN (true: reply).
	finDir bool
}

// DNAT reports whether the connection's destination was rewritten.
func (e *Entry) DNAT() bool {
	return e.Reply.Src != e.Orig.Dst || e.Reply.SrcPort != e.Orig.DstPort
}

// SNAT reports whether the connection's source was rewritten.
func (e *Entry) SNAT() bool {
	return e.Reply.Dst != e.Orig.Src || e.Reply.DstPort != e.Orig.SrcPort
}

// Table is a node's conntrack table. The zero value is not usable; use NewTable.
type Table struct {
	timeouts Timeouts
	byTuple  map[Tuple]*Entry // both directions
}

// NewTable returns an empty table with the given timeouts.
func NewTable(t Timeouts) *Table {
	return &Table{timeouts: t, byTuple: map[Tuple]*Entry{}}
}

// Timeouts returns the table's timeouts.
func (t *Table) Timeouts() Timeouts { return t.timeouts }

// Lookup finds the live connection a tuple belongs to and whether the tuple
// is its reply direction. An expired entry is removed and not returned.
func (t *Table) Lookup(tu Tuple, now time.Duration) (e *Entry, reply bool) {
	e = t.byTuple[tu]
	if e == nil {
		return nil, false
	}
	if now >= e.Expires {
		t.Delete(e)
		return nil, false
	}
	return e, tu == e.Reply && tu != e.Orig
}

// Insert adds a confirmed connection.
func (t *Table) Insert(e *Entry) {
	t.byTuple[e.Orig] = e
	t.byTuple[e.Reply] = e
}

// Delete removes a connection.
func (t *Table) Delete(e *Entry) {
	if t.byTuple[e.Orig] == e {
		delete(t.byTuple, e.Orig)
	}
	if t.byTuple[e.Reply] == e {
		delete(t.byTuple, e.Reply)
	}
}

// Expire removes every entry expired at now (the kernel's garbage
// collector) and returns them in listing order.
func (t *Table) Expire(now time.Duration) []Entry {
	var gone []Entry
	for _, e := range t.entries() {
		if now >= e.Expires {
			gone = append(gone, *e)
			t.Delete(e)
		}
	}
	return gone
}

// Entries returns copies of the live entries at now, ordered by original
// tuple (protocol, source, destination, ports). The kernel lists in hash
// order, which is arbitrary; svcsim sorts.
func (t *Table) Entries(now time.Duration) []Entry {
	var out []Entry
	for _, e := range t.entries() {
		if now < e.Expires {
			out = append(out, *e)
		}
	}
	return out
}

func (t *Table) entries() []*Entry {
	out := make([]*Entry, 0, len(t.byTuple)/2)
	for tu, e := range t.byTuple {
		if tu == e.Orig {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b *Entry) int { return a.Orig.compare(b.Orig) })
	return out
}

// Len returns the number of connections (expired ones not yet removed included).
func (t *Table) Len() int { return len(t.entries()) }

// newEntry starts tracking a connection whose first packet had tuple orig
// and left the node with tuple out.
func (t *Table) newEntry(orig, out Tuple, p netfilter.Packet, now time.Duration) *Entry {
	e := &Entry{Orig: orig, Reply: out.Reply(), Created: now}
	switch p.Proto {
	case netfilter.ProtoTCP:
		e.State = TCPEstablished // loose pickup of a flow seen mid-stream
		if p.Flags&netfilter.FlagSYN != 0 && p.Flags&netfilter.FlagACK == 0 {
			e.State = TCPSynSent
		}
		if p.Flags&netfilter.FlagRST != 0 {
			e.State = TCPClose
		}
		e.Expires = now + t.timeouts.tcp(e.State)
	case netfilter.ProtoUDP:
		e.Expires = now + t.timeouts.UDP
	case netfilter.ProtoICMP:
		e.Expires = now + t.timeouts.ICMP
	default:
		e.Expires = now + t.timeouts.UDP
	}
	return e
}

// update applies a later packet of the connection (reply: its direction).
func (t *Table) update(e *Entry, p netfilter.Packet, reply bool, now time.Duration) {
	if reply {
		e.SeenReply = true
	}
	switch p.Proto {
	case netfilter.ProtoTCP:
		old := e.State
		e.State = tcpNext(e, p.Flags, reply)
		if old == TCPSynRecv && e.State == TCPEstablished {
			e.Assured = true
		}
		if e.State == TCPEstablished && e.SeenReply && old == TCPEstablished {
			e.Assured = true
		}
		e.Expires = now + t.timeouts.tcp(e.State)
	case netfilter.ProtoUDP:
		d := t.timeouts.UDP
		if e.SeenReply && now > e.Created+UDPStreamAfter {
			d = t.timeouts.UDPStream
			e.Assured = true
		}
		e.Expires = now + d
	case netfilter.ProtoICMP:
		e.Expires = now + t.timeouts.ICMP
	default:
		e.Expires = now + t.timeouts.UDP
	}
}

// tcpNext is the reduced TCP state machine (nf_conntrack_proto_tcp.c
// tcp_conntracks for the flags a well-behaved client and server send).
func tcpNext(e *Entry, f netfilter.TCPFlags, reply bool) TCPState {
	s := e.State
	switch {
	case f&netfilter.FlagRST != 0:
		return TCPClose
	case f&netfilter.FlagSYN != 0 && f&netfilter.FlagACK != 0 && reply && s == TCPSynSent:
		return TCPSynRecv
	case f&netfilter.FlagSYN != 0:
		return s
	case f&netfilter.FlagFIN != 0:
		switch s {
		case TCPEstablished, TCPSynRecv:
			e.finDir = reply
			return TCPFinWait
		case TCPFinWait, TCPCloseWait:
			if reply != e.finDir {
				return TCPLastAck
			}
		}
		return s
	case f&netfilter.FlagACK != 0:
		switch s {
		case TCPSynRecv:
			if !reply {
				return TCPEstablished
			}
		case TCPFinWait:
			if reply != e.finDir {
				return TCPCloseWait
			}
		case TCPLastAck:
			return TCPTimeWait
		}
	}
	return s
}
