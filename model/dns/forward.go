package dns

import (
	mdns "github.com/miekg/dns"
)

// ForwardConfig is the `forward FROM TO...` block. Only the routing matters
// to the model: queries in From (minus Except) go to the upstream model.
type ForwardConfig struct {
	From   string   // "." in kubeadm
	To     []string // "/etc/resolv.conf" or addresses, for display
	Except []string
}

// forward is CoreDNS plugin/forward: it sends the query upstream and passes
// the reply back as it came (upstream flags, usually qr rd ra and no aa).
type forward struct {
	from   string
	to     []string
	except []string
	up     *Upstream
}

func (f *forward) Name() string { return "forward" }

func (f *forward) serve(c *call, r *mdns.Msg) *mdns.Msg {
	q := r.Question[0]
	if (f.from != "" && matchZone([]string{f.from}, q.Name) == "") || matchZone(f.except, q.Name) != "" {
		return c.next(f, r)
	}
	if f.up == nil {
		return rcodeOnly(r, mdns.RcodeServerFailure)
	}
	return f.up.Resolve(r)
}

// loadbalance is CoreDNS plugin/loadbalance (round_robin). On a NOERROR
// reply it regroups each section as CNAME, other, A/AAAA, MX records and
// shuffles the address and MX groups. The shuffle is the caller's (nil: no
// shuffle), so output stays deterministic.
type loadbalance struct {
	shuffle func(n int, swap func(i, j int))
}

func (l *loadbalance) Name() string { return "loadbalance" }

func (l *loadbalance) serve(c *call, r *mdns.Msg) *mdns.Msg {
	m := c.next(l, r)
	if m.Rcode != mdns.RcodeSuccess || len(m.Question) == 0 {
		return m
	}
	if t := m.Question[0].Qtype; t == mdns.TypeAXFR || t == mdns.TypeIXFR {
		return m
	}
	m.Answer = l.roundRobin(m.Answer)
	m.Ns = l.roundRobin(m.Ns)
	m.Extra = l.roundRobin(m.Extra)
	return m
}

func (l *loadbalance) roundRobin(in []mdns.RR) []mdns.RR {
	if len(in) <= 1 || (l.shuffle == nil && grouped(in)) {
		return in
	}
	var cname, address, mx, rest []mdns.RR
	for _, rr := range in {
		switch rr.Header().Rrtype {
		case mdns.TypeCNAME:
			cname = append(cname, rr)
		case mdns.TypeA, mdns.TypeAAAA:
			address = append(address, rr)
		case mdns.TypeMX:
			mx = append(mx, rr)
		default:
			rest = append(rest, rr)
		}
	}
	l.shuffleRRs(address)
	l.shuffleRRs(mx)
	out := make([]mdns.RR, 0, len(in))
	out = append(out, cname...)
	out = append(out, rest...)
	out = append(out, address...)
	return append(out, mx...)
}

func (l *loadbalance) shuffleRRs(rrs []mdns.RR) {
	if l.shuffle != nil && len(rrs) > 1 {
		l.shuffle(len(rrs), func(i, j int) { rrs[i], rrs[j] = rrs[j], rrs[i] })
	}
}

// grouped reports whether in is already in round_robin's group order
// (CNAME, other, A/AAAA, MX), so regrouping would not change it.
func grouped(in []mdns.RR) bool {
	last := 0
	for _, rr := range in {
		g := 1
		switch rr.Header().Rrtype {
		case mdns.TypeCNAME:
			g = 0
		case mdns.TypeA, mdns.TypeAAAA:
			g = 2
		case mdns.TypeMX:
			g = 3
		}
		if g < last {
			return false
		}
		last = g
	}
	return true
}
