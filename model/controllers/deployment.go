package controllers

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
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
	// Revisions: a new ReplicaSet, or an old one the template went back
	// to, gets one more than the highest of the others.
	older := 0
	for _, rs := range owned {
		if rs != current {
			older = max(older, revision(rs))
		}
	}
	created := false
	if current == nil {
		current = c.createReplicaSet(e, d, hash, want, older+1)
		created = current != nil
	} else if deref(current.Spec.Replicas, 1) != want || revision(current) <= older {
		c.scale(e, d, current, want, max(revision(current), older+1))
	}
	for _, rs := range owned {
		if rs != current && deref(rs.Spec.Replicas, 1) != 0 {
			c.scale(e, d, rs, 0, revision(rs))
		}
	}
	if current != nil {
		owned = appendIfMissing(owned, current)
	}
	c.updateStatus(e, d, owned, current, created)
}

// revisionKey is the annotation that numbers a Deployment's ReplicaSets
// (and the Deployment itself, with its current one's number).
const revisionKey = "deployment.kubernetes.io/revision"

func revision(o api.Object) int {
	n, _ := strconv.Atoi(o.Meta().Annotations[revisionKey])
	return n
}

func appendIfMissing(list []*api.ReplicaSet, rs *api.ReplicaSet) []*api.ReplicaSet {
	for _, x := range list {
		if x.UID == rs.UID {
			return list
		}
	}
	return append(list, rs)
}

func (c *DeploymentController) createReplicaSet(e *sim.Engine, d *api.Deployment, hash string, replicas int32, rev int) *api.ReplicaSet {
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
			Annotations: map[string]string{"deployment.kubernetes.io/desired-replicas": fmt.Sprint(replicas), "deployment.kubernetes.io/max-replicas": fmt.Sprint(replicas + maxSurge(d)), revisionKey: strconv.Itoa(rev)},
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
	c.api.EventScaled(d, rs.Name, 0, replicas)
	e.Emit("replicaset.created", fmt.Sprintf("Deployment %s/%s: scaled up ReplicaSet %s to %d", d.Namespace, d.Name, rs.Name, replicas), nil)
	return created.(*api.ReplicaSet)
}

// scale sets a ReplicaSet's replicas and revision.
func (c *DeploymentController) scale(e *sim.Engine, d *api.Deployment, rs *api.ReplicaSet, n int32, rev int) {
	next := api.DeepCopy(rs)
	old := deref(rs.Spec.Replicas, 1)
	next.Spec.Replicas = ptr(n)
	next.Annotations = withLabel(next.Annotations, "deployment.kubernetes.io/desired-replicas", fmt.Sprint(n))
	next.Annotations[revisionKey] = strconv.Itoa(rev)
	if _, err := c.api.Update(next); err != nil {
		e.Emit("replicaset.scale.failed", fmt.Sprintf("error scaling ReplicaSet %s: %v", rs.Name, err), nil)
		return
	}
	if n == old {
		return
	}
	c.api.EventScaled(d, rs.Name, old, n)
	verb := "up"
	if n < old {
		verb = "down"
	}
	e.Emit("replicaset.scaled", fmt.Sprintf("Deployment %s: scaled %s ReplicaSet %s from %d to %d", controllerOf(rs.Meta()).Name, verb, rs.Name, old, n), nil)
}

// updateStatus writes the Deployment's status as the controller's
// calculateStatus and syncRolloutStatus do: the counts over its
// ReplicaSets, Available by the rollout's maxUnavailable, Progressing
// from "Created new replica set" through "is progressing" to "has
// successfully progressed", and the current ReplicaSet's revision in
// the Deployment's annotations (the status write may set them).
func (c *DeploymentController) updateStatus(e *sim.Engine, d *api.Deployment, owned []*api.ReplicaSet, current *api.ReplicaSet, created bool) {
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
	want := deref(d.Spec.Replicas, 1)
	if u := want - st.AvailableReplicas; u > 0 {
		st.UnavailableReplicas = u
	}
	now := api.At(e.Now())
	st.Conditions = append([]api.DeploymentCondition(nil), d.Status.Conditions...)
	rsName := ""
	if current != nil {
		rsName = current.Name
	}
	if created {
		setDeploymentCondition(&st, api.DeploymentCondition{Type: "Progressing", Status: "True", Reason: "NewReplicaSetCreated",
			Message: fmt.Sprintf("Created new replica set %q", rsName)}, now)
	}
	if st.AvailableReplicas >= want-maxUnavailable(d) {
		setDeploymentCondition(&st, api.DeploymentCondition{Type: "Available", Status: "True", Reason: "MinimumReplicasAvailable",
			Message: "Deployment has minimum availability."}, now)
	} else {
		setDeploymentCondition(&st, api.DeploymentCondition{Type: "Available", Status: "False", Reason: "MinimumReplicasUnavailable",
			Message: "Deployment does not have minimum availability."}, now)
	}
	progressing := deploymentCondition(st.Conditions, "Progressing")
	complete := st.UpdatedReplicas == want && st.Replicas == want && st.AvailableReplicas == want && st.ObservedGeneration >= d.Generation
	switch {
	case st.Replicas == st.UpdatedReplicas && progressing != nil && progressing.Reason == "NewReplicaSetAvailable":
		// the rollout is done; nothing more to say
	case complete:
		setDeploymentCondition(&st, api.DeploymentCondition{Type: "Progressing", Status: "True", Reason: "NewReplicaSetAvailable",
			Message: fmt.Sprintf("ReplicaSet %q has successfully progressed.", rsName)}, now)
	case madeProgress(&d.Status, &st):
		// Any progress moves lastUpdateTime, even with the same reason.
		cond := api.DeploymentCondition{Type: "Progressing", Status: "True", Reason: "ReplicaSetUpdated",
			Message: fmt.Sprintf("ReplicaSet %q is progressing.", rsName), LastUpdateTime: now, LastTransitionTime: now}
		if progressing != nil && progressing.Status == "True" {
			cond.LastTransitionTime = progressing.LastTransitionTime
		}
		st.Conditions = append(withoutDeploymentCondition(st.Conditions, "Progressing"), cond)
	}
	rev := ""
	if current != nil {
		rev = current.Annotations[revisionKey]
	}
	annotate := rev != "" && d.Annotations[revisionKey] != rev
	if !annotate && reflect.DeepEqual(&st, &d.Status) {
		return // unchanged: nothing to write
	}
	copied := *d // only the status and the revision annotation change
	next := &copied
	next.Status = st
	if annotate {
		next.Annotations = withLabel(d.Annotations, revisionKey, rev)
	}
	if stored, err := c.api.UpdateStatus(next); err == nil && stored == next {
		e.Emit("status.updated", fmt.Sprintf("Deployment %s/%s status: %d/%d ready, %d up to date, %d available",
			d.Namespace, d.Name, st.ReadyReplicas, want, st.UpdatedReplicas, st.AvailableReplicas), nil)
	}
}

