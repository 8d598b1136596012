package network

import (
	"fmt"
	"hash/fnv"
	"net/netip"

	"github.com/svcsim/svcsim/sim"
)

// External hosts sit on the nodes' LAN but are not nodes: the learner's
// machine (as with kind, whose host reaches the node containers'
// addresses), an outside client. They reach node IPs directly, and the
// addresses that a load balancer routes (Route); they have no route to
// pod or Service networks, which are the cluster's own.

// AddExternal adds a host on the LAN with address ip. Its namespace
// sends and receives like a pod's, from outside the cluster.
func (n *Network) AddExternal(name string, ip netip.Addr) *NetNS {
	h := &Host{Name: name, IP: ip, pods: map[netip.Addr]*NetNS{}, external: true}
	ns := &NetNS{IP: ip, Pod: name, Host: h}
	h.pods[ip] = ns
	if n.externals == nil {
		n.externals = map[netip.Addr]*NetNS{}
	}
	n.externals[ip] = ns
	return ns
}

// LoadBalancer chooses the node that receives a packet sent to an
// address it serves, as a cloud load balancer does.
type LoadBalancer interface {
	// Pick returns the node for the packet, "" to drop it (no healthy
	// node).
	Pick(p Packet) string
}

// Route makes packets from outside the cluster to ip go to the node a
// load balancer picks, destination unchanged (the node's kube-proxy
// rules for the load balancer's IP take it from there). A nil lb removes
// the route.
func (n *Network) Route(ip netip.Addr, lb LoadBalancer) {
	if n.lbRoutes == nil {
		n.lbRoutes = map[netip.Addr]LoadBalancer{}
	}
	if lb == nil {
		delete(n.lbRoutes, ip)
		return
	}
	n.lbRoutes[ip] = lb
}

// FlowHash is a stable 5-tuple hash, the way load balancers spread flows.
func FlowHash(p Packet) uint32 {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s|%s|%d", p.Src, p.Dst, p.Proto)
	return h.Sum32()
}

// externalEgress sends a packet from an external host onto the LAN.
func (n *Network) externalEgress(e *sim.Engine, h hop) {
	dst := h.p.Dst.Addr()
	if node, ok := n.nodeByIP[dst]; ok {
		n.record(e, h, h.p, nil, "packet.sent", fmt.Sprintf("%s sends %s to node %s", h.ns.Pod, h.p, node.Name))
		n.toLAN(e, h.host, dst, h.p, node, atNodeFromWire)
		return
	}
	if lb, ok := n.lbRoutes[dst]; ok {
		name := lb.Pick(h.p)
		if node := n.hosts[name]; node != nil {
			n.record(e, h, h.p, nil, "packet.sent", fmt.Sprintf("%s sends %s; the load balancer for %s delivers it to node %s", h.ns.Pod, h.p, dst, name))
			n.after(2*n.params.WireLatency, hop{p: h.p, stage: atNodeFromWire, host: node})
			return
		}
		n.record(e, h, h.p, nil, "packet.lost", fmt.Sprintf("%s sends %s; the load balancer for %s has no healthy node and drops it", h.ns.Pod, h.p, dst))
		return
	}
	if ext, ok := n.externals[dst]; ok && ext != h.ns {
		n.toLAN(e, h.host, dst, h.p, ext.Host, atPodIngress)
		return
	}
	if n.link != nil {
		n.record(e, h, h.p, nil, "packet.sent", fmt.Sprintf("%s sends %s onto the LAN", h.ns.Pod, h.p))
		n.link.Transmit(e, h.host, netip.Addr{}, h.p)
		return
	}
	n.record(e, h, h.p, nil, "packet.lost", fmt.Sprintf("%s sends %s; nothing on the LAN has %s (pod and Service addresses are reachable only inside the cluster) and the packet is lost", h.ns.Pod, h.p, dst))
}
