package controllers

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// serviceIndex finds the Services whose selector may match a pod without
// testing every Service: each selector is filed under one of its
// key=value pairs.
type serviceIndex struct {
	selectors map[string]api.Selector      // "ns/name" → selector
	byLabel   map[labelKey]map[string]bool // namespace and label → service keys
	fileKey   map[string]labelKey          // service key → its byLabel key
}

// labelKey is a label of a namespace's objects.
type labelKey struct{ ns, key, value string }

func newServiceIndex() serviceIndex {
	return serviceIndex{selectors: map[string]api.Selector{}, byLabel: map[labelKey]map[string]bool{}, fileKey: map[string]labelKey{}}
}

func (x *serviceIndex) set(svc *api.Service) {
	key := svc.Namespace + "/" + svc.Name
	x.remove(key)
	if len(svc.Spec.Selector) == 0 {
		return
	}
	sel := api.SelectorFromMap(svc.Spec.Selector)
	x.selectors[key] = sel
	r := sel.Reqs[0]
	fk := labelKey{svc.Namespace, r.Key, r.Values[0]}
	if x.byLabel[fk] == nil {
		x.byLabel[fk] = map[string]bool{}
	}
	x.byLabel[fk][key] = true
	x.fileKey[key] = fk
}

func (x *serviceIndex) remove(key string) {
	if fk, ok := x.fileKey[key]; ok {
		delete(x.byLabel[fk], key)
		if len(x.byLabel[fk]) == 0 {
			delete(x.byLabel, fk)
		}
	}
	delete(x.fileKey, key)
	delete(x.selectors, key)
}

// servicesFor returns the keys of the Services whose selector matches the
// labels, sorted.
func (x *serviceIndex) servicesFor(ns string, labels map[string]string) []string {
	var out []string
	for k, v := range labels {
		for key := range x.byLabel[labelKey{ns, k, v}] {
			if x.selectors[key].Matches(labels) {
				out = append(out, key)
			}
		}
	}
	sort.Strings(out)
	return out
}

// watchServicesAndPods turns a watch event into the service keys to sync.
func (x *serviceIndex) keysFor(w apiserver.WatchEvent) []string {
	switch o := w.Object.(type) {
	case *api.Service:
		key := o.Namespace + "/" + o.Name
		if w.Type == apiserver.Deleted {
			x.remove(key)
		} else {
			x.set(o)
		}
		return []string{key}
	case *api.Pod:
		keys := x.servicesFor(o.Namespace, o.Labels)
		if old, ok := w.Old.(*api.Pod); ok && w.Type != apiserver.Deleted && !sameLabels(old.Labels, o.Labels) {
			keys = append(keys, x.servicesFor(old.Namespace, old.Labels)...)
		}
		return keys
	}
	return nil
}

// podEndpoint is what both endpoint controllers derive from one pod.
type podEndpoint struct {
	pod         *api.Pod
	ip          string
	ready       bool
	serving     bool
	terminating bool
	ports       []api.EndpointPort // the Service's ports resolved for this pod
}

// endpointsFor lists the pods backing svc with their conditions
// (endpointslice utils.go podToEndpoint): serving = pod Ready,
// terminating = deletionTimestamp set, ready = publishNotReadyAddresses
// || (serving && !terminating). Pods without an IP or that finished are
// left out.
func endpointsFor(s *apiserver.Server, svc *api.Service) []podEndpoint {
	pods := s.PodsMatching(svc.Namespace, api.SelectorFromMap(svc.Spec.Selector))
	// Numeric target ports resolve the same for every pod: one list,
	// shared by all (stored objects are never changed in place).
	var shared []api.EndpointPort
	if !namedTargetPort(svc) {
		shared = slices.Clip(resolvePorts(svc, nil))
	}
	out := make([]podEndpoint, 0, len(pods))
	for _, p := range pods {
		if p.Status.PodIP == "" || p.Status.Phase == "Succeeded" || p.Status.Phase == "Failed" {
			continue
		}
		serving := PodReady(p)
		terminating := p.DeletionTimestamp != nil
		ports := shared
		if ports == nil {
			ports = resolvePorts(svc, p)
		}
		out = append(out, podEndpoint{
			pod:         p,
			ip:          p.Status.PodIP,
			serving:     serving,
			terminating: terminating,
			ready:       svc.Spec.PublishNotReadyAddresses || (serving && !terminating),
			ports:       ports,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ip < out[j].ip })
	return out
}

// namedTargetPort reports whether one of the Service's target ports is a
// name, which each pod resolves for itself.
func namedTargetPort(svc *api.Service) bool {
	for _, sp := range svc.Spec.Ports {
		if sp.TargetPort.IsString {
			return true
		}
	}
	return false
}

// resolvePorts maps each Service port to the pod's port: a number stays,
// a name is looked up among the pod's container ports (a port the pod
// does not name is left out, as FindPort fails for it). p may be nil
// when no target port is a name.
func resolvePorts(svc *api.Service, p *api.Pod) []api.EndpointPort {
	var out []api.EndpointPort
	for _, sp := range svc.Spec.Ports {
		port := sp.TargetPort.IntVal
		if sp.TargetPort.IsString {
			port = 0
			for _, c := range p.Spec.Containers {
				for _, cp := range c.Ports {
					if cp.Name == sp.TargetPort.StrVal && cp.Protocol == sp.Protocol {
						port = cp.ContainerPort
					}
				}
			}
			if port == 0 {
				continue
			}
		}
		name, proto := sp.Name, sp.Protocol
		out = append(out, api.EndpointPort{Name: &name, Port: ptr(port), Protocol: &proto, AppProtocol: sp.AppProtocol})
	}
	return out
}

func portsKey(ports []api.EndpointPort) string {
	var b strings.Builder
	for _, p := range ports {
		b.WriteString(*p.Name)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(int(*p.Port)))
		b.WriteString(*p.Protocol)
		b.WriteByte(',')
	}
	return b.String()
}

