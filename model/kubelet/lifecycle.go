package kubelet

import (
	"fmt"
	"time"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/apiserver"
	"github.com/svcsim/svcsim/model/apps"
	"github.com/svcsim/svcsim/model/network"
	"github.com/svcsim/svcsim/sim"
)

func hasReadinessProbe(p *api.Pod) bool { return firstProbe(p) != nil }

func firstProbe(p *api.Pod) *api.Probe {
	for _, c := range p.Spec.Containers {
		if c.ReadinessProbe != nil {
			return c.ReadinessProbe
		}
	}
	return nil
}

// probe runs the readiness probes once: an HTTP or TCP probe succeeds
// when the container listens on the probed port; an exec probe succeeds.
// A failing probe is tried again every periodSeconds.
func (k *Kubelet) probe(e *sim.Engine, key, uid string) {
	pod, st, ok := k.current(key, uid)
	if !ok || st.terminating || st.ns == nil {
		return
	}
	var failed []string
	for _, c := range pod.Spec.Containers {
		pr := c.ReadinessProbe
		if pr == nil {
			continue
		}
		port, what := probePort(pr, c)
		if what == "" {
			continue
		}
		if port == 0 || !st.ns.Listening(network.TCP, port) {
			failed = append(failed, fmt.Sprintf("Readiness probe failed: %s", what))
		}
	}
	if len(failed) > 0 {
		e.Emit("probe.failed", fmt.Sprintf("%s: %s: %s", k.node, key, failed[0]), nil)
		st.probeEvent = e.Schedule(time.Duration(firstProbe(pod).PeriodSeconds)*time.Second, k.id, probe{key, uid})
		return
	}
	if st.ready {
		return
	}
	st.ready = true
	next := statusCopy(pod)
	k.markReady(next, e.Now())
	if _, err := k.api.UpdateStatus(next); err == nil {
		e.Emit("pod.ready", fmt.Sprintf("%s: readiness probe of %s succeeded; the pod is Ready", k.node, key), nil)
	}
}

// probePort resolves the probed port and describes the failure the
// kubelet would report.
func probePort(pr *api.Probe, c api.Container) (uint16, string) {
	var target api.IntOrString
	switch {
	case pr.HTTPGet != nil:
		target = pr.HTTPGet.Port
	case pr.TCPSocket != nil:
		target = pr.TCPSocket.Port
	default:
		return 0, "" // exec and grpc probes pass
	}
	port := uint16(target.IntVal)
	if target.IsString {
		port = 0
		for _, p := range c.Ports {
			if p.Name == target.StrVal {
				port = uint16(p.ContainerPort)
			}
		}
	}
	if pr.HTTPGet != nil {
		return port, fmt.Sprintf("Get \"http://<pod-ip>:%d%s\": dial tcp <pod-ip>:%d: connect: connection refused", port, pr.HTTPGet.Path, port)
	}
	return port, fmt.Sprintf("dial tcp <pod-ip>:%d: connect: connection refused", port)
}

// terminate starts a graceful stop: SIGTERM now; the containers exit at
// once if their program honours it, else at the end of the grace period.
func (k *Kubelet) terminate(e *sim.Engine, st *podState, pod *api.Pod) {
	st.terminating = true
	if st.probeEvent != 0 {
		e.Cancel(st.probeEvent)
	}
	if !st.started {
		k.stopped(e, st.key, st.uid)
		return
	}
	grace := time.Duration(0)
	if pod.DeletionGracePeriodSeconds != nil {
		grace = time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
	}
	wait := grace
	exits := true
	for _, im := range st.image {
		exits = exits && im.ExitsOnTerm
	}
	how := fmt.Sprintf("its program ignores SIGTERM, so it runs until SIGKILL in %s", grace)
	if exits && grace > 0 {
		wait = min(grace, 100*time.Millisecond)
		how = "its program exits on SIGTERM"
	}
	e.Emit("pod.killing", fmt.Sprintf("%s: stopping %s (grace period %s): %s", k.node, st.key, grace, how), nil)
	e.Schedule(wait, k.id, killPod{st.key, st.uid})
}

// stopped is the end of a pod's containers: sockets close, the status
// says so, and the kubelet finishes the deletion.
func (k *Kubelet) stopped(e *sim.Engine, key, uid string) {
	pod, st, ok := k.current(key, uid)
	if !ok {
		return
	}
	if st.ns != nil {
		for _, port := range st.ns.ListeningPorts(network.TCP) {
			st.ns.Close(network.TCP, port)
		}
	}
	next := statusCopy(pod)
	setCond(next, "Ready", "False", e.Now())
	setCond(next, "ContainersReady", "False", e.Now())
	for i := range next.Status.ContainerStatuses {
		cs := &next.Status.ContainerStatuses[i]
		cs.Ready = false
		cs.State = api.ContainerState{Terminated: &api.ContainerStateTerminated{ExitCode: 137, Reason: "Error", FinishedAt: api.At(e.Now())}}
	}
	_, _ = k.api.UpdateStatus(next)
	zero := int64(0)
	if err := k.api.Delete("Pod", pod.Namespace, pod.Name, apiserver.DeleteOptions{GracePeriod: &zero}); err == nil {
		e.Emit("pod.deleted", fmt.Sprintf("%s: containers of %s stopped; pod removed, IP %s released", k.node, key, pod.Status.PodIP), nil)
	}
	k.teardown(e, st)
}

func (k *Kubelet) teardown(e *sim.Engine, st *podState) {
	if st.ns != nil {
		k.net.RemovePod(st.ns)
		k.ipam.release(st.ns.IP)
		st.ns = nil
	}
	if k.pods[st.key] == st {
		delete(k.pods, st.key)
	}
}

// NetNS returns the network namespace of a running pod.
func (k *Kubelet) NetNS(key string) (*network.NetNS, bool) {
	st := k.pods[key]
	if st == nil || st.ns == nil {
		return nil, false
	}
	return st.ns, true
}

// Image returns the behaviour of a running pod's first container.
func (k *Kubelet) Image(key string) (*apps.Image, bool) {
	st := k.pods[key]
	if st == nil || len(st.image) == 0 {
		return nil, false
	}
	return st.image[0], true
}
