package controllers

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// ReplicaController is the ReplicaSet controller or the
// ReplicationController manager: the same loop, which keeps the number of
// live pods matching the owner's selector at spec.replicas.
type ReplicaController struct {
	api   *apiserver.Server
	kind  string // "ReplicaSet" or "ReplicationController"
	name  string
	id    sim.ComponentID
	queue workQueue
	// selectors caches ReplicaSets' selectors by UID (selectorOf).
	selectors map[string]cachedSelector
}

// NewReplicaSetController returns the ReplicaSet controller.
func NewReplicaSetController(s *apiserver.Server, delay time.Duration) *ReplicaController {
	return &ReplicaController{api: s, kind: "ReplicaSet", name: "replicaset-controller", queue: newWorkQueue(delay)}
}

// NewReplicationControllerManager returns the ReplicationController
// manager.
func NewReplicationControllerManager(s *apiserver.Server, delay time.Duration) *ReplicaController {
	return &ReplicaController{api: s, kind: "ReplicationController", name: "replicationcontroller-manager", queue: newWorkQueue(delay)}
}

// Name returns the controller's name in the trace.
func (c *ReplicaController) Name() string { return c.name }

// Start registers the controller's watches.
func (c *ReplicaController) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{c.kind, "Pod"}, Wants: c.wants})
}

// wants drops the pod events Handle would ignore: those of pods another
// kind of controller owns, and status changes that do not matter.
func (c *ReplicaController) wants(ev apiserver.WatchEvent) bool {
	if pod, isPod := ev.Object.(*api.Pod); isPod {
		if ref := controllerOf(pod.Meta()); ref == nil || ref.Kind != c.kind {
			return false
		}
	}
	return podChangeMatters(ev)
}

// Handle queues owners on watch events and syncs them on drain.
func (c *ReplicaController) Handle(e *sim.Engine, ev sim.Event) {
	if w, ok := isWatch(ev); ok {
		if pod, isPod := w.Object.(*api.Pod); isPod {
			if ref := controllerOf(pod.Meta()); ref != nil && ref.Kind == c.kind {
				c.queue.add(e, c.id, pod.Namespace+"/"+ref.Name)
			}
			return
		}
		m := w.Object.Meta()
		if w.Type == apiserver.Deleted {
			delete(c.selectors, m.UID)
		}
		c.queue.add(e, c.id, m.Namespace+"/"+m.Name)
		return
	}
	for _, key := range c.queue.drain() {
		c.sync(e, key)
	}
}

// selectorOf returns a ReplicaSet's selector, made once per UID and
// generation (the spec, selector included, changes only with the
// generation).
func (c *ReplicaController) selectorOf(rs *api.ReplicaSet) api.Selector {
	if cs, ok := c.selectors[rs.UID]; ok && cs.generation == rs.Generation {
		return cs.sel
	}
	sel, _, _ := api.SelectorFromLabelSelector(rs.Spec.Selector)
	if c.selectors == nil {
		c.selectors = map[string]cachedSelector{}
	}
	c.selectors[rs.UID] = cachedSelector{rs.Generation, sel}
	return sel
}

type cachedSelector struct {
	generation int64
	sel        api.Selector
}

// owner is what the loop needs of a ReplicaSet or RC.
type owner struct {
	obj      api.Object
	replicas int32
	selector api.Selector
	template *api.PodTemplateSpec
}

func (c *ReplicaController) owner(ns, name string) (owner, bool) {
	o, ok := c.api.Get(c.kind, ns, name)
	if !ok {
		return owner{}, false
	}
	switch o := o.(type) {
	case *api.ReplicaSet:
		return owner{obj: o, replicas: deref(o.Spec.Replicas, 1), selector: c.selectorOf(o), template: &o.Spec.Template}, true
	case *api.ReplicationController:
		return owner{obj: o, replicas: deref(o.Spec.Replicas, 1), selector: api.SelectorFromMap(o.Spec.Selector), template: o.Spec.Template}, true
	}
	return owner{}, false
}

func (c *ReplicaController) sync(e *sim.Engine, key string) {
	ns, name := splitKey(key)
	own, ok := c.owner(ns, name)
	if !ok || own.obj.Meta().DeletionTimestamp != nil {
		return
	}
	var active []*api.Pod
	for _, p := range c.api.PodsMatching(ns, own.selector) {
		ref := controllerOf(p.Meta())
		if ref == nil || ref.UID != own.obj.Meta().UID {
			continue
		}
		if p.DeletionTimestamp == nil && p.Status.Phase != "Succeeded" && p.Status.Phase != "Failed" {
			active = append(active, p)
		}
	}
	diff := int(own.replicas) - len(active)
	for i := 0; i < diff; i++ {
		c.createPod(e, own)
	}
	if diff < 0 {
		for _, p := range podsToDelete(active, -diff) {
			if err := c.api.Delete("Pod", p.Namespace, p.Name, apiserver.DeleteOptions{}); err == nil {
				c.api.EventPodDeleted(own.obj, p.Name)
				e.Emit("pod.delete", fmt.Sprintf("%s %s/%s: scaled down, deleting pod %s", c.kind, ns, name, p.Name), nil)
			}
		}
	}
	c.updateStatus(e, own)
}

