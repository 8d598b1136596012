package kubeproxy

import "net/netip"

// servicePort is a ServicePort after kube-proxy's own filtering, with the
// chain names and comment strings it needs computed once (kube-proxy caches
// them on serviceInfo).
type servicePort struct {
	ServicePort
	spn    string
	chains ChainNames

	externalPolicyLocal bool
	internalPolicyLocal bool

	// Comments, in kube-proxy's words (§3.4 of the reference).
	cClusterIP, cExternalIP, cLBIP, cFWDrop, cNoEndpoints, cNoLocal             string
	cHealthCheck, cOtherTraffic, cExtMasq, cPodTraffic, cMasqLocal, cRouteLocal string

	// clusterIP are the matches of its KUBE-SERVICES rule (comment, protocol,
	// -d ClusterIP, --dport) and, with the local-traffic detector's match
	// (ifNotLocal) after them, of its internal chain's masquerade rule.
	clusterIP [5]Match

	// sepDNAT are the matches of a KUBE-SEP chain's DNAT rule without
	// affinity (-m comment --comment <spn> -m <proto> -p <proto>), which all
	// its rules share.
	sepDNAT [2]Match
}

// newServicePort applies kube-proxy's view of a Service port
// (servicechangetracker.go, serviceport.go) for one IP family.
// ifNotLocal is the proxier's local-traffic detector match, negated.
func newServicePort(in ServicePort, ipv6 bool, ifNotLocal Match) *servicePort {
	sp := &servicePort{ServicePort: in}
	sp.ClusterIP = in.ClusterIP.Unmap()
	sp.ExternalIPs = filterAddrs(in.ExternalIPs, ipv6)
	sp.LoadBalancerIPs = filterAddrs(in.LoadBalancerIPs, ipv6)
	sp.LoadBalancerSourceRanges = nil
	for _, p := range in.LoadBalancerSourceRanges {
		if p.Addr().Is6() != ipv6 {
			continue
		}
		if p.Bits() == 0 { // a zero CIDR means "allow everyone": no firewall at all
			sp.LoadBalancerSourceRanges = nil
			break
		}
		sp.LoadBalancerSourceRanges = append(sp.LoadBalancerSourceRanges, p.Masked())
	}
	if sp.StickyMaxAgeSeconds == 0 {
		sp.StickyMaxAgeSeconds = DefaultStickyMaxAgeSeconds
	}
	externallyAccessibleType := in.Type == ServiceTypeLoadBalancer || in.Type == ServiceTypeNodePort || len(sp.ExternalIPs) > 0
	sp.externalPolicyLocal = externallyAccessibleType && in.ExternalTrafficPolicy == TrafficPolicyLocal
	sp.internalPolicyLocal = in.InternalTrafficPolicy == TrafficPolicyLocal
	if !(in.Type == ServiceTypeLoadBalancer && sp.externalPolicyLocal) {
		sp.HealthCheckNodePort = 0
	}

	sp.spn = in.Name.String()
	sp.chains = ServicePortChains(in.Name)
	s := sp.spn
	sp.cClusterIP = s + " cluster IP"
	sp.cExternalIP = s + " external IP"
	sp.cLBIP = s + " loadbalancer IP"
	sp.cFWDrop = s + " traffic not accepted by " + sp.chains.FW
	sp.cNoEndpoints = s + " has no endpoints"
	sp.cNoLocal = s + " has no local endpoints"
	sp.cHealthCheck = s + " health check node port"
	sp.cOtherTraffic = "other traffic to " + s + " will be dropped by KUBE-PROXY-FIREWALL"
	sp.cExtMasq = "masquerade traffic for " + s + " external destinations"
	sp.cPodTraffic = "pod traffic for " + s + " external destinations"
	sp.cMasqLocal = "masquerade LOCAL traffic for " + s + " external destinations"
	sp.cRouteLocal = "route LOCAL traffic for " + s + " external destinations"
	sp.sepDNAT = [2]Match{mComment(s), mProto(in.Name.Protocol)}
	sp.clusterIP = [5]Match{mComment(sp.cClusterIP), mProto(in.Name.Protocol), mDst(sp.ClusterIP), mDPort(sp.Port), ifNotLocal}
	return sp
}

func filterAddrs(in []netip.Addr, ipv6 bool) []netip.Addr {
	var out []netip.Addr
	for _, a := range in {
		a = a.Unmap()
		if a.IsValid() && a.Is6() == ipv6 {
			out = append(out, a)
		}
	}
	return out
}

// externallyAccessible: nodePort, LB VIPs or externalIPs.
func (sp *servicePort) externallyAccessible() bool {
	return sp.NodePort != 0 || len(sp.LoadBalancerIPs) > 0 || len(sp.ExternalIPs) > 0
}

func (sp *servicePort) usesClusterEndpoints() bool {
	return !sp.internalPolicyLocal || sp.externallyAccessible()
}

func (sp *servicePort) usesLocalEndpoints() bool {
	return sp.internalPolicyLocal || sp.externalPolicyLocal && sp.externallyAccessible()
}
