package kernel

import (
	"time"

	"github.com/svcsim/svcsim/model/conntrack"
	"github.com/svcsim/svcsim/model/kubeproxy"
	"github.com/svcsim/svcsim/model/netfilter"
)

// CleanStaleUDP deletes a node's stale UDP conntrack entries as kube-proxy's
// cleanup does (conntrack.Table.CleanStaleEntries); it implements
// kubeproxy.ConntrackCleaner. It returns the deleted entries as
// `conntrack -L` printed them just before.
func (k *Kernel) CleanStaleUDP(node string, ports []kubeproxy.UDPServicePort, now time.Duration) []string {
	n := k.nodes[node]
	if n == nil {
		return nil
	}
	svcs := make([]conntrack.ServicePort, len(ports))
	for i, p := range ports {
		svcs[i] = conntrack.ServicePort{Protocol: netfilter.ProtoUDP, ClusterIP: p.ClusterIP, LoadBalancerIPs: p.LoadBalancerIPs,
			ExternalIPs: p.ExternalIPs, NodePort: p.NodePort, ServingIPs: p.ServingIPs}
	}
	var out []string
	for _, e := range n.CT.CleanStaleEntries(svcs, now) {
		out = append(out, string(e.AppendTo(nil, now)))
	}
	return out
}