func (c *ReplicaController) createPod(e *sim.Engine, own owner) {
	m := own.obj.Meta()
	k := api.KindOf(own.obj)
	// A copy of the template, which the API server may keep as it is.
	pod := api.PodFromTemplate(own.template)
	pod.Namespace = m.Namespace
	pod.Name = ""
	pod.GenerateName = m.Name + "-"
	pod.OwnerReferences = []api.OwnerReference{{
		APIVersion: k.APIVersion, Kind: k.Kind, Name: m.Name, UID: m.UID,
		Controller: yes, BlockOwnerDeletion: yes,
	}}
	created, err := c.api.CreateOwned(pod)
	if err != nil {
		e.Emit("pod.create.failed", fmt.Sprintf("%s %s/%s: error creating pod: %v", c.kind, m.Namespace, m.Name, err), nil)
		return
	}
	c.api.EventPodCreated(own.obj, created.Meta().Name)
	e.Emit("pod.created", c.kind+" "+m.Namespace+"/"+m.Name+" created pod "+created.Meta().Name, nil)
}

// podsToDelete picks the pods a scale-down removes first: not yet
// scheduled, then not running, then not ready, then the newest.
func podsToDelete(pods []*api.Pod, n int) []*api.Pod {
	rank := func(p *api.Pod) int {
		switch {
		case p.Spec.NodeName == "":
			return 0
		case p.Status.Phase != "Running":
			return 1
		case !PodReady(p):
			return 2
		}
		return 3
	}
	sorted := append([]*api.Pod(nil), pods...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0; j-- {
			a, b := sorted[j-1], sorted[j]
			if rank(b) < rank(a) || rank(b) == rank(a) && b.CreationTimestamp.At > a.CreationTimestamp.At {
				sorted[j-1], sorted[j] = b, a
			}
		}
	}
	return sorted[:n]
}

func (c *ReplicaController) updateStatus(e *sim.Engine, own owner) {
	var replicas, ready int32
	for _, p := range c.api.PodsMatching(own.obj.Meta().Namespace, own.selector) {
		ref := controllerOf(p.Meta())
		if ref == nil || ref.UID != own.obj.Meta().UID || p.DeletionTimestamp != nil {
			continue
		}
		replicas++
		if PodReady(p) {
			ready++
		}
	}
	// Only the status changes: a shallow copy shares the rest with the
	// stored object, which nobody modifies in place. An unchanged status
	// is not written (updateReplicaSetStatus returns early too).
	var next api.Object
	var st *api.ReplicaSetStatus
	switch o := own.obj.(type) {
	case *api.ReplicaSet:
		if statusIs(&o.Status, o.Generation, replicas, ready) {
			return
		}
		c := *o
		next, st = &c, &c.Status
	case *api.ReplicationController:
		if statusIs(&o.Status, o.Generation, replicas, ready) {
			return
		}
		c := *o
		next, st = &c, &c.Status
	}
	st.Replicas, st.FullyLabeledReplicas, st.ReadyReplicas, st.AvailableReplicas = replicas, replicas, ready, ready
	st.ObservedGeneration = next.Meta().Generation
	if stored, err := c.api.UpdateStatus(next); err == nil && stored == next {
		m := next.Meta()
		e.Emit("status.updated", c.kind+" "+m.Namespace+"/"+m.Name+" status: "+itoa(st.Replicas)+" replicas, "+itoa(st.ReadyReplicas)+" ready", nil)
	}
}

// statusIs reports whether st already says what updateStatus would
// write.
func statusIs(st *api.ReplicaSetStatus, generation int64, replicas, ready int32) bool {
	return st.Replicas == replicas && st.FullyLabeledReplicas == replicas && st.ReadyReplicas == ready &&
		st.AvailableReplicas == ready && st.ObservedGeneration == generation
}

// PodReady reports the pod's Ready condition.
func PodReady(p *api.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == "Ready" {
			return c.Status == "True"
		}
	}
	return false
}

func controllerOf(m *api.ObjectMeta) *api.OwnerReference {
	for i := range m.OwnerReferences {
		if r := &m.OwnerReferences[i]; r.Controller != nil && *r.Controller {
			return r
		}
	}
	return nil
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func ptr[T any](v T) *T { return &v }

// yes is the true every pod's owner reference points to: one value for
// all, as nothing changes a stored object in place.
var yes = ptr(true)

// itoa prints a count as %d does.
func itoa(n int32) string { return strconv.Itoa(int(n)) }

// PodTemplateHash is the pod-template-hash label a Deployment gives its
// ReplicaSets: a 32-bit FNV-1a hash of the template, printed in decimal
// and each digit mapped into the name alphabet, as the deployment
// controller's ComputeHash and rand.SafeEncodeString do. (The real hash
// input is a spew dump of the Go struct; svcsim hashes its JSON form, so
// the letters differ from a real cluster's but have the same form.)
func PodTemplateHash(t *api.PodTemplateSpec) string {
	h := fnv.New32a()
	b, _ := json.Marshal(t) // map keys sorted: the same template, the same hash
	h.Write(b)
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	s := fmt.Sprint(h.Sum32())
	out := make([]byte, len(s))
	for i := range s {
		out[i] = alphabet[int(s[i])%len(alphabet)]
	}
	return string(out)
}
