package controllers

import (
	"fmt"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// EndpointsController keeps the legacy Endpoints object of every Service
// with a selector: ready addresses, notReadyAddresses for pods not yet
// ready, terminating pods dropped (unless publishNotReadyAddresses).
type EndpointsController struct {
	serviceController
}

// NewEndpointsController returns the endpoints controller.
func NewEndpointsController(s *apiserver.Server, delay time.Duration) *EndpointsController {
	c := &EndpointsController{newServiceController(s, delay, "endpoints-controller")}
	c.serviceController.sync = c.sync
	return c
}

func (c *EndpointsController) sync(e *sim.Engine, key string) {
	ns, name := splitKey(key)
	o, ok := c.api.Get("Service", ns, name)
	cur, exists := c.api.Get("Endpoints", ns, name)
	if !ok {
		if exists && isControllerManaged(cur) {
			if err := c.api.Delete("Endpoints", ns, name, apiserver.DeleteOptions{}); err == nil {
				e.Emit("endpoints.deleted", fmt.Sprintf("Endpoints %s/%s deleted with its Service", ns, name), nil)
			}
		}
		return
	}
	svc := o.(*api.Service)
	if len(svc.Spec.Selector) == 0 {
		return // selectorless: the user owns the Endpoints
	}
	eps := &api.Endpoints{ObjectMeta: api.ObjectMeta{Name: name, Namespace: ns, Labels: copyLabels(svc.Labels)}}
	bySet := map[string]int{}
	var summary []string
	for _, pe := range endpointsFor(c.api, svc) {
		if pe.terminating && !svc.Spec.PublishNotReadyAddresses {
			continue
		}
		k := portsKey(pe.ports)
		i, ok := bySet[k]
		if !ok {
			i = len(eps.Subsets)
			bySet[k] = i
			eps.Subsets = append(eps.Subsets, api.EndpointSubset{Ports: pe.ports})
		}
		addr := api.EndpointAddress{IP: pe.ip, NodeName: ptr(pe.pod.Spec.NodeName), TargetRef: podRef(pe.pod)}
		if pe.ready {
			eps.Subsets[i].Addresses = append(eps.Subsets[i].Addresses, addr)
			summary = append(summary, pe.ip)
		} else {
			eps.Subsets[i].NotReadyAddresses = append(eps.Subsets[i].NotReadyAddresses, addr)
			summary = append(summary, pe.ip+" (not ready)")
		}
	}
	var base api.Object
	if exists {
		copied := *cur.(*api.Endpoints) // stored objects are never changed in place
		next := &copied
		next.Labels, next.Subsets = eps.Labels, eps.Subsets
		next.Annotations = copyLabels(next.Annotations)
		eps, base = next, cur
		if apiserver.Equal(eps, cur) {
			return
		}
	}
	if eps.Annotations == nil {
		eps.Annotations = map[string]string{}
	}
	eps.Annotations["endpoints.kubernetes.io/last-change-trigger-time"] = api.At(e.Now()).String()
	list := strings.Join(summary, ", ")
	if list == "" {
		list = "no addresses"
	}
	writeObject(e, c.api, eps, base, "Endpoints "+ns+"/"+name+": "+list)
}

func isControllerManaged(o api.Object) bool {
	_, ok := o.Meta().Annotations["endpoints.kubernetes.io/last-change-trigger-time"]
	return ok
}

func copyLabels(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
