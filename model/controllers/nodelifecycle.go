package controllers

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/sim"
)

// The node lifecycle controller's timing (kube-controller-manager v1.36
// flags): it looks at every node each --node-monitor-period (5 s) and
// marks a node whose kubelet has not posted status for
// --node-monitor-grace-period (50 s since v1.32; 40 s before) as
// Unknown. The kubelet renews its heartbeat every 10 s
// (nodeLeaseRenewIntervalSeconds of a 40 s lease).
const (
	NodeMonitorPeriod      = 5 * time.Second
	NodeMonitorGracePeriod = 50 * time.Second
	NodeHeartbeatInterval  = 10 * time.Second
)

// NodeLifecycle is the part of kube-controller-manager's node lifecycle
// controller that matters for Services: a node whose kubelet stopped
// posting status goes Ready=Unknown, its pods' Ready condition turns
// False (MarkPodsNotReady), and so the endpoint controllers take them
// out. Eviction of the pods (the unreachable taint's 300 s toleration)
// is not modelled.
type NodeLifecycle struct {
	api *apiserver.Server
	id  sim.ComponentID
	// silent are the nodes whose kubelet stopped, with the time of their
	// last heartbeat.
	silent map[string]time.Duration
}

// NewNodeLifecycle returns the controller.
func NewNodeLifecycle(s *apiserver.Server) *NodeLifecycle {
	return &NodeLifecycle{api: s, silent: map[string]time.Duration{}}
}

// Name returns the component's name in the trace.
func (c *NodeLifecycle) Name() string { return "node-lifecycle-controller" }

// Start takes the component ID; the controller needs no watch: it polls.
func (c *NodeLifecycle) Start(e *sim.Engine, id sim.ComponentID) { c.id = id }

type nodeMonitor struct{ node string }

// HeartbeatsStopped tells the controller that node's kubelet went silent
// at the current time (the node stopped). Its last heartbeat is the last
// renewal before now; the controller notices on the first monitor pass
// after that heartbeat plus the grace period.
func (c *NodeLifecycle) HeartbeatsStopped(e *sim.Engine, node string) {
	now := e.Now()
	last := now - now%NodeHeartbeatInterval
	c.silent[node] = last
	// The first pass strictly after last + grace (the controller checks
	// now > probeTimestamp + grace).
	pass := ((last+NodeMonitorGracePeriod)/NodeMonitorPeriod + 1) * NodeMonitorPeriod
	e.Schedule(pass-now, c.id, nodeMonitor{node})
}

// Handle runs the monitor pass for a silent node.
func (c *NodeLifecycle) Handle(e *sim.Engine, ev sim.Event) {
	p, ok := ev.Payload.(nodeMonitor)
	if !ok {
		return
	}
	if _, silent := c.silent[p.node]; !silent {
		return
	}
	c.markUnknown(e, p.node)
}

func (c *NodeLifecycle) markUnknown(e *sim.Engine, name string) {
	o, ok := c.api.Get("Node", "", name)
	if !ok {
		return
	}
	node := *o.(*api.Node)
	node.Status.Conditions = append([]api.NodeCondition(nil), node.Status.Conditions...)
	for i := range node.Status.Conditions {
		cond := &node.Status.Conditions[i]
		cond.Status, cond.Reason, cond.Message = "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."
		cond.LastTransitionTime = api.At(e.Now())
	}
	node.Spec.Taints = append(append([]api.Taint(nil), node.Spec.Taints...),
		api.Taint{Key: "node.kubernetes.io/unreachable", Effect: "NoSchedule"},
		api.Taint{Key: "node.kubernetes.io/unreachable", Effect: "NoExecute"})
	if _, err := c.api.UpdateStatus(&node); err != nil {
		return
	}
	if n, ok := c.api.Get("Node", "", name); ok {
		c.api.Event(n, false, "NodeNotReady", "node-controller", "Node "+name+" status is now: NodeNotReady")
	}
	e.Emit("node.notready", fmt.Sprintf("Node %s status is now: NodeNotReady (no status from its kubelet for %s)", name, NodeMonitorGracePeriod), nil)
	marked := 0
	for _, po := range c.api.List("Pod", "") {
		pod := po.(*api.Pod)
		if pod.Spec.NodeName != name {
			continue
		}
		if c.markPodNotReady(e, pod) {
			marked++
		}
	}
	if marked > 0 {
		e.Emit("node.podsnotready", fmt.Sprintf("node-lifecycle-controller marked %d pod(s) on %s not ready", marked, name), nil)
	}
}

func (c *NodeLifecycle) markPodNotReady(e *sim.Engine, pod *api.Pod) bool {
	next := api.DeepCopy(pod)
	changed := false
	for i := range next.Status.Conditions {
		cond := &next.Status.Conditions[i]
		if cond.Type == "Ready" && cond.Status != "False" {
			cond.Status, cond.LastTransitionTime = "False", api.At(e.Now())
			changed = true
		}
	}
	if !changed {
		return false
	}
	if _, err := c.api.UpdateStatus(next); err != nil {
		return false
	}
	c.api.Event(next, true, "NodeNotReady", "node-controller", "Node is not ready")
	return true
}
