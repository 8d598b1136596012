package dns

import (
	"math"
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"
)

// This file is CoreDNS plugin/backend_lookup.go for the kubernetes backend:
// it turns the services a name stands for into resource records.

// request is CoreDNS request.Request reduced to what the lookups read.
type request struct {
	qname string // as asked (case kept in answers)
	name  string // lower-cased qname
	qtype uint16
	zone  string // the matched zone, spelled as in qname
}

func (st request) with(qname string, qtype uint16) request {
	qname = mdns.Fqdn(qname)
	return request{qname: qname, name: strings.ToLower(qname), qtype: qtype, zone: st.zone}
}

// services is CoreDNS Kubernetes.Services: the special cases for TXT, NS and
// ns.dns.<zone>, then Records; SRV drops ExternalName (CNAME) services.
func (k *kubernetes) services(st request) ([]service, error) {
	switch st.qtype {
	case mdns.TypeTXT:
		if trimZone(st.name, len(st.zone)) == "dns-version" {
			return []service{{text: DNSSchemaVersion, ttl: dnsVersionTTL, owner: st.qname}}, nil
		}
		// An existing name of another type: NOERROR, empty. Anything else,
		// even an existing namespace or the apex, is NXDOMAIN for TXT.
		if s, _ := k.records(st.name, len(st.zone)); len(s) > 0 {
			return nil, nil
		}
		return nil, errNoItems
	case mdns.TypeNS:
		return k.nsAddrs(st.zone), nil
	}
	if isDefaultNS(st.name, st.zone) {
		var out []service
		for _, s := range k.nsAddrs(st.zone) {
			if (s.ip.Is4() && st.qtype == mdns.TypeA) || (!s.ip.Is4() && st.qtype == mdns.TypeAAAA) {
				s.owner, s.ep, s.ref = st.qname, nil, ownerRef{}
				out = append(out, s)
			}
		}
		return out, nil
	}
	s, err := k.records(st.name, len(st.zone))
	if st.qtype != mdns.TypeSRV {
		return s, err
	}
	internal := s[:0:0]
	for _, v := range s {
		if v.hostType() != mdns.TypeCNAME {
			internal = append(internal, v)
		}
	}
	return internal, err
}

// isDefaultNS is CoreDNS's (case-sensitive against the zone as asked).
func isDefaultNS(name, zone string) bool {
	return strings.HasPrefix(name, defaultNSName) && strings.Index(name, zone) == len(defaultNSName)
}

// maxCNAMEChain: CoreDNS stops adding CNAMEs once 8 are in the chain.
const maxCNAMEChain = 7

// address answers A (want = TypeA) or AAAA, chasing ExternalName CNAMEs:
// inside the zone through the plugin itself, outside through lookup
// (the server's own plugin chain, so cache and forward).
func (k *kubernetes) address(st request, prev []mdns.RR, lookup lookupFunc) (records []mdns.RR, tc bool, err error) {
	svcs, err := k.services(st)
	if err != nil {
		return nil, false, err
	}
	var seenBuf [8]netip.Addr
	seen := seenBuf[:0]
	slab := addrSlab{hint: len(svcs)}
	for i := range svcs {
		s := &svcs[i]
		switch what := s.hostType(); what {
		case mdns.TypeCNAME:
			rr, next, ntc, ok := k.chase(st, s, prev, lookup)
			tc = tc || ntc
			if ok {
				records = append(records, rr)
				records = append(records, next...)
			}
		case st.qtype:
			if !containsAddr(seen, s.ip) {
				seen = append(seen, s.ip)
				if records == nil {
					records = make([]mdns.RR, 0, len(svcs))
				}
				records = append(records, slab.new(st.qname, s.ip, s.ttl))
			}
		}
	}
	return records, tc, nil
}

// chase follows one CNAME for A, AAAA or TXT. ok is false when the CNAME is
// dropped: a direct loop, a chain longer than 8, a repeat, or an in-zone
// target with no records of the type.
func (k *kubernetes) chase(st request, s *service, prev []mdns.RR, lookup lookupFunc) (cname *mdns.CNAME, next []mdns.RR, tc, ok bool) {
	target := mdns.Fqdn(s.host)
	if nameMatches(st.name, target) {
		return nil, nil, false, false // x CNAME x
	}
	cname = &mdns.CNAME{Hdr: hdr(st.qname, mdns.TypeCNAME, s.ttl), Target: target}
	if len(prev) > maxCNAMEChain || duplicateCNAME(cname, prev) {
		return nil, nil, false, false
	}
	if isSubDomain(st.zone, target) {
		chain := append(prev[:len(prev):len(prev)], cname)
		st1 := st.with(target, st.qtype)
		var err error
		if st.qtype == mdns.TypeTXT {
			next, tc, err = k.txt(st1, chain, lookup)
		} else {
			next, tc, err = k.address(st1, chain, lookup)
		}
		return cname, next, tc, err == nil && len(next) > 0
	}
	m := lookup.lookup(target, st.qtype)
	if m == nil {
		return nil, nil, false, false
	}
	return cname, m.Answer, m.Truncated, true
}

