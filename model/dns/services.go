package dns

import (
	"net/netip"
	"strings"
)

// findServices is CoreDNS Kubernetes.findServices: the services matching a
// parsed name, or errNoItems.
func (k *kubernetes) findServices(r recordRequest, zone string) ([]service, error) {
	if r.service == "" {
		return nil, nil // NODATA: <ns>.svc.<zone> of an existing namespace
	}
	e := k.idx.lookupService(&r)
	if e == nil {
		return nil, errNoItems
	}
	svc := &e.svc
	slices := e.slices
	ref := ownerRef{r.service, r.namespace, zone}
	if k.cfg.IgnoreEmptyService && svc.Type != ExternalName && !svc.Headless && countAddrs(slices) == 0 {
		return nil, errNoItems
	}

	// ExternalName: a CNAME, never endpoints, ports or protocols below it.
	// An externalName that is an IP address is not served (NXDOMAIN).
	if svc.Type == ExternalName {
		if r.endpoint != "" || r.port != "" || r.protocol != "" {
			return nil, errNoItems
		}
		if _, err := netip.ParseAddr(svc.ExternalName); err == nil {
			return nil, errNoItems
		}
		return []service{{host: svc.ExternalName, ttl: k.cfg.TTL, ref: ref}}, nil
	}

	// Endpoint query or headless service: one service per ready address
	// and matching port, named after the endpoint.
	if svc.Headless || r.endpoint != "" {
		out := k.newServices(countAddrs(slices))
		for _, s := range slices {
			for i := range s.addrs {
				if r.endpoint != "" && !s.nameMatches(i, k.cfg.EndpointPodNames, r.endpoint) {
					continue
				}
				ip := s.ip(i)
				for _, p := range s.ports {
					if !matchPortAndProtocol(r.port, p.Name, r.protocol, p.Protocol) {
						continue
					}
					out = append(out, service{ip: ip, port: p.Port, ttl: k.cfg.TTL,
						ep: s, epIndex: int32(i), podNames: k.cfg.EndpointPodNames, ref: ref})
				}
			}
		}
		if len(out) == 0 {
			return nil, errNoItems
		}
		return out, nil
	}

	// ClusterIP service: one service per matching port and ClusterIP.
	out := k.newServices(len(e.ports) * len(svc.ClusterIPs))
	found := false
	for _, p := range e.ports {
		if !matchPortAndProtocol(r.port, p.Name, r.protocol, p.Protocol) {
			continue
		}
		found = true
		for _, ip := range svc.ClusterIPs {
			out = append(out, service{ip: ip, port: p.Port, ttl: k.cfg.TTL, ref: ref})
		}
	}
	if !found {
		return nil, errNoItems
	}
	return out, nil
}

func countAddrs(ss []*sliceEntry) int {
	n := 0
	for _, s := range ss {
		n += len(s.addrs)
	}
	return n
}

// match compares labels case-insensitively.
func match(a, b string) bool { return a == b || strings.EqualFold(a, b) }

// matchPortAndProtocol lets an empty port or protocol in the query match any.
func matchPortAndProtocol(aPort, bPort, aProto, bProto string) bool {
	return (aPort == "" || match(aPort, bPort)) && (aProto == "" || match(aProto, bProto))
}

// nsAddrs is CoreDNS nsAddrs: the addresses of the Services whose endpoints
// are the CoreDNS pod's own IPs (kube-dns in kube-system), named
// <svc>.<ns>.svc.<zone>; without such an endpoint, ns.dns.<zone> with the
// local IPs.
func (k *kubernetes) nsAddrs(zone string) []service {
	var out []service
	found := false
	for _, ip := range k.localIPs {
		for _, ref := range k.idx.endpointsAt(ip) {
			found = true
			e := ref.slice.svc
			if !e.has {
				continue
			}
			name := e.svc.Name + "." + e.svc.Namespace + "." + svcLabel + "." + zone
			if e.svc.Headless {
				for i := range ref.slice.addrs {
					out = append(out, service{ip: ref.slice.ip(i), ttl: k.cfg.TTL, owner: ref.slice.name(i, k.cfg.EndpointPodNames) + "." + name})
				}
				continue
			}
			for _, cip := range e.svc.ClusterIPs {
				out = append(out, service{ip: cip, ttl: k.cfg.TTL, owner: name})
			}
		}
	}
	if !found {
		for _, ip := range k.localIPs {
			out = append(out, service{ip: ip, ttl: k.cfg.TTL, owner: defaultNSName + zone})
		}
	}
	return out
}
