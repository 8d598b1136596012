package controllers

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// MirroringController copies hand-written Endpoints of selectorless
// Services into EndpointSlices (the endpointslicemirroring controller),
// since kube-proxy and CoreDNS read only slices: one slice per subset,
// ready addresses ready, notReadyAddresses not.
type MirroringController struct {
	api   *apiserver.Server
	id    sim.ComponentID
	queue workQueue
}

// NewMirroringController returns the EndpointSlice mirroring controller.
func NewMirroringController(s *apiserver.Server, delay time.Duration) *MirroringController {
	return &MirroringController{api: s, queue: newWorkQueue(delay)}
}

// Name returns the controller's name in the trace.
func (c *MirroringController) Name() string { return "endpointslicemirroring-controller" }

// Start registers the controller's watches.
func (c *MirroringController) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Service", "Endpoints"}})
}

// Handle queues services and syncs them.
func (c *MirroringController) Handle(e *sim.Engine, ev sim.Event) {
	if w, ok := isWatch(ev); ok {
		m := w.Object.Meta()
		c.queue.add(e, c.id, m.Namespace+"/"+m.Name)
		return
	}
	for _, key := range c.queue.drain() {
		c.sync(e, key)
	}
}

func (c *MirroringController) sync(e *sim.Engine, key string) {
	ns, name := splitKey(key)
	eo, epOK := c.api.Get("Endpoints", ns, name)
	if !epOK {
		return // the garbage collector removes what was mirrored from it
	}
	existing := slicesOf(c.api, ns, name, eo.Meta().UID, api.ManagedByMirroring)
	var desired []*api.EndpointSlice
	so, svcOK := c.api.Get("Service", ns, name)
	if svcOK && epOK && len(so.(*api.Service).Spec.Selector) == 0 && eo.Meta().Labels[api.LabelSkipMirror] != "true" {
		desired = mirror(so.(*api.Service), eo.(*api.Endpoints))
	}
	reconcileSlices(e, c.api, existing, desired, false, func(es *api.EndpointSlice, _ bool) string {
		return fmt.Sprintf("EndpointSlice mirrored from Endpoints %s/%s: %s", ns, name, sliceAddrs(es))
	})
}

func mirror(svc *api.Service, eps *api.Endpoints) []*api.EndpointSlice {
	var out []*api.EndpointSlice
	for _, ss := range eps.Subsets {
		labels := copyLabels(eps.Labels)
		if labels == nil {
			labels = map[string]string{}
		}
		labels[api.LabelServiceName] = svc.Name
		labels[api.LabelManagedBy] = api.ManagedByMirroring
		es := &api.EndpointSlice{
			ObjectMeta: api.ObjectMeta{GenerateName: svc.Name + "-", Namespace: svc.Namespace, Labels: labels,
				OwnerReferences: []api.OwnerReference{{APIVersion: "v1", Kind: "Endpoints", Name: eps.Name, UID: eps.UID,
					Controller: ptr(true), BlockOwnerDeletion: ptr(true)}}},
			AddressType: "IPv4",
			Ports:       api.DeepCopy(&api.EndpointSlice{Ports: ss.Ports}).Ports,
		}
		for _, group := range []struct {
			addrs []api.EndpointAddress
			ready bool
		}{{ss.Addresses, true}, {ss.NotReadyAddresses, false}} {
			for _, a := range group.addrs {
				es.Endpoints = append(es.Endpoints, api.Endpoint{
					Addresses:  []string{a.IP},
					Conditions: api.EndpointConditions{Ready: ptr(group.ready)},
					Hostname:   nonEmpty(a.Hostname),
					NodeName:   a.NodeName,
					TargetRef:  a.TargetRef,
				})
			}
		}
		out = append(out, es)
	}
	return out
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func sliceAddrs(es *api.EndpointSlice) string {
	s := ""
	for i, ep := range es.Endpoints {
		if i > 0 {
			s += ", "
		}
		s += ep.Addresses[0]
	}
	if s == "" {
		return "no endpoints"
	}
	return s
}
