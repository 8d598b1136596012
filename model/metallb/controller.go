package metallb

import (
	"fmt"
	"net/netip"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// Controller is MetalLB's controller Deployment (controller/service.go):
// it gives each Service of type LoadBalancer an address from the
// IPAddressPools and writes it to status.loadBalancer.ingress. Its
// Kubernetes Events are trace records in their own words.
type Controller struct {
	api   *apiserver.Server
	id    sim.ComponentID
	alloc *Allocator
	// failed are the Services waiting for an address, retried when the
	// pools change.
	failed map[string]bool
}

// NewController returns the controller.
func NewController(s *apiserver.Server) *Controller {
	a, _ := NewAllocator(nil)
	return &Controller{api: s, alloc: a, failed: map[string]bool{}}
}

// Name returns the component's name in the trace.
func (c *Controller) Name() string { return "metallb-controller" }

// Start registers the controller's watches.
func (c *Controller) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Service", "IPAddressPool"}})
}

// Allocator returns the controller's allocator (the speakers ask it
// which pool an address is in).
func (c *Controller) Allocator() *Allocator { return c.alloc }

// Handle reacts to Services and pools.
func (c *Controller) Handle(e *sim.Engine, ev sim.Event) {
	w, ok := ev.Payload.(apiserver.WatchEvent)
	if !ok {
		return
	}
	switch o := w.Object.(type) {
	case *api.IPAddressPool:
		c.reloadPools(e)
	case *api.Service:
		key := o.Namespace + "/" + o.Name
		if w.Type == apiserver.Deleted || o.Spec.Type != api.ServiceTypeLoadBalancer {
			c.alloc.Release(key)
			delete(c.failed, key)
			return
		}
		c.sync(e, o)
	}
}

// reloadPools builds a new allocator from the pools, keeps the addresses
// Services hold, and retries the Services that had none.
func (c *Controller) reloadPools(e *sim.Engine) {
	var pools []IPAddressPool
	for _, o := range c.api.List("IPAddressPool", "") {
		pools = append(pools, *o.(*api.IPAddressPool))
	}
	a, err := NewAllocator(pools)
	if err != nil {
		e.Emit("metallb.config", fmt.Sprintf("metallb-controller: invalid configuration, keeping the last valid one: %v", err), nil)
		return
	}
	c.alloc = a
	var retry []*api.Service
	for _, o := range c.api.List("Service", "") {
		svc := o.(*api.Service)
		if svc.Spec.Type != api.ServiceTypeLoadBalancer {
			continue
		}
		key := svc.Namespace + "/" + svc.Name
		if ip, ok := ingressIP(svc); ok && a.Assign(key, ip) {
			continue
		}
		retry = append(retry, svc)
	}
	for _, svc := range retry {
		c.sync(e, svc)
	}
}

func ingressIP(svc *api.Service) (netip.Addr, bool) {
	if len(svc.Status.LoadBalancer.Ingress) == 0 {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(svc.Status.LoadBalancer.Ingress[0].IP)
	return ip, err == nil
}

// sync gives a LoadBalancer Service its address.
func (c *Controller) sync(e *sim.Engine, svc *api.Service) {
	key := svc.Namespace + "/" + svc.Name
	if ip, ok := ingressIP(svc); ok {
		if c.alloc.Assign(key, ip) {
			return
		}
	}
	ip, err := c.alloc.Allocate(key)
	if err != nil {
		if !c.failed[key] {
			ev := AllocationFailedEvent(key, err)
			c.api.Event(svc, true, ev.Reason, "metallb-controller", ev.Message)
			e.Emit("metallb.allocationfailed", fmt.Sprintf("%s %s service/%s: %s", ev.Type, ev.Reason, svc.Name, ev.Message), nil)
		}
		c.failed[key] = true
		return
	}
	delete(c.failed, key)
	next := api.DeepCopy(svc)
	next.Status.LoadBalancer.Ingress = []api.LoadBalancerIngress{{IP: ip.String()}}
	if _, err := c.api.UpdateStatus(next); err != nil {
		return
	}
	ev := IPAllocatedEvent(ip)
	c.api.Event(svc, false, ev.Reason, "metallb-controller", ev.Message)
	e.Emit("metallb.ipallocated", fmt.Sprintf("%s %s service/%s: %s (pool %s)", ev.Type, ev.Reason, svc.Name, ev.Message, c.alloc.PoolOf(ip)), nil)
}
