// Package l2 models the layer-2 segment a cluster's nodes sit on: Ethernet
// frames and ARP as small values, a switch, and the Linux neighbour (ARP)
// cache of a host.
//
// The Switch models a Cisco Catalyst access switch (IOS 15.x command
// semantics, as documented for the 2960/3560/3750 series): transparent
// bridging with MAC learning and aging (mac address-table aging-time,
// default 300 s), flooding of broadcast and unknown unicast to every other
// port, per-port counters, storm control (storm-control broadcast level
// {pct | pps}, measured on ingress over 1-second intervals, action filter
// by default or shutdown → err-disabled), Dynamic ARP Inspection's rate
// limit (ip arp inspection limit rate 15, burst interval 1, exceed →
// err-disabled) and errdisable recovery (off by default, interval 300 s).
// Every frame crossing it is one engine event at ingress and one event per
// egress copy delivered to an attached peer; learning, flooding, drops and
// err-disable transitions are trace records. Port state changes are
// recorded in the engine's store under "switch/<name>/port/<n>".
//
// The Neigh cache models the Linux neighbour subsystem for ARP
// (net/core/neighbour.c, net/ipv4/arp.c, Linux ≥ 4.12; defaults from
// arp(7)): the NUD states INCOMPLETE, REACHABLE, STALE, DELAY, PROBE and
// FAILED, base_reachable_time 30 s, gc_stale_time 60 s,
// delay_first_probe_time 5 s, retrans_time 1 s, locktime 1 s,
// ucast_solicit/mcast_solicit 3, and gratuitous ARP handling: a gratuitous
// ARP overrides an existing entry regardless of locktime, and creates none
// unless arp_accept is set.
//
// Sources are /work/shared/reference/behaviours.md §6 and the documents it
// cites; each parameter names its own.
package l2
