package network

import (
	"net/netip"

	"github.com/svcsim/svcsim/sim"
)

// Hook is a netfilter hook point.
type Hook int

// The five hooks, in the order a forwarded packet meets three of them:
//
//	pod/wire ──► PREROUTING ──► routing ──► FORWARD ──► POSTROUTING ──► pod/wire
//	                               │                         ▲
//	                               ▼                         │
//	                             INPUT ──► local socket ──► OUTPUT
const (
	Prerouting Hook = iota
	Input
	Forward
	Output
	Postrouting
)

func (h Hook) String() string {
	return [...]string{"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"}[h]
}

// VerdictKind is what a hook decided.
type VerdictKind int

// Verdicts.
const (
	Accept VerdictKind = iota
	Drop
	// Reject answers the sender: an ICMP port unreachable, or a TCP RST
	// with --reject-with tcp-reset.
	Reject
)

// FilterResult is a hook's answer: the packet, maybe rewritten (DNAT,
// SNAT), the verdict, and what happened as trace lines.
type FilterResult struct {
	Packet    Packet
	Verdict   VerdictKind
	RejectTCP bool     // reject with a TCP RST instead of ICMP
	Notes     []string // one line per rule or rewrite worth showing
	// Detail carries the hook's own record (matched rules, draws) for
	// the views; nil when there is nothing to show.
	Detail any
}

// Netfilter is what sits at a node's hook points: kube-proxy's tables and
// conntrack. Filter is called once per packet per hook, inside a network
// event; it may read the engine's store and random streams and record
// state through the engine, and must return quickly.
type Netfilter interface {
	Filter(e *sim.Engine, node string, hook Hook, p Packet) FilterResult
}

// Resolver turns a host name into an address for a client in a pod.
// Cluster DNS plugs in here; without one, only IP literals work.
type Resolver interface {
	// Resolve looks name up for the pod with address from and calls
	// done, inside some later event, with the address or an error text
	// as the client would print it.
	Resolve(e *sim.Engine, from netip.Addr, name string, done func(e *sim.Engine, addr netip.Addr, err error))
}
