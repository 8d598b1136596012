// Package scheduler models kube-scheduler v1.36 as far as Service
// networking cares: every pod without a node is bound to a Ready,
// schedulable node whose labels satisfy its nodeSelector, preferring the
// node with the fewest pods (NodeResourcesBalancedAllocation's effect on
// a cluster of equal pods); ties are broken at random from the seed, so a
// replacement pod may land on another node.
package scheduler

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// Scheduler is the default-scheduler component.
type Scheduler struct {
	api     *apiserver.Server
	id      sim.ComponentID
	delay   time.Duration
	pending map[string]bool // "ns/name" of pods waiting for a node
	// unschedulable are the pods no node could take: a change of the
	// nodes gives them another attempt, as the scheduling queue moves its
	// unschedulable pods back on a Node event.
	unschedulable map[string]bool
	queued        bool
	podsOn        map[string]int // node → pods bound to it
	nodes         []*api.Node    // eligible nodes, refreshed on Node events
	load          *nodeLoad      // the eligible nodes by pod count
	stale         bool
	boundTo       map[string]string // "ns/name" → node, as far as the scheduler knows
}

// New returns a scheduler that binds pods delay after it hears of them.
func New(s *apiserver.Server, delay time.Duration) *Scheduler {
	return &Scheduler{api: s, delay: delay, pending: map[string]bool{}, unschedulable: map[string]bool{},
		podsOn: map[string]int{}, boundTo: map[string]string{}}
}

// Name returns the component's name in the trace.
func (s *Scheduler) Name() string { return "default-scheduler" }

// Start registers the scheduler's watches.
func (s *Scheduler) Start(e *sim.Engine, id sim.ComponentID) {
	s.id = id
	s.api.Watch(id, apiserver.WatchFilter{Kinds: []string{"Pod", "Node"}, Wants: schedulerWants})
}

type scheduleNow struct{}

