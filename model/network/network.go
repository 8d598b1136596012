package network

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// Params are the data plane's delays, each a named cluster parameter.
type Params struct {
	// VethLatency is one crossing of a pod's veth pair (pod ⇄ node).
	VethLatency time.Duration
	// WireLatency is one crossing of the network between two nodes.
	WireLatency time.Duration
	// AppLatency is how long a server takes to answer a request.
	AppLatency time.Duration
}

// DefaultParams are typical figures for a data-centre LAN: 20µs per
// veth crossing, 150µs per hop between nodes, 1ms per request.
func DefaultParams() Params {
	return Params{VethLatency: 20 * time.Microsecond, WireLatency: 150 * time.Microsecond, AppLatency: time.Millisecond}
}

// stage is where a packet is when its event fires.
type stage int

const (
	atPodEgress    stage = iota // leaving a pod's namespace
	atNodeFromPod               // entering the node from a pod's veth
	atNodeFromWire              // entering the node from the wire
	atNodeLocalOut              // sent by the node itself
	atPodIngress                // arriving in a pod's namespace
)

// hop is the payload of a packet event.
type hop struct {
	p     Packet
	stage stage
	host  *Host
	ns    *NetNS
}

// timer is the payload of a client's timer event.
type timer struct {
	fire func(e *sim.Engine)
}

// HopDetail is the trace detail of a packet record: the packet before and
// after the hop and where it was.
type HopDetail struct {
	Node   string
	Pod    string
	Stage  string
	Before Packet
	After  Packet
	Hooks  []FilterResult
}

// Network is the data plane component.
type Network struct {
	e      *sim.Engine
	id     sim.ComponentID
	params Params

	hosts      map[string]*Host
	hostOrder  []*Host
	pods       map[netip.Addr]*NetNS
	nodeByIP   map[netip.Addr]*Host
	externals  map[netip.Addr]*NetNS
	lbRoutes   map[netip.Addr]LoadBalancer
	nextPacket uint64
	nextFlow   uint64
	link       Link

	// Filter is the netfilter implementation at every node's hooks; nil
	// accepts everything (a cluster without kube-proxy).
	Filter Netfilter
}

// New returns the data plane; register it with the engine and call
// SetID with its ID.
func New(e *sim.Engine, p Params) *Network {
	return &Network{e: e, params: p, hosts: map[string]*Host{}, pods: map[netip.Addr]*NetNS{}, nodeByIP: map[netip.Addr]*Host{}}
}

// Name returns the component's name.
func (n *Network) Name() string { return "network" }

// SetID tells the network its component ID.
func (n *Network) SetID(id sim.ComponentID) { n.id = id }

// Params returns the delays in force.
func (n *Network) Params() Params { return n.params }

// AddHost adds a node's network stack.
func (n *Network) AddHost(name string, ip netip.Addr, podCIDR netip.Prefix) *Host {
	h := &Host{Name: name, IP: ip, PodCIDR: podCIDR, pods: map[netip.Addr]*NetNS{}}
	n.hosts[name] = h
	n.hostOrder = append(n.hostOrder, h)
	n.nodeByIP[ip] = h
	return h
}

// Host returns a node's stack.
func (n *Network) Host(name string) *Host { return n.hosts[name] }

// AddPod creates a pod's network namespace on a host (what the CNI
// plugin does at sandbox creation).
func (n *Network) AddPod(host *Host, ip netip.Addr, pod string) *NetNS {
	ns := &NetNS{IP: ip, Pod: pod, Host: host}
	host.pods[ip] = ns
	n.pods[ip] = ns
	return ns
}

// RemovePod tears a namespace down: its address stops answering.
func (n *Network) RemovePod(ns *NetNS) {
	delete(ns.Host.pods, ns.IP)
	if n.pods[ns.IP] == ns {
		delete(n.pods, ns.IP)
	}
}

// Pod returns the namespace that owns ip.
func (n *Network) Pod(ip netip.Addr) (*NetNS, bool) {
	ns, ok := n.pods[ip]
	return ns, ok
}

// Handle moves a packet one hop or fires a client timer.
func (n *Network) Handle(e *sim.Engine, ev sim.Event) {
	switch p := ev.Payload.(type) {
	case hop:
		n.step(e, p)
	case timer:
		p.fire(e)
	default:
		panic(fmt.Sprintf("network: unexpected payload %T", ev.Payload))
	}
}

// send starts a packet from a pod's namespace.
func (n *Network) send(ns *NetNS, p Packet) {
	n.nextPacket++
	p.ID = n.nextPacket
	if p.TTL == 0 {
		p.TTL = 64
	}
	n.e.Schedule(0, n.id, hop{p: p, stage: atPodEgress, host: ns.Host, ns: ns})
}

