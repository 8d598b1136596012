package apiserver

import (
	"net/netip"
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

	objects map[string]*kindStore // by kind
	// podsByLabel indexes pods by namespace and label so that a selector
	// finds its pods without scanning them all.
	podsByLabel map[labelKey]map[string]*entry
	owned       ownerIndex

	clusterIPs *ipAllocator
	nodePorts  *portAllocator
	rv         int64
	uids       int64

	watchers       map[string][]watcher // by kind, in registration order
	watchersByNode map[string][]watcher

	events EventLog
}

// New returns an API server recording into e.
func New(e *sim.Engine, cfg Config) *Server {
	return &Server{
		e:              e,
		cfg:            cfg,
		objects:        map[string]*kindStore{},
		podsByLabel:    map[labelKey]map[string]*entry{},
		owned:          ownerIndex{},
		clusterIPs:     newIPAllocator(cfg.ServiceCIDR),
		nodePorts:      newPortAllocator(cfg.NodePortMin, cfg.NodePortMax),
		watchersByNode: map[string][]watcher{},
		watchers:       map[string][]watcher{},
	}
}

// Config returns the server's configuration.
func (s *Server) Config() Config { return s.cfg }

// Now returns the current virtual time.
func (s *Server) Now() time.Duration { return s.e.Now() }

// Watch registers component id for changes selected by f.
func (s *Server) Watch(id sim.ComponentID, f WatchFilter) {
	if f.NodeName != "" {
		s.watchersByNode[f.NodeName] = append(s.watchersByNode[f.NodeName], watcher{id: id, filter: f})
		return
	}
	for _, kind := range f.Kinds {
		s.watchers[kind] = append(s.watchers[kind], watcher{id: id, filter: f})
	}
}

func (s *Server) notify(ev WatchEvent) {
	kind := api.KindOf(ev.Object).Kind
	var payload any = ev // boxed once, shared by every watcher: nobody changes it
	for _, w := range s.watchers[kind] {
		if w.filter.Wants == nil || w.filter.Wants(ev) {
			s.e.Schedule(s.cfg.WatchDelay, w.id, payload)
		}
	}
	if kind != "Pod" {
		return
	}
	node := ev.Object.(*api.Pod).Spec.NodeName
	s.notifyNode(node, ev, payload)
	if ev.Old != nil {
		if old := ev.Old.(*api.Pod).Spec.NodeName; old != node {
			s.notifyNode(old, ev, payload)
		}
	}
}

// notifyNode sends a pod's event to the watchers of the pods of node.
func (s *Server) notifyNode(node string, ev WatchEvent, payload any) {
	if node == "" {
		return
	}
	for _, w := range s.watchersByNode[node] {
		if w.filter.Wants == nil || w.filter.Wants(ev) {
			s.e.Schedule(s.cfg.WatchDelay, w.id, payload)
		}
	}
}

// nextResourceVersion returns the next resourceVersion as a string.
func (s *Server) nextResourceVersion() string {
	s.rv++
	return strconv.FormatInt(s.rv, 10)
}

// newUID returns a deterministic UUID-shaped UID drawn from the seed:
// version 4, variant 10, as %08x-%04x-%04x-%04x-%012x would print it.
func (s *Server) newUID() string {
	r := s.e.Rand("kube-apiserver/uid")
	a, b := r.Uint64(), r.Uint64()
	var buf [36]byte
	hexTo(buf[0:8], a>>32)
	buf[8] = '-'
	hexTo(buf[9:13], (a>>16)&0xffff)
	buf[13] = '-'
	hexTo(buf[14:18], 0x4000|a&0x0fff)
	buf[18] = '-'
	hexTo(buf[19:23], 0x8000|(b>>48)&0x3fff)
	buf[23] = '-'
	hexTo(buf[24:36], b&0xffffffffffff)
	return string(buf[:])
}

// hexTo writes v's low len(dst) hex digits into dst, zero-padded.
func hexTo(dst []byte, v uint64) {
	const digits = "0123456789abcdef"
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = digits[v&0xf]
		v >>= 4
	}
}
