package dns

import (
	"net/netip"

	mdns "github.com/miekg/dns"
)

// addressFast answers the commonest query of a cluster, A or AAAA for
// <svc>.<ns>.svc.<zone> of a ClusterIP Service with one address of the
// family, in a single allocation. It follows the same rules as address →
// services → records → findServices, and returns nil whenever the general
// path could answer anything else (which then runs from the start).
func (k *kubernetes) addressFast(r *mdns.Msg, st *request) *mdns.Msg {
	if k.cfg.IgnoreEmptyService || isDefaultNS(st.name, st.zone) {
		return nil
	}
	req, err := parseRequest(st.name, len(st.zone))
	if err != nil || req.podOrSvc != svcLabel || req.service == "" ||
		req.endpoint != "" || req.port != "" || req.protocol != "" {
		return nil
	}
	if reverseZone(st.name) > 0 || !k.namespaceExposed(req.namespace) {
		return nil
	}
	e := k.idx.lookupService(&req)
	if e == nil || e.svc.Type == ExternalName || e.svc.Headless {
		return nil
	}
	// Every port matches a query without _port._proto labels, and a
	// Service has at least one (the sentinel): the answer is the distinct
	// ClusterIPs of the family.
	var ip netip.Addr
	for _, a := range e.svc.ClusterIPs {
		if a.Is4() != (st.qtype == mdns.TypeA) || a == ip {
			continue
		}
		if ip.IsValid() {
			return nil // two addresses of the family
		}
		ip = a
	}
	if !ip.IsValid() {
		return nil // NODATA
	}
	return addressReply(r, st.qname, ip, k.cfg.TTL)
}
