package apiserver

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/sim"
)

// BootstrapInterval is how often kube-apiserver's bootstrap controller
// reconciles the default/kubernetes Service (its controller runs every
// 10 seconds).
const BootstrapInterval = 10 * time.Second

// Bootstrap is kube-apiserver's bootstrap controller: it keeps the
// default/kubernetes Service and its Endpoints, so that after
// `kubectl delete svc --all` the Service comes back, with the first IP of
// the service range, at the controller's next round.
type Bootstrap struct {
	api     *Server
	id      sim.ComponentID
	svc     *api.Service
	eps     *api.Endpoints
	slice   *api.EndpointSlice
	pending bool
}

// NewBootstrap returns the controller; it restores the given objects as
// they were created at boot.
func NewBootstrap(s *Server, svc *api.Service, eps *api.Endpoints, slice *api.EndpointSlice) *Bootstrap {
	return &Bootstrap{api: s, svc: svc, eps: eps, slice: slice}
}

// Name returns the component's name in the trace.
func (b *Bootstrap) Name() string { return "kube-apiserver" }

// Start registers the controller's watch.
func (b *Bootstrap) Start(e *sim.Engine, id sim.ComponentID) {
	b.id = id
	b.api.Watch(id, WatchFilter{Kinds: []string{"Service", "Endpoints", "EndpointSlice"},
		Wants: func(ev WatchEvent) bool {
			return ev.Type == Deleted && ev.Object.Meta().Namespace == "default" && ev.Object.Meta().Name == "kubernetes"
		}})
}

type reconcile struct{}

// Handle schedules a round at the next multiple of BootstrapInterval and
// recreates what is missing then.
func (b *Bootstrap) Handle(e *sim.Engine, ev sim.Event) {
	if _, ok := ev.Payload.(WatchEvent); ok {
		if !b.pending {
			b.pending = true
			next := (e.Now()/BootstrapInterval + 1) * BootstrapInterval
			e.ScheduleAt(next, b.id, reconcile{})
		}
		return
	}
	b.pending = false
	for _, o := range []api.Object{b.svc, b.eps, b.slice} {
		m := o.Meta()
		if _, ok := b.api.Get(api.KindOf(o).Kind, m.Namespace, m.Name); ok {
			continue
		}
		if _, err := b.api.Create(o); err != nil {
			e.Emit("error", fmt.Sprintf("bootstrap controller: recreating %s default/kubernetes: %v", api.KindOf(o).Kind, err), nil)
			continue
		}
		e.Emit("bootstrap.recreated", fmt.Sprintf("bootstrap controller: %s default/kubernetes was missing; recreated", api.KindOf(o).Kind), nil)
	}
}
