package kubeproxy

import (
	"net/netip"
	"time"
)

// This file is kube-proxy's side of its UDP conntrack cleanup
// (pkg/proxy/conntrack/cleanup.go, reference §7): which syncs run it and
// the view of the services it is given. The deletion itself is the
// kernel's (conntrack -D), behind ConntrackCleaner.

// ConntrackCleaner is the optional ability of a Kernel to delete
// conntrack entries, found by type assertion. After a successful restore
// in a sync where the endpoints of a UDP service port changed, kube-proxy
// calls CleanStaleUDP with every UDP service port; the kernel deletes the
// UDP entries whose original destination is one of a port's frontends and
// whose reply source is not one of its serving endpoints (ports without a
// serving endpoint are skipped), never a TCP or SCTP entry. It returns the
// deleted entries as `conntrack -L` prints them, in listing order.
type ConntrackCleaner interface {
	CleanStaleUDP(node string, ports []UDPServicePort, now time.Duration) []string
}

// UDPServicePort is the cleanup's view of one UDP service port: its
// frontends and the IPs of its serving endpoints, whatever their ready or
// terminating state, topology or traffic policy.
type UDPServicePort struct {
	Name            ServicePortName
	ClusterIP       netip.Addr
	LoadBalancerIPs []netip.Addr
	ExternalIPs     []netip.Addr
	NodePort        uint16
	ServingIPs      []netip.Addr
}

// UDPServicePorts returns every UDP service port that has a Service, in
// svcsim's service order, with its serving endpoints' IPs.
func (p *Proxier) UDPServicePorts() []UDPServicePort {
	var out []UDPServicePort
	for _, e := range p.order {
		if e.sp == nil || e.name.Protocol != ProtocolUDP {
			continue
		}
		sp := &e.sp.ServicePort
		u := UDPServicePort{Name: e.name, ClusterIP: sp.ClusterIP, LoadBalancerIPs: sp.LoadBalancerIPs,
			ExternalIPs: sp.ExternalIPs, NodePort: sp.NodePort}
		for i := range e.eps {
			if e.eps[i].Serving {
				u.ServingIPs = append(u.ServingIPs, e.eps[i].IP)
			}
		}
		out = append(out, u)
	}
	return out
}

// ConntrackRecord is the trace detail of one UDP conntrack cleanup.
type ConntrackRecord struct {
	Node string
	// Deleted are the entries removed, as `conntrack -L` printed them.
	Deleted []string
}
