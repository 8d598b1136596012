package dns

import (
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"
)

// svcSlot is a value of the Index's services map: the entry, plus a copy
// of what the commonest query (A or AAAA of a ClusterIP Service) needs,
// so that answering it reads the map and nothing else of the index.
type svcSlot struct {
	e  *svcEntry
	ns *nsEntry // e.ns
	// nameLen is the length of the Service's lower-cased name in the key;
	// 0 when no fast answer is possible (no Service, not a plain ClusterIP
	// Service, an unusual key).
	nameLen uint16
	fast    uint8 // fast4, fast6: v4, v6 is the only address of its family
	v4      [4]byte
	v6      [16]byte
}

const (
	fast4        = 1 << iota
	fast6        // see fast4
	fastHeadless // a headless Service: its ready addresses
)

// slot is the map value for e.
func (e *svcEntry) slot() svcSlot {
	s := svcSlot{e: e, ns: e.ns}
	if !e.has || e.svc.Type == ExternalName || e.key[0] == 0 || len(e.name) >= 1<<16 {
		return s
	}
	if e.svc.Headless {
		s.fast, s.nameLen = fastHeadless, uint16(len(e.name))
		return s
	}
	var n4, n6 int
	var a4, a6 netip.Addr
	for _, ip := range e.svc.ClusterIPs {
		switch {
		case !ip.IsValid():
			return s // the general path's business
		case ip.Is4() && ip != a4:
			n4++
			a4 = ip
		case !ip.Is4() && ip != a6:
			n6++
			a6 = ip
		}
	}
	if n4 == 1 {
		s.fast |= fast4
		s.v4 = a4.As4()
	}
	if n6 == 1 && a6.Zone() == "" {
		s.fast |= fast6
		s.v6 = a6.As16()
	}
	if s.fast != 0 {
		s.nameLen = uint16(len(e.name))
	}
	return s
}

// addressFast answers the commonest query of a cluster, A or AAAA for
// <svc>.<ns>.svc.<zone> of a ClusterIP Service with one address of the
// family, in a single allocation and one map lookup. It follows the same
// rules as address → services → records → findServices, and returns nil
// whenever the general path could answer anything else (which then runs
// from the start).
func (k *kubernetes) addressFast(r *mdns.Msg, st *request) *mdns.Msg {
	if k.cfg.IgnoreEmptyService {
		return nil
	}
	key, nameLen, ok := fastSvcKey(st.name, len(st.zone))
	if !ok || isDefaultNS(st.name, st.zone) || reverseZone(st.name) > 0 {
		return nil
	}
	s := k.idx.services[key]
	if int(s.nameLen) != nameLen || !s.ns.exists || (k.exposed != nil && !k.exposed[s.ns.name]) {
		return nil
	}
	// Every port matches a query without _port._proto labels, and a
	// Service has at least one (the sentinel): the answer is the distinct
	// ClusterIPs of the family.
	switch {
	case s.fast&fastHeadless != 0:
		return k.headlessFast(r, st, s.e)
	case st.qtype == mdns.TypeA && s.fast&fast4 != 0:
		return addressReply(r, st.qname, netip.AddrFrom4(s.v4), k.cfg.TTL)
	case st.qtype == mdns.TypeAAAA && s.fast&fast6 != 0:
		return addressReply(r, st.qname, netip.AddrFrom16(s.v6), k.cfg.TTL)
	}
	return nil
}

// headlessFast answers A or AAAA for a headless Service: its distinct
// ready addresses of the family, in slice and endpoint order (what
// findServices lists for every port, de-duplicated by address). No
// address of the family, none at all, or an invalid one (which the general
// path takes for a name) is the general path's to answer.
func (k *kubernetes) headlessFast(r *mdns.Msg, st *request, e *svcEntry) *mdns.Msg {
	want4 := st.qtype == mdns.TypeA
	n := 0
	for _, sl := range e.slices {
		for i := range sl.addrs {
			switch kind := sl.addrs[i].kind; {
			case kind == addrInvalid:
				return nil
			case (kind == addrV4) == want4:
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	slab := addrSlab{hint: n}
	records := make([]mdns.RR, 0, n)
	var seenBuf [16]netip.Addr
	seen := seenBuf[:0]
	for _, sl := range e.slices {
		for i := range sl.addrs {
			ip := sl.ip(i)
			if ip.Is4() != want4 || containsAddr(seen, ip) {
				continue
			}
			seen = append(seen, ip)
			records = append(records, slab.new(st.qname, ip, k.cfg.TTL))
		}
	}
	m := newReply(r)
	m.Authoritative = true
	m.Answer = records
	return m
}

// fastSvcKey is parseRequest for the plain names "<service>.<namespace>.svc"
// below the zone, without escapes: the services key and the length of the
// service label. ok is false for any other name.
func fastSvcKey(name string, zoneLen int) (key string, nameLen int, ok bool) {
	base := trimZone(name, zoneLen)
	if !strings.HasSuffix(base, "."+svcLabel) {
		return "", 0, false
	}
	key = base[:len(base)-len(svcLabel)-1]
	i := strings.IndexByte(key, '.')
	if i <= 0 || i == len(key)-1 || strings.IndexByte(key[i+1:], '.') >= 0 || strings.IndexByte(key, '\\') >= 0 {
		return "", 0, false
	}
	return key, i, true
}
