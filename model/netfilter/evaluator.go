package netfilter

import (
	"github.com/svcsim/svcsim/model/kubeproxy"
)

// Evaluator is one node's netfilter: the loaded tables, the node's address
// types and its xt_recent state. It is not safe for concurrent use.
type Evaluator struct {
	local  AddrType
	recent *Recent
	tables [2]ctable // indexed by kubeproxy.Table
	loaded bool
	// linear disables the chain indexes (tests compare both walks).
	linear bool
}

// New returns an evaluator for a node whose LOCAL addresses local reports.
// It has empty tables (every hook accepts) until Load.
func New(local AddrType) *Evaluator {
	return &Evaluator{local: local, recent: NewRecent()}
}

// Load replaces the tables with the ruleset, as iptables-restore does, and
// keeps the xt_recent state. It returns a *LoopError for a jump loop and
// an error wrapping ErrNoChain for a jump to a missing chain; on error the
// previous tables stay. The evaluator keeps pointers into rs: do not change
// rs while it is loaded.
func (e *Evaluator) Load(rs *kubeproxy.Ruleset) error {
	var ts [2]ctable
	for _, t := range [...]kubeproxy.Table{kubeproxy.TableFilter, kubeproxy.TableNAT} {
		ct, err := compile(rs.Table(t), !e.linear)
		if err != nil {
			return err
		}
		ts[t] = ct
	}
	e.tables, e.loaded = ts, true
	return nil
}

// Recent returns the node's xt_recent state.
func (e *Evaluator) Recent() *Recent { return e.recent }

// CheckPrerouting runs a packet arriving on an interface through the
// PREROUTING hook (nat).
func (e *Evaluator) CheckPrerouting(p Packet, env Env) (Result, error) {
	return e.check(HookPrerouting, p, &env, false)
}

// CheckInput runs a packet addressed to this host through INPUT (filter, nat).
func (e *Evaluator) CheckInput(p Packet, env Env) (Result, error) {
	return e.check(HookInput, p, &env, false)
}

// CheckForward runs a routed packet through FORWARD (filter).
func (e *Evaluator) CheckForward(p Packet, env Env) (Result, error) {
	return e.check(HookForward, p, &env, false)
}

// CheckOutput runs a locally generated packet through OUTPUT (nat, filter).
func (e *Evaluator) CheckOutput(p Packet, env Env) (Result, error) {
	return e.check(HookOutput, p, &env, false)
}

// CheckPostrouting runs a packet about to leave through POSTROUTING (nat).
func (e *Evaluator) CheckPostrouting(p Packet, env Env) (Result, error) {
	return e.check(HookPostrouting, p, &env, false)
}

// CheckInto is the entry point for callers that run many packets: it runs
// the packet through hook h like the Check functions, writing into res and
// reusing its slices, so a warm res costs no allocation.
func (e *Evaluator) CheckInto(h Hook, p Packet, env *Env, res *Result) error {
	*res = Result{Steps: res.Steps[:0], Rewrites: res.Rewrites[:0], Draws: res.Draws[:0], Recent: res.Recent[:0]}
	return e.checkInto(h, p, env, false, res)
}

// check is the one traversal behind the entry points.
func (e *Evaluator) check(h Hook, p Packet, env *Env, skipNAT bool) (Result, error) {
	var res Result
	if env.Trace {
		res.Steps = make([]Step, 0, 8) // a first packet's PREROUTING takes 7
	}
	err := e.checkInto(h, p, env, skipNAT, &res)
	return res, err
}

// checkInto calls the hook's tables in order and stops at the first DROP or
// REJECT.
func (e *Evaluator) checkInto(h Hook, p Packet, env *Env, skipNAT bool, res *Result) error {
	w := walker{e: e, env: env, hook: h, pkt: p, res: res}
	w.res.Hook, w.res.Before = h, p
	var natV Verdict
	final := Verdict{Kind: VerdictAccept}
	for _, t := range hookTables[h] {
		if t == kubeproxy.TableNAT && (skipNAT || env.Binding != nil) {
			if !skipNAT {
				w.applyBinding()
			}
			continue
		}
		if !e.loaded {
			continue
		}
		v, err := w.walkTable(t)
		if err != nil {
			return err
		}
		if v.Dropped() {
			final = v
			break
		}
		if v.Kind != VerdictAccept {
			natV = v
		}
	}
	if !final.Dropped() && natV.Kind != VerdictAccept {
		final = natV
	}
	w.res.Verdict, w.res.After = final, w.pkt
	return nil
}
