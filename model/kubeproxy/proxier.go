package kubeproxy

import (
	"fmt"
	"net/netip"
	"reflect"
	"slices"
)

// Options describe the node's iptables rather than kube-proxy's configuration.
type Options struct {
	// RandomFully: iptables supports MASQUERADE --random-fully (≥ 1.6.2; true on
	// any current system, false in upstream's test fake).
	RandomFully bool
	// NfacctCounters: the nfacct counters localhost_nps_accepted_pkts and
	// ct_state_invalid_dropped_pkts could be created.
	NfacctCounters bool
	// ConntrackTCPBeLiberal: sysctl net.netfilter.nf_conntrack_tcp_be_liberal=1,
	// so no INVALID-drop rule is installed.
	ConntrackTCPBeLiberal bool
}

// DefaultOptions is a current Linux node: --random-fully and nfacct available.
func DefaultOptions() Options { return Options{RandomFully: true, NfacctCounters: true} }

// portEntry is one service port with its endpoints and cached rules.
type portEntry struct {
	name    ServicePortName
	sp      *servicePort // nil while only endpoints are known
	eps     []epInfo
	frag    fragment
	dirty   bool // the fragment must be rebuilt
	changed bool // changed since the last sync: its chains go in the next payload
	written bool // its chains were in the last payload
}

// Proxier models kube-proxy's iptables proxier for one IP family: it keeps
// the service ports and endpoints it has been told about and generates the
// rules of each sync, regenerating only what changed.
type Proxier struct {
	cfg  Config
	node Node
	opts Options

	ipv6               bool
	localhostNodePorts bool // effective value (forced off by nodePortAddresses)
	nodePortIPs        []netip.Addr
	fixed              fixedRules
	gen                genContext
	cat                categorized // scratch

	ports      map[ServicePortName]*portEntry
	order      []*portEntry // services with a Service, in svcsim's visiting order
	orderDirty bool
	totalEps   int // endpoints of ports that have a Service (large-cluster mode)

	needFullSync bool
	synced       bool
	changes      int // changes since the last sync (HasChanges)
	// conntrackCleanup: the endpoints of a UDP service port changed since
	// the last sync (ConntrackCleanupRequired).
	conntrackCleanup bool
	lastFull         bool
	pendingStale     map[string]struct{} // chains to flush and delete in the next payload
	lastStale        []string            // chains deleted by the last payload
	oldChains        []string            // scratch
	changedScratch   []ServicePortName   // SyncResult.Changed

	bufs     [2]payloadBuf // the payloads of the last two syncs
	cur      int           // bufs[cur] holds the last sync's
	pw       payloadWriter
	lastHead int // the size of the last payload's head
}

// NewProxier returns a proxier for the node. The IP family is that of node.IP
// (IPv4 if unset). It returns the config's validation error, if any.
func NewProxier(cfg Config, node Node, opts Options) (*Proxier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	p := &Proxier{cfg: cfg, node: node, opts: opts, ports: map[ServicePortName]*portEntry{},
		needFullSync: true, pendingStale: map[string]struct{}{}}
	p.ipv6 = node.IP.IsValid() && node.IP.Unmap().Is6()
	if err := p.setupNodePorts(); err != nil {
		return nil, err
	}
	p.fixed = p.buildFixedRules()
	p.gen = genContext{ipv6: p.ipv6, masqueradeAll: cfg.MasqueradeAll, nodeIP: node.IP.Unmap(),
		localhostNodePortRule: p.localhostNodePorts && !p.ipv6 && opts.NfacctCounters}
	p.setupDetector()
	return p, nil
}

// setupNodePorts resolves nodePortAddresses and the effective localhostNodePorts.
func (p *Proxier) setupNodePorts() error {
	p.localhostNodePorts = p.cfg.LocalhostNodePorts && !p.ipv6
	if len(p.cfg.NodePortAddresses) == 0 {
		return nil
	}
	var cidrs []netip.Prefix
	for _, s := range p.cfg.NodePortAddresses {
		if s == NodePortAddressesPrimary {
			if ip := p.node.IP.Unmap(); ip.IsValid() {
				cidrs = append(cidrs, netip.PrefixFrom(ip, ip.BitLen()))
			}
			continue
		}
		c, err := netip.ParsePrefix(s)
		if err != nil {
			return fmt.Errorf("nodePortAddresses: %w", err)
		}
		if c.Addr().Is6() == p.ipv6 {
			cidrs = append(cidrs, c.Masked())
		}
	}
	loopback := false
	for _, a := range p.node.Addresses {
		a = a.Unmap()
		if a.Is6() != p.ipv6 {
			continue
		}
		for _, c := range cidrs {
			if c.Contains(a) && !slices.Contains(p.nodePortIPs, a) {
				p.nodePortIPs = append(p.nodePortIPs, a)
			}
		}
	}
	for _, c := range cidrs {
		loopback = loopback || c.Contains(netip.AddrFrom4([4]byte{127, 0, 0, 1}))
	}
	// kube-proxy's order comes from a map (random); svcsim sorts.
	slices.SortFunc(p.nodePortIPs, netip.Addr.Compare)
	if !loopback {
		p.localhostNodePorts = false
	}
	return nil
}