// sendFromHost starts a packet from a node's own stack (REJECT answers,
// a node shell's curl).
func (n *Network) sendFromHost(h *Host, p Packet) {
	n.nextPacket++
	p.ID = n.nextPacket
	if p.TTL == 0 {
		p.TTL = 64
	}
	n.e.Schedule(0, n.id, hop{p: p, stage: atNodeLocalOut, host: h})
}

func (n *Network) after(d time.Duration, h hop) { n.e.Schedule(d, n.id, h) }

func (n *Network) step(e *sim.Engine, h hop) {
	if h.host.Down {
		n.record(e, h, h.p, nil, "packet.lost", fmt.Sprintf("%s is down: %s is lost", h.host.Name, h.p))
		return
	}
	switch h.stage {
	case atPodEgress:
		if h.host.external && h.p.Dst.Addr() != h.ns.IP && !h.p.Dst.Addr().IsLoopback() {
			n.externalEgress(e, h)
			return
		}
		if h.p.Dst.Addr() == h.ns.IP || h.p.Dst.Addr().IsLoopback() {
			n.record(e, h, h.p, nil, "pod.loopback", fmt.Sprintf("%s: %s stays in the pod (loopback)", h.ns.Pod, h.p))
			n.deliver(e, h.ns, h.p)
			return
		}
		n.record(e, h, h.p, nil, "packet.sent", fmt.Sprintf("%s sends %s through its veth to %s", h.ns.Pod, h.p, h.host.Name))
		n.after(n.params.VethLatency, hop{p: h.p, stage: atNodeFromPod, host: h.host})
	case atNodeFromPod, atNodeFromWire:
		n.routeIn(e, h)
	case atNodeLocalOut:
		n.routeLocalOut(e, h)
	case atPodIngress:
		ns, ok := h.host.pods[h.p.Dst.Addr()]
		if !ok {
			n.record(e, h, h.p, nil, "packet.lost", fmt.Sprintf("%s: no pod has %s any more; the packet is lost", h.host.Name, h.p.Dst.Addr()))
			return
		}
		n.deliver(e, ns, h.p)
	}
}

// routeIn handles a packet entering a node from a pod or the wire:
// PREROUTING, the routing decision, then FORWARD or INPUT.
func (n *Network) routeIn(e *sim.Engine, h hop) {
	before := h.p
	var results []FilterResult
	p, ok := n.hook(e, h.host, Prerouting, h.p, &results)
	if !ok {
		n.verdictRecord(e, h, before, p, results, Prerouting)
		return
	}
	if p.Dst.Addr() == h.host.IP {
		p, ok = n.hook(e, h.host, Input, p, &results)
		if !ok {
			n.verdictRecord(e, h, before, p, results, Input)
			return
		}
		n.record(e, h, before, results, "packet.input", fmt.Sprintf("%s: %s is for the node itself", h.host.Name, p))
		n.hostDeliver(e, h.host, p)
		return
	}
	n.forward(e, h, before, p, results)
}

// forward routes a packet through the node to a local pod or another
// node, via FORWARD and POSTROUTING.
func (n *Network) forward(e *sim.Engine, h hop, before, p Packet, results []FilterResult) {
	if p.TTL <= 1 {
		// A routing loop (or a very long path): Linux drops the packet
		// and answers ICMP time exceeded; the trace says where.
		n.record(e, h, before, results, "packet.loop", fmt.Sprintf("%s: TTL of %s ran out after %d hops: the packet is going round in a loop; dropped", h.host.Name, p, 64))
		return
	}
	p.TTL--
	p, ok := n.hook(e, h.host, Forward, p, &results)
	if !ok {
		n.verdictRecord(e, h, before, p, results, Forward)
		return
	}
	n.egress(e, h, before, p, results)
}

// egress runs POSTROUTING and puts the packet on a veth or the wire.
func (n *Network) egress(e *sim.Engine, h hop, before, p Packet, results []FilterResult) {
	dst := p.Dst.Addr()
	p, ok := n.hook(e, h.host, Postrouting, p, &results)
	if !ok {
		n.verdictRecord(e, h, before, p, results, Postrouting)
		return
	}
	if ns, local := h.host.pods[dst]; local {
		n.record(e, h, before, results, "packet.forwarded", fmt.Sprintf("%s forwards %s to pod %s", h.host.Name, p, ns.Pod))
		n.after(n.params.VethLatency, hop{p: p, stage: atPodIngress, host: h.host})
		return
	}
	if next := n.nextHost(dst); next != nil && next != h.host {
		n.record(e, h, before, results, "packet.routed", fmt.Sprintf("%s routes %s to %s", h.host.Name, p, next.Name))
		n.toLAN(e, h.host, next.IP, p, next, atNodeFromWire)
		return
	}
	if h.host.PodCIDR.Contains(dst) {
		n.record(e, h, before, results, "packet.lost", fmt.Sprintf("%s: no pod on this node has %s; the packet is lost", h.host.Name, dst))
		return
	}
	if ext, ok := n.externals[dst]; ok {
		n.record(e, h, before, results, "packet.routed", fmt.Sprintf("%s sends %s back to %s on the LAN", h.host.Name, p, ext.Pod))
		n.toLAN(e, h.host, dst, p, ext.Host, atPodIngress)
		return
	}
	if n.link != nil {
		n.record(e, h, before, results, "packet.routed", fmt.Sprintf("%s sends %s onto the LAN", h.host.Name, p))
		n.link.Transmit(e, h.host, netip.Addr{}, p)
		return
	}
	n.record(e, h, before, results, "packet.lost", fmt.Sprintf("%s sends %s to its default gateway; no host at %s answers and the packet is lost", h.host.Name, p, dst))
}

