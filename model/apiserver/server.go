package apiserver

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/sim"
)

// Config holds the API server's flags that shape Service networking.
type Config struct {
	// ServiceCIDR is --service-cluster-ip-range (kubeadm: 10.96.0.0/12).
	ServiceCIDR netip.Prefix
	// NodePortMin and NodePortMax are --service-node-port-range
	// (default 30000-32767).
	NodePortMin, NodePortMax int
	// WatchDelay is how long a change takes to reach a watcher's
	// informer. Real watches deliver within milliseconds on a quiet
	// cluster; 2ms by default.
	WatchDelay time.Duration
}

// DefaultConfig returns kubeadm's defaults.
func DefaultConfig() Config {
	return Config{
		ServiceCIDR: netip.MustParsePrefix("10.96.0.0/12"),
		NodePortMin: 30000,
		NodePortMax: 32767,
		WatchDelay:  2 * time.Millisecond,
	}
}

// Watch event types.
const (
	Added    = "ADDED"
	Modified = "MODIFIED"
	Deleted  = "DELETED"
)

// WatchEvent is the payload a watcher receives: the object as stored
// after the change (the last state for DELETED) and the one before (nil
// for ADDED).
type WatchEvent struct {
	Type   string
	Object api.Object
	Old    api.Object
}

// WatchFilter selects what a watcher hears about.
type WatchFilter struct {
	// Kinds lists the kinds of interest ("Pod", "Service", ...).
	Kinds []string
	// NodeName, when set, limits Pod events to pods bound to that node
	// (the kubelet's spec.nodeName field selector).
	NodeName string
	// Wants, when set, drops the events the watcher would ignore anyway
	// (a status change that does not concern it), before they cost an
	// engine event. It must not keep or change the event.
	Wants func(ev WatchEvent) bool
}

type watcher struct {
	id     sim.ComponentID
	filter WatchFilter
}

// Server is the API server. It is owned by the cluster and used by every
// component that acts as an API client, always from inside an engine
// event (or during setup).
type Server struct {
	e   *sim.Engine
	cfg Config

	objects map[string]map[string]api.Object // kind → "ns/name" → object
	// podsByLabel indexes pods by "namespace\x00key=value" so that a
	// selector finds its pods without scanning them all.
	podsByLabel map[string]map[string]*api.Pod
	owned       ownerIndex

	clusterIPs *ipAllocator
	nodePorts  *portAllocator
	rv         int64
	uids       int64

	watchers       []watcher
	watchersByNode map[string][]sim.ComponentID
}

// New returns an API server recording into e.
func New(e *sim.Engine, cfg Config) *Server {
	return &Server{
		e:              e,
		cfg:            cfg,
		objects:        map[string]map[string]api.Object{},
		podsByLabel:    map[string]map[string]*api.Pod{},
		owned:          ownerIndex{},
		clusterIPs:     newIPAllocator(cfg.ServiceCIDR),
		nodePorts:      newPortAllocator(cfg.NodePortMin, cfg.NodePortMax),
		watchersByNode: map[string][]sim.ComponentID{},
	}
}

// Config returns the server's configuration.
func (s *Server) Config() Config { return s.cfg }

// Now returns the current virtual time.
func (s *Server) Now() time.Duration { return s.e.Now() }

// Watch registers component id for changes selected by f.
func (s *Server) Watch(id sim.ComponentID, f WatchFilter) {
	if f.NodeName != "" {
		s.watchersByNode[f.NodeName] = append(s.watchersByNode[f.NodeName], id)
		return
	}
	s.watchers = append(s.watchers, watcher{id: id, filter: f})
}

func storeKey(kind, ns, name string) string {
	if ns == "" {
		return "api/" + kind + "/" + name
	}
	return "api/" + kind + "/" + ns + "/" + name
}

func nsName(ns, name string) string { return ns + "/" + name }

// Get returns the stored object, which the caller must not modify.
func (s *Server) Get(kind, ns, name string) (api.Object, bool) {
	o, ok := s.objects[kind][nsName(ns, name)]
	return o, ok
}

// List returns the objects of a kind in namespace ns ("" for all
// namespaces), sorted by namespace and name.
func (s *Server) List(kind, ns string) []api.Object {
	m := s.objects[kind]
	out := make([]api.Object, 0, len(m))
	for _, o := range m {
		if ns == "" || o.Meta().Namespace == ns {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b api.Object) int {
		am, bm := a.Meta(), b.Meta()
		if am.Namespace != bm.Namespace {
			if am.Namespace < bm.Namespace {
				return -1
			}
			return 1
		}
		if am.Name < bm.Name {
			return -1
		}
		if am.Name > bm.Name {
			return 1
		}
		return 0
	})
	return out
}

// Count returns how many objects of a kind exist.
func (s *Server) Count(kind string) int { return len(s.objects[kind]) }

