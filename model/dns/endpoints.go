package dns

import (
	"net/netip"
	"slices"
	"strings"
	"time"
)

// sliceEntry is an EndpointSlice as CoreDNS converts it
// (object.EndpointSliceToEndpoints): one subset, ready addresses only, the
// sentinel port -1 when the slice has no ports.
type sliceEntry struct {
	key   objKey // namespace interned
	id    uint32 // the Index's handle for it (see sliceTab)
	svc   *svcEntry
	ports []EndpointPort
	addrs []epAddr
	// names holds the addresses' hostnames and pod names, back to back
	// (one allocation per slice rather than two strings per endpoint).
	names string
	// long holds hostnames too long for epAddr.hostLen, zones the zones
	// of zoned addresses, by address index (Kubernetes allows neither
	// case; the model does).
	long, zones map[int]string
}

// epAddr is one ready address of a slice, without pointers (the GC need
// not scan a slice's addresses). Its hostname is names[off:off+hostLen]
// and its pod name (the targetRef name if shorter than 64 characters) the
// podLen bytes after it.
type epAddr struct {
	addr16
	podLen  uint8
	hostLen uint16 // longHost: see sliceEntry.long
	off     uint32
}

// ip is address i.
func (s *sliceEntry) ip(i int) netip.Addr {
	a := &s.addrs[i]
	if a.kind == addrZoned {
		return a.addr().WithZone(s.zones[i])
	}
	return a.addr()
}

const longHost = 1<<16 - 1

// hostname is the endpoint's spec hostname, may be empty.
func (s *sliceEntry) hostname(i int) string {
	a := &s.addrs[i]
	if a.hostLen == longHost {
		return s.long[i]
	}
	return s.names[a.off : a.off+uint32(a.hostLen)]
}

// podName is the targetRef name if shorter than 64 characters, else empty.
func (s *sliceEntry) podName(i int) string {
	a := &s.addrs[i]
	start := a.off
	if a.hostLen != longHost {
		start += uint32(a.hostLen)
	}
	return s.names[start : start+uint32(a.podLen)]
}

// name is CoreDNS's endpointHostname: spec hostname, else the pod name
// under endpoint_pod_names, else the dashed IP.
func (s *sliceEntry) name(i int, podNames bool) string {
	if h := s.hostname(i); h != "" {
		return h
	}
	if p := s.podName(i); podNames && p != "" {
		return p
	}
	return dashedIP(s.ip(i))
}

// nameMatches reports whether a lower-cased query label names endpoint i
// (its name compared lower-cased, case-insensitively), without building
// the name.
func (s *sliceEntry) nameMatches(i int, podNames bool, label string) bool {
	if h := s.hostname(i); h != "" {
		return matchLower(label, h)
	}
	if p := s.podName(i); podNames && p != "" {
		return matchLower(label, p)
	}
	var buf [64]byte
	d := appendDashed(buf[:0], s.ip(i))
	return label == string(d) || strings.EqualFold(label, string(d))
}

// matchLower is match(label, strings.ToLower(name)); for an ASCII name,
// which is every Kubernetes name, the case-insensitive match needs no copy.
func matchLower(label, name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return match(label, strings.ToLower(name))
		}
	}
	return match(label, name)
}

// UpsertEndpointSlice adds or replaces an EndpointSlice.
func (x *Index) UpsertEndpointSlice(at time.Time, s EndpointSlice) {
	k := objKey{x.namespace(s.Namespace).name, strings.ToLower(s.Name)}
	x.removeSlice(k)
	e := &sliceEntry{key: k, id: x.newSliceID(), svc: x.service(s.Namespace, s.ServiceName)}
	if len(s.Ports) == 0 {
		e.ports = []EndpointPort{{Port: -1}}
	} else {
		e.ports = slices.Clone(s.Ports)
		for i := range e.ports {
			if e.ports[i].Protocol == "" {
				e.ports[i].Protocol = "TCP" // the API's default
			}
		}
	}
	e.addrs, e.names = x.readyAddrs(e, s.Endpoints)
	l := e.svc.slices
	i, _ := slices.BinarySearchFunc(l, k.name, func(s *sliceEntry, n string) int { return strings.Compare(s.key.name, n) })
	e.svc.slices = slices.Insert(l, i, e)
	x.slices[k] = e
	x.sliceTab[e.id] = e
	for i, a := range e.addrs {
		x.indexEndpoint(a.addr16, epSlot{e.id, uint32(i)})
	}
	x.touch(at)
}

// readyAddrs lays out the ready addresses of eps and their names.
func (x *Index) readyAddrs(e *sliceEntry, eps []Endpoint) ([]epAddr, string) {
	n, size := 0, 0
	for _, ep := range eps {
		if ep.Conditions.isReady() && len(ep.Addresses) > 0 {
			n += len(ep.Addresses)
			size += len(ep.Hostname) + len(ep.TargetRef.Name)
		}
	}
	if n == 0 {
		return nil, ""
	}
	addrs := make([]epAddr, 0, n)
	var names strings.Builder
	names.Grow(size)
	for _, ep := range eps {
		if !ep.Conditions.isReady() || len(ep.Addresses) == 0 {
			continue
		}
		a := epAddr{off: uint32(names.Len())}
		if len(ep.Hostname) < longHost {
			a.hostLen = uint16(len(ep.Hostname))
			names.WriteString(ep.Hostname)
		} else {
			a.hostLen = longHost
			if e.long == nil {
				e.long = map[int]string{}
			}
		}
		if len(ep.TargetRef.Name) < 64 {
			a.podLen = uint8(len(ep.TargetRef.Name))
			names.WriteString(ep.TargetRef.Name)
		}
		for _, ip := range ep.Addresses {
			if a.hostLen == longHost {
				e.long[len(addrs)] = ep.Hostname
			}
			a.addr16 = packAddr(ip)
			if a.kind == addrZoned {
				if e.zones == nil {
					e.zones = map[int]string{}
				}
				e.zones[len(addrs)] = ip.Zone()
			}
			addrs = append(addrs, a)
		}
	}
	return addrs, names.String()
}

// DeleteEndpointSlice removes an EndpointSlice.
func (x *Index) DeleteEndpointSlice(at time.Time, namespace, name string) {
	if x.removeSlice(keyOf(namespace, name)) {
		x.touch(at)
	}
}

func (x *Index) removeSlice(k objKey) bool {
	old, ok := x.slices[k]
	if !ok {
		return false
	}
	delete(x.slices, k)
	old.svc.slices = slices.DeleteFunc(old.svc.slices, func(s *sliceEntry) bool { return s == old })
	if len(old.svc.slices) == 0 {
		old.svc.slices = nil
	}
	x.release(old.svc)
	for _, a := range old.addrs {
		x.unindexEndpoints(a.addr16, old.id)
	}
	x.sliceTab[old.id] = nil
	x.freeIDs = append(x.freeIDs, old.id)
	return true
}

// dashedIP is CoreDNS's endpointHostname fallback: dots or colons replaced
// by dashes, with a trailing dash given a 0 (IPv6 "::" at the end).
func dashedIP(a netip.Addr) string {
	var buf [64]byte
	return string(appendDashed(buf[:0], a))
}

func appendDashed(b []byte, a netip.Addr) []byte {
	start := len(b)
	b = a.AppendTo(b)
	sep := byte(':')
	if a.Is4() {
		sep = '.'
	}
	for i := start; i < len(b); i++ {
		if b[i] == sep {
			b[i] = '-'
		}
	}
	if !a.Is4() && len(b) > start && b[len(b)-1] == '-' {
		b = append(b, '0')
	}
	return b
}
