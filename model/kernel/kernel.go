package kernel

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/svcsim/svcsim/model/conntrack"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/netfilter"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// Node is one node's kernel: its netfilter tables and conntrack table.
type Node struct {
	Name    string
	IP      netip.Addr
	PodCIDR netip.Prefix
	NF      *netfilter.Evaluator
	CT      *conntrack.Table

	dp       conntrack.Datapath
	cur      *walk // the packet being processed, for its later hooks
	rs       *kubeproxy.Ruleset
	randName string // "netfilter/<name>", its random stream in the engine
}

// Ruleset returns the tables the node holds (nil before the first
// restore). It is valid until the next Restore: read it at once.
func (n *Node) Ruleset() *kubeproxy.Ruleset { return n.rs }

// walk is one packet's way through the node, computed at its first hook.
type walk struct {
	id      uint64
	results []network.FilterResult
	hooks   []network.Hook
}

// Kernel holds the kernels of every node; it implements network.Netfilter
// and kubeproxy.Kernel. The zero value is not usable; use New.
type Kernel struct {
	listening func(ip netip.Addr) []uint16
	nodes     map[string]*Node
}

// New returns a Kernel with no nodes.
func New() *Kernel { return &Kernel{nodes: map[string]*Node{}} }

// SetListening gives the kernel a read-only view of which TCP ports a
// pod address listens on (its sockets, which a node's kernel knows), so
// that a refused connection's explanation can name them.
func (k *Kernel) SetListening(f func(ip netip.Addr) []uint16) { k.listening = f }

// AddNode adds a node whose only address is ip (plus loopback) and whose
// pods sit in podCIDR, with empty tables and kube-proxy's conntrack
// timeouts.
func (k *Kernel) AddNode(name string, ip netip.Addr, podCIDR netip.Prefix) *Node {
	n := &Node{Name: name, IP: ip, PodCIDR: podCIDR, randName: "netfilter/" + name,
		NF: netfilter.New(netfilter.NewNodeAddrs(ip)), CT: conntrack.NewTable(conntrack.KubeProxyTimeouts())}
	n.dp = conntrack.Datapath{NF: n.NF, CT: n.CT}
	k.nodes[name] = n
	return n
}

// Node returns a node's kernel, or nil.
func (k *Kernel) Node(name string) *Node { return k.nodes[name] }

// Restore loads kube-proxy's synced tables into the node (iptables-restore).
func (k *Kernel) Restore(node string, rs *kubeproxy.Ruleset) error {
	n := k.nodes[node]
	if n == nil {
		return fmt.Errorf("no node %q", node)
	}
	if err := n.NF.Load(rs); err != nil {
		return err
	}
	n.rs = rs
	return nil
}

// Filter answers one hook for one packet on a node.
func (k *Kernel) Filter(e *sim.Engine, node string, hook network.Hook, p network.Packet) network.FilterResult {
	n := k.nodes[node]
	if n == nil {
		return network.FilterResult{Packet: p}
	}
	if hook == network.Prerouting || hook == network.Output {
		n.cur = n.process(e, hook, p, k.listening)
	}
	if w := n.cur; w != nil && w.id == p.ID {
		for i, h := range w.hooks {
			if h == hook {
				r := w.results[i]
				r.Packet = withHeader(p, r.Packet)
				return r
			}
		}
	}
	return network.FilterResult{Packet: p}
}

// process runs the packet through the whole node.
func (n *Node) process(e *sim.Engine, hook network.Hook, p network.Packet, listening func(netip.Addr) []uint16) *walk {
	fp := toNF(p)
	if hook == network.Prerouting {
		fp.In = "eth0"
		if n.PodCIDR.Contains(p.Src.Addr()) {
			fp.In = "veth-" + p.Src.Addr().String()
		}
	}
	env := netfilter.Env{Now: e.Now(), Rand: e.Rand(n.randName), Trace: true, MasqueradeAddr: n.IP}
	w := &walk{id: p.ID}
	if isICMPError(p) {
		n.related(w, p, fp, env)
		return w
	}
	var refused *conntrack.Entry // a DNATed connection answered by a first RST
	if ent, reply := n.CT.Lookup(conntrack.TupleOf(fp), env.Now); ent != nil && reply && !ent.SeenReply &&
		fp.Proto == netfilter.ProtoTCP && fp.Flags&netfilter.FlagRST != 0 && ent.DNAT() {
		c := *ent
		refused = &c
	}
	res, err := n.dp.Process(fp, env)
	ctNote := conntrackNote(res)
	if err != nil {
		w.add(network.Drop, p, []string{"netfilter: " + err.Error()}, nil)
		return w
	}
	switch {
	case res.New && res.Path.Verdict.Kind == netfilter.VerdictReject:
		explainReject(e, n.Name, fp, res.Path)
	case refused != nil:
		explainRST(e, n.Name, refused, listening)
	}
	w.addHooks(p, res.Path.Hooks, ctNote)
	return w
}

// addHooks turns the evaluator's per-hook results into the walk the
// data plane reads, the first hook's notes led by firstNote (what
// conntrack decided) when there is one. The results point into hooks,
// which the walk then owns.
func (w *walk) addHooks(p network.Packet, hooks []netfilter.Result, firstNote string) {
	w.results = slices.Grow(w.results, len(hooks))
	w.hooks = slices.Grow(w.hooks, len(hooks))
	for i := range hooks {
		hr := &hooks[i]
		notes := hookNotes(hr, firstNote)
		firstNote = ""
		v := network.Accept
		switch hr.Verdict.Kind {
		case netfilter.VerdictDrop:
			v = network.Drop
		case netfilter.VerdictReject:
			v = network.Reject
		}
		w.add(v, fromNF(p, hr.After), notes, hr)
		w.hooks[len(w.hooks)-1] = hookOf(hr.Hook)
	}
}

func (w *walk) add(v network.VerdictKind, p network.Packet, notes []string, detail *netfilter.Result) {
	r := network.FilterResult{Packet: p, Verdict: v, Notes: notes}
	if detail != nil {
		r.Detail = detail
	}
	w.results = append(w.results, r)
	w.hooks = append(w.hooks, network.Prerouting)
}

func hookOf(h netfilter.Hook) network.Hook {
	switch h {
	case netfilter.HookPrerouting:
		return network.Prerouting
	case netfilter.HookInput:
		return network.Input
	case netfilter.HookForward:
		return network.Forward
	case netfilter.HookOutput:
		return network.Output
	}
	return network.Postrouting
}

func isICMPError(p network.Packet) bool {
	return p.Proto == network.ICMP && (p.ICMPType == network.ICMPDestUnreachable || p.ICMPType == 11)
}
