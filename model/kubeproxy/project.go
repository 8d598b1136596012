package kubeproxy

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/model/api"
)

// This file is the watch boundary: API objects become kube-proxy's own
// stripped-down view (pkg/proxy servicechangetracker.go, serviceport.go,
// endpointslicecache.go), as CoreDNS's object package does for its plugin.

// ServicePortsOf returns the service ports kube-proxy tracks for a Service,
// in spec order. ExternalName and headless Services give none: kube-proxy
// programs nothing for them. Addresses that do not parse are left out.
func ServicePortsOf(svc *api.Service) []ServicePort {
	if svc.TypeOrDefault() == api.ServiceTypeExternalName {
		return nil
	}
	cip, err := netip.ParseAddr(svc.Spec.ClusterIP)
	if err != nil {
		return nil // headless ("None") or not allocated yet
	}
	base := ServicePort{ClusterIP: cip}
	switch svc.TypeOrDefault() {
	case api.ServiceTypeNodePort:
		base.Type = ServiceTypeNodePort
	case api.ServiceTypeLoadBalancer:
		base.Type = ServiceTypeLoadBalancer
	}
	base.ExternalIPs = parseAddrs(svc.Spec.ExternalIPs)
	for _, in := range svc.Status.LoadBalancer.Ingress {
		if in.IPMode != nil && *in.IPMode != "VIP" {
			continue // ipMode Proxy: the load balancer is not bypassed
		}
		if a, err := netip.ParseAddr(in.IP); err == nil {
			base.LoadBalancerIPs = append(base.LoadBalancerIPs, a)
		}
	}
	for _, s := range svc.Spec.LoadBalancerSourceRanges {
		if p, err := netip.ParsePrefix(strings.TrimSpace(s)); err == nil {
			base.LoadBalancerSourceRanges = append(base.LoadBalancerSourceRanges, p)
		}
	}
	if svc.Spec.ExternalTrafficPolicy == "Local" {
		base.ExternalTrafficPolicy = TrafficPolicyLocal
	}
	if p := svc.Spec.InternalTrafficPolicy; p != nil && *p == "Local" {
		base.InternalTrafficPolicy = TrafficPolicyLocal
	}
	if svc.Spec.SessionAffinity == "ClientIP" {
		base.SessionAffinityClientIP = true
		if c := svc.Spec.SessionAffinityConfig; c != nil && c.ClientIP != nil && c.ClientIP.TimeoutSeconds != nil {
			base.StickyMaxAgeSeconds = int(*c.ClientIP.TimeoutSeconds)
		}
	}
	base.HealthCheckNodePort = uint16(svc.Spec.HealthCheckNodePort)
	out := make([]ServicePort, 0, len(svc.Spec.Ports))
	for _, p := range svc.Spec.Ports {
		sp := base
		sp.Name = ServicePortName{Namespace: svc.Namespace, Name: svc.Name, Port: p.Name, Protocol: protocolOf(p.Protocol)}
		sp.Port, sp.NodePort = uint16(p.Port), uint16(p.NodePort)
		out = append(out, sp)
	}
	return out
}

func parseAddrs(ss []string) []netip.Addr {
	var out []netip.Addr
	for _, s := range ss {
		if a, err := netip.ParseAddr(s); err == nil {
			out = append(out, a)
		}
	}
	return out
}

func protocolOf(s string) Protocol {
	switch s {
	case "UDP":
		return ProtocolUDP
	case "SCTP":
		return ProtocolSCTP
	}
	return ProtocolTCP
}

// SliceService returns the "namespace/name" of the Service an EndpointSlice
// belongs to (its kubernetes.io/service-name label), or "" if none.
func SliceService(es *api.EndpointSlice) string {
	name := es.Labels[api.LabelServiceName]
	if name == "" {
		return ""
	}
	return es.Namespace + "/" + name
}

// EndpointsOf merges the EndpointSlices of one Service into endpoints per
// service port, as kube-proxy's EndpointSliceCache does: every address of
// every endpoint, for every port of its slice; a nil ready or serving
// condition counts as true, a nil terminating as false. Slices of another
// address family than ipv6 says are skipped. Slices are visited in name
// order; a duplicate IP:port is resolved by the proxier.
func EndpointsOf(ns, svc string, eslices []*api.EndpointSlice, ipv6 bool) map[ServicePortName][]Endpoint {
	sorted := slices.Clone(eslices)
	slices.SortFunc(sorted, func(a, b *api.EndpointSlice) int { return strings.Compare(a.Name, b.Name) })
	out := map[ServicePortName][]Endpoint{}
	family := "IPv4"
	if ipv6 {
		family = "IPv6"
	}
	for _, es := range sorted {
		if es.AddressType != family {
			continue
		}
		for _, p := range es.Ports {
			if p.Port == nil {
				continue
			}
			name := ServicePortName{Namespace: ns, Name: svc, Protocol: ProtocolTCP}
			if p.Name != nil {
				name.Port = *p.Name
			}
			if p.Protocol != nil {
				name.Protocol = protocolOf(*p.Protocol)
			}
			for _, ep := range es.Endpoints {
				out[name] = appendEndpoint(out[name], ep, uint16(*p.Port))
			}
		}
	}
	return out
}

func appendEndpoint(out []Endpoint, ep api.Endpoint, port uint16) []Endpoint {
	c := ep.Conditions
	e := Endpoint{Port: port,
		Ready:       c.Ready == nil || *c.Ready,
		Serving:     c.Serving == nil || *c.Serving,
		Terminating: c.Terminating != nil && *c.Terminating}
	if ep.NodeName != nil {
		e.NodeName = *ep.NodeName
	}
	for _, s := range ep.Addresses {
		if a, err := netip.ParseAddr(s); err == nil {
			e.IP = a
			out = append(out, e)
		}
	}
	return out
}

// NodeOf returns kube-proxy's view of its node: the name, the first
// InternalIP of the family (then ExternalIP) as its node IP, and the
// addresses on its interfaces (loopback plus its addresses).
func NodeOf(n *api.Node, ipv6 bool) Node {
	out := Node{Name: n.Name}
	lo := netip.MustParseAddr("127.0.0.1")
	if ipv6 {
		lo = netip.IPv6Loopback()
	}
	out.Addresses = []netip.Addr{lo}
	for _, typ := range []string{"InternalIP", "ExternalIP"} {
		for _, a := range n.Status.Addresses {
			ip, err := netip.ParseAddr(a.Address)
			if a.Type != typ || err != nil || ip.Is6() != ipv6 {
				continue
			}
			if !out.IP.IsValid() {
				out.IP = ip
			}
			if !slices.Contains(out.Addresses, ip) {
				out.Addresses = append(out.Addresses, ip)
			}
		}
	}
	return out
}
