// Package network models the data plane between pods and nodes: packets
// as small values, each node's Linux network stack (the pods' network
// namespaces on it, routing, the netfilter hook points, sockets), and the
// wire between nodes. Every hop of a packet is one engine event and one
// trace record, so a learner can follow it.
//
// The hook points are where other components plug in without a rewrite:
// kube-proxy's rules sit behind the Netfilter interface at PREROUTING,
// OUTPUT and POSTROUTING; a pod's resolver sits behind Resolver; layer 2
// (ARP, the switch) replaces the Wire.
//
// The model keeps the transport small: a TCP connection is SYN, SYN-ACK,
// one request segment, one response segment and a FIN; a closed port
// answers RST; ICMP echo is answered by the pod's kernel.
package network
