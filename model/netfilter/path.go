package netfilter

// Path is a packet's way through one node's hooks.
type Path struct {
	Hooks []Result
	// Verdict is ACCEPT, DROP or REJECT: whether the packet left the node
	// (or reached a local socket).
	Verdict       Verdict
	Before, After Packet
	// DNAT and Masquerade say whether the nat table rewrote the destination
	// or the source (a connection binding's rewrites are in Hooks' Rewrites).
	DNAT, Masquerade bool
	// Delivered: the packet passed INPUT (it is addressed to the node itself).
	Delivered bool
	Rules     int
}

// Traverse runs a packet through the node as the kernel routes it. A packet
// with no input interface is locally generated: OUTPUT, POSTROUTING and, if
// it is then addressed to the node, INPUT over loopback (without nat, whose
// bindings the connection already has). Any other packet: PREROUTING, then
// INPUT if it is addressed to the node, else FORWARD and POSTROUTING.
func (e *Evaluator) Traverse(p Packet, env Env) (Path, error) {
	t := traversal{e: e, env: env, p: p}
	t.path.Before = p
	t.path.Hooks = make([]Result, 0, 3) // at most three hooks
	if p.Local() {
		if t.run(HookOutput, false) && t.run(HookPostrouting, false) && e.local.IsLocal(t.p.Dst) {
			t.p.In = "lo"
			t.path.Delivered = t.run(HookInput, true)
		}
	} else if t.run(HookPrerouting, false) {
		if e.local.IsLocal(t.p.Dst) {
			t.path.Delivered = t.run(HookInput, false)
		} else if t.run(HookForward, false) {
			t.run(HookPostrouting, false)
		}
	}
	t.path.After = t.p
	return t.path, t.err
}

type traversal struct {
	e    *Evaluator
	env  Env
	p    Packet
	path Path
	err  error
}

// run runs one hook and reports whether the packet goes on.
func (t *traversal) run(h Hook, skipNAT bool) bool {
	r, err := t.e.check(h, t.p, &t.env, skipNAT)
	t.path.Hooks = append(t.path.Hooks, r)
	if err != nil {
		t.err, t.path.Verdict = err, dropV
		return false
	}
	t.path.Rules += r.Rules
	t.p = r.After
	switch r.Verdict.Kind {
	case VerdictDNAT:
		t.path.DNAT = true
	case VerdictMasquerade:
		t.path.Masquerade = true
	}
	if r.Verdict.Dropped() {
		t.path.Verdict = r.Verdict
		return false
	}
	return true
}
