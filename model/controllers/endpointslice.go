package controllers

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// MaxEndpointsPerSlice is kube-controller-manager's
// --max-endpoints-per-slice default.
const MaxEndpointsPerSlice = 100

// EndpointSliceController keeps the EndpointSlices of every Service with
// a selector: one slice per set of resolved ports, at most
// MaxEndpointsPerSlice endpoints each, every endpoint with its ready,
// serving and terminating conditions. A Service with no endpoints keeps
// one empty placeholder slice.
type EndpointSliceController struct {
	serviceController
}

// NewEndpointSliceController returns the EndpointSlice controller.
func NewEndpointSliceController(s *apiserver.Server, delay time.Duration) *EndpointSliceController {
	c := &EndpointSliceController{newServiceController(s, delay, "endpointslice-controller")}
	c.serviceController.sync = c.sync
	return c
}

// slicesOf returns the slices an owner (a Service, or mirrored
// Endpoints) owns, labelled for the Service and managed by manager,
// sorted by name.
func slicesOf(s *apiserver.Server, ns, svc, ownerUID, manager string) []*api.EndpointSlice {
	var out []*api.EndpointSlice
	for _, o := range s.ListOwnedBy("EndpointSlice", ns, ownerUID) {
		es := o.(*api.EndpointSlice)
		if es.Labels[api.LabelServiceName] == svc && es.Labels[api.LabelManagedBy] == manager {
			out = append(out, es)
		}
	}
	return out
}

func (c *EndpointSliceController) sync(e *sim.Engine, key string) {
	ns, name := splitKey(key)
	o, ok := c.api.Get("Service", ns, name)
	if !ok {
		return // the garbage collector removes the slices it owned
	}
	existing := slicesOf(c.api, ns, name, o.Meta().UID, api.ManagedByEndpointSlice)
	if len(o.(*api.Service).Spec.Selector) == 0 || o.(*api.Service).Spec.Type == api.ServiceTypeExternalName {
		for _, es := range existing {
			if c.api.Delete("EndpointSlice", ns, es.Name, apiserver.DeleteOptions{}) == nil {
				e.Emit("endpointslice.deleted", fmt.Sprintf("EndpointSlice %s/%s deleted", ns, es.Name), nil)
			}
		}
		return
	}
	svc := o.(*api.Service)
	reconcileSlices(e, c.api, existing, c.desiredSlices(svc), true, func(es *api.EndpointSlice, created bool) string {
		return sliceSummary(svc, es, created)
	})
}

func (c *EndpointSliceController) desiredSlices(svc *api.Service) []*api.EndpointSlice {
	groups := map[string][]podEndpoint{}
	var order []string
	for _, pe := range endpointsFor(c.api, svc) {
		k := portsKey(pe.ports)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], pe)
	}
	sort.Strings(order)
	newSlice := func(ports []api.EndpointPort) *api.EndpointSlice {
		labels := copyLabels(svc.Labels)
		if labels == nil {
			labels = map[string]string{}
		}
		labels[api.LabelServiceName] = svc.Name
		labels[api.LabelManagedBy] = api.ManagedByEndpointSlice
		return &api.EndpointSlice{
			ObjectMeta: api.ObjectMeta{GenerateName: svc.Name + "-", Namespace: svc.Namespace,
				Labels: labels, OwnerReferences: serviceOwnerRef(svc)},
			AddressType: "IPv4",
			Ports:       ports,
		}
	}
	var out []*api.EndpointSlice
	for _, k := range order {
		eps := groups[k]
		for start := 0; start < len(eps); start += MaxEndpointsPerSlice {
			end := min(start+MaxEndpointsPerSlice, len(eps))
			es := newSlice(eps[0].ports)
			for _, pe := range eps[start:end] {
				es.Endpoints = append(es.Endpoints, api.Endpoint{
					Addresses: []string{pe.ip},
					Conditions: api.EndpointConditions{Ready: ptr(pe.ready), Serving: ptr(pe.serving),
						Terminating: ptr(pe.terminating)},
					NodeName:  ptr(pe.pod.Spec.NodeName),
					TargetRef: podRef(pe.pod),
				})
			}
			out = append(out, es)
		}
	}
	if len(out) == 0 {
		out = append(out, newSlice(nil)) // the placeholder slice
	}
	return out
}

func sliceSummary(svc *api.Service, es *api.EndpointSlice, created bool) string {
	var parts []string
	for _, ep := range es.Endpoints {
		s := strings.Join(ep.Addresses, ",")
		var conds []string
		if !*ep.Conditions.Ready {
			conds = append(conds, "ready=false")
		}
		if !*ep.Conditions.Serving {
			conds = append(conds, "serving=false")
		}
		if *ep.Conditions.Terminating {
			conds = append(conds, "terminating=true")
		}
		if len(conds) > 0 {
			s += " (" + strings.Join(conds, ",") + ")"
		}
		parts = append(parts, s)
	}
	list := strings.Join(parts, ", ")
	if list == "" {
		list = "no endpoints"
	}
	verb := "updated"
	if created {
		verb = "created"
	}
	return "EndpointSlice for Service " + svc.Namespace + "/" + svc.Name + " " + verb + ": " + list
}
