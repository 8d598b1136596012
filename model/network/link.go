package network

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/sim"
)

// Link is layer 2 under the IP hops: the hosts' NICs, ARP and the switch
// between them. With a Link set, every packet that leaves a host for the
// LAN is handed to it, and comes back through Arrive at the host whose
// NIC received it; without one, the LAN is a plain wire of WireLatency.
type Link interface {
	// Transmit sends p out of from's NIC towards nextHop, the on-link
	// address the frame is for (a node's IP for its pod range, the
	// destination itself on the LAN). An invalid nextHop means "route by
	// destination": on-link when it is in the LAN's subnet, else via the
	// default gateway.
	Transmit(e *sim.Engine, from *Host, nextHop netip.Addr, p Packet)
}

// SetLink puts layer 2 under the network.
func (n *Network) SetLink(l Link) { n.link = l }

// Hosts returns the nodes' stacks in the order they were added.
func (n *Network) Hosts() []*Host { return n.hostOrder }

// Arrive takes a packet that layer 2 delivered to host h's NIC into its
// stack.
func (n *Network) Arrive(e *sim.Engine, h *Host, p Packet) {
	if h.external {
		n.step(e, hop{p: p, stage: atPodIngress, host: h})
		return
	}
	n.step(e, hop{p: p, stage: atNodeFromWire, host: h})
}

// toLAN puts a packet on the LAN: through the Link when there is one,
// else over the wire straight into to (nil: nothing on the LAN has the
// address, and the packet is lost).
func (n *Network) toLAN(e *sim.Engine, from *Host, nextHop netip.Addr, p Packet, to *Host, stage stage) {
	if n.link != nil {
		n.link.Transmit(e, from, nextHop, p)
		return
	}
	n.after(n.params.WireLatency, hop{p: p, stage: stage, host: to})
}

// SetDown stops or starts a node as a whole (`docker stop`, a power
// cut): a stopped host neither sends nor receives, and every packet
// that reaches it is lost.
func (n *Network) SetDown(name string, down bool) error {
	h, ok := n.hosts[name]
	if !ok {
		return fmt.Errorf("no host %q", name)
	}
	h.Down = down
	return nil
}