// Handle tracks pods and binds the unscheduled ones.
func (s *Scheduler) Handle(e *sim.Engine, ev sim.Event) {
	if w, ok := ev.Payload.(apiserver.WatchEvent); ok {
		s.observe(e, w)
		return
	}
	keys := make([]string, 0, len(s.pending))
	for k := range s.pending {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	clear(s.pending)
	s.queued = false
	for _, k := range keys {
		s.schedule(e, k)
	}
}

func (s *Scheduler) observe(e *sim.Engine, w apiserver.WatchEvent) {
	pod, ok := w.Object.(*api.Pod)
	if !ok {
		s.stale = true // a node came, changed or went
		for k := range s.unschedulable {
			s.pending[k] = true
		}
		clear(s.unschedulable)
		s.kick(e)
		return
	}
	key := pod.Namespace + "/" + pod.Name
	if w.Type == apiserver.Deleted || pod.Spec.NodeName != "" {
		delete(s.unschedulable, key)
	}
	if w.Type == apiserver.Deleted {
		s.bind(key, "")
	} else if pod.Spec.NodeName != "" {
		s.bind(key, pod.Spec.NodeName)
	}
	if w.Type != apiserver.Deleted && pod.Spec.NodeName == "" && pod.DeletionTimestamp == nil && !statusOnly(w) {
		s.pending[key] = true
		s.kick(e)
	}
}

// statusOnly reports an update of an unbound pod that changed only its
// status, such as the scheduler's own PodScheduled=False: as the real
// scheduling queue's isPodUpdated, it does not make the pod worth another
// attempt.
func statusOnly(w apiserver.WatchEvent) bool {
	old, ok := w.Old.(*api.Pod)
	if !ok || w.Type != apiserver.Modified {
		return false
	}
	pod := w.Object.(*api.Pod)
	return api.SemanticEqual(&old.Spec, &pod.Spec) && api.SemanticEqual(old.Labels, pod.Labels) && api.SemanticEqual(old.Annotations, pod.Annotations)
}

func (s *Scheduler) kick(e *sim.Engine) {
	if !s.queued && len(s.pending) > 0 {
		s.queued = true
		e.Schedule(s.delay, s.id, scheduleNow{})
	}
}

func (s *Scheduler) schedule(e *sim.Engine, key string) {
	ns, name, _ := strings.Cut(key, "/")
	o, ok := s.api.Get("Pod", ns, name)
	if !ok {
		return
	}
	pod := o.(*api.Pod)
	if pod.Spec.NodeName != "" {
		return
	}
	node := s.pick(e, pod)
	if node == "" {
		s.unschedulable[key] = true
		s.failed(e, pod)
		return
	}
	// A stored object is never changed in place, so the binding can
	// share everything with it but the fields it sets.
	copied := *pod
	next := &copied
	next.Spec.NodeName = node
	next.Status.Conditions = append([]api.PodCondition(nil), pod.Status.Conditions...)
	setCondition(&next.Status.Conditions, api.PodCondition{Type: "PodScheduled", Status: "True", LastTransitionTime: api.At(e.Now())})
	if _, err := s.api.UpdateStatus(next); err != nil {
		return
	}
	s.bind(key, node) // count it now: the next pod of this batch must see it
	s.api.EventScheduled(next, node)
	e.Emit("pod.scheduled", "Successfully assigned "+ns+"/"+name+" to "+node, nil)
}

// bind records that a pod is on node ("" when it is gone).
func (s *Scheduler) bind(key, node string) {
	if old, ok := s.boundTo[key]; ok {
		if old == node {
			return
		}
		s.podsOn[old]--
		if s.load != nil {
			s.load.change(old, -1)
		}
		delete(s.boundTo, key)
	}
	if node != "" {
		s.boundTo[key] = node
		s.podsOn[node]++
		if s.load != nil {
			s.load.change(node, +1)
		}
	}
}

func (s *Scheduler) pick(e *sim.Engine, pod *api.Pod) string {
	if s.stale || s.nodes == nil {
		s.nodes = s.nodes[:0]
		var names []string
		for _, o := range s.api.List("Node", "") {
			n := o.(*api.Node)
			if !n.Spec.Unschedulable && nodeReady(n) && !tainted(n) {
				s.nodes = append(s.nodes, n)
				names = append(names, n.Name)
			}
		}
		s.load = newNodeLoad(names, s.podsOn)
		s.stale = false
	}
	r := e.Rand("default-scheduler")
	if len(pod.Spec.NodeSelector) == 0 {
		return s.load.pickLeast(r)
	}
	var best []string
	bestCount := -1
	for _, n := range s.nodes {
		if !selects(pod.Spec.NodeSelector, n.Labels) {
			continue
		}
		c := s.podsOn[n.Name]
		switch {
		case bestCount < 0 || c < bestCount:
			best, bestCount = []string{n.Name}, c
		case c == bestCount:
			best = append(best, n.Name)
		}
	}
	if len(best) == 0 {
		return ""
	}
	return best[r.IntN(len(best))]
}

// failed records that no node can take the pod: its PodScheduled
// condition and a FailedScheduling event.
func (s *Scheduler) failed(e *sim.Engine, pod *api.Pod) {
	next := api.DeepCopy(pod)
	msg := "0/0 nodes are available: no nodes available to schedule pods."
	if n := s.api.Count("Node"); n > 0 {
		msg = fmt.Sprintf("0/%d nodes are available: %d node(s) didn't match Pod's node affinity/selector or were not ready. preemption: 0/%d nodes are available: %d Preemption is not helpful for scheduling.", n, n, n, n)
	}
	setCondition(&next.Status.Conditions, api.PodCondition{Type: "PodScheduled", Status: "False", Reason: "Unschedulable", Message: msg, LastTransitionTime: api.At(e.Now())})
	s.api.EventFailedScheduling(pod, msg)
	if changed, _ := s.api.UpdateStatus(next); changed == next {
		e.Emit("pod.unschedulable", fmt.Sprintf("FailedScheduling %s/%s: %s", pod.Namespace, pod.Name, msg), nil)
	}
}

func nodeReady(n *api.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == "Ready" {
			return c.Status == "True"
		}
	}
	return false
}

// tainted reports a NoSchedule taint that svcsim's pods never tolerate
// (the control-plane taint, a cordoned or not-ready node).
func tainted(n *api.Node) bool {
	for _, t := range n.Spec.Taints {
		if t.Effect == "NoSchedule" || t.Effect == "NoExecute" {
			return true
		}
	}
	return false
}

func selects(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// setCondition sets or replaces the condition of the same type, keeping
// the transition time when the status did not change.
func setCondition(conds *[]api.PodCondition, c api.PodCondition) {
	for i := range *conds {
		if (*conds)[i].Type == c.Type {
			if (*conds)[i].Status == c.Status {
				c.LastTransitionTime = (*conds)[i].LastTransitionTime
			}
			(*conds)[i] = c
			return
		}
	}
	*conds = append(*conds, c)
}

// schedulerWants drops the pod status updates that do not concern the
// scheduler: it cares about pods appearing, going, and their node. A
// pod's nodeName is immutable once set and only a binding sets it on an
// existing pod; the scheduler made that binding itself and counted it
// then (schedule), so it need not hear of it again.
func schedulerWants(ev apiserver.WatchEvent) bool {
	p, ok := ev.Object.(*api.Pod)
	if !ok || ev.Type != apiserver.Modified {
		return true
	}
	return p.Spec.NodeName == ""
}
