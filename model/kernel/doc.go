// Package kernel models the part of a node's Linux kernel (6.x) that sits
// between the network and kube-proxy's rules: the netfilter hooks
// (model/netfilter) joined with connection tracking and NAT
// (model/conntrack), behind the data plane's network.Netfilter interface.
//
// The data plane calls Filter once per hook a packet meets on a node. The
// first hook (PREROUTING for a packet from a pod's veth or the wire,
// OUTPUT for one the node sends) runs the packet through the whole node at
// once, as nf_conntrack_in and the hooks would: a packet of no known
// connection walks the nat table and its connection is confirmed with the
// NAT it got; later packets, in either direction, get the connection's
// binding instead (replies un-DNATed, so a client sees its answer come from
// the ClusterIP:port it dialled). The later hooks of the same packet
// (FORWARD, INPUT, POSTROUTING) are answered from that walk.
//
// ICMP errors (destination unreachable, time exceeded) are RELATED to the
// connection of the packet they quote: they never start a connection and
// get that connection's NAT undone on both the outer and the quoted header
// (nf_nat_icmp_reply_translation).
//
// Every answer carries trace lines: each rule the packet matched, each
// statistic draw with its odds, each rewrite before → after, and what
// conntrack did.
package kernel
