package dns

import (
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"
)

// PodMode is the `pods` option of the kubernetes plugin.
type PodMode uint8

// Pod modes. The zero value is the plugin default, disabled.
const (
	PodsDisabled PodMode = iota
	PodsInsecure
	PodsVerified
)

// String returns the mode as the Corefile spells it.
func (m PodMode) String() string {
	switch m {
	case PodsInsecure:
		return "insecure"
	case PodsVerified:
		return "verified"
	}
	return "disabled"
}

// Defaults of the kubernetes plugin (plugin/kubernetes/kubernetes.go,
// README.md) and the zone-level constants it answers with.
const (
	DefaultTTL       = 5       // `ttl` when not set
	MaxTTL           = 3600    // largest `ttl` accepted
	DNSSchemaVersion = "1.1.0" // dns-version.<zone> TXT
	dnsVersionTTL    = 28800
	defaultNSName    = "ns.dns."
	hostmaster       = "hostmaster"
)

// KubernetesConfig is the kubernetes plugin's configuration block.
type KubernetesConfig struct {
	// Zones the plugin is authoritative for, fully qualified and lower-case,
	// e.g. "cluster.local.", "in-addr.arpa.", "ip6.arpa.". The first
	// non-reverse zone is the primary zone used in PTR targets.
	Zones []string
	TTL   uint32
	Pods  PodMode
	// Fallthrough lists zones whose name errors go to the next plugin; an
	// empty non-nil slice means every zone (`fallthrough` with no args).
	Fallthrough []string
	// EndpointPodNames is `endpoint_pod_names`.
	EndpointPodNames bool
	// IgnoreEmptyService is `ignore empty_service`.
	IgnoreEmptyService bool
	// Namespaces limits the exposed namespaces (`namespaces`); empty = all.
	Namespaces []string
}

// kubernetes is the plugin: the configuration plus the index it reads.
type kubernetes struct {
	cfg     KubernetesConfig
	idx     *Index
	primary string
	exposed map[string]bool
	// localIPs are the CoreDNS pod's own addresses, used for NS records.
	localIPs []netip.Addr
	// scratch backs the services of the outermost lookup of a query, so
	// the common answer allocates no []service (see newServices).
	scratch      []service
	scratchTaken bool
	// slowOnly turns the fast path off. Testing: the fast path must answer
	// exactly as the general one.
	slowOnly bool
}

// newServices returns an empty slice with room for n services: the scratch
// buffer for the first lookup of a query, a new slice for nested lookups
// (ExternalName chasing), whose caller is still reading the scratch.
func (k *kubernetes) newServices(n int) []service {
	if k.scratchTaken {
		return make([]service, 0, n)
	}
	k.scratchTaken = true
	if cap(k.scratch) < n {
		k.scratch = make([]service, 0, 2*n)
	}
	return k.scratch[:0]
}

func newKubernetes(cfg KubernetesConfig, idx *Index, localIPs []netip.Addr) *kubernetes {
	k := &kubernetes{cfg: cfg, idx: idx, localIPs: localIPs}
	for _, z := range cfg.Zones {
		if reverseZone(z) == 0 {
			k.primary = z
			break
		}
	}
	if len(cfg.Namespaces) > 0 {
		k.exposed = map[string]bool{}
		for _, n := range cfg.Namespaces {
			k.exposed[strings.ToLower(n)] = true
		}
	}
	return k
}

func (k *kubernetes) Name() string { return "kubernetes" }

// namespaceExposed: configured (if a list is set) and existing.
func (k *kubernetes) namespaceExposed(ns string) bool {
	if k.exposed != nil && !k.exposed[ns] {
		return false
	}
	return k.idx.namespaceExists(ns)
}

// service is CoreDNS's msg.Service: one candidate answer. host is an IP (A or
// AAAA), a name (CNAME target) or empty with text set (TXT). owner is the
// name the service stands for (used as SRV target and NS glue).
type service struct {
	host  string
	ip    netip.Addr
	text  string
	port  int32
	ttl   uint32
	owner string
	// When owner is empty, the owner name is built on demand (most answers
	// never need it): [<endpoint name>.]<svc>.<ns>.svc.<zone>, the
	// endpoint being ep.addrs[epIndex] when ep is set.
	ep       *sliceEntry
	epIndex  int32
	podNames bool
	ref      ownerRef
}

// ownerRef is the Service part of owner names, shared by a lookup's services.
type ownerRef struct{ svc, ns, zone string }

// ownerName is the name the service stands for (msg.Domain(serv.Key)).
func (s *service) ownerName() string {
	if s.owner != "" {
		return s.owner
	}
	n := s.ref.svc + "." + s.ref.ns + "." + svcLabel + "." + s.ref.zone
	if s.ep != nil {
		n = s.ep.name(int(s.epIndex), s.podNames) + "." + n
	}
	return n
}

// hostType is msg.Service.HostType.
func (s *service) hostType() uint16 {
	switch {
	case s.ip.IsValid() && s.ip.Is4():
		return mdns.TypeA
	case s.ip.IsValid():
		return mdns.TypeAAAA
	case s.text != "":
		return mdns.TypeTXT
	}
	return mdns.TypeCNAME
}

// records is CoreDNS Kubernetes.Records: the services a name stands for.
func (k *kubernetes) records(name string, zoneLen int) ([]service, error) {
	r, err := parseRequest(name, zoneLen)
	if err != nil {
		return nil, err
	}
	if r.podOrSvc == "" {
		return nil, nil
	}
	if reverseZone(name) > 0 {
		return nil, errNoItems
	}
	if !k.namespaceExposed(r.namespace) {
		return nil, errNsNotExposed
	}
	zone := name[len(name)-zoneLen:]
	if r.podOrSvc == podLabel {
		return k.findPods(r, zone)
	}
	return k.findServices(r, zone)
}

func (k *kubernetes) findPods(r recordRequest, zone string) ([]service, error) {
	if k.cfg.Pods == PodsDisabled {
		return nil, errNoItems
	}
	if r.service == "" {
		return nil, nil // NODATA: <ns>.pod.<zone>
	}
	ip, ok := podLabelIP(r.service)
	if !ok {
		return nil, errNoItems
	}
	owner := r.service + "." + r.namespace + "." + podLabel + "." + zone
	if k.cfg.Pods == PodsInsecure {
		return []service{{host: ip.String(), ip: ip, ttl: k.cfg.TTL, owner: owner}}, nil
	}
	var out []service
	for _, pk := range k.idx.podsByIP[ip] {
		if pk.ns == r.namespace {
			out = append(out, service{host: ip.String(), ip: ip, ttl: k.cfg.TTL, owner: owner})
		}
	}
	if len(out) == 0 {
		return nil, errNoItems
	}
	return out, nil
}

// podLabelIP turns "1-2-3-4" or "fd00--1" into an address the way CoreDNS
// does: three dashes and no "--" is IPv4, anything else is IPv6 dashes. The
// result must parse as net.ParseIP would (no zone).
func podLabelIP(label string) (netip.Addr, bool) {
	var s string
	if strings.Count(label, "-") == 3 && !strings.Contains(label, "--") {
		s = strings.ReplaceAll(label, "-", ".")
	} else {
		s = strings.ReplaceAll(label, "-", ":")
	}
	ip, err := netip.ParseAddr(s)
	if err != nil || ip.Zone() != "" {
		return netip.Addr{}, false
	}
	return ip.Unmap(), true
}