// setupDetector builds the local-traffic detector's matches.
func (p *Proxier) setupDetector() {
	g := &p.gen
	switch p.cfg.DetectLocalMode {
	case DetectLocalClusterCIDR, "":
		for _, c := range p.cfg.ClusterCIDRs {
			if c.Addr().Is6() == p.ipv6 {
				g.hasDetector = true
				g.ifLocal = mSrcPrefix(c.Masked())
				break
			}
		}
	case DetectLocalNodeCIDR:
		if c := p.cfg.PodCIDR; c.IsValid() && c.Addr().Is6() == p.ipv6 {
			g.hasDetector, g.ifLocal = true, mSrcPrefix(c.Masked())
		}
	case DetectLocalBridgeInterface:
		g.hasDetector, g.ifLocal = true, Match{Kind: MatchInInterface, Text: p.cfg.BridgeInterface}
	case DetectLocalInterfaceNamePrefix:
		g.hasDetector, g.ifLocal = true, Match{Kind: MatchInInterface, Text: p.cfg.InterfaceNamePrefix + "+"}
	}
	g.ifNotLocal = g.ifLocal
	g.ifNotLocal.Negate = true
}

func (p *Proxier) entry(name ServicePortName) *portEntry {
	e := p.ports[name]
	if e == nil {
		e = &portEntry{name: name}
		p.ports[name] = e
	}
	return e
}

// SetService adds or updates a service port. An update equal to the current
// state changes nothing.
func (p *Proxier) SetService(sp ServicePort) {
	e := p.entry(sp.Name)
	if e.sp != nil && reflect.DeepEqual(e.sp.ServicePort, newServicePort(sp, p.ipv6, p.gen.ifNotLocal).ServicePort) {
		return
	}
	if e.sp == nil {
		p.orderDirty = true
		p.totalEps += len(e.eps)
	}
	e.sp = newServicePort(sp, p.ipv6, p.gen.ifNotLocal)
	e.dirty, e.changed = true, true
	p.changes++
}

// DeleteService removes a service port; its chains are deleted by the next sync.
func (p *Proxier) DeleteService(name ServicePortName) {
	e := p.ports[name]
	if e == nil || e.sp == nil {
		return
	}
	for _, c := range e.frag.chains {
		p.pendingStale[c] = struct{}{}
	}
	p.totalEps -= len(e.eps)
	e.sp, e.frag, e.dirty, e.changed, e.written = nil, fragment{}, false, false, false
	p.orderDirty = true
	p.changes++
	if len(e.eps) == 0 {
		delete(p.ports, name)
	}
}

// SetEndpoints replaces the endpoints of a service port (the merged view of
// its EndpointSlices). Setting the same endpoints again changes nothing.
func (p *Proxier) SetEndpoints(name ServicePortName, eps []Endpoint) {
	e := p.entry(name)
	spn := name.String()
	infos := newEndpointInfos(spn, name.Protocol, p.node.Name, eps, e.eps)
	if endpointsEqual(infos, e.eps) {
		return
	}
	if name.Protocol == ProtocolUDP {
		p.conntrackCleanup = true
	}
	if e.sp != nil {
		p.totalEps += len(infos) - len(e.eps)
		e.dirty, e.changed = true, true
		p.changes++
	}
	e.eps = infos
	if e.sp == nil && len(infos) == 0 {
		delete(p.ports, name)
	}
}

func endpointsEqual(a, b []epInfo) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Endpoint != b[i].Endpoint || a[i].local != b[i].local {
			return false
		}
	}
	return true
}

// HasChanges reports whether a Service or endpoints change that matters
// to the rules arrived since the last sync: kube-proxy's change trackers
// only ask for a sync then.
func (p *Proxier) HasChanges() bool { return p.changes > 0 || !p.synced }

// ForceFullSync makes the next sync a full one, as kube-proxy does after a
// failed restore or when its canary chain disappears.
func (p *Proxier) ForceFullSync() { p.needFullSync = true }
