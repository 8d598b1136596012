package netfilter

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

// walker holds one hook traversal.
type walker struct {
	e    *Evaluator
	env  *Env
	hook Hook
	pkt  Packet
	res  Result
}

type frame struct {
	chain   int32
	pos     int
	indexed bool
	cur     cursor
}

var (
	acceptV = Verdict{Kind: VerdictAccept}
	dropV   = Verdict{Kind: VerdictDrop}
)

// walkTable runs the packet through one table from the hook's built-in chain.
func (w *walker) walkTable(t kubeproxy.Table) (Verdict, error) {
	ct := &w.e.tables[t]
	start, ok := ct.byName[w.hook.String()]
	if !ok {
		return acceptV, nil
	}
	var stack [maxDepth]frame
	depth := 0
	push := func(c int32) {
		f := frame{chain: c}
		if ix := ct.chains[c].idx; ix != nil {
			f.indexed, f.cur = true, ix.cursor(&w.pkt)
		}
		stack[depth] = f
		depth++
	}
	push(start)
	for {
		f := &stack[depth-1]
		ch := &ct.chains[f.chain]
		i := -1
		if f.indexed {
			i = f.cur.next(f.pos)
		} else if f.pos < len(ch.rules) {
			i = f.pos
		}
		if i < 0 {
			w.res.Rules += len(ch.rules) - f.pos
			if ch.builtin {
				w.endStep(t, ch, "policy ACCEPT")
				return acceptV, nil
			}
			w.endStep(t, ch, "return (end of chain)")
			depth--
			continue
		}
		w.res.Rules += i - f.pos + 1
		f.pos = i + 1
		r := &ch.rules[i]
		if !w.matches(ch, i, r) {
			continue
		}
		switch tg := &r.r.Target; tg.Kind {
		case kubeproxy.TargetJump:
			w.step(t, ch, i, "jump "+tg.Chain)
			if depth == maxDepth {
				return dropV, fmt.Errorf("netfilter: %s: chain %s: jumps nested deeper than %d", t, ch.name, maxDepth)
			}
			push(r.jump)
		case kubeproxy.TargetReturn:
			if ch.builtin {
				w.step(t, ch, i, "policy ACCEPT")
				return acceptV, nil
			}
			w.step(t, ch, i, "RETURN")
			depth--
		case kubeproxy.TargetNone:
			w.step(t, ch, i, "continue")
		case kubeproxy.TargetMarkOr, kubeproxy.TargetMarkXor:
			w.step(t, ch, i, "continue")
			before := w.pkt
			if tg.Kind == kubeproxy.TargetMarkOr {
				w.pkt.Mark |= tg.Mark
			} else {
				w.pkt.Mark ^= tg.Mark
			}
			w.rewrite(t, ch.name, i+1, before)
		default:
			v := w.terminal(t, ch, i, tg, r.r.IPv6)
			return v, nil
		}
	}
}

// terminal applies ACCEPT, DROP, REJECT, DNAT or MASQUERADE.
func (w *walker) terminal(t kubeproxy.Table, ch *cchain, i int, tg *kubeproxy.Target, v6 bool) Verdict {
	var v Verdict
	before := w.pkt
	switch tg.Kind {
	case kubeproxy.TargetAccept:
		v = acceptV
	case kubeproxy.TargetDrop:
		v = dropV
	case kubeproxy.TargetReject:
		v = Verdict{Kind: VerdictReject, RejectWith: "icmp-port-unreachable"}
		if v6 {
			v.RejectWith = "icmp6-port-unreachable"
		}
	case kubeproxy.TargetDNAT:
		v = Verdict{Kind: VerdictDNAT, To: tg.To}
		w.pkt.Dst, w.pkt.DstPort = tg.To.Addr(), tg.To.Port()
		w.markNAT(CTDNAT)
	case kubeproxy.TargetMasquerade:
		v = Verdict{Kind: VerdictMasquerade, RandomFully: tg.RandomFully, To: netip.AddrPortFrom(w.pkt.Src, w.pkt.SrcPort)}
		if a := w.env.MasqueradeAddr; a.IsValid() {
			w.pkt.Src = a
			v.To = netip.AddrPortFrom(a, w.pkt.SrcPort)
		}
		w.markNAT(CTSNAT)
	default:
		panic(fmt.Sprintf("netfilter: unknown target kind %d", tg.Kind))
	}
	w.step(t, ch, i, v.String())
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
	b := ch.rules[i].r.AppendTo(nil, kubeproxy.FormKernel)
	w.res.Steps = append(w.res.Steps, Step{Table: t, Chain: ch.name, Rule: i + 1, Text: string(b[:len(b)-1]), Verdict: verdict})
}

func (w *walker) endStep(t kubeproxy.Table, ch *cchain, verdict string) {
	if w.env.Trace {
		w.res.Steps = append(w.res.Steps, Step{Table: t, Chain: ch.name, Verdict: verdict})
	}
}
