// Package lan puts layer 2 under the cluster's IP network: one switched
// Ethernet segment (an l2.Switch) with a NIC per node, the learner's
// machine, outside clients and the router that is everyone's default
// gateway. It implements network.Link.
//
// Each NIC has a MAC and a Linux neighbour (ARP) cache (l2.Neigh: the
// NUD states and arp(7)'s timers). A packet leaving a host is resolved
// to the next hop's MAC first: an unresolved next hop makes the host
// broadcast "who-has" and queue the packet (Linux's unres_qlen, 101
// packets) until the answer comes or the entry FAILs after
// mcast_solicit (3) tries a second apart. Frames cross the switch, which
// learns, floods and applies storm control and DAI; a NIC takes frames
// for its MAC or broadcast, answers ARP requests for its own address
// and, when a speaker announces them (MetalLB's layer-2 mode), for the
// extra addresses it has been given. A stopped host's NIC is silent and
// its switch port shows notconnect.
//
// The router forwards between the segment and the addresses it has
// routes for: the segment's own subnet on-link, and the /32 routes a BGP
// speaker gives it (several next hops make an ECMP route, chosen per
// flow by a 5-tuple hash as Linux's multipath does).
package lan
