package netfilter

import (
	"strings"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// matches evaluates a rule as ipt_do_table does: the IP header part
// (-s, -d, -i, -p) first, then the match modules in order, stopping at the
// first that fails (so a statistic or recent match after a failing one has
// no effect).
func (w *walker) matches(ch *cchain, i int, r *crule) bool {
	p := &w.pkt
	if f := r.hflags; f != 0 {
		if f&hasProto != 0 && p.Proto != r.proto {
			return false
		}
		if r.cflags&addr6 == 0 {
			if f&hasDst != 0 && in4(p.Dst, r.dst, r.dstMask) == (f&negDst != 0) {
				return false
			}
			if f&hasSrc != 0 && in4(p.Src, r.src, r.srcMask) == (f&negSrc != 0) {
				return false
			}
		} else if !w.addrs6(&w.ct.cold[int(ch.first)+i], f) {
			return false
		}
	}
	if r.cflags&hasHdr != 0 && !w.header(w.ct.cold[int(ch.first)+i].hdr) {
		return false
	}
	if r.hflags&hasDport != 0 && (!p.hasPorts() || p.DstPort != r.dport) {
		return false
	}
	switch {
	case r.nmods == 0:
		return true
	case r.cflags&statOnly != 0:
		return w.draw(ch, i, r, r.statN)
	}
	mods := w.ct.matches[r.mods : int(r.mods)+int(r.nmods)]
	for k := range mods {
		if !w.module(ch, i, r, &mods[k]) {
			return false
		}
	}
	return true
}

// addrs6 checks the inline -d and -s held as prefixes.
func (w *walker) addrs6(c *ccold, f uint8) bool {
	p := &w.pkt
	if f&hasDst != 0 && c.dst.Contains(p.Dst) == (f&negDst != 0) {
		return false
	}
	return f&hasSrc == 0 || c.src.Contains(p.Src) != (f&negSrc != 0)
}

// header checks the header matches that are not held inline.
func (w *walker) header(hdr []kubeproxy.Match) bool {
	p := &w.pkt
	for k := range hdr {
		m := &hdr[k]
		switch m.Kind {
		case kubeproxy.MatchSource:
			if m.Prefix.Contains(p.Src) == m.Negate {
				return false
			}
		case kubeproxy.MatchDestination:
			if m.Prefix.Contains(p.Dst) == m.Negate {
				return false
			}
		case kubeproxy.MatchInInterface:
			if ifaceMatch(m.Text, p.In) == m.Negate {
				return false
			}
		case kubeproxy.MatchProtocol:
			if p.Proto != ProtocolOf(m.Protocol) {
				return false
			}
		}
	}
	return true
}

// module evaluates one -m match (header matches pass here).
func (w *walker) module(ch *cchain, i int, r *crule, m *kubeproxy.Match) bool {
	p := &w.pkt
	switch m.Kind {
	case kubeproxy.MatchDestPort:
		return p.hasPorts() && p.DstPort == m.Port
	case kubeproxy.MatchAddrType:
		a := p.Dst
		if m.SrcType {
			a = p.Src
		}
		return w.e.local.IsLocal(a)
	case kubeproxy.MatchMark:
		return (p.Mark&m.Mask == m.Mark) != m.Negate
	case kubeproxy.MatchConntrack:
		return (p.CT&m.States != 0) != m.Negate
	case kubeproxy.MatchStatistic:
		return w.draw(ch, i, r, m.N)
	case kubeproxy.MatchRecent:
		return w.recent(ch, i, m)
	}
	return true // header matches, comment, nfacct
}

// draw evaluates -m statistic --mode random: a 31-bit random number below
// the rule's threshold matches.
func (w *walker) draw(ch *cchain, i int, r *crule, n int32) bool {
	v := w.env.Rand.Uint32() & 0x7fffffff
	ok := v < r.threshold
	w.res.Draws = append(w.res.Draws, Draw{Chain: ch.name, Rule: i + 1, Value: v, Threshold: r.threshold, N: n, Matched: ok})
	return ok
}

// recent evaluates -m recent with --rsource and the default full mask.
func (w *walker) recent(ch *cchain, i int, m *kubeproxy.Match) bool {
	op := RecentOp{Chain: ch.name, Rule: i + 1, List: m.Text, Addr: w.pkt.Src, Seconds: m.Seconds}
	if m.Set {
		op.Op, op.Matched = "--set", true
		op.Evicted = w.e.recent.set(m.Text, w.pkt.Src, w.env.Now)
	} else {
		op.Op = "--rcheck"
		op.Matched, op.Reaped = w.e.recent.rcheck(m.Text, w.pkt.Src, m.Seconds, true, w.env.Now)
	}
	w.res.Recent = append(w.res.Recent, op)
	return op.Matched
}

// ifaceMatch is iptables' interface name match: a trailing "+" matches any
// name with that prefix.
func ifaceMatch(pattern, name string) bool {
	if name == "" {
		return false
	}
	if p, ok := strings.CutSuffix(pattern, "+"); ok {
		return strings.HasPrefix(name, p)
	}
	return pattern == name
}
