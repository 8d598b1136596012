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
// The layout is chosen for a cluster of 10,000 Services and 100,000
// endpoints: a query finds its Service with one map lookup keyed by the
// "<service>.<namespace>" part of the query name itself; an endpoint is a
// small pointer-light record whose names live in one string per slice; the
// dashed-IP hostname and lower-cased copies are computed when asked for.
//
// Index is owned by one component (the DNS model); it is not safe for
// concurrent use. The zero value is not usable: call NewIndex.
type Index struct {
	// namespaces holds every namespace name seen, existing or not (objects
	// may name a namespace before it exists or after it is gone); entries
	// are never removed, so Services can hold a pointer to theirs.
	namespaces map[string]*nsEntry
	// services holds a Service or the slices that name it, by svcKey.
	services map[string]svcSlot
	slices   map[objKey]*sliceEntry
	svcByIP  map[netip.Addr][]*svcEntry // ClusterIP -> Services, by namespace/name
	epByIP   map[addr16]epSlot          // ready endpoint address -> first endpoint
	epMore   map[addr16][]epSlot        // -> the others (see endpointsAt)
	sliceTab []*sliceEntry              // slices by id (epSlot.slice), nil if free
	freeIDs  []uint32
	pods     map[objKey]*Pod
	podsByIP map[netip.Addr][]objKey
	modified int64
	synced   bool
}

// nsEntry is one namespace name, interned.
type nsEntry struct {
	name   string // lower-cased
	exists bool
}

// svcEntry is a Service, or only the slices that name a Service not (yet)
// seen. svc.Name and svc.Namespace share key's memory when their case
// allows; svc.Ports is nil (ports holds them, normalised).
type svcEntry struct {
	key    string // svcKey(name, namespace)
	name   string // lower-cased name, a part of key
	ns     *nsEntry
	has    bool // the Service exists
	svc    Service
	ports  []ServicePort // spec ports, or the sentinel port -1
	slices []*sliceEntry // sorted by slice name
}

// svcKey is the services map key: "<name>.<namespace>" lower-cased, the
// very bytes of a query name between the endpoint and "svc" labels, so a
// query looks its Service up without building a key. Kubernetes names
// never contain a dot; a name that does gets a key no query can produce.
func svcKey(name, ns string) string {
	name, ns = strings.ToLower(name), strings.ToLower(ns)
	if strings.ContainsAny(name, ".\x00") || strings.ContainsAny(ns, ".\x00") {
		return "\x00" + name + "\x00" + ns
	}
	return name + "." + ns
}

// NewIndex returns an empty index that has synced with the API (see
// SetSynced).
func NewIndex() *Index {
	return &Index{
		namespaces: map[string]*nsEntry{},
		services:   map[string]svcSlot{},
		slices:     map[objKey]*sliceEntry{},
		svcByIP:    map[netip.Addr][]*svcEntry{},
		epByIP:     map[addr16]epSlot{},
		epMore:     map[addr16][]epSlot{},
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

// namespace returns the interned entry for a namespace name.
func (x *Index) namespace(name string) *nsEntry {
	if n, ok := x.namespaces[name]; ok {
		return n
	}
	l := strings.ToLower(name)
	n, ok := x.namespaces[l]
	if !ok {
		n = &nsEntry{name: strings.Clone(l)}
		x.namespaces[n.name] = n
	}
	return n
}

// AddNamespace records that a namespace exists.
func (x *Index) AddNamespace(at time.Time, name string) {
	x.namespace(name).exists = true
	x.touch(at)
}

// DeleteNamespace forgets a namespace (its objects are the caller's to delete).
func (x *Index) DeleteNamespace(at time.Time, name string) {
	if n, ok := x.namespaces[strings.ToLower(name)]; ok {
		n.exists = false
	}
	x.touch(at)
}

func (x *Index) namespaceExists(ns string) bool {
	n, ok := x.namespaces[ns]
	return ok && n.exists
}

// service returns the entry for a Service, creating an empty one.
func (x *Index) service(namespace, name string) *svcEntry {
	k := svcKey(name, namespace)
	if s, ok := x.services[k]; ok {
		return s.e
	}
	ns := x.namespace(namespace)
	e := &svcEntry{key: k, ns: ns}
	if k[0] == 0 {
		e.name = strings.ToLower(name)
	} else {
		e.name = k[:len(k)-len(ns.name)-1]
	}
	x.services[k] = svcSlot{e: e}
	return e
}

// lookupService returns the existing Service a parsed query name names.
func (x *Index) lookupService(r *recordRequest) *svcEntry {
	e := x.services[r.svcKey].e
	if e == nil || !e.has || e.name != r.service || e.ns.name != r.namespace {
		return nil
	}
	return e
}

// release drops an entry that has neither a Service nor slices.
func (x *Index) release(e *svcEntry) {
	if !e.has && len(e.slices) == 0 {
		delete(x.services, e.key)
	}
}

// UpsertService adds or replaces a Service.
func (x *Index) UpsertService(at time.Time, s Service) {
	e := x.service(s.Namespace, s.Name)
	if e.has {
		x.unindexClusterIPs(e)
	}
	e.has = true
	// Share the key's bytes when the spelling is the same.
	if s.Name == e.name {
		s.Name = e.name
	}
	if s.Namespace == e.ns.name {
		s.Namespace = e.ns.name
	}
	e.ports = slices.Clone(s.Ports)
	s.Ports = nil
	s.ClusterIPs = slices.Clone(s.ClusterIPs)
	e.svc = s
	if len(e.ports) == 0 {
		e.ports = []ServicePort{{Port: -1}}
	}
	for i := range e.ports {
		if e.ports[i].Protocol == "" && e.ports[i].Port != -1 {
			e.ports[i].Protocol = "TCP" // the API's default
		}
	}
	x.services[e.key] = e.slot()
	for _, ip := range s.ClusterIPs {
		l := x.svcByIP[ip]
		i, _ := slices.BinarySearchFunc(l, e, cmpSvc)
		x.svcByIP[ip] = slices.Insert(l, i, e)
	}
	x.touch(at)
}

// DeleteService removes a Service; deleting a missing one is a no-op.
func (x *Index) DeleteService(at time.Time, namespace, name string) {
	e := x.services[svcKey(name, namespace)].e
	if e == nil || !e.has {
		return
	}
	x.unindexClusterIPs(e)
	e.has, e.svc, e.ports = false, Service{}, nil
	x.services[e.key] = svcSlot{e: e}
	x.release(e)
	x.touch(at)
}

func (x *Index) unindexClusterIPs(e *svcEntry) {
	for _, ip := range e.svc.ClusterIPs {
		l := slices.DeleteFunc(x.svcByIP[ip], func(o *svcEntry) bool { return o == e })
		if len(l) == 0 {
			delete(x.svcByIP, ip)
			continue
		}
		x.svcByIP[ip] = l
	}
}

// cmpSvc orders Services by namespace, then name (lower-cased).
func cmpSvc(a, b *svcEntry) int {
	return cmp.Or(strings.Compare(a.ns.name, b.ns.name), strings.Compare(a.name, b.name))
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
