package dns

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// Index is the plugin's view of the cluster: CoreDNS's informer caches and
// their indexes (SvcIndex, SvcIndexReverse, EpIndex, EpIndexReverse,
// PodIndex), kept as maps so that a query and an update of one object are
// O(objects with that key), never a scan of the cluster.
//
// Index is owned by one component (the DNS model); it is not safe for
// concurrent use. The zero value is not usable: call NewIndex.
type Index struct {
	namespaces map[string]struct{}
	services   map[objKey]*svcEntry
	slices     map[objKey]*sliceEntry
	bySvc      map[objKey][]*sliceEntry // a Service's slices, sorted by slice name
	svcByIP    map[netip.Addr][]objKey  // ClusterIP -> Services
	epByIP     map[netip.Addr][]epRef   // ready endpoint address -> endpoints
	pods       map[objKey]*Pod
	podsByIP   map[netip.Addr][]objKey
	modified   int64
	synced     bool
}

type svcEntry struct {
	svc   Service
	ports []ServicePort // spec ports, or the sentinel port -1
}

// sliceEntry is an EndpointSlice as CoreDNS converts it
// (object.EndpointSliceToEndpoints): one subset, ready addresses only, the
// sentinel port -1 when the slice has no ports.
type sliceEntry struct {
	key   objKey
	svc   objKey
	ports []EndpointPort
	addrs []epAddr
}

type epAddr struct {
	ip        netip.Addr
	hostname  string // spec hostname, may be empty
	podName   string // targetRef name if shorter than 64 characters
	dashed    string // dashed IP, the default hostname
	nodeName  string
	hostLower string // hostname(false) lower-cased for matching
}

type epRef struct {
	slice *sliceEntry
	i     int
}

// NewIndex returns an empty index that has synced with the API (see
// SetSynced).
func NewIndex() *Index {
	return &Index{
		namespaces: map[string]struct{}{},
		services:   map[objKey]*svcEntry{},
		slices:     map[objKey]*sliceEntry{},
		bySvc:      map[objKey][]*sliceEntry{},
		svcByIP:    map[netip.Addr][]objKey{},
		epByIP:     map[netip.Addr][]epRef{},
		pods:       map[objKey]*Pod{},
		podsByIP:   map[netip.Addr][]objKey{},
		synced:     true,
	}
}

// SetSynced sets whether the API watches have synced. Until they have,
// CoreDNS answers SERVFAIL where it would answer NXDOMAIN.
func (x *Index) SetSynced(b bool) { x.synced = b }

// Modified is the Unix time of the last change seen, used as SOA serial.
func (x *Index) Modified() int64 { return x.modified }

func (x *Index) touch(at time.Time) { x.modified = at.Unix() }

// AddNamespace records that a namespace exists.
func (x *Index) AddNamespace(at time.Time, name string) {
	x.namespaces[strings.ToLower(name)] = struct{}{}
	x.touch(at)
}

// DeleteNamespace forgets a namespace (its objects are the caller's to delete).
func (x *Index) DeleteNamespace(at time.Time, name string) {
	delete(x.namespaces, strings.ToLower(name))
	x.touch(at)
}

func (x *Index) namespaceExists(ns string) bool {
	_, ok := x.namespaces[ns]
	return ok
}

// UpsertService adds or replaces a Service.
func (x *Index) UpsertService(at time.Time, s Service) {
	k := keyOf(s.Namespace, s.Name)
	if old, ok := x.services[k]; ok {
		x.unindexClusterIPs(k, old.svc.ClusterIPs)
	}
	e := &svcEntry{svc: s, ports: slices.Clone(s.Ports)}
	if len(e.ports) == 0 {
		e.ports = []ServicePort{{Port: -1}}
	}
	for i := range e.ports {
		if e.ports[i].Protocol == "" && e.ports[i].Port != -1 {
			e.ports[i].Protocol = "TCP" // the API's default
		}
	}
	x.services[k] = e
	for _, ip := range s.ClusterIPs {
		l := x.svcByIP[ip]
		i, _ := slices.BinarySearchFunc(l, k, cmpKey)
		x.svcByIP[ip] = slices.Insert(l, i, k)
	}
	x.touch(at)
}

