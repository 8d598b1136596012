package netfilter

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// walker holds one hook traversal.
type walker struct {
	e    *Evaluator
	ct   *ctable // the table being walked
	env  *Env
	hook Hook
	pkt  Packet
	res  *Result
}

// frame is one chain being walked: its rule position and, for an indexed
// chain, which of the walker's cursors lists its candidate rules.
type frame struct {
	chain int32
	pos   int32
	cur   int8 // -1: walk every rule
}

// maxCursors bounds the indexed chains open at once; a deeper indexed chain
// is walked rule by rule, which gives the same result.
const maxCursors = 4

var (
	acceptV = Verdict{Kind: VerdictAccept}
	dropV   = Verdict{Kind: VerdictDrop}
)

// walkTable runs the packet through one table from the hook's built-in chain.
func (w *walker) walkTable(t kubeproxy.Table) (Verdict, error) {
	ct := &w.e.tables[t]
	w.ct = ct
	start := ct.hookChain[w.hook]
	if start < 0 {
		return acceptV, nil
	}
	var stack [maxDepth]frame
	var curs [maxCursors]cursor
	depth, ncur := 0, int8(0)
	push := func(c int32) {
		f := frame{chain: c, cur: -1}
		if ix := ct.chains[c].idx; ix != nil && ncur < maxCursors {
			curs[ncur] = ix.cursor(&w.pkt)
			f.cur = ncur
			ncur++
		}
		stack[depth] = f
		depth++
	}
	pop := func() {
		depth--
		if stack[depth].cur >= 0 {
			ncur--
		}
	}
	push(start)
	for {
		f := &stack[depth-1]
		ch := &ct.chains[f.chain]
		i := -1
		if f.cur >= 0 {
			i = curs[f.cur].next(int(f.pos))
		} else if f.pos < ch.n {
			i = int(f.pos)
		}
		if i < 0 {
			w.res.Rules += int(ch.n - f.pos)
			if ct.builtin[f.chain] {
				w.endStep(t, ch, "policy ACCEPT")
				return acceptV, nil
			}
			w.endStep(t, ch, "return (end of chain)")
			pop()
			continue
		}
		w.res.Rules += i - int(f.pos) + 1
		f.pos = int32(i + 1)
		r := &ct.rules[int(ch.first)+i]
		if !w.matches(ch, i, r) {
			continue
		}
		switch r.kind {
		case kubeproxy.TargetJump:
			if w.env.Trace {
				w.step(t, ch, i, w.e.tables[t].trace(ch, i).jump)
			}
			if depth == maxDepth {
				return dropV, fmt.Errorf("netfilter: %s: chain %s: jumps nested deeper than %d", t, ch.name, maxDepth)
			}
			push(r.jump)
		case kubeproxy.TargetReturn:
			if ct.builtin[f.chain] {
				w.step(t, ch, i, "policy ACCEPT")
				return acceptV, nil
			}
			w.step(t, ch, i, "RETURN")
			pop()
		case kubeproxy.TargetNone:
			w.step(t, ch, i, "continue")
		case kubeproxy.TargetMarkOr, kubeproxy.TargetMarkXor:
			w.step(t, ch, i, "continue")
			before := w.pkt
			tg := &ct.cold[int(ch.first)+i].tg
			if tg.Kind == kubeproxy.TargetMarkOr {
				w.pkt.Mark |= tg.Mark
			} else {
				w.pkt.Mark ^= tg.Mark
			}
			w.rewrite(t, ch.name, i+1, before)
		default:
			v := w.terminal(t, ch, i, r)
			return v, nil
		}
	}
}

// terminal applies ACCEPT, DROP, REJECT, DNAT or MASQUERADE.
func (w *walker) terminal(t kubeproxy.Table, ch *cchain, i int, r *crule) Verdict {
	var v Verdict
	before := w.pkt
	switch r.kind {
	case kubeproxy.TargetAccept:
		v = acceptV
	case kubeproxy.TargetDrop:
		v = dropV
	case kubeproxy.TargetReject:
		v = Verdict{Kind: VerdictReject, RejectWith: "icmp-port-unreachable"}
		if r.cflags&ruleV6 != 0 {
			v.RejectWith = "icmp6-port-unreachable"
		}
	case kubeproxy.TargetDNAT:
		to := netip.AddrPortFrom(netip.AddrFrom4(r.to), r.toPort)
		if r.cflags&toInline == 0 {
			to = w.ct.cold[int(ch.first)+i].tg.To
		}
		v = Verdict{Kind: VerdictDNAT, To: to}
		w.pkt.Dst, w.pkt.DstPort = to.Addr(), to.Port()
		w.markNAT(CTDNAT)
	case kubeproxy.TargetMasquerade:
		v = Verdict{Kind: VerdictMasquerade, RandomFully: w.ct.cold[int(ch.first)+i].tg.RandomFully, To: netip.AddrPortFrom(w.pkt.Src, w.pkt.SrcPort)}
		if a := w.env.MasqueradeAddr; a.IsValid() {
			w.pkt.Src = a
			v.To = netip.AddrPortFrom(a, w.pkt.SrcPort)
		}
		w.markNAT(CTSNAT)
	default:
		panic(fmt.Sprintf("netfilter: unknown target kind %d", r.kind))
	}
	if w.env.Trace {
		w.step(t, ch, i, v.String())
	}
	if v.Kind == VerdictDNAT || v.Kind == VerdictMasquerade {
		w.rewrite(t, ch.name, i+1, before)
	}
	return v
}

// markNAT records a NAT binding in the packet's conntrack state bits, as
// the connection's IPS_DST_NAT/IPS_SRC_NAT status shows to --ctstate.
func (w *walker) markNAT(bit CTState) {
	if w.pkt.CT&(CTNew|CTEstablished|CTRelated) != 0 {
		w.pkt.CT |= bit
	}
}

// applyBinding rewrites the packet from its connection's NAT binding where
// the nat table would run.
func (w *walker) applyBinding() {
	b, before := w.env.Binding, w.pkt
	if dstManip(w.hook) {
		if !b.Dst.IsValid() {
			return
		}
		w.pkt.Dst, w.pkt.DstPort = b.Dst.Addr(), b.Dst.Port()
	} else {
		if !b.Src.IsValid() {
			return
		}
		w.pkt.Src, w.pkt.SrcPort = b.Src.Addr(), b.Src.Port()
	}
	w.rewrite(kubeproxy.TableNAT, "", 0, before)
}

func (w *walker) rewrite(t kubeproxy.Table, chain string, rule int, before Packet) {
	w.res.Rewrites = append(w.res.Rewrites, Rewrite{Table: t, Chain: chain, Rule: rule, Before: before, After: w.pkt})
}

func (w *walker) step(t kubeproxy.Table, ch *cchain, i int, verdict string) {
	if !w.env.Trace {
		return
	}
	w.res.Steps = append(w.res.Steps, Step{Table: t, Chain: ch.name, Rule: i + 1, Text: w.e.tables[t].trace(ch, i).rule, Verdict: verdict})
}

func (w *walker) endStep(t kubeproxy.Table, ch *cchain, verdict string) {
	if w.env.Trace {
		w.res.Steps = append(w.res.Steps, Step{Table: t, Chain: ch.name, Verdict: verdict})
	}
}
