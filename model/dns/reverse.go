package dns

import (
	"net/netip"
	"slices"
	"strings"

	mdns "github.com/miekg/dns"
)

// reverseZone is CoreDNS dnsutil.IsReverse: 1 for in-addr.arpa, 2 for
// ip6.arpa, 0 otherwise.
func reverseZone(name string) int {
	switch {
	case hasSuffixFold(name, "in-addr.arpa."):
		return 1
	case hasSuffixFold(name, "ip6.arpa."):
		return 2
	}
	return 0
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// addrFromReverse is CoreDNS dnsutil.ExtractAddressFromReverse: the address
// a complete reverse name stands for.
func addrFromReverse(name string) (netip.Addr, bool) {
	var labels []string
	switch reverseZone(name) {
	case 1:
		labels = strings.Split(strings.TrimSuffix(name[:len(name)-len("in-addr.arpa.")], "."), ".")
		if len(labels) != 4 {
			return netip.Addr{}, false
		}
		slices.Reverse(labels)
		a, err := netip.ParseAddr(strings.Join(labels, "."))
		return a, err == nil && a.Is4()
	case 2:
		labels = strings.Split(strings.TrimSuffix(name[:len(name)-len("ip6.arpa.")], "."), ".")
		if len(labels) != 32 {
			return netip.Addr{}, false
		}
		var b strings.Builder
		for i := 31; i >= 0; i-- {
			if len(labels[i]) != 1 {
				return netip.Addr{}, false
			}
			b.WriteString(labels[i])
			if i%4 == 0 && i > 0 {
				b.WriteByte(':')
			}
		}
		a, err := netip.ParseAddr(b.String())
		return a, err == nil && a.Is6()
	}
	return netip.Addr{}, false
}

// reverse is CoreDNS Kubernetes.Reverse: a Service whose ClusterIP is the
// address (the first, in key order), else every ready endpoint with it.
func (k *kubernetes) reverse(st request) ([]service, error) {
	ip, ok := addrFromReverse(st.name)
	if !ok {
		_, err := k.records(st.name, len(st.zone))
		return nil, err
	}
	for _, e := range k.idx.svcByIP[ip] {
		if k.exposed != nil && !k.exposed[e.ns.name] {
			continue
		}
		return []service{{host: e.svc.Name + "." + e.svc.Namespace + ".svc." + k.primary, ttl: k.cfg.TTL}}, nil
	}
	refs := k.idx.endpointsAt(ip)
	slices.SortFunc(refs, func(a, b epRef) int {
		if c := cmpSvc(a.slice.svc, b.slice.svc); c != 0 {
			return c
		}
		if c := strings.Compare(a.slice.key.name, b.slice.key.name); c != 0 {
			return c
		}
		return int(a.i - b.i)
	})
	var out []service
	for _, r := range refs {
		if k.exposed != nil && !k.exposed[r.slice.svc.ns.name] {
			continue
		}
		host := r.slice.name(int(r.i), k.cfg.EndpointPodNames) + "." + r.slice.svc.name + "." + r.slice.svc.ns.name + ".svc." + k.primary
		out = append(out, service{host: host, ttl: k.cfg.TTL})
	}
	if len(out) == 0 {
		return nil, errNoItems
	}
	return out, nil
}

// ptr answers PTR: the names among the services, de-duplicated.
func (k *kubernetes) ptr(st request) ([]mdns.RR, error) {
	svcs, err := k.reverse(st)
	if err != nil {
		return nil, err
	}
	var records []mdns.RR
	var seen []string
	for _, s := range svcs {
		if s.ip.IsValid() || slices.Contains(seen, s.host) {
			continue
		}
		if _, err := netip.ParseAddr(s.host); err == nil {
			continue
		}
		seen = append(seen, s.host)
		records = append(records, &mdns.PTR{Hdr: hdr(st.qname, mdns.TypePTR, s.ttl), Ptr: mdns.Fqdn(s.host)})
	}
	return records, nil
}
