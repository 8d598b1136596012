package kubeproxy

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// kube-proxy's sync timing besides Config's minSyncPeriod and syncPeriod
// (pkg/proxy/iptables/proxier.go, reference §7).
const (
	// MaxSyncInterval is the BoundedFrequencyRunner's maxInterval: a sync
	// runs at least this often even when nothing changed.
	MaxSyncInterval = time.Hour
	// FullSyncPeriod: a sync this long after the last full one is full
	// (every chain rewritten, the jump rules re-ensured).
	FullSyncPeriod = time.Hour
)

// Kernel is the node's kernel as kube-proxy uses it. Restore is
// iptables-restore: it replaces the node's tables with rs, which stays
// valid until the next call. A failed restore makes the next sync full
// and is retried after syncPeriod.
type Kernel interface {
	Restore(node string, rs *Ruleset) error
}

// IPTablesKey is the engine store key under which a node's tables are
// kept, as `iptables-save` prints them ("iptables/<node>"); stepping back
// through the trace restores it.
func IPTablesKey(node string) string { return "iptables/" + node }

// SyncRecord is the trace detail of one sync.
type SyncRecord struct {
	Node string
	Full bool
	// Changed are the service ports ("ns/svc:port") whose chains were
	// rewritten, with their KUBE-SVC chain; Deleted the chains removed.
	Changed     []string
	Deleted     []string
	NATRules    int
	FilterRules int
	// Payload is the iptables-restore input kube-proxy wrote.
	Payload string
}

// Component is kube-proxy on one node ("kube-proxy/<node>"): it watches
// Services and EndpointSlices, keeps a Proxier up to date and syncs it
// with kube-proxy's timing: a change syncs at once if the last sync was
// at least minSyncPeriod ago, else when minSyncPeriod has passed (changes
// in between merge into that one sync); a sync runs at least every
// MaxSyncInterval. Each sync is loaded into the node's Kernel, recorded
// in the trace and kept under IPTablesKey.
type Component struct {
	api    *apiserver.Server
	node   string
	cfg    Config
	opts   Options
	kernel Kernel
	id     sim.ComponentID
	p      *Proxier
	err    error

	svcPorts map[string][]ServicePortName             // "ns/name" → its ports
	slices   map[string]map[string]*api.EndpointSlice // "ns/svc" → slice name → slice
	epPorts  map[string][]ServicePortName             // "ns/svc" → ports with endpoints

	lastSync, lastFull time.Duration
	synced             bool
	syncEv, periodicEv sim.EventID
}

type syncNow struct{}
type periodicSync struct{}

// NewComponent returns kube-proxy for the node. Its Proxier is built at
// Start, from the Node object's addresses.
func NewComponent(s *apiserver.Server, node string, cfg Config, kernel Kernel) *Component {
	return &Component{api: s, node: node, cfg: cfg, opts: DefaultOptions(), kernel: kernel,
		svcPorts: map[string][]ServicePortName{}, slices: map[string]map[string]*api.EndpointSlice{},
		epPorts: map[string][]ServicePortName{}}
}

// Name returns "kube-proxy/<node>".
func (c *Component) Name() string { return "kube-proxy/" + c.node }

// Proxier returns the component's rule generator (nil before Start or if
// the configuration was refused).
func (c *Component) Proxier() *Proxier { return c.p }

// Err returns why kube-proxy could not start (a refused configuration).
func (c *Component) Err() error { return c.err }

// Start reads the node, registers the watches and schedules the first
// sync, which kube-proxy runs once its informers have synced.
func (c *Component) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	var node Node
	if o, ok := c.api.Get("Node", "", c.node); ok {
		node = NodeOf(o.(*api.Node), false)
	}
	node.Name = c.node
	c.p, c.err = NewProxier(c.cfg, node, c.opts)
	if c.err != nil {
		e.Emit("kubeproxy.failed", fmt.Sprintf("%s: kube-proxy refuses its configuration: %v", c.node, c.err), nil)
		return
	}
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Service", "EndpointSlice"}})
	c.syncEv = e.Schedule(0, id, syncNow{})
}

// Handle reacts to a watch event or a sync timer.
func (c *Component) Handle(e *sim.Engine, ev sim.Event) {
	switch p := ev.Payload.(type) {
	case apiserver.WatchEvent:
		c.onWatch(p)
		if c.p.HasChanges() {
			c.requestSync(e)
		}
	case syncNow:
		c.syncEv = 0
		c.sync(e)
	case periodicSync:
		c.periodicEv = 0
		c.sync(e)
	}
}

func (c *Component) onWatch(w apiserver.WatchEvent) {
	switch o := w.Object.(type) {
	case *api.Service:
		c.onService(o, w.Type == apiserver.Deleted)
	case *api.EndpointSlice:
		c.onSlice(o, w.Type == apiserver.Deleted)
	}
}

func (c *Component) onService(svc *api.Service, deleted bool) {
	key := svc.Namespace + "/" + svc.Name
	var ports []ServicePort
	if !deleted {
		ports = ServicePortsOf(svc)
	}
	var names []ServicePortName
	for _, sp := range ports {
		c.p.SetService(sp)
		names = append(names, sp.Name)
	}
	for _, old := range c.svcPorts[key] {
		if !containsName(names, old) {
			c.p.DeleteService(old)
		}
	}
	if len(names) == 0 {
		delete(c.svcPorts, key)
		return
	}
	c.svcPorts[key] = names
}

