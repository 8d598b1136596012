package controllers

import (
	"fmt"
	"reflect"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// DeploymentController turns a Deployment into a ReplicaSet named
// <deployment>-<pod-template-hash> and keeps its replica count. A changed
// template gets a new ReplicaSet and the old ones are scaled to zero
// (svcsim does not model the rolling update's surge steps).
type DeploymentController struct {
	api   *apiserver.Server
	id    sim.ComponentID
	queue workQueue
	// hashes caches each Deployment's template hash by UID and
	// generation: the template only changes with the generation.
	hashes map[string]cachedHash
}

type cachedHash struct {
	generation int64
	hash       string
}

func (c *DeploymentController) templateHash(d *api.Deployment) string {
	if h, ok := c.hashes[d.UID]; ok && h.generation == d.Generation {
		return h.hash
	}
	h := PodTemplateHash(&d.Spec.Template)
	c.hashes[d.UID] = cachedHash{d.Generation, h}
	return h
}

// NewDeploymentController returns the deployment controller.
func NewDeploymentController(s *apiserver.Server, delay time.Duration) *DeploymentController {
	return &DeploymentController{api: s, queue: newWorkQueue(delay), hashes: map[string]cachedHash{}}
}

// Name returns the controller's name in the trace.
func (c *DeploymentController) Name() string { return "deployment-controller" }

// Start registers the controller's watches.
func (c *DeploymentController) Start(e *sim.Engine, id sim.ComponentID) {
	c.id = id
	c.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Deployment", "ReplicaSet"}})
}

// Handle queues deployments and syncs them.
func (c *DeploymentController) Handle(e *sim.Engine, ev sim.Event) {
	if w, ok := isWatch(ev); ok {
		m := w.Object.Meta()
		if rs, isRS := w.Object.(*api.ReplicaSet); isRS {
			if ref := controllerOf(rs.Meta()); ref != nil && ref.Kind == "Deployment" {
				c.queue.add(e, c.id, m.Namespace+"/"+ref.Name)
			}
			return
		}
		c.queue.add(e, c.id, m.Namespace+"/"+m.Name)
		return
	}
	for _, key := range c.queue.drain() {
		c.sync(e, key)
	}
}

func (c *DeploymentController) sync(e *sim.Engine, key string) {
	ns, name := splitKey(key)
	o, ok := c.api.Get("Deployment", ns, name)
	if !ok {
		return
	}
	d := o.(*api.Deployment)
	hash := c.templateHash(d)
	var current *api.ReplicaSet
	var owned []*api.ReplicaSet
	for _, x := range c.api.ListOwnedBy("ReplicaSet", ns, d.UID) {
		rs := x.(*api.ReplicaSet)
		if ref := controllerOf(rs.Meta()); ref != nil && ref.UID == d.UID {
			owned = append(owned, rs)
			if rs.Labels["pod-template-hash"] == hash {
				current = rs
			}
		}
	}
	want := deref(d.Spec.Replicas, 1)
	if current == nil {
		current = c.createReplicaSet(e, d, hash, want)
	} else if deref(current.Spec.Replicas, 1) != want {
		c.scale(e, current, want)
	}
	for _, rs := range owned {
		if rs != current && deref(rs.Spec.Replicas, 1) != 0 {
			c.scale(e, rs, 0)
		}
	}
	c.updateStatus(e, d, owned)
}

func (c *DeploymentController) createReplicaSet(e *sim.Engine, d *api.Deployment, hash string, replicas int32) *api.ReplicaSet {
	tmpl := api.DeepCopy(&api.Pod{ObjectMeta: d.Spec.Template.ObjectMeta, Spec: d.Spec.Template.Spec})
	tmpl.Labels = withLabel(tmpl.Labels, "pod-template-hash", hash)
	sel := api.LabelSelector{MatchLabels: withLabel(nil, "pod-template-hash", hash)}
	if d.Spec.Selector != nil {
		sel.MatchLabels = withLabel(d.Spec.Selector.MatchLabels, "pod-template-hash", hash)
		sel.MatchExpressions = d.Spec.Selector.MatchExpressions
	}
	rs := &api.ReplicaSet{
		ObjectMeta: api.ObjectMeta{
			Name:        d.Name + "-" + hash,
			Namespace:   d.Namespace,
			Labels:      withLabel(d.Spec.Template.Labels, "pod-template-hash", hash),
			Annotations: map[string]string{"deployment.kubernetes.io/desired-replicas": fmt.Sprint(replicas), "deployment.kubernetes.io/max-replicas": fmt.Sprint(replicas + (replicas+3)/4), "deployment.kubernetes.io/revision": "1"},
			OwnerReferences: []api.OwnerReference{{APIVersion: "apps/v1", Kind: "Deployment", Name: d.Name, UID: d.UID,
				Controller: ptr(true), BlockOwnerDeletion: ptr(true)}},
		},
		Spec: api.ReplicaSetSpec{
			Replicas: ptr(replicas),
			Selector: &sel,
			Template: api.PodTemplateSpec{ObjectMeta: tmpl.ObjectMeta, Spec: tmpl.Spec},
		},
	}
	created, err := c.api.Create(rs)
	if err != nil {
		e.Emit("replicaset.create.failed", fmt.Sprintf("Deployment %s/%s: error creating ReplicaSet: %v", d.Namespace, d.Name, err), nil)
		return nil
	}
	e.Emit("replicaset.created", fmt.Sprintf("Deployment %s/%s: scaled up ReplicaSet %s to %d", d.Namespace, d.Name, rs.Name, replicas), nil)
	return created.(*api.ReplicaSet)
}

func (c *DeploymentController) scale(e *sim.Engine, rs *api.ReplicaSet, n int32) {
	next := api.DeepCopy(rs)
	old := deref(rs.Spec.Replicas, 1)
	next.Spec.Replicas = ptr(n)
	next.Annotations = withLabel(next.Annotations, "deployment.kubernetes.io/desired-replicas", fmt.Sprint(n))
	if _, err := c.api.Update(next); err != nil {
		e.Emit("replicaset.scale.failed", fmt.Sprintf("error scaling ReplicaSet %s: %v", rs.Name, err), nil)
		return
	}
	verb := "up"
	if n < old {
		verb = "down"
	}
	e.Emit("replicaset.scaled", fmt.Sprintf("Deployment %s: scaled %s ReplicaSet %s from %d to %d", controllerOf(rs.Meta()).Name, verb, rs.Name, old, n), nil)
}

func (c *DeploymentController) updateStatus(e *sim.Engine, d *api.Deployment, owned []*api.ReplicaSet) {
	var st api.DeploymentStatus
	st.ObservedGeneration = d.Generation
	hash := c.templateHash(d)
	for _, rs := range owned {
		cur, ok := c.api.Get("ReplicaSet", rs.Namespace, rs.Name)
		if !ok {
			continue
		}
		r := cur.(*api.ReplicaSet)
		st.Replicas += r.Status.Replicas
		st.ReadyReplicas += r.Status.ReadyReplicas
		st.AvailableReplicas += r.Status.AvailableReplicas
		if r.Labels["pod-template-hash"] == hash {
			st.UpdatedReplicas += r.Status.Replicas
		}
	}
	if u := deref(d.Spec.Replicas, 1) - st.AvailableReplicas; u > 0 {
		st.UnavailableReplicas = u
	}
	st.Conditions = d.Status.Conditions
	if reflect.DeepEqual(&st, &d.Status) {
		return // unchanged: nothing to write
	}
	copied := *d // only the status changes
	next := &copied
	next.Status = st
	if stored, err := c.api.UpdateStatus(next); err == nil && stored == next {
		e.Emit("status.updated", fmt.Sprintf("Deployment %s/%s status: %d/%d ready, %d up to date, %d available",
			d.Namespace, d.Name, st.ReadyReplicas, deref(d.Spec.Replicas, 1), st.UpdatedReplicas, st.AvailableReplicas), nil)
	}
}

func withLabel(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}