// nextHost returns the node that owns dst: a node IP or a pod CIDR.
func (n *Network) nextHost(dst netip.Addr) *Host {
	if h, ok := n.nodeByIP[dst]; ok {
		return h
	}
	for _, h := range n.hostOrder {
		if h.PodCIDR.Contains(dst) {
			return h
		}
	}
	return nil
}

func (n *Network) routeLocalOut(e *sim.Engine, h hop) {
	before := h.p
	var results []FilterResult
	p, ok := n.hook(e, h.host, Output, h.p, &results)
	if !ok {
		n.verdictRecord(e, h, before, p, results, Output)
		return
	}
	n.egress(e, h, before, p, results)
}

// hook runs the netfilter hook; on a REJECT it sends the answer. It
// reports whether the packet goes on.
func (n *Network) hook(e *sim.Engine, host *Host, hk Hook, p Packet, results *[]FilterResult) (Packet, bool) {
	if n.Filter == nil {
		return p, true
	}
	r := n.Filter.Filter(e, host.Name, hk, p)
	r.Notes = append([]string{hk.String()}, r.Notes...)
	*results = append(*results, r)
	switch r.Verdict {
	case Drop:
		return r.Packet, false
	case Reject:
		n.sendFromHost(host, rejectAnswer(p, r.RejectTCP))
		return r.Packet, false
	}
	return r.Packet, true
}

func (n *Network) verdictRecord(e *sim.Engine, h hop, before, p Packet, results []FilterResult, hk Hook) {
	last := results[len(results)-1]
	what := "dropped"
	kind := "packet.dropped"
	if last.Verdict == Reject {
		what, kind = "rejected", "packet.rejected"
	}
	n.record(e, h, before, results, kind, fmt.Sprintf("%s: %s %s in %s", h.host.Name, p, what, hk))
}

// rejectAnswer builds what REJECT sends back: ICMP port unreachable from
// the address the packet was sent to, or a TCP RST.
func rejectAnswer(p Packet, tcpReset bool) Packet {
	if tcpReset && p.Proto == TCP {
		return Packet{Flow: p.Flow, Src: p.Dst, Dst: p.Src, Proto: TCP, Flags: RST | ACK}
	}
	q := p
	return Packet{Flow: p.Flow, Src: netip.AddrPortFrom(p.Dst.Addr(), 0), Dst: netip.AddrPortFrom(p.Src.Addr(), 0),
		Proto: ICMP, ICMPType: ICMPDestUnreachable, ICMPCode: ICMPPortUnreachable, Quoted: &q}
}

func (n *Network) hostDeliver(e *sim.Engine, h *Host, p Packet) {
	switch {
	case p.Proto == ICMP && p.ICMPType == ICMPEchoRequest:
		n.sendFromHost(h, echoReply(p))
	case p.Proto == TCP && p.Flags&SYN != 0 && p.Flags&ACK == 0:
		n.sendFromHost(h, Packet{Flow: p.Flow, Src: p.Dst, Dst: p.Src, Proto: TCP, Flags: RST | ACK})
	}
}

func echoReply(p Packet) Packet {
	return Packet{Flow: p.Flow, Src: p.Dst, Dst: p.Src, Proto: ICMP, ICMPType: ICMPEchoReply, ICMPID: p.ICMPID, ICMPSeq: p.ICMPSeq}
}

func (n *Network) record(e *sim.Engine, h hop, before Packet, results []FilterResult, kind, summary string) {
	pod := ""
	if h.ns != nil {
		pod = h.ns.Pod
	}
	e.Emit(kind, summary, &HopDetail{Node: h.host.Name, Pod: pod, Stage: stageName(h.stage), Before: before, Hooks: results})
}

func stageName(s stage) string {
	return [...]string{"pod egress", "node (from pod)", "node (from wire)", "node (local out)", "pod ingress"}[s]
}

// Engine returns the engine the network runs in.
func (n *Network) Engine() *sim.Engine { return n.e }

// ListeningTCP returns the TCP ports the namespace with address ip
// listens on, sorted (nil when nobody has the address): what `ss -tln`
// would show in that pod.
func (n *Network) ListeningTCP(ip netip.Addr) []uint16 {
	ns, ok := n.pods[ip]
	if !ok {
		return nil
	}
	ports := ns.ListeningPorts(TCP)
	sortPorts(ports)
	return ports
}