func (c *Component) onSlice(es *api.EndpointSlice, deleted bool) {
	key := SliceService(es)
	if key == "" {
		return
	}
	m := c.slices[key]
	if m == nil {
		m = map[string]*api.EndpointSlice{}
		c.slices[key] = m
	}
	if deleted {
		delete(m, es.Name)
	} else {
		m[es.Name] = es
	}
	list := make([]*api.EndpointSlice, 0, len(m))
	for _, s := range m {
		list = append(list, s)
	}
	ns, svc, _ := strings.Cut(key, "/")
	eps := EndpointsOf(ns, svc, list, false)
	var names []ServicePortName
	for name, l := range eps {
		c.p.SetEndpoints(name, l)
		names = append(names, name)
	}
	for _, old := range c.epPorts[key] {
		if _, ok := eps[old]; !ok {
			c.p.SetEndpoints(old, nil)
		}
	}
	c.epPorts[key] = names
	if len(m) == 0 {
		delete(c.slices, key)
		delete(c.epPorts, key)
	}
}

func containsName(names []ServicePortName, n ServicePortName) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}

// requestSync is the BoundedFrequencyRunner's Run: at once if the last
// sync was at least minSyncPeriod ago, else when it will have been.
func (c *Component) requestSync(e *sim.Engine) {
	if c.syncEv != 0 {
		return // a sync is already due: this change joins it
	}
	at := e.Now()
	if c.synced && c.lastSync+c.cfg.MinSyncPeriod > at {
		at = c.lastSync + c.cfg.MinSyncPeriod
	}
	c.syncEv = e.ScheduleAt(at, c.id, syncNow{})
}

// sync runs syncProxyRules and restores the result into the kernel.
func (c *Component) sync(e *sim.Engine) {
	now := e.Now()
	if c.synced && now-c.lastFull >= FullSyncPeriod {
		c.p.ForceFullSync()
	}
	res := c.p.Sync()
	rs := c.p.Ruleset()
	c.lastSync, c.synced = now, true
	if res.Full {
		c.lastFull = now
	}
	if c.periodicEv != 0 {
		e.Cancel(c.periodicEv)
	}
	if err := c.kernel.Restore(c.node, rs); err != nil {
		c.p.ForceFullSync()
		c.periodicEv = e.Schedule(c.cfg.SyncPeriod, c.id, periodicSync{})
		e.Emit("kubeproxy.sync.failed", fmt.Sprintf("%s: iptables-restore failed: %v; retrying in %s", c.node, err, c.cfg.SyncPeriod), nil)
		return
	}
	c.periodicEv = e.Schedule(MaxSyncInterval, c.id, periodicSync{})
	e.Set(IPTablesKey(c.node), string(rs.AppendSave(nil, SaveOptions{})))
	rec := &SyncRecord{Node: c.node, Full: res.Full, NATRules: res.NATRules, FilterRules: res.FilterRules,
		Payload: string(res.Payload), Deleted: append([]string(nil), res.Deleted...)}
	for _, n := range res.Changed {
		rec.Changed = append(rec.Changed, n.String()+" ("+ServicePortChains(n).SVC+")")
	}
	e.Emit("kubeproxy.sync", syncSummary(rec), rec)
	if res.ConntrackCleanup {
		c.cleanConntrack(e)
	}
}

// cleanConntrack is the UDP conntrack cleanup kube-proxy runs after a
// restore when UDP endpoints changed (cleanup.go), if the kernel can
// delete entries.
func (c *Component) cleanConntrack(e *sim.Engine) {
	cc, ok := c.kernel.(ConntrackCleaner)
	if !ok {
		return
	}
	deleted := cc.CleanStaleUDP(c.node, c.p.UDPServicePorts(), e.Now())
	rec := &ConntrackRecord{Node: c.node, Deleted: deleted}
	summary := c.node + ": UDP endpoints changed; conntrack cleanup deleted no entries"
	if len(deleted) > 0 {
		noun := "entries"
		if len(deleted) == 1 {
			noun = "entry"
		}
		summary = fmt.Sprintf("%s: UDP endpoints changed; conntrack cleanup deleted %d stale %s: %s", c.node,
			len(deleted), noun, strings.Join(deleted, "; "))
	}
	e.Emit("kubeproxy.conntrack", summary, rec)
}

func syncSummary(r *SyncRecord) string {
	var b strings.Builder
	kind := "partial"
	if r.Full {
		kind = "full"
	}
	fmt.Fprintf(&b, "%s: %s sync, iptables-restore of %s nat and %s filter rules", r.Node, kind,
		strconv.Itoa(r.NATRules), strconv.Itoa(r.FilterRules))
	if len(r.Changed) > 0 {
		b.WriteString("; rewrote " + strings.Join(r.Changed, ", "))
	}
	if len(r.Deleted) > 0 {
		b.WriteString("; deleted " + strings.Join(r.Deleted, ", "))
	}
	if len(r.Changed) == 0 && len(r.Deleted) == 0 {
		b.WriteString("; no service changed")
	}
	return b.String()
}