// PodsMatching returns the pods of namespace ns that sel matches, sorted
// by name. An empty selector matches every pod of the namespace.
func (s *Server) PodsMatching(ns string, sel api.Selector) []*api.Pod {
	// Start from the smallest index bucket among the equality
	// requirements: "tier=front" may hold every pod, "app=web" a few.
	var candidates map[string]*api.Pod
	first := true
	for _, r := range sel.Reqs {
		if r.Op != "=" {
			continue
		}
		bucket := s.podsByLabel[ns+"\x00"+r.Key+"="+r.Values[0]]
		if first || len(bucket) < len(candidates) {
			candidates, first = bucket, false
		}
	}
	var out []*api.Pod
	if candidates != nil || hasEquality(sel) {
		for _, p := range candidates {
			if sel.Matches(p.Labels) {
				out = append(out, p)
			}
		}
	} else {
		for _, o := range s.objects["Pod"] {
			p := o.(*api.Pod)
			if p.Namespace == ns && sel.Matches(p.Labels) {
				out = append(out, p)
			}
		}
	}
	slices.SortFunc(out, func(a, b *api.Pod) int {
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return 0
	})
	return out
}

func hasEquality(sel api.Selector) bool {
	for _, r := range sel.Reqs {
		if r.Op == "=" {
			return true
		}
	}
	return false
}

// put stores obj (already validated, defaulted and given a new
// resourceVersion), keeps the indexes and notifies watchers.
func (s *Server) put(obj api.Object, old api.Object) {
	kind := api.KindOf(obj).Kind
	m := obj.Meta()
	if s.objects[kind] == nil {
		s.objects[kind] = map[string]api.Object{}
	}
	s.objects[kind][nsName(m.Namespace, m.Name)] = obj
	if old != nil {
		s.owned.remove(old)
	}
	s.owned.add(obj)
	if kind == "Pod" {
		if old != nil {
			s.unindexPod(old.(*api.Pod))
		}
		s.indexPod(obj.(*api.Pod))
	}
	s.e.Set(storeKey(kind, m.Namespace, m.Name), obj)
	typ := Added
	if old != nil {
		typ = Modified
	}
	s.notify(WatchEvent{Type: typ, Object: obj, Old: old})
}

// remove deletes obj from the store for good.
func (s *Server) remove(obj api.Object) {
	kind := api.KindOf(obj).Kind
	m := obj.Meta()
	delete(s.objects[kind], nsName(m.Namespace, m.Name))
	s.owned.remove(obj)
	if kind == "Pod" {
		s.unindexPod(obj.(*api.Pod))
	}
	s.e.Delete(storeKey(kind, m.Namespace, m.Name))
	s.notify(WatchEvent{Type: Deleted, Object: obj, Old: obj})
}

func (s *Server) indexPod(p *api.Pod) {
	for k, v := range p.Labels {
		key := p.Namespace + "\x00" + k + "=" + v
		if s.podsByLabel[key] == nil {
			s.podsByLabel[key] = map[string]*api.Pod{}
		}
		s.podsByLabel[key][p.Name] = p
	}
}

func (s *Server) unindexPod(p *api.Pod) {
	for k, v := range p.Labels {
		key := p.Namespace + "\x00" + k + "=" + v
		delete(s.podsByLabel[key], p.Name)
		if len(s.podsByLabel[key]) == 0 {
			delete(s.podsByLabel, key)
		}
	}
}

func (s *Server) notify(ev WatchEvent) {
	kind := api.KindOf(ev.Object).Kind
	var payload any = ev // boxed once, shared by every watcher: nobody changes it
	for _, w := range s.watchers {
		if slices.Contains(w.filter.Kinds, kind) && (w.filter.Wants == nil || w.filter.Wants(ev)) {
			s.e.Schedule(s.cfg.WatchDelay, w.id, payload)
		}
	}
	if kind != "Pod" {
		return
	}
	node := ev.Object.(*api.Pod).Spec.NodeName
	s.notifyNode(node, payload)
	if ev.Old != nil {
		if old := ev.Old.(*api.Pod).Spec.NodeName; old != node {
			s.notifyNode(old, payload)
		}
	}
}

// notifyNode sends a pod's event to the watchers of the pods of node.
func (s *Server) notifyNode(node string, payload any) {
	if node == "" {
		return
	}
	for _, id := range s.watchersByNode[node] {
		s.e.Schedule(s.cfg.WatchDelay, id, payload)
	}
}

// nextResourceVersion returns the next resourceVersion as a string.
func (s *Server) nextResourceVersion() string {
	s.rv++
	return strconv.FormatInt(s.rv, 10)
}

// newUID returns a deterministic UUID-shaped UID drawn from the seed.
func (s *Server) newUID() string {
	r := s.e.Rand("kube-apiserver/uid")
	a, b := r.Uint64(), r.Uint64()
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
		a>>32, (a>>16)&0xffff, 0x4000|a&0x0fff, 0x8000|(b>>48)&0x3fff, b&0xffffffffffff)
}
