package conntrack

import (
	"net/netip"
	"time"

	"github.com/svcsim/svcsim/model/netfilter"
)

// ServicePort is the view of one service port CleanStaleEntries needs: its
// frontends and the IPs of its serving endpoints.
type ServicePort struct {
	Protocol        netfilter.Protocol
	ClusterIP       netip.Addr
	LoadBalancerIPs []netip.Addr
	ExternalIPs     []netip.Addr
	NodePort        uint16
	// ServingIPs are the IPs of the endpoints whose serving condition is
	// true, whatever their ready, terminating, topology or traffic policy.
	ServingIPs []netip.Addr
}

// CleanStaleEntries is kube-proxy's UDP conntrack cleanup (cleanup.go),
// run after a sync in which some UDP service's endpoints changed. For every
// UDP service port with at least one serving endpoint it deletes the UDP
// entries whose original destination IP is the port's cluster IP, a
// load-balancer IP or an external IP, or whose original destination port is
// its node port, and whose reply source IP (the DNAT target) is not a
// serving endpoint. TCP and SCTP entries are never touched.
//
// Frontends are keyed by IP alone, as upstream does: when two UDP ports share
// an IP, the later one in svcs wins (upstream's order is Go map order).
// It returns the deleted entries in listing order.
func (t *Table) CleanStaleEntries(svcs []ServicePort, now time.Duration) []Entry {
	byIP := map[netip.Addr]map[netip.Addr]bool{}
	byNodePort := map[uint16]map[netip.Addr]bool{}
	for _, sp := range svcs {
		if sp.Protocol != netfilter.ProtoUDP || len(sp.ServingIPs) == 0 {
			// "a Service without endpoints does not require to clean the conntrack entries"
			continue
		}
		serving := make(map[netip.Addr]bool, len(sp.ServingIPs))
		for _, ip := range sp.ServingIPs {
			serving[ip] = true
		}
		byIP[sp.ClusterIP] = serving
		for _, ip := range sp.LoadBalancerIPs {
			byIP[ip] = serving
		}
		for _, ip := range sp.ExternalIPs {
			byIP[ip] = serving
		}
		if sp.NodePort != 0 {
			byNodePort[sp.NodePort] = serving
		}
	}
	var deleted []Entry
	for _, e := range t.entries() {
		if e.Orig.Proto != netfilter.ProtoUDP || now >= e.Expires {
			continue
		}
		stale := false
		if serving, ok := byIP[e.Orig.Dst]; ok && !serving[e.Reply.Src] {
			stale = true
		}
		if serving, ok := byNodePort[e.Orig.DstPort]; ok && !serving[e.Reply.Src] {
			stale = true
		}
		if stale {
			deleted = append(deleted, *e)
			t.Delete(e)
		}
	}
	return deleted
}
