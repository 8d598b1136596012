package lan

import (
	"fmt"
	"net/netip"
	"slices"
	"time"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

// unresQlen is how many packets Linux queues per unresolved neighbour
// (net.ipv4.neigh.default.unres_qlen, 101); more are dropped.
const unresQlen = 101

// NIC is one host's network interface on the segment: a MAC, a switch
// port, the host's ARP cache and the packets waiting on it.
type NIC struct {
	seg      *Segment
	id       sim.ComponentID
	Host     *network.Host
	HostName string
	IP       netip.Addr
	MAC      l2.MAC
	Port     int

	neigh *l2.Neigh
	queue map[netip.Addr][]network.Packet
	// vips are the extra addresses the NIC answers ARP for, each with
	// who answers (MetalLB's speaker in layer-2 mode).
	vips      map[netip.Addr]string
	down      bool
	nextTimer time.Duration // the pending neighbour timer; 0 for none
}

// neighTimer is the payload of a NIC's ARP cache timer.
type neighTimer struct{}

// ARPDetail is the trace detail of an ARP record of a NIC.
type ARPDetail struct {
	Host  string
	Frame l2.Frame
	// Outcome is what a received ARP did to the host's cache.
	Outcome l2.ARPOutcome
}

// Name returns the component's name.
func (n *NIC) Name() string { return "nic/" + n.HostName }

func (n *NIC) storeKey() string { return "nic/" + n.HostName }

// Handle takes a frame from the switch or fires the ARP timer.
func (n *NIC) Handle(e *sim.Engine, ev sim.Event) {
	switch p := ev.Payload.(type) {
	case *l2.Egress:
		n.receive(e, &p.Frame)
	case neighTimer:
		n.timer(e)
	default:
		panic(fmt.Sprintf("lan: NIC %s got %T", n.HostName, ev.Payload))
	}
}

// Announce makes the NIC answer ARP for ip on behalf of who (a MetalLB
// speaker); Withdraw stops it.
func (n *NIC) Announce(ip netip.Addr, who string) { n.vips[ip] = who }

// Withdraw stops answering ARP for ip.
func (n *NIC) Withdraw(ip netip.Addr) { delete(n.vips, ip) }

// Up reports whether the NIC's host is running.
func (n *NIC) Up() bool { return !n.down }

// Neigh returns the host's ARP cache as `ip neigh` would list it.
func (n *NIC) Neigh(now time.Duration) []l2.NeighEntry { return n.neigh.Entries(now) }

// SendFrame puts a frame on the wire from this NIC (a speaker's
// gratuitous ARP). A stopped host sends nothing.
func (n *NIC) SendFrame(e *sim.Engine, f l2.Frame) {
	if n.down {
		return
	}
	d := n.seg.net.Params().WireLatency - n.seg.cfg.Switch.ForwardLatency
	if d < 0 {
		d = 0
	}
	e.Schedule(d, n.seg.sw.ID(), l2.Ingress{Port: n.Port, Frame: f})
}

// send resolves the next hop and sends p, or queues it behind an ARP
// request.
func (n *NIC) send(e *sim.Engine, nextHop netip.Addr, p network.Packet) {
	if n.down {
		return
	}
	now := e.Now()
	mac, ok, sol := n.neigh.Resolve(now, nextHop)
	if ok {
		n.SendFrame(e, l2.Frame{Dst: mac, Src: n.MAC, Type: l2.EtherTypeIPv4, Payload: p, Len: frameLen(p)})
		n.armTimer(e)
		return
	}
	q := n.queue[nextHop]
	if len(q) >= unresQlen {
		e.Emit("packet.lost", fmt.Sprintf("%s: %d packets already wait for %s's MAC: %s is dropped", n.HostName, len(q), nextHop, p), nil)
	} else {
		n.queue[nextHop] = append(q, p)
	}
	if sol != nil {
		n.solicit(e, *sol)
	}
	n.armTimer(e)
	n.storeNeigh(e)
}

// solicit sends an ARP request: broadcast while resolving, unicast to the
// cached MAC while probing.
func (n *NIC) solicit(e *sim.Engine, s l2.Solicit) {
	a := l2.ARP{Op: l2.ARPRequest, SenderMAC: n.MAC, SenderIP: n.IP, TargetIP: s.IP}
	f := l2.NewARP(a)
	how := "broadcasts"
	if s.Unicast {
		f.Dst = s.To
		how = "probes " + s.To.String() + " for"
	}
	e.Emit("arp.request", fmt.Sprintf("%s %s who-has %s tell %s", n.HostName, how, s.IP, n.IP), &ARPDetail{Host: n.HostName, Frame: f})
	n.SendFrame(e, f)
}

// receive is a frame arriving from the switch.
func (n *NIC) receive(e *sim.Engine, f *l2.Frame) {
	if n.down || (f.Dst != n.MAC && !f.Dst.IsBroadcast()) {
		return // not for us: a flooded copy the NIC filters
	}
	switch f.Type {
	case l2.EtherTypeARP:
		n.receiveARP(e, f)
	case l2.EtherTypeIPv4:
		p, ok := f.Payload.(network.Packet)
		if !ok {
			return
		}
		if n == n.seg.router && p.Dst.Addr() != n.IP {
			n.forward(e, p)
			return
		}
		n.seg.net.Arrive(e, n.Host, p)
	}
}

// receiveARP is arp_process: the cache update, and a reply when the
// request is for the host's address (or one announced on it).
func (n *NIC) receiveARP(e *sim.Engine, f *l2.Frame) {
	a := f.ARP
	now := e.Now()
	local := a.TargetIP == n.IP
	outcome, reply := n.neigh.Receive(now, a, local, f.Dst == n.MAC)
	changed := outcome == l2.ARPCreated || outcome == l2.ARPUpdated
	if changed {
		e.Emit("arp.cache", fmt.Sprintf("%s: ARP cache %s %s → %s (%s)", n.HostName, outcome, a.SenderIP, a.SenderMAC, arpWhat(a)),
			&ARPDetail{Host: n.HostName, Frame: *f, Outcome: outcome})
		n.storeNeigh(e)
	}
	who, vip := n.vips[a.TargetIP]
	if a.Op == l2.ARPRequest && !a.Gratuitous() && (reply || vip) {
		r := l2.NewARP(l2.ARP{Op: l2.ARPReply, SenderMAC: n.MAC, SenderIP: a.TargetIP, TargetMAC: a.SenderMAC, TargetIP: a.SenderIP})
		by := n.HostName
		if vip && !local {
			by = who
		}
		e.Emit("arp.reply", fmt.Sprintf("%s answers: %s is-at %s", by, a.TargetIP, n.MAC), &ARPDetail{Host: n.HostName, Frame: r})
		n.SendFrame(e, r)
	}
	n.flush(e, a.SenderIP)
	n.armTimer(e)
}

func arpWhat(a l2.ARP) string {
	if a.Gratuitous() {
		return "gratuitous ARP"
	}
	if a.Op == l2.ARPReply {
		return "reply"
	}
	return "request"
}

// flush sends the packets that waited for ip once its MAC is known.
func (n *NIC) flush(e *sim.Engine, ip netip.Addr) {
	q := n.queue[ip]
	if len(q) == 0 {
		return
	}
	mac, ok, _ := n.neigh.Resolve(e.Now(), ip)
	if !ok {
		return
	}
	delete(n.queue, ip)
	for _, p := range q {
		n.SendFrame(e, l2.Frame{Dst: mac, Src: n.MAC, Type: l2.EtherTypeIPv4, Payload: p, Len: frameLen(p)})
	}
}

// timer runs the ARP cache's due timers: retries, probes, and FAILED
// entries whose queued packets are dropped.
func (n *NIC) timer(e *sim.Engine) {
	now := e.Now()
	if n.nextTimer == now {
		n.nextTimer = 0
	}
	if n.down {
		return
	}
	before := n.neigh.Entries(now)
	for _, s := range n.neigh.Advance(now) {
		n.solicit(e, s)
	}
	for _, ip := range sortedKeys(n.queue) {
		q := n.queue[ip]
		if en, ok := n.neigh.Entry(now, ip); ok && en.State == l2.NUDFailed {
			delete(n.queue, ip)
			e.Emit("arp.failed", fmt.Sprintf("%s: no answer to who-has %s after %d tries: %d queued packet(s) dropped (the sender sees \"Host is unreachable\")", n.HostName, ip, n.seg.cfg.Neigh.McastSolicit, len(q)), nil)
		}
	}
	if !slices.Equal(before, n.neigh.Entries(now)) {
		n.storeNeigh(e)
	}
	n.armTimer(e)
}

// armTimer schedules the ARP cache's next deadline unless an earlier
// timer is pending.
func (n *NIC) armTimer(e *sim.Engine) {
	at, ok := n.neigh.NextDeadline()
	if !ok || (n.nextTimer != 0 && n.nextTimer <= at) {
		return
	}
	if at < e.Now() {
		at = e.Now()
	}
	n.nextTimer = at
	e.Schedule(at-e.Now(), n.id, neighTimer{})
}

// storeNeigh records the host's ARP cache for the views.
func (n *NIC) storeNeigh(e *sim.Engine) {
	e.Set("neigh/"+n.HostName, n.neigh.Entries(e.Now()))
}

// forward is the router routing a packet that is not for itself.
func (n *NIC) forward(e *sim.Engine, p network.Packet) {
	if p.TTL <= 1 {
		e.Emit("packet.loop", fmt.Sprintf("router: TTL of %s ran out; dropped", p), nil)
		return
	}
	p.TTL--
	hop, ok := n.seg.route(n, p)
	if !ok {
		e.Emit("packet.lost", fmt.Sprintf("router: no route to %s: %s is dropped", p.Dst.Addr(), p), nil)
		return
	}
	e.Emit("packet.routed", fmt.Sprintf("router forwards %s to next hop %s", p, hop), nil)
	n.send(e, hop, p)
}

// frameLen is an Ethernet frame's length for a packet: 14 bytes of
// header and the IP packet (20 bytes of header, 20 of TCP or 8 of UDP or
// ICMP, and a nominal payload).
func frameLen(p network.Packet) int {
	n := 14 + 20
	switch p.Proto {
	case network.TCP:
		n += 20
	default:
		n += 8
	}
	if p.Payload != nil {
		n += 200
	}
	return n
}

func sortedKeys(m map[netip.Addr][]network.Packet) []netip.Addr {
	keys := make([]netip.Addr, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, netip.Addr.Compare)
	return keys
}
