package kernel

import (
	"net/netip"

	"github.com/svcsim/svcsim/model/conntrack"
	"github.com/svcsim/svcsim/model/netfilter"
	"github.com/svcsim/svcsim/model/network"
)

// related handles an ICMP error: RELATED to the connection of the packet
// it quotes, whose NAT is undone on both headers; the nat table is not
// walked and no connection is created.
func (n *Node) related(w *walk, p network.Packet, fp netfilter.Packet, env netfilter.Env) {
	note := "conntrack: ICMP error of no known connection"
	if q := p.Quoted; q != nil {
		// The quoted packet went out as the connection's original
		// direction looked after NAT: its reverse is the reply tuple.
		tu := conntrack.TupleOf(toNF(*q)).Reply()
		if e, reply := n.CT.Lookup(tu, env.Now); e != nil && reply {
			note = "conntrack: ICMP error RELATED to " + entryText(e)
			p = untranslate(p, e)
			in := fp.In
			fp = toNF(p)
			fp.In = in // still the interface it arrived on
		}
	}
	fp.CT = netfilter.CTRelated
	env.Binding = &netfilter.Binding{}
	path, err := n.NF.Traverse(fp, env)
	if err != nil {
		w.add(network.Drop, p, []string{"netfilter: " + err.Error()}, nil)
		return
	}
	w.addHooks(p, path.Hooks, note)
}

// untranslate undoes the connection's NAT on an ICMP error travelling in
// its reply direction: the outer source and the quoted destination go back
// to the original destination (un-DNAT), the outer destination and the
// quoted source to the original source (un-SNAT).
func untranslate(p network.Packet, e *conntrack.Entry) network.Packet {
	q := *p.Quoted
	if e.DNAT() {
		q.Dst = netip.AddrPortFrom(e.Orig.Dst, e.Orig.DstPort)
		p.Src = netip.AddrPortFrom(e.Orig.Dst, p.Src.Port())
	}
	if e.SNAT() {
		q.Src = netip.AddrPortFrom(e.Orig.Src, e.Orig.SrcPort)
		p.Dst = netip.AddrPortFrom(e.Orig.Src, p.Dst.Port())
	}
	p.Quoted = &q
	return p
}
