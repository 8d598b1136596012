package dns

import (
	"strings"

	mdns "github.com/miekg/dns"
)

// serve is CoreDNS Kubernetes.ServeDNS. Each branch is one rule of the real
// handler (plugin/kubernetes/handler.go).
func (k *kubernetes) serve(c *call, r *mdns.Msg) *mdns.Msg {
	q := r.Question[0]
	zone := matchZone(k.cfg.Zones, q.Name)
	if zone == "" {
		return c.next(k, r) // not ours: the next plugin (forward)
	}
	if c.depth == 0 {
		k.scratchTaken = false // a new query: the scratch is free again
	}
	st := request{qname: q.Name, name: c.lowerName(r), qtype: q.Qtype, zone: q.Name[len(q.Name)-len(zone):]}
	lookup := c

	var (
		records, extra []mdns.RR
		tc             bool
		err            error
	)
	switch q.Qtype {
	case mdns.TypeA, mdns.TypeAAAA:
		if !k.slowOnly {
			if m := k.addressFast(r, &st); m != nil {
				return m
			}
		}
		records, tc, err = k.address(st, nil, lookup)
	case mdns.TypeTXT:
		records, tc, err = k.txt(st, nil, lookup)
	case mdns.TypeCNAME:
		records, err = k.cname(st)
	case mdns.TypePTR:
		records, err = k.ptr(st)
	case mdns.TypeMX:
		// No Service is a mail exchanger: the lookup only decides between
		// NODATA and NXDOMAIN.
		_, err = k.services(st)
	case mdns.TypeSRV:
		records, extra, err = k.srv(st)
	case mdns.TypeSOA:
		// SOA only at the apex; any other name is NODATA, existing or not.
		if q.Name == st.zone {
			records = []mdns.RR{k.soa(st.zone)}
		}
	case mdns.TypeAXFR, mdns.TypeIXFR:
		return rcodeOnly(r, mdns.RcodeRefused)
	case mdns.TypeNS:
		if st.name == st.zone {
			records, extra = k.ns(st)
			break
		}
		fallthrough
	default:
		// A hidden A lookup tells NODATA (name exists) from NXDOMAIN.
		fake := st
		fake.qtype = mdns.TypeA
		_, _, err = k.address(fake, nil, lookup)
	}

	if isNameError(err) {
		if k.fallthroughFor(st.name) {
			return c.next(k, r)
		}
		if !k.idx.synced {
			return k.backendError(r, st.zone, mdns.RcodeServerFailure)
		}
		return k.backendError(r, st.zone, mdns.RcodeNameError)
	}
	if err != nil {
		return rcodeOnly(r, mdns.RcodeServerFailure)
	}
	if len(records) == 0 {
		return k.backendError(r, st.zone, mdns.RcodeSuccess) // NODATA
	}
	m := newReply(r)
	m.Truncated = tc
	m.Authoritative = true
	m.Answer = records
	m.Extra = extra
	return m
}

// backendError is CoreDNS plugin.BackendError: the rcode, aa, and the zone's
// SOA in Authority.
func (k *kubernetes) backendError(r *mdns.Msg, zone string, rcode int) *mdns.Msg {
	m := newReply(r)
	m.Rcode = rcode
	m.Authoritative = true
	m.Ns = []mdns.RR{k.soa(zone)}
	return m
}

func (k *kubernetes) fallthroughFor(name string) bool {
	return k.cfg.Fallthrough != nil && matchZone(k.cfg.Fallthrough, name) != ""
}

// matchZone is CoreDNS plugin.Zones.Matches: the longest zone qname is in.
func matchZone(zones []string, qname string) string {
	zone := ""
	for _, z := range zones {
		if len(z) > len(zone) && isSubDomain(z, qname) {
			zone = z
		}
	}
	return zone
}

// isSubDomain is dns.IsSubDomain (case-insensitive, whole labels) without
// allocating: child equals parent or ends in "." + parent.
func isSubDomain(parent, child string) bool {
	if parent == "." {
		return true
	}
	if len(child) < len(parent) {
		return false
	}
	if tail := child[len(child)-len(parent):]; tail != parent && !strings.EqualFold(tail, parent) {
		return false
	}
	i := len(child) - len(parent)
	return i == 0 || (child[i-1] == '.' && !escaped(child, i-1))
}

// rcodeOnly is the reply CoreDNS's server writes when a plugin returns an
// error rcode without writing: the rcode and nothing else.
func rcodeOnly(r *mdns.Msg, rcode int) *mdns.Msg {
	m := newReply(r)
	m.Rcode = rcode
	return m
}