// madeProgress is the controller's DeploymentProgressing: more updated,
// ready or available replicas, or fewer old ones, than the last status.
func madeProgress(old, cur *api.DeploymentStatus) bool {
	return cur.UpdatedReplicas > old.UpdatedReplicas || cur.ReadyReplicas > old.ReadyReplicas ||
		cur.AvailableReplicas > old.AvailableReplicas || old.Replicas-old.UpdatedReplicas > cur.Replicas-cur.UpdatedReplicas
}

// setDeploymentCondition is the controller's SetDeploymentCondition: a
// condition whose status and reason are unchanged stays as it is;
// otherwise it moves to the end, stamped now, keeping its transition time
// when only the reason changed.
func setDeploymentCondition(st *api.DeploymentStatus, cond api.DeploymentCondition, now api.Time) {
	cond.LastUpdateTime, cond.LastTransitionTime = now, now
	if cur := deploymentCondition(st.Conditions, cond.Type); cur != nil {
		if cur.Status == cond.Status && cur.Reason == cond.Reason {
			return
		}
		if cur.Status == cond.Status {
			cond.LastTransitionTime = cur.LastTransitionTime
		}
	}
	st.Conditions = append(withoutDeploymentCondition(st.Conditions, cond.Type), cond)
}

func deploymentCondition(conds []api.DeploymentCondition, typ string) *api.DeploymentCondition {
	for i := range conds {
		if conds[i].Type == typ {
			return &conds[i]
		}
	}
	return nil
}

func withoutDeploymentCondition(conds []api.DeploymentCondition, typ string) []api.DeploymentCondition {
	out := conds[:0:0]
	for _, c := range conds {
		if c.Type != typ {
			out = append(out, c)
		}
	}
	return out
}

// maxUnavailable and maxSurge resolve the rolling update's parameters
// for the Deployment's replicas, as the controller does: a percentage
// rounds down for maxUnavailable and up for maxSurge, and if both come to
// zero maxUnavailable is 1. Recreate allows neither.
func maxUnavailable(d *api.Deployment) int32 {
	unavailable, surge := rollingParams(d)
	if unavailable == 0 && surge == 0 {
		return 1
	}
	return unavailable
}

func maxSurge(d *api.Deployment) int32 {
	_, surge := rollingParams(d)
	return surge
}

func rollingParams(d *api.Deployment) (unavailable, surge int32) {
	strategy, _ := d.Spec.Strategy.Value().(map[string]any)
	if t, _ := strategy["type"].(string); t == "Recreate" {
		return 0, 0
	}
	ru, _ := strategy["rollingUpdate"].(map[string]any)
	replicas := deref(d.Spec.Replicas, 1)
	return scaledValue(ru["maxUnavailable"], replicas, false), scaledValue(ru["maxSurge"], replicas, true)
}

// scaledValue is intstr's GetScaledValueFromIntOrPercent: "25%" of n,
// rounded up or down; a number as it is; absent means 25%.
func scaledValue(v any, n int32, roundUp bool) int32 {
	switch x := v.(type) {
	case int64:
		return int32(x)
	case string:
		if pct, err := strconv.Atoi(strings.TrimSuffix(x, "%")); err == nil && strings.HasSuffix(x, "%") {
			if roundUp {
				return int32((int64(pct)*int64(n) + 99) / 100)
			}
			return int32(int64(pct) * int64(n) / 100)
		}
		return 0
	}
	return scaledValue("25%", n, roundUp)
}

func withLabel(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}