// txt answers TXT: dns-version, or a CNAME chase for ExternalName.
func (k *kubernetes) txt(st request, prev []mdns.RR, lookup lookupFunc) (records []mdns.RR, tc bool, err error) {
	svcs, err := k.services(st)
	if err != nil {
		return nil, false, err
	}
	for i := range svcs {
		s := &svcs[i]
		switch s.hostType() {
		case mdns.TypeCNAME:
			rr, next, ntc, ok := k.chase(st, s, prev, lookup)
			tc = tc || ntc
			if ok {
				records = append(records, rr)
				records = append(records, next...)
			}
		case mdns.TypeTXT:
			records = append(records, &mdns.TXT{Hdr: hdr(st.qname, mdns.TypeTXT, s.ttl), Txt: []string{s.text}})
		}
	}
	return records, tc, nil
}

// cname answers a CNAME query: the first service, if it is a name.
func (k *kubernetes) cname(st request) ([]mdns.RR, error) {
	svcs, err := k.services(st)
	if err != nil || len(svcs) == 0 {
		return nil, err
	}
	if s := svcs[0]; s.hostType() == mdns.TypeCNAME {
		return []mdns.RR{&mdns.CNAME{Hdr: hdr(st.qname, mdns.TypeCNAME, s.ttl), Target: mdns.Fqdn(s.host)}}, nil
	}
	return nil, nil
}

// srv answers SRV: weight floor(100/N) at priority 0, targets named after
// the service or endpoint, their addresses in Additional. Port -1 (no ports)
// is skipped.
func (k *kubernetes) srv(st request) (records, extra []mdns.RR, err error) {
	svcs, err := k.services(st)
	if err != nil {
		return nil, nil, err
	}
	total := 100 * len(svcs)
	type seenKey struct {
		name string
		port int32
		ip   netip.Addr
	}
	var seen []seenKey
	has := func(x seenKey) bool {
		for _, y := range seen {
			if y == x {
				return true
			}
		}
		seen = append(seen, x)
		return false
	}
	for i := range svcs {
		s := &svcs[i]
		if s.port == -1 {
			continue
		}
		weight := uint16(math.Floor(100.0 / float64(total) * 100))
		if weight == 0 {
			weight = 1
		}
		target := mdns.Fqdn(s.ownerName())
		if !has(seenKey{name: target, port: s.port}) {
			records = append(records, &mdns.SRV{Hdr: hdr(st.qname, mdns.TypeSRV, s.ttl),
				Priority: 0, Weight: weight, Port: uint16(s.port), Target: target})
		}
		if !has(seenKey{name: target, port: -2, ip: s.ip}) {
			extra = append(extra, newAddress(target, s.ip, s.ttl))
		}
	}
	return records, extra, nil
}

// ns answers the zone apex NS query, with glue in Additional.
func (k *kubernetes) ns(st request) (records, extra []mdns.RR) {
	for _, s := range k.nsAddrs(st.zone) {
		target := mdns.Fqdn(s.ownerName())
		extra = append(extra, newAddress(target, s.ip, s.ttl))
		dup := false
		for _, r := range records {
			dup = dup || r.(*mdns.NS).Ns == target
		}
		if !dup {
			records = append(records, &mdns.NS{Hdr: hdr(st.qname, mdns.TypeNS, s.ttl), Ns: target})
		}
	}
	return records, extra
}

// soa is the zone's SOA: RR TTL min(ttl, 300), minimum = ttl, serial = the
// Unix time of the last change seen.
func (k *kubernetes) soa(zone string) *mdns.SOA {
	ttl := min(k.cfg.TTL, 300)
	return &mdns.SOA{Hdr: hdr(zone, mdns.TypeSOA, ttl),
		Ns: defaultNSName + zone, Mbox: hostmaster + "." + zone,
		Serial: uint32(k.idx.modified), Refresh: 7200, Retry: 1800, Expire: 86400, Minttl: k.cfg.TTL}
}

func hdr(name string, t uint16, ttl uint32) mdns.RR_Header {
	return mdns.RR_Header{Name: name, Rrtype: t, Class: mdns.ClassINET, Ttl: ttl}
}

func containsAddr(l []netip.Addr, a netip.Addr) bool {
	for _, b := range l {
		if a == b {
			return true
		}
	}
	return false
}

// nameMatches is CoreDNS plugin.Name.Matches: child equals or is below n.
func nameMatches(n, child string) bool {
	return n == child || mdns.IsSubDomain(n, child)
}

// duplicateCNAME is CoreDNS dnsutil.DuplicateCNAME.
func duplicateCNAME(r *mdns.CNAME, records []mdns.RR) bool {
	for _, rec := range records {
		if v, ok := rec.(*mdns.CNAME); ok && v.Hdr.Name == r.Hdr.Name && v.Target == r.Target {
			return true
		}
	}
	return false
}