func podRef(p *api.Pod) *api.ObjectReference {
	return &api.ObjectReference{Kind: "Pod", Namespace: p.Namespace, Name: p.Name, UID: p.UID}
}

func serviceOwnerRef(svc *api.Service) []api.OwnerReference {
	return []api.OwnerReference{{APIVersion: "v1", Kind: "Service", Name: svc.Name, UID: svc.UID,
		Controller: ptr(true), BlockOwnerDeletion: ptr(true)}}
}

// emitIfChanged stores obj when it differs from cur (nil: create) and
// records a line; it returns whether anything was written.
func writeObject(e *sim.Engine, s *apiserver.Server, obj, cur api.Object, summary string) bool {
	var err error
	switch {
	case cur == nil:
		_, err = s.Create(obj)
	case apiserver.Equal(obj, cur):
		return false
	default:
		_, err = s.UpdateStatus(obj)
	}
	if err != nil {
		e.Emit("error", summary+": "+err.Error(), nil)
		return false
	}
	e.Emit(kindLine(obj), summary, nil)
	return true
}

func kindLine(obj api.Object) string {
	return strings.ToLower(api.KindOf(obj).Kind) + ".updated"
}

// reconcileSlices makes the stored slices (existing, sorted by name) match
// desired: the i-th desired slice updates the i-th existing one, new
// ones are created, extra ones deleted. stamp marks a written slice's
// trigger time (the mirroring controller does not); summary describes
// a write for the trace.
func reconcileSlices(e *sim.Engine, s *apiserver.Server, existing, desired []*api.EndpointSlice, stamp bool,
	summary func(es *api.EndpointSlice, created bool) string) {
	for i, want := range desired {
		var cur api.Object
		if i < len(existing) {
			copied := *existing[i] // stored objects are never changed in place
			next := &copied
			next.Labels, next.Endpoints, next.Ports = want.Labels, want.Endpoints, want.Ports
			next.Annotations = copyLabels(next.Annotations)
			want, cur = next, existing[i]
			if apiserver.Equal(want, cur) {
				continue
			}
		}
		if stamp {
			if want.Annotations == nil {
				want.Annotations = map[string]string{}
			}
			want.Annotations["endpoints.kubernetes.io/last-change-trigger-time"] = api.At(e.Now()).String()
		}
		writeObject(e, s, want, cur, summary(want, cur == nil))
	}
	for _, es := range existing[min(len(desired), len(existing)):] {
		if s.Delete("EndpointSlice", es.Namespace, es.Name, apiserver.DeleteOptions{}) == nil {
			e.Emit("endpointslice.deleted", fmt.Sprintf("EndpointSlice %s/%s deleted (no longer needed)", es.Namespace, es.Name), nil)
		}
	}
}

// serviceController is the loop the Endpoints and EndpointSlice
// controllers share: watch Services and the pods that matter, queue the
// Services concerned, sync each once per batch.
type serviceController struct {
	api      *apiserver.Server
	id       sim.ComponentID
	queue    workQueue
	services serviceIndex
	name     string
	sync     func(e *sim.Engine, key string)
}

func newServiceController(s *apiserver.Server, delay time.Duration, name string) serviceController {
	return serviceController{api: s, queue: newWorkQueue(delay), services: newServiceIndex(), name: name}
}

// Name returns the controller's name in the trace.
func (c *serviceController) Name() string { return c.name }

// Start registers the controller's watches.
func (c *serviceController) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Service", "Pod"}, Wants: endpointPodChangeMatters})
}

// Handle queues services and syncs them.
func (c *serviceController) Handle(e *sim.Engine, ev sim.Event) {
	if w, ok := isWatch(ev); ok {
		for _, k := range c.services.keysFor(w) {
			c.queue.add(e, c.id, k)
		}
		return
	}
	for _, key := range c.queue.drain() {
		c.sync(e, key)
	}
}