// DeleteService removes a Service; deleting a missing one is a no-op.
func (x *Index) DeleteService(at time.Time, namespace, name string) {
	k := keyOf(namespace, name)
	old, ok := x.services[k]
	if !ok {
		return
	}
	x.unindexClusterIPs(k, old.svc.ClusterIPs)
	delete(x.services, k)
	x.touch(at)
}

func (x *Index) unindexClusterIPs(k objKey, ips []netip.Addr) {
	for _, ip := range ips {
		l := slices.DeleteFunc(x.svcByIP[ip], func(o objKey) bool { return o == k })
		if len(l) == 0 {
			delete(x.svcByIP, ip)
			continue
		}
		x.svcByIP[ip] = l
	}
}

// UpsertEndpointSlice adds or replaces an EndpointSlice.
func (x *Index) UpsertEndpointSlice(at time.Time, s EndpointSlice) {
	k := keyOf(s.Namespace, s.Name)
	x.removeSlice(k)
	e := &sliceEntry{key: k, svc: keyOf(s.Namespace, s.ServiceName)}
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
	for _, ep := range s.Endpoints {
		if !ep.Conditions.isReady() {
			continue
		}
		for _, ip := range ep.Addresses {
			a := epAddr{ip: ip, hostname: ep.Hostname, dashed: dashedIP(ip), nodeName: ep.NodeName}
			if len(ep.TargetRef.Name) < 64 {
				a.podName = ep.TargetRef.Name
			}
			a.hostLower = strings.ToLower(a.name(false))
			e.addrs = append(e.addrs, a)
		}
	}
	x.slices[k] = e
	l := x.bySvc[e.svc]
	i, _ := slices.BinarySearchFunc(l, k.name, func(s *sliceEntry, n string) int { return strings.Compare(s.key.name, n) })
	x.bySvc[e.svc] = slices.Insert(l, i, e)
	for i, a := range e.addrs {
		x.epByIP[a.ip] = append(x.epByIP[a.ip], epRef{e, i})
	}
	x.touch(at)
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
	l := slices.DeleteFunc(x.bySvc[old.svc], func(s *sliceEntry) bool { return s == old })
	if len(l) == 0 {
		delete(x.bySvc, old.svc)
	} else {
		x.bySvc[old.svc] = l
	}
	for _, a := range old.addrs {
		r := slices.DeleteFunc(x.epByIP[a.ip], func(r epRef) bool { return r.slice == old })
		if len(r) == 0 {
			delete(x.epByIP, a.ip)
		} else {
			x.epByIP[a.ip] = r
		}
	}
	return true
}

// UpsertPod adds or replaces a Pod (only read under `pods verified`).
func (x *Index) UpsertPod(at time.Time, p Pod) {
	k := keyOf(p.Namespace, p.Name)
	x.DeletePod(at, p.Namespace, p.Name)
	cp := p
	cp.IPs = slices.Clone(p.IPs)
	x.pods[k] = &cp
	for _, ip := range cp.IPs {
		x.podsByIP[ip] = append(x.podsByIP[ip], k)
	}
	x.touch(at)
}

// DeletePod removes a Pod.
func (x *Index) DeletePod(at time.Time, namespace, name string) {
	k := keyOf(namespace, name)
	old, ok := x.pods[k]
	if !ok {
		return
	}
	delete(x.pods, k)
	for _, ip := range old.IPs {
		l := slices.DeleteFunc(x.podsByIP[ip], func(o objKey) bool { return o == k })
		if len(l) == 0 {
			delete(x.podsByIP, ip)
		} else {
			x.podsByIP[ip] = l
		}
	}
	x.touch(at)
}

// name is CoreDNS's endpointHostname: spec hostname, else the pod name
// under endpoint_pod_names, else the dashed IP.
func (a *epAddr) name(podNames bool) string {
	if a.hostname != "" {
		return a.hostname
	}
	if podNames && a.podName != "" {
		return a.podName
	}
	return a.dashed
}

func cmpKey(a, b objKey) int {
	return cmp.Or(strings.Compare(a.ns, b.ns), strings.Compare(a.name, b.name))
}
