// Package conntrack models Linux connection tracking (nf_conntrack, kernel
// 6.x) as a kube-proxy node sees it, the `conntrack -L` listing of
// conntrack-tools 1.4.7, and kube-proxy v1.36's UDP stale-entry cleanup
// (pkg/proxy/conntrack/cleanup.go).
//
// A connection is an Entry with its original and reply Tuples; the tuple is
// a comparable value and the table's map key, for both directions. The first
// packet of a connection walks the nat table (model/netfilter) and the NAT
// it got becomes the entry's reply tuple; later packets of the flow, in
// either direction, get that binding without walking nat, and replies are
// un-NATed. An entry is created only for a packet that got through the node
// (a dropped first packet leaves no entry, as an unconfirmed conntrack is
// freed).
//
// Timeouts are Linux's defaults (nf_conntrack_proto_{tcp,udp,icmp}.c) with
// kube-proxy's two overrides (tcp established 24h, close_wait 1h). Time is
// virtual: an entry refreshed at t with timeout d is there until just before
// t+d and gone at t+d, as nf_ct_is_expired has it.
//
// A TCP connection whose only reply is a RST (a SYN to a closed port) is
// deleted at once, as the kernel does.
//
// The TCP state machine is reduced to the transitions a simulated client and
// server produce (SYN, SYN-ACK, ACK, FIN, RST); window tracking, the
// INVALID state for out-of-window packets and the unacknowledged-data timeout
// are not modelled. MASQUERADE keeps the source port (the kernel keeps it
// unless it clashes; --random-fully picks a random one).
package conntrack
